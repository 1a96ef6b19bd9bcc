import KalcGit
import KalcGitOpsLayout
import XCTest

/// Commits of compiled GitOps trees to branches, checked with the git command line.
final class CommitTreeTests: XCTestCase {
    /// Every case of `Fixtures/commit`: the branch's files before, the compiled environment
    /// tree, and the files the branch must hold after the commit — exactly those.
    func testFixtureCasesInBareAndNonBareRepositories() throws {
        for name in try Fixtures.cases(in: "commit") {
            for bare in [true, false] {
                try checkCommitCase(name, bare: bare)
            }
        }
    }

    private func checkCommitCase(_ name: String, bare: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: bare)
        let before = try scratch.commit(try Fixtures.files(in: "commit/\(name)/branch"), to: "dev", in: path)
        let keptBefore = try scratch.listing(of: "dev", in: path)
        let update = try GitOpsTreeUpdate(environmentTree: try Fixtures.files(in: "commit/\(name)/compiled"))

        let repository = try GitRepository(path: path)
        let outcome = try repository.commit(Signatures.request("dev", update))

        let context = "case \(name), \(bare ? "bare" : "non-bare")"
        guard case .updated(let commit, let previous) = outcome else {
            return XCTFail("\(context): expected a new commit, got \(outcome)", file: file, line: line)
        }
        XCTAssertEqual(previous.hex, before, context, file: file, line: line)
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), commit.hex, context, file: file, line: line)
        XCTAssertEqual(try scratch.git(["--git-dir", scratch.gitDirectory(of: path), "rev-parse", "dev^"]), before, context, file: file, line: line)
        XCTAssertEqual(try scratch.git(["--git-dir", scratch.gitDirectory(of: path), "rev-list", "--count", "dev"]), "2", context, file: file, line: line)

        let expected = try Fixtures.files(in: "commit/\(name)/expected")
        let actual = try scratch.files(of: "dev", in: path)
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), context, file: file, line: line)
        for (path, content) in expected where actual[path] != content {
            XCTFail("\(context): \(path) differs", file: file, line: line)
        }
        // Files kept from before keep their blob and mode.
        let after = Set(try scratch.listing(of: "dev", in: path))
        let compiled = try Fixtures.files(in: "commit/\(name)/compiled")
        for entry in keptBefore {
            let entryPath = String(entry.split(separator: "\t", maxSplits: 1)[1])
            if expected[entryPath] != nil, compiled[entryPath] == nil {
                XCTAssertTrue(after.contains(entry), "\(context): \(entry) not kept as it was", file: file, line: line)
            }
        }
        try scratch.assertFsckClean(path, file: file, line: line)

        // Committing the same tree again changes nothing.
        XCTAssertEqual(try repository.commit(Signatures.request("dev", update)), .unchanged(tip: commit), context, file: file, line: line)
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), commit.hex, context, file: file, line: line)
        XCTAssertTrue(try repository.diff(branch: "dev", update: update).isEmpty, context, file: file, line: line)
    }

    func testMissingBranchBecomesARootCommitHoldingTheCompiledTree() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        try scratch.commit(["README.md": "dev\n"].bytes, to: "dev", in: path)
        let compiled = try Fixtures.files(in: "commit/replace-stale-and-keep/compiled")
        let repository = try GitRepository(path: path)
        let update = try GitOpsTreeUpdate(environmentTree: compiled)
        let diff = try repository.diff(branch: "qa", update: update)
        XCTAssertNil(diff.comparedCommit)
        XCTAssertEqual(diff.files.count, compiled.count)
        XCTAssertTrue(diff.files.allSatisfy { $0.status == .added })

        let outcome = try repository.commit(Signatures.request("qa", update, message: "Create qa"))

        guard case .created(let commit, nil) = outcome else { return XCTFail("expected a root commit, got \(outcome)") }
        XCTAssertEqual(try scratch.tip(of: "qa", in: path), commit.hex)
        XCTAssertEqual(try scratch.git(["--git-dir", path, "rev-list", "--count", "qa"]), "1")
        XCTAssertEqual(try scratch.files(of: "qa", in: path), compiled)
        let emptyTree = try scratch.git(["--git-dir", path, "mktree"], input: [])
        XCTAssertEqual(diff.patch, try scratch.run(["--git-dir", path, "diff", "--no-renames", emptyTree, "qa"]).output)
        XCTAssertEqual(
            try scratch.git(["--git-dir", path, "log", "-1", "--format=%an <%ae> %ad%n%cn <%ce> %cd%n%B", "--date=raw", "qa"]),
            "Kalc Author <kalc-author@example.com> 1700000100 +0100\nKalc Committer <kalc-committer@example.com> 1700000200 -0500\nCreate qa\n")
        try scratch.assertFsckClean(path)
    }

    func testMissingBranchStartsFromItsBaseBranch() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let devTip = try scratch.commit(try Fixtures.files(in: "commit/replace-stale-and-keep/branch"), to: "dev", in: path)
        let update = try GitOpsTreeUpdate(environmentTree: try Fixtures.files(in: "commit/replace-stale-and-keep/compiled"))
        let repository = try GitRepository(path: path)

        let outcome = try repository.commit(Signatures.request("kalc/dev", update, base: "dev"))

        guard case .created(let commit, let parent) = outcome else { return XCTFail("expected a new branch, got \(outcome)") }
        XCTAssertEqual(parent?.hex, devTip)
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), devTip, "the base branch does not move")
        XCTAssertEqual(try scratch.tip(of: "kalc/dev", in: path), commit.hex)
        XCTAssertEqual(try scratch.files(of: "kalc/dev", in: path), try Fixtures.files(in: "commit/replace-stale-and-keep/expected"))
        try scratch.assertFsckClean(path)
    }

    func testMissingBranchIsCreatedAtItsBaseWhenNothingChanges() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let expected = try Fixtures.files(in: "commit/replace-stale-and-keep/expected")
        let devTip = try scratch.commit(expected, to: "dev", in: path)
        let update = try GitOpsTreeUpdate(environmentTree: try Fixtures.files(in: "commit/replace-stale-and-keep/compiled"))
        let repository = try GitRepository(path: path)

        XCTAssertTrue(try repository.diff(branch: "kalc/dev", baseBranch: "dev", update: update).isEmpty)
        let outcome = try repository.commit(Signatures.request("kalc/dev", update, base: "dev"))

        XCTAssertEqual(outcome.tip.hex, devTip)
        XCTAssertEqual(outcome, .createdAtBase(tip: outcome.tip, base: "dev"))
        XCTAssertEqual(try scratch.tip(of: "kalc/dev", in: path), devTip)
    }

    func testMissingBaseBranchGivesARootCommit() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let update = GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/README.md": Array(GitOpsLayout.clusterTypeReadme.utf8)])
        let outcome = try GitRepository(path: path).commit(Signatures.request("kalc/qa", update, base: "qa"))
        guard case .created(_, nil) = outcome else { return XCTFail("expected a root commit, got \(outcome)") }
        XCTAssertEqual(try scratch.listing(of: "kalc/qa", in: path).count, 1)
    }

    func testEnvironmentTreeOwnsItsTopLevelFolders() throws {
        let readme = Array(GitOpsLayout.clusterTypeReadme.utf8)
        let update = try GitOpsTreeUpdate(environmentTree: [
            "west-us/README.md": readme,
            "east-us/README.md": readme,
            "east-us/app/namespace.yaml": Array("kind: Namespace\n".utf8),
        ])
        XCTAssertEqual(update.ownedFolders, ["west-us", "east-us"])
        XCTAssertEqual(update.files.count, 3)
        XCTAssertEqual(update.extraFiles, [GitOpsLayout.promotedCommitPath: .remove])

        XCTAssertThrowsError(try GitOpsTreeUpdate(environmentTree: ["notes.txt": []]))
        XCTAssertThrowsError(try GitOpsTreeUpdate(environmentTree: [".github/workflows/ci.yaml": []]))
    }

    func testKeptFilesKeepTheirModes() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        try scratch.commit(
            ["deploy.sh": "#!/bin/sh\n", ".scripts/check.sh": "#!/bin/sh\n", ".github/tracking/notes": "n\n"].bytes, to: "dev", in: path,
            executables: ["deploy.sh", ".scripts/check.sh"])
        let update = GitOpsTreeUpdate(
            ownedFolders: ["west-us"], files: ["west-us/README.md": Array(GitOpsLayout.clusterTypeReadme.utf8)],
            extraFiles: [GitOpsLayout.promotedCommitPath: .write(Array("abc".utf8))])
        _ = try GitRepository(path: path).commit(Signatures.request("dev", update))
        let listing = try scratch.listing(of: "dev", in: path)
        XCTAssertTrue(listing.contains { $0.hasPrefix("100755 blob ") && $0.hasSuffix("\tdeploy.sh") }, "\(listing)")
        XCTAssertTrue(listing.contains { $0.hasPrefix("100755 blob ") && $0.hasSuffix("\t.scripts/check.sh") }, "\(listing)")
        XCTAssertEqual(try scratch.files(of: "dev", in: path)[".github/tracking/notes"], Array("n\n".utf8))
        XCTAssertEqual(try scratch.files(of: "dev", in: path)[GitOpsLayout.promotedCommitPath], Array("abc".utf8))
        try scratch.assertFsckClean(path)
    }

    func testOwnedFolderReplacesAFileOfTheSameName() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        try scratch.commit(["west-us": "a file\n", "keep.txt": "k\n"].bytes, to: "dev", in: path)
        let update = GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/README.md": Array(GitOpsLayout.clusterTypeReadme.utf8)])
        _ = try GitRepository(path: path).commit(Signatures.request("dev", update))
        XCTAssertEqual(try scratch.files(of: "dev", in: path).keys.sorted(), ["keep.txt", "west-us/README.md"])
    }

    func testStaleFolderWithAnExtraFileKeepsOnlyThatFile() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        try scratch.commit(["old/README.md": GitOpsLayout.clusterTypeReadme, "old/a/reconciler.yaml": "x\n"].bytes, to: "dev", in: path)
        let update = GitOpsTreeUpdate(ownedFolders: [], files: [:], extraFiles: ["old/notes.txt": .write(Array("n\n".utf8))])
        let diff = try GitRepository(path: path).diff(branch: "dev", update: update)
        XCTAssertEqual(diff.files.map(\.path), ["old/README.md", "old/a/reconciler.yaml", "old/notes.txt"])
        XCTAssertEqual(diff.files.map(\.status), [.deleted, .deleted, .added])
        _ = try GitRepository(path: path).commit(Signatures.request("dev", update))
        XCTAssertEqual(try scratch.files(of: "dev", in: path), ["old/notes.txt": Array("n\n".utf8)])
    }

    /// Kalypso's push deletes only files and symbolic links under the scheduler's folders: a
    /// gitlink stays wherever it is, in a stale folder (which then holds only the gitlink and
    /// the folders leading to it), in a deployment-target folder or elsewhere in a compiled
    /// cluster type, in a `.` folder and at the root.
    func testGitlinksStayWhereKalypsoKeepsThem() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let readme = GitOpsLayout.clusterTypeReadme
        let links = [
            "west-us/a/charts": String(repeating: "1", count: 40), "west-us/tools/lib": String(repeating: "2", count: 40),
            "old/vendor/lib": String(repeating: "3", count: 40), "retired/module": String(repeating: "4", count: 40),
            ".github/module": String(repeating: "5", count: 40), "module": String(repeating: "6", count: 40),
        ]
        try scratch.commit(
            [
                "west-us/README.md": readme, "west-us/a/reconciler.yaml": "old\n", "west-us/tools/run.sh": "x\n",
                "old/README.md": readme, "old/vendor/notes.md": "n\n", "retired/README.md": readme, "keep.txt": "k\n",
            ].bytes,
            to: "dev", in: path, gitlinks: links)
        let update = GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/README.md": Array(readme.utf8), "west-us/a/reconciler.yaml": Array("new\n".utf8)])
        let repository = try GitRepository(path: path)
        let diff = try repository.diff(branch: "dev", update: update)
        XCTAssertEqual(diff.files.map(\.path), ["old/README.md", "old/vendor/notes.md", "retired/README.md", "west-us/a/reconciler.yaml", "west-us/tools/run.sh"])
        XCTAssertEqual(diff.files.map(\.status), [.deleted, .deleted, .deleted, .modified, .deleted])
        _ = try repository.commit(Signatures.request("dev", update))

        let listing = try scratch.listing(of: "dev", in: path)
        let kept = links.map { "160000 commit \($0.value)\t\($0.key)" }
        XCTAssertEqual(Set(listing.filter { $0.hasPrefix("160000 ") }), Set(kept), "\(listing)")
        XCTAssertEqual(
            try scratch.files(of: "dev", in: path).filter { links[$0.key] == nil }.keys.sorted(),
            ["keep.txt", "west-us/README.md", "west-us/a/reconciler.yaml"])
        XCTAssertEqual(try repository.diff(branch: "dev", update: update).files, [])
        try scratch.assertFsckClean(path)
    }

    /// A compiled file where a gitlink is, or below one, and a gitlink below a compiled file,
    /// are refused: kalc removes no gitlink to make room.
    func testAGitlinkInTheWayOfACompiledFileIsAConflict() throws {
        let readme = Array(GitOpsLayout.clusterTypeReadme.utf8)
        let link = String(repeating: "7", count: 40)
        let cases: [(gitlink: String, files: [String: [UInt8]], expected: GitError)] = [
            ("west-us/a/reconciler.yaml", ["west-us/a/reconciler.yaml": []], .pathConflict(path: "west-us/a/reconciler.yaml", existing: "west-us/a/reconciler.yaml")),
            ("west-us/a", ["west-us/a/reconciler.yaml": []], .pathConflict(path: "west-us/a/reconciler.yaml", existing: "west-us/a")),
            ("west-us/a/x/y", ["west-us/a/x": []], .pathConflict(path: "west-us/a/x", existing: "west-us/a/x/")),
            ("west-us", [:], .pathConflict(path: "west-us/", existing: "west-us")),
        ]
        for (gitlink, files, expected) in cases {
            let scratch = try Scratch()
            let path = try scratch.makeRepository("platform", bare: true)
            let tip = try scratch.commit(["keep.txt": Array("k\n".utf8)], to: "dev", in: path, gitlinks: [gitlink: link])
            let update = GitOpsTreeUpdate(ownedFolders: ["west-us"], files: files.merging(["west-us/README.md": readme]) { new, _ in new })
            let repository = try GitRepository(path: path)
            XCTAssertThrowsError(try repository.commit(Signatures.request("dev", update)), gitlink) { error in
                XCTAssertEqual(error as? GitError, expected, gitlink)
            }
            XCTAssertThrowsError(try repository.diff(branch: "dev", update: update), gitlink) { error in
                XCTAssertEqual(error as? GitError, expected, gitlink)
            }
            XCTAssertEqual(try scratch.tip(of: "dev", in: path), tip)
        }
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let tip = try scratch.commit([:], to: "dev", in: path, gitlinks: [GitOpsLayout.promotedCommitPath: link])
        let update = GitOpsTreeUpdate(ownedFolders: [], files: [:], extraFiles: [GitOpsLayout.promotedCommitPath: .remove])
        XCTAssertThrowsError(try GitRepository(path: path).commit(Signatures.request("dev", update))) { error in
            XCTAssertEqual(error as? GitError, .pathConflict(path: GitOpsLayout.promotedCommitPath, existing: GitOpsLayout.promotedCommitPath))
        }
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), tip)
    }

    func testInvalidUpdatesAreRefusedBeforeAnythingIsWritten() throws {
        let readme = Array(GitOpsLayout.clusterTypeReadme.utf8)
        let cases: [(GitOpsTreeUpdate, GitError)] = [
            (GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/../x": []]), .invalidPath(path: "west-us/../x", problem: .reservedComponent(".."))),
            (GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/.git/config": []]), .invalidPath(path: "west-us/.git/config", problem: .reservedComponent(".git"))),
            (GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us//x": []]), .invalidPath(path: "west-us//x", problem: .empty)),
            (GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["east-us/README.md": readme]), .invalidPath(path: "east-us/README.md", problem: .outsideOwnedFolders)),
            (GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["README.md": readme]), .invalidPath(path: "README.md", problem: .outsideOwnedFolders)),
            (GitOpsTreeUpdate(ownedFolders: ["a/b"], files: [:]), .invalidPath(path: "a/b", problem: .outsideOwnedFolders)),
            (GitOpsTreeUpdate(ownedFolders: ["west-us"], files: [:], extraFiles: ["west-us/x": .remove]), .invalidPath(path: "west-us/x", problem: .insideOwnedFolder("west-us"))),
            (GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/a": [], "west-us/a/b": []]), .invalidPath(path: "west-us/a/b", problem: .fileAndFolder("west-us/a"))),
            (GitOpsTreeUpdate(ownedFolders: [], files: [:], extraFiles: ["x/y\\z": .remove]), .invalidPath(path: "x/y\\z", problem: .invalidCharacter)),
        ]
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let tip = try scratch.commit(["README.md": "r\n"].bytes, to: "dev", in: path)
        let repository = try GitRepository(path: path)
        let objectsBefore = try scratch.git(["--git-dir", path, "count-objects", "-v"])
        for (update, expected) in cases {
            XCTAssertThrowsError(try repository.commit(Signatures.request("dev", update))) { error in
                XCTAssertEqual(error as? GitError, expected)
            }
            XCTAssertThrowsError(try repository.diff(branch: "dev", update: update)) { error in
                XCTAssertEqual(error as? GitError, expected)
            }
        }
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), tip)
        XCTAssertEqual(try scratch.git(["--git-dir", path, "count-objects", "-v"]), objectsBefore)
    }

    func testAFileWhereAnExtraFileNeedsAFolderIsAConflict() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let tip = try scratch.commit([".github/tracking": "a file\n"].bytes, to: "dev", in: path)
        let update = GitOpsTreeUpdate(ownedFolders: [], files: [:], extraFiles: [GitOpsLayout.promotedCommitPath: .write([])])
        XCTAssertThrowsError(try GitRepository(path: path).commit(Signatures.request("dev", update))) { error in
            XCTAssertEqual(error as? GitError, .pathConflict(path: GitOpsLayout.promotedCommitPath, existing: ".github/tracking"))
        }
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), tip)
    }

    func testBadBranchNamesAndRepositories() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let repository = try GitRepository(path: path)
        let update = GitOpsTreeUpdate(ownedFolders: [], files: [:])
        for name in ["", "a..b", "-x", "HEAD", "x.lock", "a b", "a/", "~x"] {
            XCTAssertThrowsError(try repository.commit(Signatures.request(name, update)), name) { error in
                XCTAssertEqual(error as? GitError, .invalidBranchName(name))
            }
        }
        XCTAssertThrowsError(try repository.commit(Signatures.request("dev", update, base: "b..ad")))
        XCTAssertThrowsError(try GitRepository(path: scratch.root + "/missing")) { error in
            guard case .notARepository = error as? GitError else { return XCTFail("\(error)") }
        }
    }

    func testPackedBranchesAreReadAndMoved() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let tip = try scratch.commit(["README.md": "r\n"].bytes, to: "dev", in: path)
        try scratch.git(["--git-dir", path, "pack-refs", "--all"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "/refs/heads/dev"))
        let repository = try GitRepository(path: path)
        XCTAssertEqual(try repository.tip(ofBranch: "dev")?.hex, tip)
        let update = GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/README.md": Array(GitOpsLayout.clusterTypeReadme.utf8)])
        let outcome = try repository.commit(Signatures.request("dev", update))
        XCTAssertEqual(outcome, .updated(commit: outcome.tip, previousTip: try XCTUnwrap(GitOID(hex: tip))))
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), outcome.tip.hex)
        try scratch.assertFsckClean(path)
    }

    func testReflogRecordsTheCommit() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: false)
        try scratch.commit(["README.md": "r\n"].bytes, to: "dev", in: path)
        let update = GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/README.md": Array(GitOpsLayout.clusterTypeReadme.utf8)])
        _ = try GitRepository(path: path).commit(Signatures.request("dev", update, message: "Compile dev\n\nDetails."))
        XCTAssertEqual(try scratch.git(["reflog", "-1", "--format=%gs", "dev"], in: path), "commit: Compile dev")
    }

    func testSymbolicAndConflictingBranchesAreRefused() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let tip = try scratch.commit(["README.md": "r\n"].bytes, to: "dev", in: path)
        try scratch.git(["--git-dir", path, "symbolic-ref", "refs/heads/alias", "refs/heads/dev"])
        let repository = try GitRepository(path: path)
        let update = GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/README.md": Array(GitOpsLayout.clusterTypeReadme.utf8)])
        XCTAssertThrowsError(try repository.commit(Signatures.request("alias", update))) { error in
            XCTAssertEqual(error as? GitError, .symbolicBranch("alias"))
        }
        // `dev/qa` cannot exist beside `dev`: git keeps branches as files and folders.
        XCTAssertThrowsError(try repository.commit(Signatures.request("dev/qa", update))) { error in
            guard case .library = error as? GitError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), tip)
        XCTAssertNil(try scratch.tip(of: "dev/qa", in: path))
    }

    func testRepositoryFacts() throws {
        let scratch = try Scratch()
        let bare = try GitRepository(path: try scratch.makeRepository("bare", bare: true))
        XCTAssertTrue(bare.isBare)
        let worktreePath = try scratch.makeRepository("worktree", bare: false)
        try scratch.git(["config", "user.name", "Configured Name"], in: worktreePath)
        try scratch.git(["config", "user.email", "configured@example.com"], in: worktreePath)
        let worktree = try GitRepository(path: worktreePath)
        XCTAssertFalse(worktree.isBare)
        XCTAssertEqual(worktree.headBranch, "main")
        XCTAssertEqual(worktree.configuredIdentity?.name, "Configured Name")
        XCTAssertEqual(worktree.configuredIdentity?.email, "configured@example.com")
        XCTAssertNil(try worktree.tip(ofBranch: "main"), "an unborn branch has no tip")
    }
}
