import Foundation
import KalcTestSupport
import XCTest

/// `compile --git` killed without warning (SIGKILL) at the worst moment: every branch is
/// locked and some may have moved. Then the next runs.
final class InterruptedGitCommitTests: XCTestCase {
    private let compile = ["compile", "examples/basic-inference", "--date", "@1700000000 +0000", "--author", "A <a@example.com>", "--committer", "A <a@example.com>", "--git"]

    private func runGit(_ arguments: [String], in directory: String) throws -> String {
        try git(["-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments, in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A repository with a working tree whose branches `dev` and `qa` hold one file.
    private func makeRepository(_ name: String) throws -> String {
        let folder = try temporaryFolder(self) + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = try runGit(["init", "-q", "-b", "dev"], in: folder)
        try "# Platform GitOps\n".write(toFile: folder + "/README.md", atomically: true, encoding: .utf8)
        _ = try runGit(["add", "-A"], in: folder)
        _ = try runGit(["commit", "-q", "-m", "start"], in: folder)
        _ = try runGit(["branch", "qa"], in: folder)
        return folder
    }

    private func lockFiles(in repository: String) -> [String] {
        let heads = repository + "/.git/refs/heads"
        return ((try? FileManager.default.contentsOfDirectory(atPath: heads)) ?? []).filter { $0.hasSuffix(".lock") }.sorted()
    }

    func testKilledWhileTheBranchesMoveLeavesEachBranchOldOrNewAndNamesTheStaleLocks() throws {
        let branches = ["dev", "qa"]
        // What an uninterrupted compile commits: the tree of each branch.
        let reference = try makeRepository("reference")
        XCTAssertEqual(try runKalc(compile + [reference]).status, 0)
        let expectedTrees = try branches.map { try runGit(["rev-parse", "\($0)^{tree}"], in: reference) }

        let repository = try makeRepository("gitops")
        let before = try branches.map { try runGit(["rev-parse", $0], in: repository) }
        // libgit2 appends to a branch's reflog just before it renames the branch's lock file
        // into place, with every branch of the transaction locked. A reflog that is a FIFO
        // holds kalc there: the moment to kill it.
        let log = repository + "/.git/logs/refs/heads/qa"
        try FileManager.default.removeItem(atPath: log)
        XCTAssertEqual(mkfifo(log, 0o600), 0)

        let process = Process()
        process.executableURL = kalcExecutable
        process.arguments = compile + [repository]
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, !lockFiles(in: repository).contains("qa.lock"), Date() < deadline {
            usleep(1000)
        }
        usleep(300_000)
        XCTAssertTrue(process.isRunning, "kalc did not wait at the reflog")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        try FileManager.default.removeItem(atPath: log)

        // Each branch is at its old commit, or at the new one on top of it; no other state.
        var moved = 0
        for (index, branch) in branches.enumerated() {
            let tip = try runGit(["rev-parse", branch], in: repository)
            if tip != before[index] {
                moved += 1
                XCTAssertEqual(try runGit(["rev-parse", "\(branch)~1"], in: repository), before[index], branch)
                XCTAssertEqual(try runGit(["rev-parse", "\(branch)^{tree}"], in: repository), expectedTrees[index], branch)
            }
        }
        let stale = lockFiles(in: repository)
        XCTAssertTrue(stale.contains("qa.lock"), "\(stale)")
        XCTAssertEqual(stale.count + moved, branches.count, "a branch is either moved or still locked: \(stale), \(moved) moved")
        _ = try runGit(["fsck", "--strict"], in: repository)

        // The next run changes nothing, names each stale lock file and says it is safe to remove.
        let tipsAfterKill = try branches.map { try runGit(["rev-parse", $0], in: repository) }
        let again = try runKalc(compile + [repository])
        XCTAssertEqual(again.status, 2, again.standardError)
        for name in stale {
            XCTAssertTrue(again.standardError.contains("branch `\(name.dropLast(5))` is locked: `\(repository)/.git/refs/heads/\(name)`"), again.standardError)
        }
        XCTAssertTrue(again.standardError.contains("is held open by no process"), again.standardError)
        XCTAssertTrue(again.standardError.contains("it is safe to remove it"), again.standardError)
        XCTAssertTrue(again.standardError.contains("no branch was changed"), again.standardError)
        XCTAssertEqual(try branches.map { try runGit(["rev-parse", $0], in: repository) }, tipsAfterKill)

        // With the lock files removed, a run completes the update.
        for name in stale {
            try FileManager.default.removeItem(atPath: repository + "/.git/refs/heads/" + name)
        }
        let last = try runKalc(compile + [repository])
        XCTAssertEqual(last.status, 0, last.standardError)
        for (index, branch) in branches.enumerated() {
            XCTAssertEqual(try runGit(["rev-parse", "\(branch)~1"], in: repository), before[index], branch)
            XCTAssertEqual(try runGit(["rev-parse", "\(branch)^{tree}"], in: repository), expectedTrees[index], branch)
        }
        XCTAssertEqual(lockFiles(in: repository), [])
        _ = try runGit(["fsck", "--strict"], in: repository)
    }

    /// An unprivileged kalc cannot see the open files of other users' processes, so it never
    /// calls a lock that another user's process holds open "held by no process".
    func testAnUnprivilegedRunDoesNotCallAnotherUsersLockUnheld() throws {
        guard getuid() == 0 else { throw XCTSkip("needs root, to run kalc as another user") }
        let repository = try makeRepository("gitops")
        let lock = repository + "/.git/refs/heads/dev.lock"
        XCTAssertTrue(FileManager.default.createFile(atPath: lock, contents: Data()))
        let holder = try XCTUnwrap(FileHandle(forWritingAtPath: lock))
        defer { try? holder.close() }

        let asRoot = try runKalc(compile + [repository])
        XCTAssertEqual(asRoot.status, 2, asRoot.standardError)
        XCTAssertTrue(asRoot.standardError.contains("is held open by process \(getpid())"), asRoot.standardError)

        let chown = Process()
        chown.executableURL = URL(fileURLWithPath: "/bin/chown")
        chown.arguments = ["-R", "nobody:nogroup", repository]
        try chown.run()
        chown.waitUntilExit()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", kalcExecutable.path] + compile + [repository]
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        process.environment = ["HOME": repository, "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2, message)
        XCTAssertTrue(message.contains("`\(lock)`"), message)
        XCTAssertTrue(message.contains("is held open by none of the processes kalc may inspect"), message)
        XCTAssertFalse(message.contains("held open by no process"), message)
    }
}
