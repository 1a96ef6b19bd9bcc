import ArgumentParser
import KalcDiagnostics
import KalcSyntax

/// `kalc check`: parse and check a control plane, and report every problem.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check .kal files and report every problem.",
        discussion: """
            Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors, \
            2 when kalc was called wrongly or an input cannot be read.
            """
    )

    @Argument(help: "Files or folders to check (all .kal files below a folder). Default: the current folder.")
    var paths: [String] = []

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func run() throws {
        let inputs = try SourceInputs.load(paths)
        if inputs.files.isEmpty && inputs.diagnostics.isEmpty {
            throw UsageError("no .kal files found in \(paths.isEmpty ? "." : paths.joined(separator: ", "))")
        }
        let trees = inputs.files.map(SyntaxTree.parse)
        let diagnostics = inputs.diagnostics + trees.flatMap(\.diagnostics)
        let failed = diagnosticOptions.report(diagnostics, sources: inputs.files)
        if !inputs.diagnostics.isEmpty { throw ExitCode(2) }
        if failed { throw ExitCode(1) }
    }
}
