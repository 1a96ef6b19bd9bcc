import KalcGit
import KalcGitOpsLayout
import XCTest
import KalcTestSupport

/// `GitRepository.diff` prints what `git diff` prints for the same change.
final class DiffTests: XCTestCase {
    /// Every case of `Fixtures/diff`: the branch's files and the compiled tree. The diff kalc
    /// computes before committing must equal, byte for byte, what git prints between the
    /// branch before and after the commit — the patch, `--stat` and `--shortstat`.
    func testFixtureCasesMatchGitDiff() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let repository = try GitRepository(path: path)
        let names = try Fixtures.cases(in: "diff")
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let branch = "case/\(name)"
            try scratch.commit(try Fixtures.files(in: "diff/\(name)/branch"), to: branch, in: path)
            let update = try GitOpsTreeUpdate(environmentTree: try Fixtures.files(in: "diff/\(name)/compiled"))
            try assertDiffMatchesGit(repository, scratch, path, branch: branch, update: update, label: name)
        }
    }

    /// Compares kalc's diff for `update` with git's after committing it.
    private func assertDiffMatchesGit(
        _ repository: GitRepository, _ scratch: Scratch, _ path: String, branch: String, update: GitOpsTreeUpdate,
        label: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let diff = try repository.diff(branch: branch, update: update)
        guard try repository.commit(Signatures.request(branch, update)).newCommit != nil else {
            return XCTFail("\(label): nothing to commit", file: file, line: line)
        }
        let range = ["\(branch)~1", branch]
        let patch = try scratch.run(["--git-dir", path, "diff", "--no-renames"] + range).output
        if diff.patch != patch {
            XCTFail("\(label): patch differs\n--- git\n\(String(decoding: patch, as: UTF8.self))\n--- kalc\n\(String(decoding: diff.patch, as: UTF8.self))", file: file, line: line)
        }
        let stat = try scratch.run(["--git-dir", path, "diff", "--no-renames", "--stat"] + range).text
        XCTAssertEqual(diff.stat.rendered(), stat, label, file: file, line: line)
        let shortstat = try scratch.run(["--git-dir", path, "diff", "--no-renames", "--shortstat"] + range).text
        XCTAssertEqual(diff.stat.summary + "\n", shortstat, label, file: file, line: line)
        let statuses = try scratch.git(["--git-dir", path, "diff", "--no-renames", "--name-status", "-z"] + range)
            .split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        var expected: [String] = []
        for file in diff.files {
            switch file.status {
            case .added: expected.append("A")
            case .deleted: expected.append("D")
            case .modified: expected.append("M")
            case .typeChanged: expected.append("T")
            }
            expected.append(file.path)
        }
        XCTAssertEqual(statuses.filter { !$0.isEmpty }, expected, label, file: file, line: line)
    }

    func testModeAndTypeChangesMatchGitDiff() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let readme = GitOpsLayout.clusterTypeReadme
        try scratch.commit(
            ["west-us/README.md": readme, "west-us/a/run.sh": "#!/bin/sh\necho hi\n", "west-us/a/same.sh": "same\n"].bytes,
            to: "dev", in: path, executables: ["west-us/a/run.sh", "west-us/a/same.sh"])
        // A symbolic link and a submodule entry in a stale folder, written with git's plumbing.
        let tip = try scratch.git(["--git-dir", path, "rev-parse", "dev"])
        let linkTarget = try scratch.git(["--git-dir", path, "hash-object", "-w", "--stdin"], input: Array("../target".utf8))
        let staleReadme = try scratch.git(["--git-dir", path, "hash-object", "-w", "--stdin"], input: Array(readme.utf8))
        let stale = try scratch.git(
            ["--git-dir", path, "mktree"], input: Array("120000 blob \(linkTarget)\tlink\n160000 commit \(tip)\tmodule\n100644 blob \(staleReadme)\tREADME.md\n".utf8))
        // A link in the owned folder that the compiled tree turns into a file.
        let owned = try scratch.git(["--git-dir", path, "ls-tree", "dev:west-us"]) + "\n120000 blob \(linkTarget)\tconfig.yaml\n"
        let ownedTree = try scratch.git(["--git-dir", path, "mktree"], input: Array(owned.utf8))
        let rootEntries = "040000 tree \(ownedTree)\twest-us\n040000 tree \(stale)\tstale\n"
        let root = try scratch.git(["--git-dir", path, "mktree"], input: Array(rootEntries.utf8))
        let commit = try scratch.git(["--git-dir", path, "commit-tree", root, "-p", tip, "-m", "links"])
        try scratch.git(["--git-dir", path, "update-ref", "refs/heads/dev", commit])

        let update = GitOpsTreeUpdate(
            ownedFolders: ["west-us"],
            files: [
                "west-us/README.md": Array(readme.utf8),
                "west-us/a/run.sh": Array("#!/bin/sh\necho hello\n".utf8),
                "west-us/a/same.sh": Array("same\n".utf8),
                "west-us/config.yaml": Array("a: 1\n".utf8),
            ])
        try assertDiffMatchesGit(try GitRepository(path: path), scratch, path, branch: "dev", update: update, label: "modes")
    }

    func testUnusualPathsAreQuotedLikeGit() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let readme = GitOpsLayout.clusterTypeReadme
        try scratch.commit(
            ["old/README.md": readme, "old/caf\u{e9}.yaml": "a\n", "old/with space.yaml": "b\n", "old/quote\"d.yaml": "c\n", "old/tab\tname": "d\n"].bytes,
            to: "dev", in: path)
        let update = GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/README.md": Array(readme.utf8), "west-us/new space.yaml": Array("x\n".utf8)])
        try assertDiffMatchesGit(try GitRepository(path: path), scratch, path, branch: "dev", update: update, label: "paths")
    }

    func testContextAndAbbreviationOptions() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        try scratch.commit(try Fixtures.files(in: "diff/hunk-merging/branch"), to: "dev", in: path)
        let update = try GitOpsTreeUpdate(environmentTree: try Fixtures.files(in: "diff/hunk-merging/compiled"))
        let repository = try GitRepository(path: path)
        let diff = try repository.diff(branch: "dev", update: update, options: DiffOptions(contextLines: 1, abbreviation: 12))
        _ = try repository.commit(Signatures.request("dev", update))
        let git = try scratch.run(["--git-dir", path, "diff", "--no-renames", "-U1", "--abbrev=12", "dev~1", "dev"]).output
        XCTAssertEqual(String(decoding: diff.patch, as: UTF8.self), String(decoding: git, as: UTF8.self))
    }

    /// Random texts with random edits, diffed by kalc and by git: the same hunks, every time.
    func testRandomEditsMatchGitDiff() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        let repository = try GitRepository(path: path)
        var random = SplitMix64(seed: 0x6b61_6c63)
        let readme = Array(GitOpsLayout.clusterTypeReadme.utf8)
        var cases: [(branch: String, new: [UInt8])] = []
        var branches: [String: [String: [UInt8]]] = [:]
        for index in 0..<180 {
            let old: [String]
            let new: [String]
            switch index % 6 {
            case 5 where index % 25 == 24:
                // Large texts with many edits close together, where git gives up on a minimal diff.
                old = RandomText.lines(count: 1500, using: &random)
                new = RandomText.edit(old, edits: 400, using: &random)
            case 3 where index % 25 == 3:
                // Large texts with many edits far apart, where git splits at long runs of equal lines.
                old = RandomText.lines(count: 3000, using: &random)
                new = RandomText.edit(old, edits: 150, using: &random)
            case 4:
                // Two unrelated texts of one very common line, a few other common ones and
                // many lines found nowhere else.
                old = RandomText.skewed(count: Int.random(in: 4...60, using: &random), using: &random)
                new = RandomText.skewed(count: Int.random(in: 4...60, using: &random), using: &random)
            case 5:
                // Long runs of new lines with a very common line among them.
                old = RandomText.documents(count: 300, using: &random)
                new = RandomText.insertRuns(into: old, runs: 3, using: &random)
            default:
                old = RandomText.lines(count: Int.random(in: 0...40, using: &random), using: &random)
                new = RandomText.edit(old, edits: Int.random(in: 1...8, using: &random), using: &random)
            }
            let oldBytes = RandomText.bytes(old, finalNewline: index % 7 != 3)
            let newBytes = RandomText.bytes(new, finalNewline: index % 5 != 2)
            guard oldBytes != newBytes else { continue }
            let branch = "random/\(index)"
            branches[branch] = ["west-us/README.md": readme, "west-us/a/file.yaml": oldBytes]
            cases.append((branch, newBytes))
        }
        try scratch.importBranches(branches, into: path)
        for (number, (branch, new)) in cases.enumerated() {
            let update = GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/README.md": readme, "west-us/a/file.yaml": new])
            let diff = try repository.diff(branch: branch, update: update)
            _ = try repository.commit(Signatures.request(branch, update))
            let git = try scratch.run(["--git-dir", path, "diff", "--no-renames", "\(branch)~1", branch]).output
            if diff.patch != git {
                XCTFail("\(branch): patch differs\n--- git\n\(String(decoding: git, as: UTF8.self))\n--- kalc\n\(String(decoding: diff.patch, as: UTF8.self))")
            }
            if number % 10 == 0 {
                XCTAssertEqual(diff.stat.rendered(), try scratch.run(["--git-dir", path, "diff", "--no-renames", "--stat", "\(branch)~1", branch]).text, branch)
            }
        }
    }
}

