import ArgumentParser
import KalcDiagnostics
import KalcScheduling

extension PlanReport.Format: ExpressibleByArgument {}

/// `kalc plan`: the assignment matrix of every environment.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which deployment targets land on which cluster types, through which policy.",
        discussion: """
            Prints the assignments Kalypso would make in each environment: as a table (default), \
            JSON, or a Graphviz graph (`kalc plan --format dot | dot -Tsvg > plan.svg`). \
            Diagnostics go to standard error; the plan is printed unless a file does not parse. \
            Exit status: 0 without errors, 1 with errors, 2 usage or input/output problems.
            """
    )

    @Argument(help: "Files or folders (all .kal files below a folder). Default: the current folder.")
    var paths: [String] = []

    @Option(name: .long, help: "How to print the plan: table, json or dot.")
    var format: PlanReport.Format = .table

    @Option(name: .long, help: "Only these environments (repeatable).")
    var env: [String] = []

    @Option(name: .long, help: "Colour diagnostics: auto, always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        let project = try Project.load(paths)
        KeptUntilExit.keep(project)
        let failed = DiagnosticReporter(color: color).report(project.diagnostics, sources: project.sources)
        if !project.inputDiagnostics.isEmpty { throw ExitCode(2) }
        if project.trees.contains(where: { $0.diagnostics.hasErrors }) { throw ExitCode(1) }
        let known = Set(project.scheduler.schedules.map(\.environment.header.name.value))
        for name in env where !known.contains(name) {
            throw UsageError("no environment is named `\(name)`")
        }
        let schedules = project.scheduler.schedules.filter { env.isEmpty || env.contains($0.environment.header.name.value) }
        Output.standardOutput(PlanReport.render(schedules, format: format))
        if failed { throw ExitCode(1) }
    }
}
