import ArgumentParser
import KalcDiagnostics
import KalcResources

/// `kalc compile`: check a control plane, then write what Kalypso would see and do.
struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check .kal files and write the Kalypso objects they declare.",
        discussion: """
            Writes DIR/control-plane/ (the control-plane repository, one folder per branch) and \
            DIR/workloads/ (each registration's Workload). Nothing is written when there are \
            errors; DIR is replaced as a whole, and only if it is new, empty or holds nothing but \
            a previous output of kalc. Exit status: 0 written, 1 errors in the input, 2 usage or \
            input/output problems.
            """
    )

    @Argument(help: "Files or folders to compile (all .kal files below a folder). Default: the current folder.")
    var paths: [String] = []

    @Option(name: .long, help: "The folder to write.")
    var out: String

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func run() throws {
        let project = try Project.load(paths)
        let failed = diagnosticOptions.report(project.diagnostics, sources: project.sources)
        if !project.inputDiagnostics.isEmpty { throw ExitCode(2) }
        if failed { throw ExitCode(1) }
        let files: [String: String]
        do {
            files = try ControlPlaneFiles.files(of: project.analysis.controlPlane)
        } catch {
            throw UsageError("cannot write YAML: \(error.message)")
        }
        do {
            try OutputFolder(path: out).replace(with: files)
        } catch {
            throw UsageError(error.description)
        }
    }
}
