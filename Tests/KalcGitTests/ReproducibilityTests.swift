import KalcGit
import XCTest

/// The same tree, parent, signatures and message always give the same commit, and the same
/// commit git itself would write.
final class ReproducibilityTests: XCTestCase {
    func testCommitIDsDependOnlyOnContentAndDates() throws {
        let scratch = try Scratch()
        let branch = try Fixtures.files(in: "commit/replace-stale-and-keep/branch")
        let update = try GitOpsTreeUpdate(environmentTree: try Fixtures.files(in: "commit/replace-stale-and-keep/compiled"))
        var commits: [GitOID] = []
        for name in ["first", "second"] {
            let path = try scratch.makeRepository(name, bare: name == "first")
            try scratch.commit(branch, to: "dev", in: path)
            let outcome = try GitRepository(path: path).commit(Signatures.request("dev", update))
            commits.append(try XCTUnwrap(outcome.newCommit))
        }
        XCTAssertEqual(commits[0], commits[1])

        let path = scratch.root + "/first.git"
        let tree = try scratch.git(["--git-dir", path, "rev-parse", "dev^{tree}"])
        let parent = try scratch.git(["--git-dir", path, "rev-parse", "dev^"])
        let gitCommit = try scratch.git(
            ["--git-dir", path, "commit-tree", tree, "-p", parent, "-m", "Update the dev environment"],
            environment: [
                "GIT_AUTHOR_NAME": Signatures.author.name, "GIT_AUTHOR_EMAIL": Signatures.author.email,
                "GIT_AUTHOR_DATE": "@\(Signatures.author.time.description)",
                "GIT_COMMITTER_NAME": Signatures.committer.name, "GIT_COMMITTER_EMAIL": Signatures.committer.email,
                "GIT_COMMITTER_DATE": "@\(Signatures.committer.time.description)",
            ]
        )
        XCTAssertEqual(gitCommit, commits[0].hex)
    }

    func testTreeIDsEqualGitsForTheSameFiles() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let expected = try Fixtures.files(in: "commit/replace-stale-and-keep/expected")
        let update = try GitOpsTreeUpdate(environmentTree: try Fixtures.files(in: "commit/replace-stale-and-keep/compiled"))
        try scratch.commit(try Fixtures.files(in: "commit/replace-stale-and-keep/branch"), to: "dev", in: path)
        try scratch.commit(expected, to: "reference", in: path)
        _ = try GitRepository(path: path).commit(Signatures.request("dev", update))
        XCTAssertEqual(try scratch.git(["--git-dir", path, "rev-parse", "dev^{tree}"]), try scratch.git(["--git-dir", path, "rev-parse", "reference^{tree}"]))
    }
}
