import Foundation
import KalcTestSupport
import XCTest

/// `kalc compile --git` and `kalc diff` end to end, checked with the git CLI.
final class GitCommandTests: XCTestCase {
    /// A repository whose `dev` branch holds a workflow, a README and a stale cluster-type folder.
    func makeRepository() throws -> String {
        let folder = try temporaryFolder(self) + "/gitops"
        try FileManager.default.createDirectory(atPath: folder + "/.github/workflows", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/retired", withIntermediateDirectories: true)
        _ = try git(["init", "-q", "-b", "dev"], in: folder)
        try "on: push\n".write(toFile: folder + "/.github/workflows/ci.yaml", atomically: true, encoding: .utf8)
        try "# Platform GitOps\n".write(toFile: folder + "/README.md", atomically: true, encoding: .utf8)
        try "This folder contains deployment targets scheduled on the cluster type".write(toFile: folder + "/retired/README.md", atomically: true, encoding: .utf8)
        try "kind: Old\n".write(toFile: folder + "/retired/old.yaml", atomically: true, encoding: .utf8)
        _ = try git(["add", "-A"], in: folder)
        _ = try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "start"], in: folder)
        return folder
    }

    func testCompileCommitsEachEnvironmentAndKeepsOtherFiles() throws {
        let repository = try makeRepository()
        let before = try git(["rev-parse", "dev"], in: repository)
        let run = try runKalc(["compile", "examples/basic-inference", "--git", repository, "--date", "@1700000000 +0000", "--author", "Platform Bot <bot@example.com>"])
        XCTAssertEqual(run.status, 0, run.standardError)
        let devFiles = try git(["ls-tree", "-r", "--name-only", "dev"], in: repository).split(separator: "\n").map(String.init)
        XCTAssertEqual(
            devFiles,
            [
                ".github/tracking/Promoted_Commit_Id", ".github/workflows/ci.yaml", "README.md", "dev/README.md",
                "dev/basic-inference-dev/namespace.yaml", "dev/basic-inference-dev/platform-config.yaml", "dev/basic-inference-dev/reconciler.yaml",
            ])
        XCTAssertEqual(try git(["rev-list", "--count", "dev"], in: repository), "2\n")
        XCTAssertEqual(try git(["rev-parse", "dev~1"], in: repository), before)
        XCTAssertEqual(try git(["log", "-1", "--format=%an <%ae> %at", "dev"], in: repository), "Platform Bot <bot@example.com> 1700000000\n")
        let qaFiles = try git(["ls-tree", "-r", "--name-only", "qa"], in: repository).split(separator: "\n")
        XCTAssertEqual(qaFiles.count, 5)
        let compiled = try String(contentsOfFile: repositoryRoot + "/Tests/Fixtures/golden/basic-inference/expected/qa/west-us/basic-inference-qa/reconciler.yaml", encoding: .utf8)
        XCTAssertEqual(try git(["show", "qa:west-us/basic-inference-qa/reconciler.yaml"], in: repository), compiled)
        _ = try git(["fsck", "--strict"], in: repository)
        XCTAssertEqual(try git(["status", "--porcelain", "--untracked-files=no"], in: repository).isEmpty, false, "the checked-out branch moved under its working tree")

        let again = try runKalc(["compile", "examples/basic-inference", "--git", repository])
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertTrue(again.standardOutput.contains("dev: dev unchanged"), again.standardOutput)
        XCTAssertEqual(try git(["rev-list", "--count", "dev"], in: repository), "2\n")
    }

    func testBranchTemplateLeavesTheEnvironmentBranchAlone() throws {
        let repository = try makeRepository()
        let before = try git(["rev-parse", "dev"], in: repository)
        let run = try runKalc(["compile", "examples/basic-inference", "--git", repository, "--branch", "kalc/<env>", "--env", "dev"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(try git(["rev-parse", "dev"], in: repository), before)
        XCTAssertEqual(try git(["rev-parse", "kalc/dev~1"], in: repository), before)
        XCTAssertEqual(try git(["branch", "--list", "qa", "kalc/qa"], in: repository), "")
    }

    func testCommitsAreReproducibleWithAFixedDate() throws {
        let first = try makeRepository()
        let second = try makeRepository()
        for repository in [first, second] {
            XCTAssertEqual(
                try runKalc([
                    "compile", "examples/basic-inference", "--git", repository, "--date", "2024-01-02T03:04:05Z", "--author", "A <a@example.com>", "--committer",
                    "A <a@example.com>", "--message", "compile",
                ]).status, 0)
        }
        XCTAssertEqual(try git(["rev-parse", "qa"], in: first), try git(["rev-parse", "qa"], in: second))
    }

    func testDiffPreviewsTheChangeAndExitsOneUntilCompiled() throws {
        let repository = try makeRepository()
        let stat = try runKalc(["diff", "examples/basic-inference", "--git", repository, "--stat"])
        XCTAssertEqual(stat.status, 1, stat.standardError)
        XCTAssertTrue(stat.standardOutput.contains("retired/old.yaml"), stat.standardOutput)
        let full = try runKalc(["diff", "examples/basic-inference", "--git", repository, "--env", "dev"])
        XCTAssertTrue(full.standardOutput.contains("+++ b/dev/basic-inference-dev/reconciler.yaml"), full.standardOutput)
        XCTAssertTrue(full.standardOutput.contains("-kind: Old"), full.standardOutput)
        XCTAssertEqual(try runKalc(["compile", "examples/basic-inference", "--git", repository]).status, 0)
        let after = try runKalc(["diff", "examples/basic-inference", "--git", repository])
        XCTAssertEqual(after.status, 0, after.standardOutput)
        XCTAssertEqual(after.standardOutput, "no changes\n")
    }

    /// Kalypso's push deletes every file under a top-level folder that is not a compiled
    /// cluster type and whose name does not start with `.`, whether or not it holds the
    /// cluster-type `README.md`; `diff` shows those removals before `compile` makes them.
    func testFoldersWithoutTheClusterTypeReadmeAreRemovedAsKalypsoRemovesThem() throws {
        let repository = try makeRepository()
        try FileManager.default.createDirectory(atPath: repository + "/manual/notes", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: repository + "/.ops", withIntermediateDirectories: true)
        try "kind: Manual\n".write(toFile: repository + "/manual/notes/extra.yaml", atomically: true, encoding: .utf8)
        try "# runbook\n".write(toFile: repository + "/.ops/runbook.md", atomically: true, encoding: .utf8)
        _ = try git(["add", "-A"], in: repository)
        _ = try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "manual files"], in: repository)
        let before = try git(["rev-parse", "dev"], in: repository)

        let preview = try runKalc(["diff", "examples/basic-inference", "--git", repository, "--env", "dev", "--name-status"])
        XCTAssertEqual(preview.status, 1, preview.standardError)
        let lines = preview.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("D\tmanual/notes/extra.yaml"), preview.standardOutput)
        XCTAssertTrue(lines.contains("D\tretired/old.yaml"), preview.standardOutput)
        XCTAssertFalse(preview.standardOutput.contains(".ops/runbook.md"), preview.standardOutput)

        XCTAssertEqual(try runKalc(["compile", "examples/basic-inference", "--git", repository, "--env", "dev"]).status, 0)
        let files = try git(["ls-tree", "-r", "--name-only", "dev"], in: repository).split(separator: "\n").map(String.init)
        XCTAssertEqual(files.filter { !$0.hasPrefix("dev/") }, [".github/tracking/Promoted_Commit_Id", ".github/workflows/ci.yaml", ".ops/runbook.md", "README.md"])
        // What was removed stays in the branch's history.
        XCTAssertEqual(try git(["show", "\(before.dropLast()):manual/notes/extra.yaml"], in: repository), "kind: Manual\n")
    }

    /// Kalypso's push deletes only files and symbolic links: a gitlink in a stale folder and
    /// one in a deployment-target folder are still there after `compile --git`, and every
    /// other entry is what the same branch without them gets.
    func testGitlinksStayAsKalypsoKeepsThem() throws {
        let links = ["retired/vendor/lib": String(repeating: "a", count: 40), "dev/basic-inference-dev/charts": String(repeating: "b", count: 40)]
        let plain = try makeRepository()
        let linked = try makeRepository()
        for (path, commit) in links.sorted(by: { $0.key < $1.key }) {
            _ = try git(["update-index", "--add", "--cacheinfo", "160000,\(commit),\(path)"], in: linked)
        }
        _ = try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "submodules"], in: linked)

        let preview = try runKalc(["diff", "examples/basic-inference", "--git", linked, "--env", "dev", "--name-status"])
        XCTAssertEqual(preview.status, 1, preview.standardError)
        XCTAssertTrue(preview.standardOutput.contains("D\tretired/old.yaml"), preview.standardOutput)
        XCTAssertFalse(preview.standardOutput.contains("retired/vendor"), preview.standardOutput)
        XCTAssertFalse(preview.standardOutput.contains("charts"), preview.standardOutput)
        for repository in [plain, linked] {
            let run = try runKalc(["compile", "examples/basic-inference", "--git", repository, "--env", "dev"])
            XCTAssertEqual(run.status, 0, run.standardError)
        }
        let entries = try git(["ls-tree", "-r", "dev"], in: linked).split(separator: "\n").map(String.init)
        XCTAssertEqual(Set(entries.filter { $0.hasPrefix("160000 ") }), Set(links.map { "160000 commit \($0.value)\t\($0.key)" }))
        XCTAssertEqual(entries.filter { !$0.hasPrefix("160000 ") }, try git(["ls-tree", "-r", "dev"], in: plain).split(separator: "\n").map(String.init))
        let after = try runKalc(["diff", "examples/basic-inference", "--git", linked, "--env", "dev"])
        XCTAssertEqual(after.standardOutput, "no changes\n", after.standardError)
    }

    /// A `--branch` template that gives a name git refuses stops before anything is written.
    func testBranchTemplatesGitRefusesAreUsageErrors() throws {
        let repository = try makeRepository()
        let before = try git(["for-each-ref", "--format=%(refname) %(objectname)"], in: repository)
        for template in ["kalc/<env>.lock", "kalc..<env>", "<env>/", "-<env>"] {
            for command in ["compile", "diff"] {
                let run = try runKalc([command, "examples/basic-inference", "--git", repository, "--branch=\(template)"])
                XCTAssertEqual(run.status, 2, "\(command) --branch \(template): \(run.standardError)")
                XCTAssertTrue(run.standardError.contains("--branch `\(template)`"), run.standardError)
            }
        }
        // A template that is fine in itself can still give one environment a name git refuses.
        let project = try temporaryFolder(self) + "/project"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/examples/basic-inference", toPath: project)
        let controlPlane = project + "/control-plane.kal"
        let source = try String(contentsOfFile: controlPlane, encoding: .utf8)
        try source.replacingOccurrences(of: "gitops = platformGitops @ \"qa\"", with: "gitops = platformGitops @ \"lock\"").write(
            toFile: controlPlane, atomically: true, encoding: .utf8)
        let run = try runKalc(["compile", project, "--git", repository, "--branch", "kalc/<env>.<branch>"])
        XCTAssertEqual(run.status, 2, run.standardError)
        XCTAssertTrue(run.standardError.contains("gives environment `qa` the branch `kalc/qa.lock`, which git refuses"), run.standardError)
        XCTAssertEqual(try git(["for-each-ref", "--format=%(refname) %(objectname)"], in: repository), before)
    }

    func testBareRepositoryAndMissingRepository() throws {
        let folder = try temporaryFolder(self)
        _ = try git(["init", "-q", "--bare", "-b", "dev", folder + "/bare.git"], in: folder)
        XCTAssertEqual(try runKalc(["compile", "examples/basic-inference", "--git", folder + "/bare.git"]).status, 0)
        XCTAssertEqual(try git(["ls-tree", "-r", "--name-only", "qa"], in: folder + "/bare.git").split(separator: "\n").count, 5)
        XCTAssertEqual(try runKalc(["compile", "examples/basic-inference", "--git", folder + "/nothing-here"]).status, 2)
    }
}
