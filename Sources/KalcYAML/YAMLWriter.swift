import CYAML

/// Writes node trees as YAML text through libyaml's emitter, in the shape Kubernetes objects are
/// usually written: block style, 2-space indentation (sequences inside mappings not indented),
/// no line folding, UTF-8 text unescaped, `{}` and `[]` for empty collections.
///
/// A stream of one document has no `---`; several are separated by `---`. Mapping entries keep
/// the order given. Scalars are written so that they read back as the same text and type:
/// - with no tag (or `!!str`) a scalar is a string: it is written plain only when no YAML 1.1 or
///   1.2 reader (Kubernetes' yaml.v2 included) would take the plain text for another type, so
///   `"true"`, `"yes"`, `"0777"`, `"1:30"`, `"null"` and `""` come out quoted;
/// - with an `!!int`, `!!float`, `!!bool` or `!!null` tag it is written plain without its tag
///   when its text is not a plain string (`3`, `true`, `null`), and with its tag otherwise;
/// - with any other tag it is written with its tag.
///
/// The requested style is honoured when libyaml allows it and falls back to a quoted style
/// otherwise (a `literal` block with trailing spaces on a line becomes double-quoted); `plain`
/// means the writer's choice, which is a `|` block for text with line breaks. Either way the
/// text reads back exactly.
public enum YAMLWriter {
    /// The YAML text of a stream of documents.
    public static func string(_ documents: [YAMLNode]) throws(YAMLError) -> String {
        let emitter = try EventEmitter()
        try emitter.streamStart(at: .origin)
        for document in documents {
            try emitter.documentStart(at: document.start)
            try emit(document, to: emitter)
            try emitter.documentEnd(at: document.end)
        }
        try emitter.streamEnd(at: documents.last?.end ?? .origin)
        return emitter.text
    }

    /// A step of the walk over a tree: a node to write, or the end of a collection.
    private enum Step {
        case node(YAMLNode, isKey: Bool)
        case sequenceEnd(YAMLMark)
        case mappingEnd(YAMLMark)
    }

    /// Writes one tree, walking it with an explicit stack so that depth costs no recursion.
    private static func emit(_ root: YAMLNode, to emitter: EventEmitter) throws(YAMLError) {
        var steps: [Step] = [.node(root, isKey: false)]
        while let step = steps.popLast() {
            switch step {
            case let .sequenceEnd(mark):
                try emitter.sequenceEnd(at: mark)
            case let .mappingEnd(mark):
                try emitter.mappingEnd(at: mark)
            case let .node(node, isKey):
                switch node.content {
                case let .scalar(text, style):
                    try emitScalar(text, style: style, tag: node.tag, isKey: isKey, at: node.start, to: emitter)
                case let .sequence(items):
                    let tag = explicitTag(node.tag, implicit: YAMLTag.seq)
                    try emitter.sequenceStart(tag: tag, implicit: tag == nil, isFlow: items.isEmpty, at: node.start)
                    steps.append(.sequenceEnd(node.end))
                    steps.append(contentsOf: items.reversed().map { .node($0, isKey: false) })
                case let .mapping(entries):
                    let tag = explicitTag(node.tag, implicit: YAMLTag.map)
                    try emitter.mappingStart(tag: tag, implicit: tag == nil, isFlow: entries.isEmpty, at: node.start)
                    steps.append(.mappingEnd(node.end))
                    for entry in entries.reversed() {
                        steps.append(.node(entry.value, isKey: false))
                        steps.append(.node(entry.key, isKey: true))
                    }
                }
            }
        }
    }

    /// The tag a collection must show: none when it has none or has the default tag of its kind.
    private static func explicitTag(_ tag: String?, implicit: String) -> String? {
        tag == implicit ? nil : tag
    }

    private static let plainTypedTags: Set<String> = [YAMLTag.int, YAMLTag.float, YAMLTag.bool, YAMLTag.null]

    private static func emitScalar(
        _ text: String, style: YAMLScalarStyle, tag: String?, isKey: Bool,
        at mark: YAMLMark, to emitter: EventEmitter
    ) throws(YAMLError) {
        switch tag {
        case nil, YAMLTag.str:
            // Without a tag, libyaml quotes whenever plain is not implicit.
            try emitter.scalar(
                text, tag: nil, plainImplicit: PlainScalar.readsAsString(text), quotedImplicit: true,
                style: libyamlStyle(style, for: text), at: mark
            )
        case let tag?
        where plainTypedTags.contains(tag) && !PlainScalar.readsAsString(text)
            && !(isKey && text.isEmpty):
            // An empty key cannot be plain, so it keeps its tag in the branch below.
            try emitter.scalar(
                text, tag: tag, plainImplicit: true, quotedImplicit: false,
                style: YAML_PLAIN_SCALAR_STYLE, at: mark
            )
        case let tag?:
            try emitter.scalar(
                text, tag: tag, plainImplicit: false, quotedImplicit: false,
                style: libyamlStyle(style, for: text), at: mark
            )
        }
    }

    /// The style to ask libyaml for; `plain` text with line breaks is asked for as a `|` block.
    private static func libyamlStyle(_ style: YAMLScalarStyle, for text: String) -> yaml_scalar_style_t {
        switch style {
        case .plain: text.utf8.contains(UInt8(ascii: "\n")) ? YAML_LITERAL_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE
        case .singleQuoted: YAML_SINGLE_QUOTED_SCALAR_STYLE
        case .doubleQuoted: YAML_DOUBLE_QUOTED_SCALAR_STYLE
        case .literal: YAML_LITERAL_SCALAR_STYLE
        case .folded: YAML_FOLDED_SCALAR_STYLE
        }
    }
}
