import ArgumentParser
import Foundation
import KalcDiagnostics
import KalcDriver
import KalcSyntax

/// `kalc fmt`: rewrite `.kal` files in the canonical layout.
struct Format: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Format .kal files in the canonical layout.",
        discussion: """
            Files with syntax errors are reported and left alone. With --check nothing is \
            written: the files that are not formatted are listed and the exit status is 1. \
            A rewritten file keeps its mode, owner, group, extended attributes and hard links; \
            a symbolic link is written through, never replaced, and only when it leads to a \
            file inside the folders given. Read-only files are reported and left alone.
            """
    )

    @Argument(help: "Files or folders to format (all .kal files below a folder). Default: the current folder.")
    var paths: [String] = []

    @Flag(name: .long, help: "Only check: list the files that would change, exit 1 if any.")
    var check = false

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func run() throws {
        let inputs = try SourceInputs.load(paths)
        if inputs.files.isEmpty && inputs.diagnostics.isEmpty {
            throw UsageError("no .kal files found in \(paths.isEmpty ? "." : paths.joined(separator: ", "))")
        }
        var diagnostics = inputs.diagnostics
        var unformatted: [String] = []
        var writeProblems: [Diagnostic] = []
        for file in inputs.files {
            let tree = SyntaxTree.parse(file)
            guard let formatted = Formatter.format(tree) else {
                diagnostics += tree.diagnostics
                continue
            }
            diagnostics += tree.diagnostics
            guard Array(formatted.utf8) != file.bytes else { continue }
            unformatted.append(file.path)
            if !check {
                do {
                    try FileRewrite(path: file.path, roots: paths.isEmpty ? ["."] : paths).write(formatted)
                } catch {
                    writeProblems.append(error.diagnostic)
                }
            }
        }
        // A file that was not written is named, not quoted: it has no syntax errors to show.
        let refused = Set(writeProblems.map(\.location.file))
        let failed = diagnosticOptions.report(diagnostics + writeProblems, sources: inputs.files.filter { !refused.contains($0.path) })
        for path in unformatted where !refused.contains(path) {
            Output.standardOutput(check ? "\(path)\n" : "formatted \(path)\n")
        }
        if !inputs.diagnostics.isEmpty || !writeProblems.isEmpty { throw ExitCode(2) }
        if failed || (check && !unformatted.isEmpty) { throw ExitCode(1) }
    }
}
