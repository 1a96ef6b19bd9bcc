/// A stable diagnostic code, `K` and four digits, with its default severity and a title.
///
/// Every code kalc can emit is declared in this file, so the documentation and
/// `kalc explain` can list them all.
public struct DiagnosticCode: Sendable, Hashable, CustomStringConvertible {
    /// `K0001` and so on.
    public let rawValue: String
    public let defaultSeverity: Severity
    /// A few words naming the problem, used as a title in SARIF and GitHub annotations.
    public let title: String

    public init(_ rawValue: String, _ defaultSeverity: Severity, _ title: String) {
        self.rawValue = rawValue
        self.defaultSeverity = defaultSeverity
        self.title = title
    }

    public var description: String { rawValue }

    public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

extension DiagnosticCode {
    // MARK: Syntax (K00xx)

    public static let invalidCharacter = DiagnosticCode("K0001", .error, "invalid character")
    public static let unterminatedString = DiagnosticCode("K0002", .error, "unterminated string")
    public static let invalidEscape = DiagnosticCode("K0003", .error, "invalid escape sequence")
    public static let unterminatedTextBlock = DiagnosticCode("K0004", .error, "unterminated text block")
    public static let textBlockIndentation = DiagnosticCode("K0005", .error, "text block line less indented than its closing delimiter")
    public static let textBlockOpening = DiagnosticCode("K0006", .error, "text on the line of an opening text block delimiter")
    public static let invalidUTF8 = DiagnosticCode("K0007", .error, "invalid UTF-8")
    public static let expectedToken = DiagnosticCode("K0010", .error, "expected token missing")
    public static let unexpectedToken = DiagnosticCode("K0011", .error, "unexpected token")
    public static let unclosedDelimiter = DiagnosticCode("K0012", .error, "unclosed delimiter")
    public static let nestingTooDeep = DiagnosticCode("K0013", .error, "nesting too deep")
    public static let misplacedImport = DiagnosticCode("K0014", .error, "import after a declaration")

    // MARK: Input and output (K09xx)

    public static let unreadableFile = DiagnosticCode("K0901", .error, "file cannot be read")
    public static let fileTooLarge = DiagnosticCode("K0902", .error, "file too large")
    public static let noSourceFiles = DiagnosticCode("K0903", .error, "no .kal files found")

    /// Every code kalc declares, in code order.
    public static let all: [DiagnosticCode] = [
        .invalidCharacter, .unterminatedString, .invalidEscape, .unterminatedTextBlock,
        .textBlockIndentation, .textBlockOpening, .invalidUTF8, .expectedToken, .unexpectedToken,
        .unclosedDelimiter, .nestingTooDeep, .misplacedImport,
        .unreadableFile, .fileTooLarge, .noSourceFiles,
    ].sorted { $0.rawValue < $1.rawValue }

    /// The code with this spelling (`K0001`), if kalc declares it.
    public static func named(_ rawValue: String) -> DiagnosticCode? {
        all.first { $0.rawValue == rawValue.uppercased() }
    }
}
