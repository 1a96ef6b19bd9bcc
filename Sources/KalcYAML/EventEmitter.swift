import CYAML

/// libyaml's emitter set up for kalc's output: block style, 2-space indentation, no line
/// folding, UTF-8 text unescaped, `\n` line breaks; owns the emitter state and collects the output.
final class EventEmitter {
    /// The bytes written so far; a class so that libyaml's write callback can reach it.
    private final class Output {
        var bytes: [UInt8] = []
    }

    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let output = Output()

    init() throws(YAMLError) {
        emitter = .allocate(capacity: 1)
        guard yaml_emitter_initialize(emitter) != 0 else {
            emitter.deallocate()
            throw YAMLError(message: "out of memory", mark: .origin)
        }
        yaml_emitter_set_output(
            emitter,
            { context, buffer, size in
                guard let context else {
                    return 0
                }
                let output = Unmanaged<Output>.fromOpaque(context).takeUnretainedValue()
                if let buffer {
                    output.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                }
                return 1
            }, Unmanaged.passUnretained(output).toOpaque())
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    /// Everything emitted so far, as text.
    var text: String {
        String(decoding: output.bytes, as: UTF8.self)
    }

    func streamStart(at mark: YAMLMark) throws(YAMLError) {
        try emit(at: mark) { yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING) }
    }

    func streamEnd(at mark: YAMLMark) throws(YAMLError) {
        try emit(at: mark) { yaml_stream_end_event_initialize(&$0) }
    }

    /// Starts a document; libyaml writes `---` before every document but the first.
    func documentStart(at mark: YAMLMark) throws(YAMLError) {
        try emit(at: mark) { yaml_document_start_event_initialize(&$0, nil, nil, nil, 1) }
    }

    func documentEnd(at mark: YAMLMark) throws(YAMLError) {
        try emit(at: mark) { yaml_document_end_event_initialize(&$0, 1) }
    }

    /// A scalar. `tag` is written only when both implicit flags are false; `plainImplicit` says
    /// the text may be written plain without its tag, `quotedImplicit` the same for quoted styles.
    func scalar(
        _ text: String, tag: String?, plainImplicit: Bool, quotedImplicit: Bool,
        style: yaml_scalar_style_t, at mark: YAMLMark
    ) throws(YAMLError) {
        let value = CString(text)
        guard value.length <= Int(Int32.max) else {
            throw YAMLError(message: "scalar is too long to write", mark: mark)
        }
        let tagBytes = try Self.tagBytes(tag, at: mark)
        try emit(at: mark) { event in
            value.withPointer { valuePointer in
                withOptionalPointer(tagBytes) { tagPointer in
                    yaml_scalar_event_initialize(
                        &event, nil, tagPointer, valuePointer, Int32(value.length),
                        plainImplicit ? 1 : 0, quotedImplicit ? 1 : 0, style
                    )
                }
            }
        }
    }

    /// Starts a sequence; `tag` is written unless `implicit`.
    func sequenceStart(tag: String?, implicit: Bool, isFlow: Bool, at mark: YAMLMark) throws(YAMLError) {
        let tagBytes = try Self.tagBytes(tag, at: mark)
        let style = isFlow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE
        try emit(at: mark) { event in
            withOptionalPointer(tagBytes) { tagPointer in
                yaml_sequence_start_event_initialize(&event, nil, tagPointer, implicit ? 1 : 0, style)
            }
        }
    }

    func sequenceEnd(at mark: YAMLMark) throws(YAMLError) {
        try emit(at: mark) { yaml_sequence_end_event_initialize(&$0) }
    }

    /// Starts a mapping; `tag` is written unless `implicit`.
    func mappingStart(tag: String?, implicit: Bool, isFlow: Bool, at mark: YAMLMark) throws(YAMLError) {
        let tagBytes = try Self.tagBytes(tag, at: mark)
        let style = isFlow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE
        try emit(at: mark) { event in
            withOptionalPointer(tagBytes) { tagPointer in
                yaml_mapping_start_event_initialize(&event, nil, tagPointer, implicit ? 1 : 0, style)
            }
        }
    }

    func mappingEnd(at mark: YAMLMark) throws(YAMLError) {
        try emit(at: mark) { yaml_mapping_end_event_initialize(&$0) }
    }

    /// A tag's bytes for libyaml, checked here so that the error names the node: libyaml reads a
    /// tag up to its first NUL, and reports an empty tag only when a later event arrives.
    private static func tagBytes(_ tag: String?, at mark: YAMLMark) throws(YAMLError) -> CString? {
        guard let tag else {
            return nil
        }
        guard !tag.isEmpty else {
            throw YAMLError(message: "tag value must not be empty", mark: mark)
        }
        guard !tag.utf8.contains(0) else {
            throw YAMLError(message: "tag contains a NUL character", mark: mark)
        }
        return CString(tag)
    }

    /// Builds an event with `initialize` and hands it to the emitter, which takes ownership of it.
    private func emit(at mark: YAMLMark, _ initialize: (inout yaml_event_t) -> Int32) throws(YAMLError) {
        var event = yaml_event_t()
        guard initialize(&event) != 0 else {
            throw YAMLError(message: "cannot write this node: libyaml rejected its text or tag", mark: mark)
        }
        guard yaml_emitter_emit(emitter, &event) != 0 else {
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "cannot write YAML"
            throw YAMLError(message: problem, mark: mark)
        }
    }
}

/// UTF-8 bytes with a terminating NUL, so that libyaml always gets a non-null pointer.
private struct CString {
    var bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.utf8)
        bytes.append(0)
    }

    /// The length without the terminating NUL.
    var length: Int { bytes.count - 1 }

    /// Calls `body` with the address of the bytes, which is never nil: the NUL is always there.
    func withPointer<R>(_ body: (UnsafePointer<UInt8>?) -> R) -> R {
        bytes.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

private func withOptionalPointer<R>(_ string: CString?, _ body: (UnsafePointer<UInt8>?) -> R) -> R {
    guard let string else {
        return body(nil)
    }
    return string.withPointer(body)
}
