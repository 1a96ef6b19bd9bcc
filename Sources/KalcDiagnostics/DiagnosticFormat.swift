/// The ways kalc reports diagnostics (`--format`).
public enum DiagnosticFormat: String, CaseIterable, Sendable {
    /// Annotated source for people, in colour on a terminal.
    case human
    /// One JSON array with an object per diagnostic.
    case json
    /// A SARIF 2.1.0 log for GitHub code scanning and other static-analysis viewers.
    case sarif
    /// GitHub Actions workflow commands that annotate the files of a pull request.
    case github
}
