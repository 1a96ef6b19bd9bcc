import ArgumentParser
import KalcDiagnostics
import KalcResources

/// `kalc compile`: check a control plane, then write what Kalypso would see and do.
struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check .kal files and write the Kalypso objects and GitOps trees they make.",
        discussion: """
            Writes DIR/control-plane/ (the control-plane repository, one folder per branch), \
            DIR/workloads/ (each registration's Workload) and DIR/gitops/<env>/ (the tree Kalypso \
            would push to each environment's GitOps branch). Nothing is written when there are \
            errors; DIR is replaced as a whole, and only if it is new, empty or holds nothing but \
            a previous output of kalc. With --env, only those environments are compiled, and only \
            errors concerning them (or the whole project) stop the compile. Exit status: 0 written, \
            1 errors in the input, 2 usage or input/output problems.
            """
    )

    @Argument(help: "Files or folders to compile (all .kal files below a folder). Default: the current folder.")
    var paths: [String] = []

    @Option(name: .long, help: "The folder to write.")
    var out: String

    @Option(name: .long, help: "Only these environments (repeatable).")
    var env: [String] = []

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func run() throws {
        let only = env.isEmpty ? nil : Set(env)
        let project = try Project.load(paths, environments: only)
        if let only {
            let known = Set(project.analysis.controlPlane.environments.map(\.header.name.value))
            if let unknown = only.subtracting(known).sorted().first {
                throw UsageError("no environment is named `\(unknown)`")
            }
        }
        let failed = diagnosticOptions.report(project.diagnostics(for: only), sources: project.sources)
        if !project.inputDiagnostics.isEmpty { throw ExitCode(2) }
        if failed { throw ExitCode(1) }
        var files: [String: String]
        do {
            files = try ControlPlaneFiles.files(of: project.analysis.controlPlane, environments: only)
        } catch {
            throw UsageError("cannot write YAML: \(error.message)")
        }
        for tree in project.gitOps.trees where tree.isPushed {
            for (path, content) in tree.files {
                files["gitops/\(tree.environment)/\(path)"] = content
            }
        }
        do {
            try OutputFolder(path: out).replace(with: files)
        } catch {
            throw UsageError(error.description)
        }
    }
}
