import KalcDiagnostics

/// The kinds of tokens of the kalc language.
///
/// Keywords are not token kinds: every keyword is a `word` whose text is a `Keyword`,
/// because keywords are contextual (a config key may be called `template`).
public enum TokenKind: UInt8, Sendable, Hashable, CaseIterable {
    // Trivia: kept in the tree so that printing it gives back the input.
    case whitespace
    case newline
    case lineComment

    // Literals and names.
    /// A name, label key or value, number or keyword: `east-us`, `example.com/tier`, `8080`.
    case word
    /// `"..."` with escapes.
    case string
    /// `"""` ... `"""`: multi-line raw text with its indentation stripped.
    case textBlock

    // Punctuation.
    case leftBrace, rightBrace, leftBracket, rightBracket, leftParen, rightParen
    case equals, equalsEquals, colon, comma, at, slash, bang, pipe, question

    /// A byte that starts no token (reported once per run of such bytes).
    case unknown
    /// The end of the file (zero width).
    case endOfFile

    /// Whether the token is trivia (spaces, line breaks, comments).
    public var isTrivia: Bool {
        self == .whitespace || self == .newline || self == .lineComment
    }

    /// How the token kind is named in messages.
    public var displayName: String {
        switch self {
        case .whitespace: "whitespace"
        case .newline: "line break"
        case .lineComment: "comment"
        case .word: "name"
        case .string: "string"
        case .textBlock: "text block"
        case .leftBrace: "`{`"
        case .rightBrace: "`}`"
        case .leftBracket: "`[`"
        case .rightBracket: "`]`"
        case .leftParen: "`(`"
        case .rightParen: "`)`"
        case .equals: "`=`"
        case .equalsEquals: "`==`"
        case .colon: "`:`"
        case .comma: "`,`"
        case .at: "`@`"
        case .slash: "`/`"
        case .bang: "`!`"
        case .pipe: "`|`"
        case .question: "`?`"
        case .unknown: "invalid character"
        case .endOfFile: "end of file"
        }
    }
}

/// One token: its kind and the bytes it covers. Its text lives in the source file.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var span: Span

    public init(_ kind: TokenKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// The reserved words of the language. Each is contextual: it is a keyword only where
/// the grammar (`grammar/kalc.grammar`) expects it, and a plain name elsewhere.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case `import`
    case repo
    case environment
    case clusterType
    case policy
    case config
    case schema
    case template
    case registration
    case workload
    case target
    case `in`
    case notin
    case manifest
    case requires
    case json
    case targets
    case clusterTypes
    case `where`
    case commit
    case format
    case pattern
    case min
    case max
    // Property keys.
    case controlPlane
    case gitops
    case base
    case reconciler
    case namespace
    case type
    case contentType
    case workspace
    case source
    case manifests
    // Requirement types.
    case string
    case integer
    case number
    case boolean
    case object
    case array

    /// The keywords that start a declaration (`environment qa { ... }`).
    public static let declarationKeywords: Set<Keyword> = [
        .environment, .clusterType, .policy, .config, .schema, .template, .registration, .workload, .target,
    ]
}