extension DiffTests {
    /// A text long enough that git searches past 256 edits before giving up on a minimal
    /// diff, and splits at long runs of equal lines on the way.
    func testHugeTextMatchesGitDiff() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        var random = SplitMix64(seed: 0x6875_6765)
        let readme = Array(GitOpsLayout.clusterTypeReadme.utf8)
        let old = RandomText.lines(count: 36000, using: &random)
        let new = RandomText.edit(old, edits: 700, using: &random)
        try scratch.importBranches(["huge": ["west-us/README.md": readme, "west-us/a/file.yaml": RandomText.bytes(old, finalNewline: true)]], into: path)
        let update = GitOpsTreeUpdate(ownedFolders: ["west-us"], files: ["west-us/README.md": readme, "west-us/a/file.yaml": RandomText.bytes(new, finalNewline: true)])
        let repository = try GitRepository(path: path)
        let diff = try repository.diff(branch: "huge", update: update)
        _ = try repository.commit(Signatures.request("huge", update))
        let git = try scratch.run(["--git-dir", path, "diff", "--no-renames", "huge~1", "huge"]).output
        XCTAssertTrue(diff.patch == git, "the patches differ")
        XCTAssertEqual(diff.stat.rendered(), try scratch.run(["--git-dir", path, "diff", "--no-renames", "--stat", "huge~1", "huge"]).text)
    }
}

