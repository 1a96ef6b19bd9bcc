import Foundation
import KalcTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `compile --out` replaces a folder only when everything in it, at any depth and whatever
/// its permissions, is a file kalc wrote; it never removes anything else, beside the folder
/// either.
final class OutputOwnershipTests: XCTestCase {
    /// A folder with the example's sources in `project/` and its output in `out/`.
    func compiledProject() throws -> String {
        let folder = try temporaryFolder(self)
        try write([("project/shop.kal", Array(shopSource.utf8))], under: folder)
        let first = try runKalc(["compile", "project", "--out", "out"], in: folder)
        XCTAssertEqual(first.status, 0, first.standardError)
        return folder
    }

    /// Each foreign thing, at some depth of a previous output, makes kalc refuse the folder
    /// with K0910 naming it, and nothing changes.
    func testFilesKalcDidNotWriteAreNeverRemovedAtAnyDepth() throws {
        let cases: [(name: String, relative: String, make: (String) throws -> Void)] = [
            ("notes beside the branches", "control-plane/main/NOTES.md", { try "x\n".write(toFile: $0 + "/out/control-plane/main/NOTES.md", atomically: false, encoding: .utf8) }),
            (
                "a git clone's metadata", "control-plane/main/.git",
                {
                    try write([("out/control-plane/main/.git/HEAD", Array("ref: refs/heads/main\n".utf8))], under: $0)
                }
            ),
            (
                "a stale file", "control-plane/qa/configs/stale.yaml",
                { try "stale".write(toFile: $0 + "/out/control-plane/qa/configs/stale.yaml", atomically: false, encoding: .utf8) }
            ),
            (
                "an edited file", "workloads/shop/workload.yaml",
                { path in
                    let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path + "/out/workloads/shop/workload.yaml"))
                    try handle.seekToEnd()
                    try handle.write(contentsOf: Data("# mine\n".utf8))
                    try handle.close()
                }
            ),
            ("an empty folder", "gitops/qa/mine", { try FileManager.default.createDirectory(atPath: $0 + "/out/gitops/qa/mine", withIntermediateDirectories: false) }),
            ("a pipe", "gitops/pipe", { XCTAssertEqual(mkfifo($0 + "/out/gitops/pipe", 0o600), 0) }),
        ]
        for (name, relative, make) in cases {
            let folder = try compiledProject()
            try make(folder)
            let before = tree(of: folder)
            let run = try runKalc(["compile", "project", "--out", "out"], in: folder)
            XCTAssertEqual(run.status, 2, "\(name): \(run.standardError)")
            XCTAssertTrue(run.standardError.contains("error[K0910]: out holds"), "\(name): \(run.standardError)")
            XCTAssertTrue(run.standardError.contains(" --> out/\(relative)\n"), "\(name): \(run.standardError)")
            XCTAssertEqual(tree(of: folder), before, name)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["out", "project"], "\(name): nothing left beside")
        }
    }

    /// The layout of the migration guide: the output folder holds the sources.
    func testAFolderHoldingTheInputsIsRefused() throws {
        let folder = try temporaryFolder(self)
        try write([("infra/control-plane/shop.kal", Array(shopSource.utf8))], under: folder)
        let before = tree(of: folder)
        for out in ["infra", "infra/control-plane", "."] {
            let run = try runKalc(["compile", "infra/control-plane", "--out", out], in: folder)
            XCTAssertEqual(run.status, 2, run.standardError)
            XCTAssertTrue(run.standardError.contains("error[K0912]: the output folder \(out) holds infra/control-plane, an input of this compile"), run.standardError)
            XCTAssertEqual(tree(of: folder), before)
        }
    }

    /// What kalc wrote and no longer writes is removed; an output written without a
    /// manifest is replaced when it holds only what kalc is about to write; the manifest
    /// checks with `sha256sum -c`.
    func testWhatKalcWroteIsReplacedAndTheManifestProvesIt() throws {
        let folder = try compiledProject()
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["sha256sum", "--check", "--strict", "--quiet", ".kalc-output"]
        check.currentDirectoryURL = URL(fileURLWithPath: folder + "/out")
        try check.run()
        check.waitUntilExit()
        XCTAssertEqual(check.terminationStatus, 0, "sha256sum -c .kalc-output")

        let source = shopSource.replacingOccurrences(of: "config platform {", with: "config renamed {")
        try source.write(toFile: folder + "/project/shop.kal", atomically: true, encoding: .utf8)
        let renamed = try runKalc(["compile", "project", "--out", "out"], in: folder)
        XCTAssertEqual(renamed.status, 0, renamed.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out/control-plane/qa/configs/platform.yaml"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/out/control-plane/qa/configs/renamed.yaml"))

        try FileManager.default.removeItem(atPath: folder + "/out/.kalc-output")
        let unlisted = try runKalc(["compile", "project", "--out", "out"], in: folder)
        XCTAssertEqual(unlisted.status, 0, unlisted.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/out/.kalc-output"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["out", "project"])
    }

    /// As a user other than root: an output folder, or a folder in it, that cannot be listed,
    /// or a file in it that cannot be read, is refused (what kalc cannot see, it cannot
    /// prove); so is a folder it could not remove.
    func testAnOutputFolderKalcCannotListOrRemoveIsRefused() throws {
        for (name, folderToLock, mode, action) in [
            ("unlistable output", "out", 0o000, "list"), ("unlistable branch", "out/control-plane/qa", 0o300, "list"),
            ("unremovable branch", "out/control-plane/qa", 0o500, "remove"),
            ("unreadable file", "out/workloads/shop/workload.yaml", 0o000, "read"),
        ] {
            let folder = try unprivilegedFolder()
            XCTAssertEqual(try runAsNobody(["compile", "project", "--out", "out"], in: folder).status, 0)
            let before = tree(of: folder)
            XCTAssertEqual(chmod(folder + "/" + folderToLock, mode_t(mode)), 0)
            let run = try runAsNobody(["compile", "project", "--out", "out"], in: folder)
            XCTAssertEqual(chmod(folder + "/" + folderToLock, mode == 0o000 && name.hasSuffix("file") ? 0o644 : 0o755), 0)
            XCTAssertEqual(run.status, 2, "\(name): \(run.standardError)")
            XCTAssertTrue(run.standardError.contains("error[K0911]: cannot \(action) \(folderToLock): permission denied"), "\(name): \(run.standardError)")
            XCTAssertEqual(tree(of: folder), before, name)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["out", "project"], "\(name): nothing hidden beside")
        }
        // The case of the finding: an unreadable folder holding someone's files.
        let folder = try unprivilegedFolder()
        try write([("out/control-plane/keep.txt", Array("keep\n".utf8))], under: folder)
        XCTAssertEqual(chmod(folder + "/out", 0o000), 0)
        let run = try runAsNobody(["compile", "project", "--out", "out"], in: folder)
        XCTAssertEqual(chmod(folder + "/out", 0o755), 0)
        XCTAssertEqual(run.status, 2, run.standardError)
        XCTAssertEqual(try String(contentsOfFile: folder + "/out/control-plane/keep.txt", encoding: .utf8), "keep\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["out", "project"])
    }

    /// A folder an earlier compile left beside the output is removed only when everything
    /// in it is listed, unchanged, in its manifest; otherwise it stays, with K0915.
    func testLeftoversAreRemovedOnlyWhenProvenKalcsAndComplete() throws {
        let folder = try compiledProject()
        let dead = try deadProcessIdentifier()
        let complete = ".out.kalc-\(dead)-1"
        let foreign = ".out.kalc-\(dead)-2"
        let unlisted = ".out.kalc-\(dead)-3"
        for copy in [complete, foreign, unlisted] {
            try FileManager.default.copyItem(atPath: folder + "/out", toPath: folder + "/" + copy)
        }
        try "mine\n".write(toFile: folder + "/" + foreign + "/control-plane/mine.txt", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: folder + "/" + unlisted + "/.kalc-output")
        let keptBefore = tree(of: folder + "/" + foreign)

        let run = try runKalc(["compile", "project", "--out", "out"], in: folder)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), [foreign, unlisted, "out", "project"].sorted())
        XCTAssertTrue(
            run.standardError.contains(
                "warning[K0915]: left \(folder)/\(foreign) in place: an earlier compile left it, and control-plane/mine.txt in it is not a file its manifest lists"),
            run.standardError)
        XCTAssertTrue(run.standardError.contains("warning[K0915]: left \(folder)/\(unlisted) in place"), run.standardError)
        XCTAssertEqual(tree(of: folder + "/" + foreign), keptBefore)
    }

    /// `--out ''` and names too long for a file get a clear message; a long name that fits
    /// works, its staging folder's name shortened.
    func testOutputNamesGetClearMessages() throws {
        let folder = try compiledProject()
        let empty = try runKalc(["compile", "project", "--out", ""], in: folder)
        XCTAssertEqual(empty.status, 2)
        XCTAssertTrue(empty.standardError.contains("error[K0916]: cannot write the output to this folder: the name is empty"), empty.standardError)
        let long = String(repeating: "a", count: 250)
        let fits = try runKalc(["compile", "project", "--out", long], in: folder)
        XCTAssertEqual(fits.status, 0, fits.standardError)
        XCTAssertEqual(try runKalc(["compile", "project", "--out", long], in: folder).status, 0)
        let tooLong = try runKalc(["compile", "project", "--out", String(repeating: "b", count: 256)], in: folder)
        XCTAssertEqual(tooLong.status, 2)
        XCTAssertTrue(
            tooLong.standardError.contains("error[K0916]: cannot write the output to this folder: `bbbbbbbbbbbbbbbb…` is 256 bytes long, and a file name is at most 255"),
            tooLong.standardError)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), [long, "out", "project"])
    }

    /// A write that fails says why, in the system's words.
    func testAFailedWriteSaysWhy() throws {
        let folder = try unprivilegedFolder()
        XCTAssertEqual(chmod(folder, 0o555), 0)
        let run = try runAsNobody(["compile", "project", "--out", "out"], in: folder)
        XCTAssertEqual(chmod(folder, 0o777), 0)
        XCTAssertEqual(run.status, 2, run.standardError)
        XCTAssertTrue(run.standardError.contains("error[K0913]: cannot create \(folder)/.out.kalc-"), run.standardError)
        XCTAssertTrue(run.standardError.contains(": permission denied"), run.standardError)
    }

    /// A source that cannot be read says why too.
    func testAFailedReadSaysWhy() throws {
        let folder = try unprivilegedFolder()
        XCTAssertEqual(chmod(folder + "/project/shop.kal", 0o000), 0)
        let run = try runAsNobody(["check", "project"], in: folder)
        XCTAssertEqual(run.status, 2, run.standardError)
        XCTAssertTrue(run.standardError.contains("error[K0901]: cannot read the file: permission denied"), run.standardError)
    }

    /// A folder the user `nobody` can write, holding the example's sources.
    func unprivilegedFolder() throws -> String {
        let folder = try temporaryFolder(self)
        try write([("project/shop.kal", Array(shopSource.utf8))], under: folder)
        XCTAssertEqual(chmod(folder, 0o777), 0)
        XCTAssertEqual(chmod(folder + "/project", 0o755), 0)
        XCTAssertEqual(chmod(folder + "/project/shop.kal", 0o644), 0)
        return folder
    }

    /// The id of a process that has ended.
    func deadProcessIdentifier() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}

/// Runs `kalc` as the user `nobody` (tests run as root, who may read and write anything),
/// through `setpriv`.
func runAsNobody(_ arguments: [String], in directory: String) throws -> KalcRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", kalcExecutable.path] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return KalcRun(
        status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
        standardError: String(decoding: errorData, as: UTF8.self), timedOut: false)
}
