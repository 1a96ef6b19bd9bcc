/// Turns diagnostics into the text of a report, in any `DiagnosticFormat`.
///
/// Rendering is pure: the renderer quotes only the `sources` it is given and writes nothing.
/// Diagnostics are rendered in the order given (sort them with `Diagnostic.reportOrder` for
/// stable reports). A diagnostic whose file is not among the sources, or whose span lies
/// outside its file, is still reported, with its file but without lines; one with an empty
/// path is reported without a file.
public struct DiagnosticRenderer: Sendable {
    /// The files that reports may quote, by the path diagnostics name them with.
    public var sources: [String: SourceFile]
    /// Whether the human report uses ANSI colours (the other formats never do).
    public var color: Bool
    /// The tool named in SARIF logs.
    public var toolName: String
    /// The tool version named in SARIF logs.
    public var toolVersion: String
    /// The widest source line, in terminal columns, that the human report quotes whole;
    /// wider lines are cut around the underlined text.
    public var maximumLineWidth: Int
    /// The distance between tab stops when the human report expands tabs.
    public var tabWidth: Int

    /// Makes a renderer over `sources`, keyed by the path diagnostics use.
    public init(
        sources: [String: SourceFile], color: Bool = false, toolName: String = "kalc", toolVersion: String,
        maximumLineWidth: Int = 120, tabWidth: Int = 4
    ) {
        self.sources = sources
        self.color = color
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.maximumLineWidth = maximumLineWidth
        self.tabWidth = tabWidth
    }

    /// Makes a renderer over `sources`, keyed by their `path` (a later file wins over an
    /// earlier one with the same path).
    public init(
        sources: [SourceFile], color: Bool = false, toolName: String = "kalc", toolVersion: String,
        maximumLineWidth: Int = 120, tabWidth: Int = 4
    ) {
        var byPath: [String: SourceFile] = [:]
        for source in sources { byPath[source.path] = source }
        self.init(
            sources: byPath, color: color, toolName: toolName, toolVersion: toolVersion,
            maximumLineWidth: maximumLineWidth, tabWidth: tabWidth)
    }

    /// The complete report of `diagnostics`: for `human` one block per diagnostic, each
    /// followed by an empty line (empty for no diagnostics); for `json` and `sarif` one JSON
    /// document; for `github` one line per diagnostic. Every non-empty report ends with a newline.
    public func render(_ diagnostics: [Diagnostic], format: DiagnosticFormat) -> String {
        let lookup = SourceLookup(sources: sources)
        switch format {
        case .human:
            return HumanReport(
                lookup: lookup, color: color, tabWidth: max(1, tabWidth),
                maximumLineWidth: max(20, maximumLineWidth)
            ).render(diagnostics)
        case .json:
            return JSONReport(lookup: lookup).render(diagnostics)
        case .sarif:
            return SARIFReport(lookup: lookup, toolName: toolName, toolVersion: toolVersion).render(diagnostics)
        case .github:
            return GitHubAnnotations(lookup: lookup).render(diagnostics)
        }
    }

    /// The line a command prints after a human report, such as `error: 2 errors, 1 warning
    /// emitted`, led by the most serious severity present and coloured like it; `nil` when
    /// there are no diagnostics.
    public func summary(of diagnostics: [Diagnostic]) -> String? {
        let counts = Severity.allCases.map { severity in
            (severity, diagnostics.count { $0.severity == severity })
        }
        guard let worst = counts.first(where: { $0.1 > 0 })?.0 else { return nil }
        let parts = counts.filter { $0.1 > 0 }.map { severity, count in
            "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
        }
        return TerminalStyle(worst).apply(worst.rawValue, color: color)
            + TerminalStyle.emphasis.apply(": " + parts.joined(separator: ", ") + " emitted", color: color)
    }
}
