import ArgumentParser
import Foundation
import KalcGit
import KalcGitOps
import KalcSemantics

/// The options of commands that write to, or compare with, a GitOps repository.
struct GitOptions: ParsableArguments {
    @Option(
        name: .customLong("branch"),
        help: ArgumentHelp(
            "Write to this branch instead of each environment's GitOps branch, created from it when missing; `<env>` stands for the environment's name, `<branch>` for its branch (e.g. `kalc/<env>`).",
            valueName: "name-template"))
    var branchTemplate: String?

    /// Refuses a `--branch` template that gives a name git refuses whatever it is filled with.
    func validate() throws {
        guard let template = branchTemplate else { return }
        if let problem = GitBranchNames.problem(Self.fill(template, environment: "env", branch: "branch")) {
            throw ValidationError("--branch `\(template)` does not give a branch name git accepts: \(problem)")
        }
    }

    /// The branch an environment's tree goes to, and the branch a new one starts from; a
    /// usage error when `--branch` gives this environment a name git refuses.
    func branches(for tree: EnvironmentTree) throws -> (branch: String, base: String?)? {
        guard let gitOps = tree.gitOps else { return nil }
        let environmentBranch = gitOps.spec.branch
        guard let template = branchTemplate else { return (environmentBranch, nil) }
        let branch = Self.fill(template, environment: tree.environment, branch: environmentBranch)
        if let problem = GitBranchNames.problem(branch) {
            throw UsageError("--branch `\(template)` gives environment `\(tree.environment)` the branch `\(branch)`, which git refuses: \(problem)")
        }
        return (branch, environmentBranch)
    }

    private static func fill(_ template: String, environment: String, branch: String) -> String {
        template.replacingOccurrences(of: "<env>", with: environment).replacingOccurrences(of: "<branch>", with: branch)
    }
}

/// Turns compiled trees into updates of a GitOps repository.
enum GitPublishing {
    static func update(for tree: EnvironmentTree) throws(GitError) -> GitOpsTreeUpdate {
        try GitOpsTreeUpdate(environmentTree: tree.files.mapValues { Array($0.utf8) })
    }

    /// The repository at `path`, or a usage error that says why it cannot be opened.
    static func open(_ path: String) throws -> GitRepository {
        do {
            return try GitRepository(path: path)
        } catch {
            throw UsageError("cannot open the git repository \(path): \(error.description)")
        }
    }

    /// The commit the sources were compiled from, when they are in a git repository:
    /// `branch@abcdef1`, or nil.
    static func sourceRevision(of paths: [String]) -> String? {
        var url = URL(fileURLWithPath: paths.first ?? ".").standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            url.deleteLastPathComponent()
        }
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) {
                guard let repository = try? GitRepository(path: url.path), let branch = repository.headBranch,
                    let tip = try? repository.tip(ofBranch: branch)
                else { return nil }
                return "\(branch)@\(String(tip.description.prefix(12)))"
            }
            if url.path == "/" { return nil }
            url.deleteLastPathComponent()
        }
    }
}