/// YAML-like texts from a small set of lines, so that equal lines recur as in manifests.
enum RandomText {
    private static let pool = [
        "---", "apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: platform-config", "  namespace: dev",
        "data:", "  region: westus", "  replicas: \"3\"", "spec:", "  interval: 30s", "  prune: true",
        "", "", "    - name: a", "      value: \"1\"", "    - name: b", "      value: \"2\"", "\tindented: tab", "}",
    ]

    static func lines<R: RandomNumberGenerator>(count: Int, using random: inout R) -> [String] {
        (0..<count).map { _ in
            Int.random(in: 0..<10, using: &random) == 0 ? "unique \(random.next() % 1000)" : pool[Int.random(in: 0..<pool.count, using: &random)]
        }
    }

    static func edit<R: RandomNumberGenerator>(_ text: [String], edits: Int, using random: inout R) -> [String] {
        var lines = text
        for _ in 0..<edits {
            let position = Int.random(in: 0...lines.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                lines.insert(contentsOf: self.lines(count: Int.random(in: 1...4, using: &random), using: &random), at: position)
            case 1 where position < lines.count:
                lines.removeSubrange(position..<min(lines.count, position + Int.random(in: 1...3, using: &random)))
            case 2 where position < lines.count:
                lines[position] = self.lines(count: 1, using: &random)[0]
            default:
                // Repeat a run of lines, which gives groups that can slide.
                let start = Int.random(in: 0...max(0, lines.count - 1), using: &random)
                let run = Array(lines[start..<min(lines.count, start + Int.random(in: 1...3, using: &random))])
                lines.insert(contentsOf: run, at: position)
            }
        }
        return lines
    }

    /// Lines of which three in ten are `---`, three in ten are unique and the rest are few.
    static func skewed<R: RandomNumberGenerator>(count: Int, using random: inout R) -> [String] {
        (0..<count).map { _ in
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<3: "---"
            case 3..<6: "unique \(random.next() % 1000)"
            default: "line \(Int.random(in: 0..<4, using: &random))"
            }
        }
    }

    /// Short documents separated by `---`, which is then one line in six or so.
    static func documents<R: RandomNumberGenerator>(count: Int, using random: inout R) -> [String] {
        (0..<count).map { _ in Int.random(in: 0..<6, using: &random) == 0 ? "---" : "line \(random.next() % 50)" }
    }

    /// Inserts runs of lines mostly found nowhere else, with a `---` or an old line here and there.
    static func insertRuns<R: RandomNumberGenerator>(into text: [String], runs: Int, using random: inout R) -> [String] {
        var lines = text
        for _ in 0..<runs {
            let run = (0..<Int.random(in: 8...20, using: &random)).map { _ in
                switch Int.random(in: 0..<7, using: &random) {
                case 0: "---"
                case 1: "line \(random.next() % 50)"
                default: "new \(random.next())"
                }
            }
            lines.insert(contentsOf: run, at: Int.random(in: 0...lines.count, using: &random))
        }
        return lines
    }

    static func bytes(_ lines: [String], finalNewline: Bool) -> [UInt8] {
        guard !lines.isEmpty else { return [] }
        return Array((lines.joined(separator: "\n") + (finalNewline ? "\n" : "")).utf8)
    }
}
