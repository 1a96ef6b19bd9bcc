/// A regular expression with the syntax and matching of Go's `regexp` package (RE2):
/// unanchored search, Perl flags, Unicode classes, no backreferences or lookaround.
public struct GoRegex: Sendable {
    /// The expression as written.
    public let pattern: String
    private let program: ProgramBox

    private final class ProgramBox: Sendable {
        let program: RegexProgram
        init(_ program: RegexProgram) { self.program = program }
    }

    /// Compiles a pattern as `regexp.Compile` does; throws Go's syntax error when it would.
    public init(_ pattern: String) throws(RegexSyntaxError) {
        let tree = try RegexParser.parse(pattern)
        guard let program = RegexProgram(tree) else {
            throw RegexSyntaxError(code: RegexSyntaxError.internalError, expression: pattern)
        }
        self.pattern = pattern
        self.program = ProgramBox(program)
    }

    /// Whether the expression matches any part of `text` (Go's `MatchString`).
    public func matches(_ text: String) -> Bool {
        program.program.matches(text)
    }
}
