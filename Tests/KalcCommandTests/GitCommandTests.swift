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
        XCTAssertEqual(devFiles, [
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
            XCTAssertEqual(try runKalc(["compile", "examples/basic-inference", "--git", repository, "--date", "2024-01-02T03:04:05Z", "--author", "A <a@example.com>", "--committer", "A <a@example.com>", "--message", "compile"]).status, 0)
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

    func testBareRepositoryAndMissingRepository() throws {
        let folder = try temporaryFolder(self)
        _ = try git(["init", "-q", "--bare", "-b", "dev", folder + "/bare.git"], in: folder)
        XCTAssertEqual(try runKalc(["compile", "examples/basic-inference", "--git", folder + "/bare.git"]).status, 0)
        XCTAssertEqual(try git(["ls-tree", "-r", "--name-only", "qa"], in: folder + "/bare.git").split(separator: "\n").count, 5)
        XCTAssertEqual(try runKalc(["compile", "examples/basic-inference", "--git", folder + "/nothing-here"]).status, 2)
    }
}
