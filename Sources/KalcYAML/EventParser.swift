import CYAML

/// One parsing event, copied out of libyaml; positions are libyaml's Unicode-scalar indexes.
struct ParserEvent {
    enum Kind {
        case streamStart
        case streamEnd
        case documentStart
        case documentEnd
        case alias(anchor: String)
        case scalar(text: String, style: YAMLScalarStyle, anchor: String?, tag: String?)
        case sequenceStart(anchor: String?, tag: String?, isFlow: Bool)
        case sequenceEnd
        case mappingStart(anchor: String?, tag: String?, isFlow: Bool)
        case mappingEnd
    }

    var kind: Kind
    var startIndex: Int
    var endIndex: Int
}

/// A failure reported by libyaml's parser, before its positions are turned into marks.
struct ParserFailure: Error {
    enum Position {
        /// A Unicode-scalar index, from the scanner and the parser.
        case scalarIndex(Int)
        /// A byte offset into the input, from the reader (encoding and character checks).
        case byteOffset(Int)
    }

    var message: String
    var position: Position
}

/// libyaml's event parser over one UTF-8 text; owns the parser state and its own copy of the bytes.
final class EventParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>

    init(bytes: [UInt8]) throws(ParserFailure) {
        // libyaml reads from a pointer it keeps, so the bytes get a home that outlives this call.
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        parser = .allocate(capacity: 1)
        guard yaml_parser_initialize(parser) != 0 else {
            parser.deallocate()
            input.deallocate()
            throw ParserFailure(message: "out of memory", position: .byteOffset(0))
        }
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
        // The encoding is fixed so that a UTF-16 byte order mark is an error, not a switch to
        // UTF-16 that would make scalar indexes disagree with the UTF-8 bytes.
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event of the stream; after `streamEnd` libyaml keeps answering `streamEnd`.
    func next() throws(ParserFailure) -> ParserEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else {
            throw failure()
        }
        defer { yaml_event_delete(&event) }
        return ParserEvent(
            kind: Self.kind(of: event),
            startIndex: event.start_mark.index,
            endIndex: event.end_mark.index
        )
    }

    private static func kind(of event: yaml_event_t) -> ParserEvent.Kind {
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = scalar.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
            }
            return .scalar(
                text: text ?? "",
                style: style(of: scalar.style),
                anchor: string(scalar.anchor),
                tag: string(scalar.tag)
            )
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            return .sequenceStart(
                anchor: string(start.anchor),
                tag: string(start.tag),
                isFlow: start.style == YAML_FLOW_SEQUENCE_STYLE
            )
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            return .mappingStart(
                anchor: string(start.anchor),
                tag: string(start.tag),
                isFlow: start.style == YAML_FLOW_MAPPING_STYLE
            )
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            // libyaml produces no other event types; the end of the stream is the safe reading.
            return .streamEnd
        }
    }

    private static func style(of style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// The parser's error, in words: the problem, then what was being parsed.
    private func failure() -> ParserFailure {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "cannot parse YAML"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return ParserFailure(message: "out of memory", position: .byteOffset(0))
        case YAML_READER_ERROR:
            return ParserFailure(
                message: Self.readerMessage(problem: problem, value: state.problem_value),
                position: .byteOffset(state.problem_offset)
            )
        default:
            let context = state.context.map { String(cString: $0) }
            return ParserFailure(
                message: context.map { "\(problem) \($0)" } ?? problem,
                position: .scalarIndex(state.problem_mark.index)
            )
        }
    }

    /// The reader names the offending octet or character; it is shown in hex after the problem.
    private static func readerMessage(problem: String, value: Int32) -> String {
        guard value >= 0 else {
            return problem
        }
        let hex = String(value, radix: 16, uppercase: true)
        if problem.contains("octet") {
            return "\(problem) 0x\(String(repeating: "0", count: max(0, 2 - hex.count)))\(hex)"
        }
        return "\(problem) U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)"
    }
}
