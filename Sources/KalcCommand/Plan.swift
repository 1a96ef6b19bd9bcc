import ArgumentParser
import KalcDiagnostics
import KalcDriver
import KalcScheduling

extension PlanReport.Format: ExpressibleByArgument {}

/// `kalc plan`: the assignment matrix of every environment, or what a change does to it.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which deployment targets land on which cluster types, through which policy.",
        discussion: """
            Prints the assignments Kalypso would make in each environment: as a table (default), \
            JSON, a Graphviz graph (`kalc plan --format dot | dot -Tsvg > plan.svg`), or the page \
            of the fleet (`kalc plan --format html > fleet.html`: one self-contained file with the \
            matrix of each environment, filters, and each deployment's config, requirements and \
            GitOps files). \
            Diagnostics go to standard error; the plan is printed unless a file does not parse. \
            Exit status: 0 without errors, 1 with errors, 2 usage or input/output problems.

            With --base REV, prints what the working tree changes compared with the project at \
            the git revision REV, read from the repository that holds the first path (nothing \
            is checked out): deployments added, removed and moved between cluster types (with \
            the policy responsible), environments that would stop being pushed (with the \
            errors), config values that change per deployment (old -> new, and which config \
            sets each) and how many GitOps files change per environment; as a table, JSON, or \
            Markdown for a pull-request comment (--format markdown). Exit status: 0 nothing \
            changes, 1 something changes or there are errors, 2 usage or input/output problems.
            """
    )

    @Argument(help: "Files or folders (all .kal files below a folder). Default: the current folder.")
    var paths: [String] = []

    @Option(name: .long, help: "How to print the plan: table, json, dot or html; with --base: table, json or markdown.")
    var format: PlanReport.Format = .table

    @Option(name: .long, help: "Only these environments (repeatable).")
    var env: [String] = []

    @Option(name: .long, help: ArgumentHelp("Compare with the project at this git revision (HEAD~1, a branch, a tag, a commit).", valueName: "rev"))
    var base: String?

    @Option(name: .long, help: "Colour diagnostics: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if base == nil && format == .markdown { throw ValidationError("--format markdown needs --base") }
        if base != nil && (format == .dot || format == .html) { throw ValidationError("--base prints a table, json or markdown, not \(format.rawValue)") }
    }

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
        if let base {
            let only = env.isEmpty ? nil : Set(env)
            let change = FleetChange.compare(try Self.fleet(at: base, paths: paths, only: only), project.fleetSnapshot(only: only), base: base)
            Output.standardOutput(FleetChangeReport.render(change, format: format))
            if failed || !change.isEmpty { throw ExitCode(1) }
            return
        }
        if format == .html {
            Output.standardOutput(FleetPage.render(project.fleetSnapshot(only: env.isEmpty ? nil : Set(env))))
            if failed { throw ExitCode(1) }
            return
        }
        let schedules = project.scheduler.schedules.filter { env.isEmpty || env.contains($0.environment.header.name.value) }
        Output.standardOutput(PlanReport.render(schedules, format: format) ?? "")
        if failed { throw ExitCode(1) }
    }

    /// The fleet the project at `paths` described at the git revision `revision`; an empty
    /// fleet when the project did not exist there.
    static func fleet(at revision: String, paths: [String], only: Set<String>?) throws -> FleetSnapshot {
        let files = try RevisionFileSystem(revision: revision, holding: paths.first ?? ".")
        let searched = paths.isEmpty ? ["."] : paths
        guard searched.allSatisfy({ files.isFolder($0) != nil }) else { return FleetSnapshot(environments: []) }
        let project: Project
        do {
            project = try Project.load(paths, keepsFiles: true, from: files)
        } catch is InputError {
            // No .kal file at the revision: the project is new.
            return FleetSnapshot(environments: [])
        }
        KeptUntilExit.keep(project)
        return project.fleetSnapshot(only: only)
    }
}
