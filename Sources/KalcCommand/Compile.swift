import ArgumentParser
import Foundation
import KalcDiagnostics
import KalcGit
import KalcGitOps
import KalcGitOpsLayout
import KalcResources
import KalcYAML

/// `kalc compile`: check a control plane, then write what Kalypso would see and do.
struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check .kal files and write the Kalypso objects and GitOps trees they make.",
        discussion: """
            With --out DIR: writes DIR/control-plane/ (the control-plane repository, one folder per \
            branch), DIR/workloads/ (each registration's Workload) and DIR/gitops/<env>/ (the tree \
            Kalypso would push to each environment's GitOps branch). DIR is replaced as a whole, \
            and only if it is new, empty or holds nothing but files kalc wrote there, unchanged \
            (listed in DIR/.kalc-output with their SHA-256) or files holding exactly what this \
            compile writes there, at any depth.

            With --git REPO: commits each environment's tree to its GitOps branch in REPO (bare or \
            not; the working tree and index are never touched), keeping the files at the root and \
            the folders whose name starts with `.`, and removing, as Kalypso does, every other \
            top-level folder that is not a compiled cluster type; no commit when nothing \
            changes; a missing branch is created. \
            Branches move together, and only if none moved while kalc worked; a stale \
            `refs/heads/<branch>.lock` left by a killed process is named, with whether a \
            process holds it.

            Nothing is written when there are errors. With --env, only those environments are \
            compiled, and only errors concerning them (or the whole project) stop the compile. \
            Exit status: 0 written, 1 errors in the input, 2 usage or input/output problems.
            """
    )

    @Argument(help: "Files or folders to compile (all .kal files below a folder). Default: the current folder.")
    var paths: [String] = []

    @Option(name: .long, help: "The folder to write.")
    var out: String?

    @Option(name: .long, help: "A git repository whose GitOps branches get a commit per environment.")
    var git: String?

    @OptionGroup var gitOptions: GitOptions

    @Option(name: .long, help: ArgumentHelp("The commit author (default: GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, else kalc).", valueName: "name <email>"))
    var author: String?

    @Option(name: .long, help: ArgumentHelp("The committer (default: GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL, else kalc).", valueName: "name <email>"))
    var committer: String?

    @Option(name: .long, help: "The commit message (default: names kalc, the environment and the source revision).")
    var message: String?

    @Option(
        name: .long,
        help:
            "The date of the commits (git's formats: `@<seconds> <zone>`, RFC 2822, ISO 8601), for reproducible commits; default: GIT_AUTHOR_DATE and GIT_COMMITTER_DATE, else now."
    )
    var date: String?

    @Option(name: .long, help: "Only these environments (repeatable).")
    var env: [String] = []

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    @OptionGroup var timingOptions: TimingOptions

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        if out == nil && git == nil {
            throw ValidationError("give --out DIR, --git REPO, or both")
        }
        if git == nil && (gitOptions.branchTemplate != nil || author != nil || committer != nil || message != nil || date != nil) {
            throw ValidationError("--branch, --author, --committer, --message and --date go with --git")
        }
    }

    func run() throws {
        let only = env.isEmpty ? nil : Set(env)
        if let out {
            do {
                try OutputFolder(path: out).checkName()
            } catch {
                throw reported(error.diagnostic)
            }
        }
        let timer = timingOptions.makeTimer()
        defer { timingOptions.print(timer) }
        let progress = progressOptions.start(steps: 5 + (git == nil ? 0 : 1) + (out == nil ? 0 : 2), diagnostics: diagnosticOptions.format)
        defer { progress?.finish() }
        let project = try Project.load(paths, environments: only, timer: timer, progress: progress)
        KeptUntilExit.keep(project)
        if let only {
            let known = Set(project.analysis.controlPlane.environments.map(\.header.name.value))
            if let unknown = only.subtracting(known).sorted().first {
                throw UsageError("no environment is named `\(unknown)`")
            }
        }
        let failed = diagnosticOptions.report(project.diagnostics(for: only), sources: project.sources)
        if !project.inputDiagnostics.isEmpty { throw ExitCode(2) }
        if failed { throw ExitCode(1) }
        let repository = try git.map(GitPublishing.open)
        if let repository {
            progress?.begin("committing to \(repository.path)")
            try PhaseTimer.measure("commit", on: timer) { try publish(project, to: repository) }
        }
        guard let out else { return }
        var files: [String: String]
        progress?.begin("writing the Kalypso objects")
        do {
            files = try PhaseTimer.measure("emit", on: timer) { () throws(YAMLError) in try ControlPlaneFiles.files(of: project.analysis.controlPlane, environments: only) }
        } catch {
            throw UsageError("cannot write YAML: \(error.message)")
        }
        for tree in project.gitOps.trees where tree.isPushed {
            for (path, content) in tree.files {
                files[GitOpsLayout.environmentFolder(tree.environment) + path] = content
            }
        }
        let inputs = (paths.isEmpty ? ["."] : paths) + project.files.map(\.path)
        progress?.begin("writing \(files.count) files to \(out)")
        do {
            let leftovers = try PhaseTimer.measure("write", on: timer) { () throws(OutputFolder.Failure) in
                try OutputFolder(path: out).replace(with: files, inputs: inputs)
            }
            _ = diagnosticOptions.report(leftovers.map(\.diagnostic), sources: [])
        } catch {
            throw reported(error.diagnostic)
        }
        progress?.finish()
        let environments = project.gitOps.trees.filter(\.isPushed).map(\.environment)
        let gitOpsFiles = files.keys.filter { $0.hasPrefix(GitOpsLayout.outputFolder) }.count
        Output.standardOutput(
            "compiled \(environments.count) environment\(environments.count == 1 ? "" : "s") (\(environments.joined(separator: ", "))) into \(out): \(files.count - gitOpsFiles) Kalypso objects, \(gitOpsFiles) GitOps files\n"
        )
    }

    /// Reports a problem that stops the compile before anything is written; the exit
    /// status to throw.
    private func reported(_ diagnostic: Diagnostic) -> ExitCode {
        _ = diagnosticOptions.report([diagnostic], sources: [])
        return ExitCode(2)
    }

    /// Commits every pushed environment's tree to its branch, all branches moving together.
    private func publish(_ project: Project, to repository: GitRepository) throws {
        let environment = ProcessInfo.processInfo.environment
        let identity = repository.configuredIdentity
        let defaultName = "kalc"
        let defaultEmail = "kalc@localhost"
        var prepared: [(EnvironmentTree, String, PreparedCommit)] = []
        do {
            let time = try date.map { text throws(GitError) in try GitTime(parsing: text) }
            let now = GitTime.now()
            let authorParts = try author.map(Self.identity)
            let committerParts = try committer.map(Self.identity)
            let revision = GitPublishing.sourceRevision(of: paths)
            var seen: [String: String] = [:]
            for tree in project.gitOps.trees where tree.isPushed {
                guard let (branch, base) = try gitOptions.branches(for: tree) else { continue }
                if let other = seen[branch] {
                    throw UsageError("environments `\(other)` and `\(tree.environment)` would both commit to branch `\(branch)`")
                }
                seen[branch] = tree.environment
                let authorSignature = try GitSignature.resolve(
                    .author, name: authorParts?.name, email: authorParts?.email, time: time,
                    defaultName: identity?.name ?? defaultName, defaultEmail: identity?.email ?? defaultEmail,
                    environment: environment, now: now)
                let committerSignature = try GitSignature.resolve(
                    .committer, name: committerParts?.name, email: committerParts?.email, time: time,
                    defaultName: identity?.name ?? defaultName, defaultEmail: identity?.email ?? defaultEmail,
                    environment: environment, now: now)
                var text = message ?? "kalc: compile environment \(tree.environment)"
                if message == nil, let revision { text += "\n\nCompiled by kalc \(kalcVersion) from \(revision)." }
                let request = BranchCommitRequest(
                    branch: branch, baseBranch: base, update: try GitPublishing.update(for: tree),
                    author: authorSignature, committer: committerSignature, message: text)
                prepared.append((tree, branch, try repository.prepareCommit(request)))
            }
            try repository.publish(prepared.map(\.2))
        } catch let error as GitError {
            throw UsageError(error.description)
        }
        if !repository.isBare, let head = repository.headBranch, prepared.contains(where: { $0.1 == head && $0.2.movesBranch }) {
            Output.standardError("warning: branch `\(head)` is checked out in \(repository.path); its working tree now shows the new commit as uncommitted changes\n")
        }
        for (tree, branch, commit) in prepared {
            let short = { (id: GitOID) in String(id.description.prefix(7)) }
            switch commit.outcome {
            case .unchanged(let tip):
                Output.standardOutput("\(tree.environment): \(branch) unchanged at \(short(tip))\n")
            case .updated(let new, let previous):
                Output.standardOutput("\(tree.environment): \(branch) \(short(previous))..\(short(new))\n")
            case .created(let new, _):
                Output.standardOutput("\(tree.environment): \(branch) created at \(short(new))\n")
            case .createdAtBase(let tip, let base):
                Output.standardOutput("\(tree.environment): \(branch) created at \(base) (\(short(tip))), nothing to change\n")
            }
        }
    }

    /// `Name <email>` split in two.
    static func identity(_ text: String) throws -> (name: String, email: String) {
        guard let open = text.lastIndex(of: "<"), text.hasSuffix(">") else {
            throw UsageError("an identity is written `Name <email>`, not `\(text)`")
        }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        guard !name.isEmpty, !email.isEmpty else { throw UsageError("an identity is written `Name <email>`, not `\(text)`") }
        return (name, email)
    }
}
