import ArgumentParser
import Foundation
import KalcDiagnostics
import KalcGit
import KalcGitOps

/// `kalc diff`: what a compile would change in each environment's GitOps branch.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what compiling would change in each environment's GitOps branch.",
        discussion: """
            Compiles, then compares each environment's tree with its GitOps branch in REPO, as \
            `git diff` would show the commit `kalc compile --git` would make (a pull request \
            preview). Exit status: 0 when nothing would change, 1 when something would, 2 when \
            the input has errors or kalc was called wrongly.
            """
    )

    @Argument(help: "Files or folders (all .kal files below a folder). Default: the current folder.")
    var paths: [String] = []

    @Option(name: .long, help: "The git repository holding the GitOps branches.")
    var git: String

    @OptionGroup var gitOptions: GitOptions

    @Option(name: .long, help: "Only these environments (repeatable).")
    var env: [String] = []

    @Flag(name: .long, help: "Show the changed files with counts of changed lines instead of the full diff.")
    var stat = false

    @Flag(name: .long, help: "Show only the names of changed files, with A (added), M (modified), D (deleted).")
    var nameStatus = false

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func run() throws {
        let only = env.isEmpty ? nil : Set(env)
        let project = try Project.load(paths, environments: only)
        KeptUntilExit.keep(project)
        let failed = diagnosticOptions.report(project.diagnostics(for: only), sources: project.sources)
        if failed || !project.inputDiagnostics.isEmpty { throw ExitCode(2) }
        let repository = try GitPublishing.open(git)
        var changed = false
        var output = ""
        let targets = try project.gitOps.trees.filter(\.isPushed).compactMap { tree in try gitOptions.branches(for: tree).map { (tree, $0.branch, $0.base) } }
        do throws(GitError) {
            for (tree, branch, base) in targets {
                let difference = try repository.diff(branch: branch, baseBranch: base, update: try GitPublishing.update(for: tree))
                if difference.isEmpty { continue }
                changed = true
                output += "environment \(tree.environment) (branch \(branch)): \(difference.files.count) file\(difference.files.count == 1 ? "" : "s") changed\n"
                if stat {
                    output += difference.stat.rendered()
                } else if nameStatus {
                    for file in difference.files {
                        output += "\(file.statusLetter)\t\(file.path)\n"
                    }
                } else {
                    output += String(decoding: difference.patch, as: UTF8.self)
                }
            }
        } catch {
            throw UsageError(error.description)
        }
        Output.standardOutput(changed ? output : "no changes\n")
        if changed { throw ExitCode(1) }
    }
}

extension FileDiff {
    /// `A`, `M`, `D` or `T`, as `git diff --name-status` prints it.
    var statusLetter: String {
        switch status {
        case .added: "A"
        case .deleted: "D"
        case .modified: "M"
        case .typeChanged: "T"
        }
    }
}
