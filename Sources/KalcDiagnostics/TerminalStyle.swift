/// The ANSI styles of the annotated-source report, applied only when colour is on.
enum TerminalStyle: Sendable {
    case error
    case warning
    case note
    case help
    /// Line numbers, `|` and `-->`.
    case gutter
    /// The message of a diagnostic.
    case emphasis
    /// Text a fix-it inserts.
    case addition

    init(_ severity: Severity) {
        switch severity {
        case .error: self = .error
        case .warning: self = .warning
        case .note: self = .note
        }
    }

    private var code: String {
        switch self {
        case .error: "1;31"
        case .warning: "1;33"
        case .note: "1;32"
        case .help: "1;36"
        case .gutter: "1;34"
        case .emphasis: "1"
        case .addition: "32"
        }
    }

    /// `text` wrapped in this style's escape sequences when `color` is on (empty text stays empty).
    func apply(_ text: String, color: Bool) -> String {
        guard color, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
