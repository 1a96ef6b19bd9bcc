/// A position in YAML source: UTF-8 byte offset, 0-based line, 0-based column in UTF-8 bytes.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, the line breaks of the Language Server Protocol.
public struct YAMLMark: Sendable, Hashable {
    /// The UTF-8 byte offset from the start of the text.
    public var offset: Int
    /// The 0-based line number.
    public var line: Int
    /// The 0-based column, counted in UTF-8 bytes from the start of the line.
    public var column: Int

    /// Creates a mark from its three coordinates.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The start of a text; the mark of nodes built in code rather than read from source.
    public static let origin = YAMLMark(offset: 0, line: 0, column: 0)
}

/// How a scalar is written: read from source, or requested from the writer.
public enum YAMLScalarStyle: Sendable, Hashable {
    /// Unquoted text; as a writer request, the writer's choice.
    case plain
    /// `'text'`.
    case singleQuoted
    /// `"text"` with backslash escapes.
    case doubleQuoted
    /// A `|` block that keeps line breaks.
    case literal
    /// A `>` block that folds line breaks.
    case folded
}

/// One node of a parsed YAML document (aliases already expanded).
public struct YAMLNode: Sendable, Hashable {
    /// What a node holds.
    public enum Content: Sendable, Hashable {
        /// Text, with the style it was written in.
        case scalar(String, YAMLScalarStyle)
        /// Items in order.
        case sequence([YAMLNode])
        /// Entries in source order, duplicates kept.
        case mapping([YAMLMappingEntry])
    }

    /// What the node holds.
    public var content: Content
    /// The explicit tag, expanded (`tag:yaml.org,2002:str` for `!!str`); nil when none was written.
    public var tag: String?
    /// Where the node starts, including its anchor and tag.
    public var start: YAMLMark
    /// Where the node ends (exclusive).
    public var end: YAMLMark

    /// Creates a node; nodes built in code have no source, so their marks default to the origin.
    public init(content: Content, tag: String? = nil, start: YAMLMark = .origin, end: YAMLMark = .origin) {
        self.content = content
        self.tag = tag
        self.start = start
        self.end = end
    }
}

/// One key and its value in a mapping.
public struct YAMLMappingEntry: Sendable, Hashable {
    /// The key node; usually a scalar.
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// The tags of the YAML core types, expanded as `YAMLNode.tag` holds them.
public enum YAMLTag {
    /// `!!str`: a string.
    public static let str = "tag:yaml.org,2002:str"
    /// `!!int`: an integer.
    public static let int = "tag:yaml.org,2002:int"
    /// `!!float`: a floating-point number.
    public static let float = "tag:yaml.org,2002:float"
    /// `!!bool`: a boolean.
    public static let bool = "tag:yaml.org,2002:bool"
    /// `!!null`: the null value.
    public static let null = "tag:yaml.org,2002:null"
    /// `!!seq`: a sequence.
    public static let seq = "tag:yaml.org,2002:seq"
    /// `!!map`: a mapping.
    public static let map = "tag:yaml.org,2002:map"
}

extension YAMLNode {
    /// A string scalar; the writer quotes it whenever plain text would read as another type.
    public static func string(_ text: String, style: YAMLScalarStyle = .plain) -> YAMLNode {
        YAMLNode(content: .scalar(text, style))
    }

    /// An integer scalar, written plain.
    public static func integer(_ value: Int) -> YAMLNode {
        YAMLNode(content: .scalar(String(value), .plain), tag: YAMLTag.int)
    }

    /// A boolean scalar, written `true` or `false`.
    public static func boolean(_ value: Bool) -> YAMLNode {
        YAMLNode(content: .scalar(value ? "true" : "false", .plain), tag: YAMLTag.bool)
    }

    /// The null scalar, written `null`.
    public static let null = YAMLNode(content: .scalar("null", .plain), tag: YAMLTag.null)

    /// A sequence of items.
    public static func sequence(_ items: [YAMLNode]) -> YAMLNode {
        YAMLNode(content: .sequence(items))
    }

    /// A mapping with string keys, in the order given.
    public static func mapping(_ entries: [(key: String, value: YAMLNode)]) -> YAMLNode {
        YAMLNode(content: .mapping(entries.map { YAMLMappingEntry(key: .string($0.key), value: $0.value) }))
    }
}
