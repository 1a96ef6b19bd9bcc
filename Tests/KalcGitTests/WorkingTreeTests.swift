import KalcGit
import KalcGitOpsLayout
import XCTest

/// In a repository with a working tree, only objects and the branch reference are written.
final class WorkingTreeTests: XCTestCase {
    private struct Snapshot: Equatable {
        var status: String
        var index: Data
        var files: [String: Data]
        var head: String
    }

    private func snapshot(_ scratch: Scratch, _ path: String) throws -> Snapshot {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let relative = enumerator?.nextObject() as? String {
            if relative == ".git" { enumerator?.skipDescendants(); continue }
            var isDirectory: ObjCBool = false
            let full = path + "/" + relative
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
        return Snapshot(
            status: try scratch.git(["--no-optional-locks", "status", "--porcelain=v2", "--branch", "--untracked-files=all"], in: path),
            index: try Data(contentsOf: URL(fileURLWithPath: path + "/.git/index")),
            files: files,
            head: try String(contentsOfFile: path + "/.git/HEAD", encoding: .utf8)
        )
    }

    func testWorkingTreeAndIndexAreUntouched() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: false)
        try FileManager.default.createDirectory(atPath: path + "/west-us", withIntermediateDirectories: true)
        try "# main\n".write(toFile: path + "/README.md", atomically: true, encoding: .utf8)
        try GitOpsLayout.clusterTypeReadme.write(toFile: path + "/west-us/README.md", atomically: true, encoding: .utf8)
        try scratch.git(["add", "-A"], in: path)
        try scratch.git(["commit", "-q", "-m", "main"], in: path)
        try scratch.git(["branch", "dev"], in: path)
        // A dirty working tree: a modified file, a staged file and an untracked one.
        try "# main, edited\n".write(toFile: path + "/README.md", atomically: true, encoding: .utf8)
        try "staged\n".write(toFile: path + "/staged.txt", atomically: true, encoding: .utf8)
        try scratch.git(["add", "staged.txt"], in: path)
        try "untracked\n".write(toFile: path + "/west-us/untracked.yaml", atomically: true, encoding: .utf8)

        let before = try snapshot(scratch, path)
        let update = GitOpsTreeUpdate(
            ownedFolders: ["east-us"],
            files: ["east-us/README.md": Array(GitOpsLayout.clusterTypeReadme.utf8), "east-us/app/namespace.yaml": Array("kind: Namespace\n".utf8)]
        )
        let repository = try GitRepository(path: path)
        let outcome = try repository.commit(Signatures.request("dev", update))
        XCTAssertNotNil(outcome.newCommit)
        XCTAssertEqual(try snapshot(scratch, path), before)
        XCTAssertEqual(try scratch.files(of: "dev", in: path).keys.sorted(), ["README.md", "east-us/README.md", "east-us/app/namespace.yaml"])

        // The checked-out branch moves like `git update-ref` moves it: the working tree and the
        // index stay, and so show the commit's changes as undone.
        XCTAssertEqual(repository.headBranch, "main")
        let beforeMain = try snapshot(scratch, path)
        XCTAssertNotNil(try repository.commit(Signatures.request("main", update)).newCommit)
        let afterMain = try snapshot(scratch, path)
        XCTAssertEqual(afterMain.index, beforeMain.index)
        XCTAssertEqual(afterMain.files, beforeMain.files)
        XCTAssertEqual(afterMain.head, beforeMain.head)
        try scratch.assertFsckClean(path)
    }
}
