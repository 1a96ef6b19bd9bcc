import KalcGit
import KalcGitOpsLayout
import XCTest

/// A branch that moves while its commit is prepared is never overwritten.
final class CompareAndSwapTests: XCTestCase {
    private let readme = Array(GitOpsLayout.clusterTypeReadme.utf8)

    private func update(_ marker: String) -> GitOpsTreeUpdate {
        GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/README.md": readme, "west-us/app/namespace.yaml": Array("name: \(marker)\n".utf8)])
    }

    func testBranchMovedBetweenPreparingAndPublishingIsLeftAlone() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let original = try scratch.commit(["README.md": "r\n"].bytes, to: "dev", in: path)
        let repository = try GitRepository(path: path)

        let prepared = try repository.prepareCommit(Signatures.request("dev", update("kalc")))
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), original, "preparing moves no branch")
        let moved = try scratch.commit(["README.md": "someone else\n"].bytes, to: "dev", in: path)

        XCTAssertThrowsError(try repository.publish([prepared])) { error in
            XCTAssertEqual(error as? GitError, .branchMoved(branch: "dev", expected: GitOID(hex: original), found: GitOID(hex: moved)))
        }
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), moved)
        XCTAssertEqual(try scratch.files(of: "dev", in: path), ["README.md": Array("someone else\n".utf8)])
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "/refs/heads/dev.lock"), "the lock is released")
        try scratch.assertFsckClean(path)
    }

    func testBranchCreatedBetweenPreparingAndPublishingIsLeftAlone() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let repository = try GitRepository(path: path)
        let prepared = try repository.prepareCommit(Signatures.request("qa", update("kalc")))
        let created = try scratch.commit(["README.md": "first\n"].bytes, to: "qa", in: path)

        XCTAssertThrowsError(try repository.publish([prepared])) { error in
            XCTAssertEqual(error as? GitError, .branchMoved(branch: "qa", expected: nil, found: GitOID(hex: created)))
        }
        XCTAssertEqual(try scratch.tip(of: "qa", in: path), created)
    }

    func testBranchDeletedBetweenPreparingAndPublishingIsNotRecreated() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let original = try scratch.commit(["README.md": "r\n"].bytes, to: "dev", in: path)
        let repository = try GitRepository(path: path)
        let prepared = try repository.prepareCommit(Signatures.request("dev", update("kalc")))
        try scratch.git(["--git-dir", path, "update-ref", "-d", "refs/heads/dev"])

        XCTAssertThrowsError(try repository.publish([prepared])) { error in
            XCTAssertEqual(error as? GitError, .branchMoved(branch: "dev", expected: GitOID(hex: original), found: nil))
        }
        XCTAssertNil(try scratch.tip(of: "dev", in: path))
    }

    func testStaleExpectedTipIsRefusedBeforeAnythingIsWritten() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let first = try scratch.commit(["README.md": "1\n"].bytes, to: "dev", in: path)
        let second = try scratch.commit(["README.md": "2\n"].bytes, to: "dev", in: path)
        let repository = try GitRepository(path: path)
        let objectsBefore = try scratch.git(["--git-dir", path, "count-objects", "-v"])

        XCTAssertThrowsError(try repository.commit(Signatures.request("dev", update("kalc"), expectedTip: .commit(try XCTUnwrap(GitOID(hex: first)))))) { error in
            XCTAssertEqual(error as? GitError, .unexpectedTip(branch: "dev", expected: GitOID(hex: first), found: GitOID(hex: second)))
        }
        XCTAssertThrowsError(try repository.commit(Signatures.request("dev", update("kalc"), expectedTip: .absent))) { error in
            XCTAssertEqual(error as? GitError, .unexpectedTip(branch: "dev", expected: nil, found: GitOID(hex: second)))
        }
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), second)
        XCTAssertEqual(try scratch.git(["--git-dir", path, "count-objects", "-v"]), objectsBefore)

        let outcome = try repository.commit(Signatures.request("dev", update("kalc"), expectedTip: .commit(try XCTUnwrap(GitOID(hex: second)))))
        XCTAssertEqual(outcome.newCommit.map(\.hex), try scratch.tip(of: "dev", in: path))
        XCTAssertNotNil(try repository.commit(Signatures.request("qa", update("kalc"), expectedTip: .absent)).newCommit)
    }

    func testPublishingSeveralBranchesIsAllOrNothing() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let dev = try scratch.commit(["README.md": "dev\n"].bytes, to: "dev", in: path)
        let qa = try scratch.commit(["README.md": "qa\n"].bytes, to: "qa", in: path)
        let repository = try GitRepository(path: path)
        let preparedDev = try repository.prepareCommit(Signatures.request("dev", update("dev")))
        let preparedQA = try repository.prepareCommit(Signatures.request("qa", update("qa")))
        let movedQA = try scratch.commit(["README.md": "qa moved\n"].bytes, to: "qa", in: path)

        XCTAssertThrowsError(try repository.publish([preparedDev, preparedQA])) { error in
            XCTAssertEqual(error as? GitError, .branchMoved(branch: "qa", expected: GitOID(hex: qa), found: GitOID(hex: movedQA)))
        }
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), dev, "no branch moves when one of them cannot")
        XCTAssertEqual(try scratch.tip(of: "qa", in: path), movedQA)

        let again = try repository.prepareCommit(Signatures.request("qa", update("qa")))
        try repository.publish([preparedDev, again])
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), preparedDev.outcome.tip.hex)
        XCTAssertEqual(try scratch.tip(of: "qa", in: path), again.outcome.tip.hex)
        try scratch.assertFsckClean(path)
    }

    func testALockedBranchFailsThePublication() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let tip = try scratch.commit(["README.md": "r\n"].bytes, to: "dev", in: path)
        let repository = try GitRepository(path: path)
        let prepared = try repository.prepareCommit(Signatures.request("dev", update("kalc")))
        let lock = path + "/refs/heads/dev.lock"
        XCTAssertTrue(FileManager.default.createFile(atPath: lock, contents: Data()))

        XCTAssertThrowsError(try repository.publish([prepared])) { error in
            guard case .branchesLocked(let locked) = error as? GitError, locked.map(\.branch) == ["dev"] else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), tip)
        XCTAssertTrue(FileManager.default.fileExists(atPath: lock), "another process's lock is not removed")
    }

    func testEveryLockedBranchIsNamed() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let branches = ["dev", "qa", "stage"]
        for branch in branches { try scratch.commit(["README.md": "r\n"].bytes, to: branch, in: path) }
        let repository = try GitRepository(path: path)
        let prepared = try branches.map { try repository.prepareCommit(Signatures.request($0, update($0))) }
        for branch in ["dev", "stage"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: path + "/refs/heads/\(branch).lock", contents: Data()))
        }
        XCTAssertThrowsError(try repository.publish(prepared)) { error in
            guard case .branchesLocked(let locked) = error as? GitError else { return XCTFail("\(error)") }
            XCTAssertEqual(locked.map(\.branch), ["dev", "stage"])
            XCTAssertEqual(locked.map { $0.lock.path.hasSuffix("/refs/heads/\($0.branch).lock") }, [true, true])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "/refs/heads/qa.lock"), "the lock kalc took is released")
    }

    /// A lock file held open by a running process is that process's; one that no process
    /// holds is named, with its age, as safe to remove.
    func testALockFileSaysWhetherAProcessHoldsIt() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        try scratch.commit(["README.md": "r\n"].bytes, to: "dev", in: path)
        let repository = try GitRepository(path: path)
        let prepared = try repository.prepareCommit(Signatures.request("dev", update("kalc")))
        let lock = path + "/refs/heads/dev.lock"
        XCTAssertTrue(FileManager.default.createFile(atPath: lock, contents: Data()))
        let holder = try XCTUnwrap(FileHandle(forWritingAtPath: lock))

        func lockError() -> (LockFile, String)? {
            do {
                try repository.publish([prepared])
            } catch .branchesLocked(let locked) where locked.count == 1 && locked[0].branch == "dev" {
                return (locked[0].lock, GitError.branchesLocked(locked).description)
            } catch {
                XCTFail("\(error)")
            }
            return nil
        }
        let held = try XCTUnwrap(lockError())
        XCTAssertEqual(held.0.holders, .processes([getpid()]))
        XCTAssertFalse(held.0.looksStale)
        XCTAssertTrue(held.1.contains("is held open by process \(getpid()); run again when it is done"), held.1)

        try holder.close()
        let old = Date().addingTimeInterval(-600)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: lock)
        let left = try XCTUnwrap(lockError())
        XCTAssertEqual(left.0.holders, .none)
        XCTAssertTrue(left.0.looksStale)
        XCTAssertTrue(left.0.path.hasSuffix("/refs/heads/dev.lock"), left.0.path)
        XCTAssertTrue(left.1.contains("(written 10 minutes ago) is held open by no process"), left.1)
        XCTAssertTrue(left.1.contains("it is safe to remove it"), left.1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: lock), "kalc never removes a lock itself")

        try FileManager.default.removeItem(atPath: lock)
        try repository.publish([prepared])
        XCTAssertEqual(try scratch.tip(of: "dev", in: path), prepared.outcome.tip.hex)
    }

    /// libgit2 moves the branches of a transaction one after the other; when one fails part
    /// of the way (here its reflog cannot be written), those that had moved are put back.
    func testAFailureWhileTheBranchesMovePutsBackThoseThatMoved() throws {
        // Which branch libgit2 moves first depends on its hash table: make each one fail in
        // turn, so that in one of the runs a branch has moved before the failure.
        var sawAMovedBranchPutBack = false
        for failing in ["dev", "qa", "stage"] {
            let scratch = try Scratch()
            let path = try scratch.makeRepository("platform", bare: false)
            var tips: [String: String] = [:]
            for branch in ["dev", "qa", "stage"] {
                tips[branch] = try scratch.commit(["README.md": "\(branch)\n"].bytes, to: branch, in: path)
            }
            let logs = scratch.gitDirectory(of: path) + "/logs/refs/heads/"
            try? FileManager.default.removeItem(atPath: logs + failing)
            try FileManager.default.createDirectory(atPath: logs + failing, withIntermediateDirectories: true)
            XCTAssertTrue(FileManager.default.createFile(atPath: logs + failing + "/old", contents: Data("x".utf8)))

            let repository = try GitRepository(path: path)
            let prepared = try ["dev", "qa", "stage"].map { try repository.prepareCommit(Signatures.request($0, update($0))) }
            XCTAssertThrowsError(try repository.publish(prepared)) { error in
                guard case .publicationFailed(_, let putBack, let left)? = error as? GitError else { return XCTFail("\(error)") }
                XCTAssertEqual(left, [], "failing \(failing)")
                XCTAssertFalse(putBack.contains(failing))
                if !putBack.isEmpty { sawAMovedBranchPutBack = true }
                XCTAssertTrue((error as? GitError)?.description.hasSuffix("no branch was changed") == true, "\(error)")
            }
            for branch in ["dev", "qa", "stage"] {
                XCTAssertEqual(try scratch.tip(of: branch, in: path), tips[branch], "failing \(failing): \(branch) is where it was")
                XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.gitDirectory(of: path) + "/refs/heads/\(branch).lock"), "no lock is left")
            }
        }
        XCTAssertTrue(sawAMovedBranchPutBack, "no run moved a branch before the failure")
    }

    func testPreparedCommitsBelongToTheirRepository() throws {
        let scratch = try Scratch()
        let first = try GitRepository(path: try scratch.makeRepository("first", bare: true))
        let second = try GitRepository(path: try scratch.makeRepository("second", bare: true))
        let prepared = try first.prepareCommit(Signatures.request("dev", update("kalc")))
        XCTAssertThrowsError(try second.publish([prepared])) { error in
            XCTAssertEqual(error as? GitError, .preparedElsewhere(branch: "dev"))
        }
        XCTAssertThrowsError(try first.publish([prepared, prepared])) { error in
            XCTAssertEqual(error as? GitError, .duplicateBranch("dev"))
        }
    }
}
