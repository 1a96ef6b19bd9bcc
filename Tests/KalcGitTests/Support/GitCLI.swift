import Foundation
import XCTest

/// What a run of the git command line printed.
struct GitRun {
    var status: Int32
    var output: [UInt8]
    var error: String

    var text: String { String(decoding: output, as: UTF8.self) }
}

/// A temporary folder for repositories made and inspected with the git command line, with
/// a git environment that reads no user or system configuration. Removed when released.
final class Scratch {
    let root: String

    /// The identity and dates git uses for the commits the tests make with it.
    static let gitEnvironment: [String: String] = [
        "GIT_AUTHOR_NAME": "Fixture Author",
        "GIT_AUTHOR_EMAIL": "author@example.com",
        "GIT_AUTHOR_DATE": "@1700000000 +0000",
        "GIT_COMMITTER_NAME": "Fixture Committer",
        "GIT_COMMITTER_EMAIL": "committer@example.com",
        "GIT_COMMITTER_DATE": "@1700000000 +0000",
    ]

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kalc-git-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base.path
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Runs git with `arguments` in `directory` (default: the scratch folder).
    @discardableResult
    func run(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:], input: [UInt8]? = nil) throws -> GitRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? root)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") && $0.key != "COLUMNS" }
        environment["HOME"] = root + "/home"
        environment["XDG_CONFIG_HOME"] = root + "/home"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["LC_ALL"] = "C"
        environment["TZ"] = "UTC"
        environment["GIT_PAGER"] = "cat"
        for (key, value) in Self.gitEnvironment { environment[key] = value }
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let outputFile = root + "/.out-\(UUID().uuidString)"
        let errorFile = root + "/.err-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outputFile)
            try? FileManager.default.removeItem(atPath: errorFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorFile))
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input)) }
        try inputPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        let output = try Data(contentsOf: URL(fileURLWithPath: outputFile))
        let error = try Data(contentsOf: URL(fileURLWithPath: errorFile))
        return GitRun(status: process.terminationStatus, output: Array(output), error: String(decoding: error, as: UTF8.self))
    }

    /// Runs git and fails the test when it fails; returns its output without the final newline.
    @discardableResult
    func git(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:], input: [UInt8]? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        let result = try run(arguments, in: directory, environment: environment, input: input)
        if result.status != 0 {
            XCTFail("git \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.error)", file: file, line: line)
        }
        var text = result.text
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Makes a repository: bare at `<root>/<name>.git`, or with a working tree at `<root>/<name>`.
    func makeRepository(_ name: String, bare: Bool) throws -> String {
        let path = root + "/" + name + (bare ? ".git" : "")
        try git(["init", "-q", "-b", "main"] + (bare ? ["--bare"] : []) + [path])
        return path
    }

    /// The folder that holds a repository's objects and references.
    func gitDirectory(of repository: String) -> String {
        FileManager.default.fileExists(atPath: repository + "/.git") ? repository + "/.git" : repository
    }

    /// Commits exactly `files` to `branch` of `repository` with git's own plumbing, on top of
    /// the branch's tip when it has one, without touching any index or working tree of it.
    /// Paths listed in `executables` get mode 100755; `gitlinks` adds submodule entries, each
    /// naming a commit by its id (which need not be in the repository). Returns the new commit.
    @discardableResult
    func commit(
        _ files: [String: [UInt8]], to branch: String, in repository: String, message: String = "fixture",
        executables: Set<String> = [], gitlinks: [String: String] = [:]
    ) throws -> String {
        let gitDirectory = gitDirectory(of: repository)
        var entries: [String] = []
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            let blob = try git(["--git-dir", gitDirectory, "hash-object", "-w", "--stdin"], input: content)
            let mode = executables.contains(path) ? "100755" : "100644"
            entries.append("\(mode) \(blob) 0\t\(path)")
        }
        for (path, commit) in gitlinks.sorted(by: { $0.key < $1.key }) {
            entries.append("160000 \(commit) 0\t\(path)")
        }
        let index = root + "/.index-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: index) }
        let environment = ["GIT_INDEX_FILE": index]
        try git(["--git-dir", gitDirectory, "update-index", "--index-info"], environment: environment, input: Array((entries.joined(separator: "\n") + "\n").utf8))
        let tree = try git(["--git-dir", gitDirectory, "write-tree"], environment: environment)
        let parent = try run(["--git-dir", gitDirectory, "rev-parse", "--verify", "-q", "refs/heads/\(branch)"])
        let parentArguments = parent.status == 0 ? ["-p", parent.text.trimmingCharacters(in: .whitespacesAndNewlines)] : []
        let commit = try git(["--git-dir", gitDirectory, "commit-tree", tree, "-m", message] + parentArguments)
        try git(["--git-dir", gitDirectory, "update-ref", "refs/heads/\(branch)", commit])
        return commit
    }

    /// Creates many branches at once with `git fast-import`, each a root commit holding
    /// exactly its files.
    func importBranches(_ branches: [String: [String: [UInt8]]], into repository: String) throws {
        var stream: [UInt8] = []
        func data(_ bytes: [UInt8]) {
            stream += Array("data \(bytes.count)\n".utf8) + bytes + [UInt8(ascii: "\n")]
        }
        for (branch, files) in branches.sorted(by: { $0.key < $1.key }) {
            stream += Array("commit refs/heads/\(branch)\ncommitter Fixture Committer <committer@example.com> 1700000000 +0000\n".utf8)
            data(Array("fixture".utf8))
            for (path, content) in files.sorted(by: { $0.key < $1.key }) {
                stream += Array("M 100644 inline \(path)\n".utf8)
                data(content)
            }
        }
        try git(["--git-dir", gitDirectory(of: repository), "fast-import", "--quiet"], input: stream)
    }

    /// Every file of a branch, by path, with its content.
    func files(of branch: String, in repository: String) throws -> [String: [UInt8]] {
        let gitDirectory = gitDirectory(of: repository)
        let listing = try git(["--git-dir", gitDirectory, "ls-tree", "-r", "-z", "--full-tree", branch])
        var files: [String: [UInt8]] = [:]
        for entry in listing.split(separator: "\0") {
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ")
            let path = String(entry[entry.index(after: tab)...])
            files[path] = try run(["--git-dir", gitDirectory, "cat-file", "blob", String(fields[2])]).output
        }
        return files
    }

    /// The `ls-tree -r` lines of a branch: mode, type, id and path of every file.
    func listing(of branch: String, in repository: String) throws -> [String] {
        try git(["--git-dir", gitDirectory(of: repository), "ls-tree", "-r", "--full-tree", branch]).split(separator: "\n").map(String.init)
    }

    /// The commit a branch points to, or nil.
    func tip(of branch: String, in repository: String) throws -> String? {
        let result = try run(["--git-dir", gitDirectory(of: repository), "rev-parse", "--verify", "-q", "refs/heads/\(branch)"])
        return result.status == 0 ? result.text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// Fails the test unless `git fsck --strict` finds the repository clean.
    func assertFsckClean(_ repository: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try run(["--git-dir", gitDirectory(of: repository), "fsck", "--strict", "--no-dangling"])
        XCTAssertEqual(result.status, 0, "git fsck --strict: \(result.text) \(result.error)", file: file, line: line)
        // A notice such as "HEAD points to an unborn branch" is not a problem of the objects.
        let problems = result.error.split(separator: "\n").filter { !$0.hasPrefix("notice:") }
        XCTAssertEqual(problems, [], "git fsck --strict reported: \(result.error)", file: file, line: line)
    }
}

extension Dictionary where Key == String, Value == String {
    /// The same files with their text as UTF-8 bytes.
    var bytes: [String: [UInt8]] { mapValues { Array($0.utf8) } }
}
