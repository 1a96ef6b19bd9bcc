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

    @OptionGroup var timingOptions: TimingOptions

    @OptionGroup var progressOptions: ProgressOptions

    func run() throws {
        let timer = timingOptions.makeTimer()
        let progress = progressOptions.start(steps: 5, diagnostics: diagnosticOptions.format)
        defer { progress?.finish() }
        let project = try Project.load(paths, keepsFiles: false, timer: timer, progress: progress)
        KeptUntilExit.keep(project)
        progress?.finish()
        let failed = diagnosticOptions.report(project.diagnostics, sources: project.sources)
        timingOptions.print(timer)
        if !project.inputDiagnostics.isEmpty { throw ExitCode(2) }
        if failed { throw ExitCode(1) }
    }
}
