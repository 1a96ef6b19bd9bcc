/// A part of kalc that takes untrusted bytes, as a fuzz target: one function from any input
/// to the invariants that input broke.
///
/// libFuzzer drives these through `Fuzz/` (built with `-sanitize=fuzzer,address`), and the
/// test suite replays the seed corpus and every input that once failed through the same
/// functions. Reaching a crash, a hang or a broken invariant is a bug in kalc, never in the
/// input: bad input must come back as diagnostics.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The lexer, parser and formatter on one `.kal` file.
    case syntax
    /// The whole pipeline of `kalc check` and `kalc compile` on a project of one file.
    case checker
    /// Kalypso's template rendering on one manifest.
    case template
    /// JSON Schema compilation and validation.
    case schema
    /// `kalc import` on one YAML file.
    case yamlImport = "yaml-import"
    /// The language server's message framing and dispatch.
    case languageServer = "lsp"

    /// Runs the target on `input` and returns the invariants it broke, as sentences; empty
    /// when kalc behaved.
    public func run(_ input: [UInt8]) -> [String] {
        switch self {
        case .syntax: SyntaxFuzzing.run(input)
        case .checker: CheckerFuzzing.run(input)
        case .template: TemplateFuzzing.run(input)
        case .schema: SchemaFuzzing.run(input)
        case .yamlImport: ImportFuzzing.run(input)
        case .languageServer: LanguageServerFuzzing.run(input)
        }
    }
}
