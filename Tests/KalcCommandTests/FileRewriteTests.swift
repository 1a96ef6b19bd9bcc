import Foundation
import KalcTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `kalc fmt` and `kalc import --output` change a file's content and nothing else about it:
/// mode, owner, hard links and symbolic links stay; read-only files and files outside the
/// folder given are left alone.
final class FileRewriteTests: XCTestCase {
    static let messy = "environment   qa{\ncontrolPlane=r@\"qa\"   // note\n}\n"
    static let formatted = "environment qa {\n  controlPlane = r @ \"qa\" // note\n}\n"

    func status(_ path: String) -> stat {
        var status = stat()
        XCTAssertEqual(lstat(path, &status), 0, path)
        return status
    }

    func testFormatKeepsModeOwnerAndLinks() throws {
        let folder = try temporaryFolder(self)
        try write(
            [
                ("proj/private.kal", Array(Self.messy.utf8)), ("proj/script.kal", Array(Self.messy.utf8)),
                ("proj/owned.kal", Array(Self.messy.utf8)), ("proj/linked.kal", Array(Self.messy.utf8)),
                ("proj/real/target.kal", Array(Self.messy.utf8)),
            ], under: folder)
        XCTAssertEqual(chmod(folder + "/proj/private.kal", 0o600), 0)
        XCTAssertEqual(chmod(folder + "/proj/script.kal", 0o755), 0)
        let nobody = try XCTUnwrap(getpwnam("nobody")).pointee
        XCTAssertEqual(chown(folder + "/proj/owned.kal", nobody.pw_uid, nobody.pw_gid), 0)
        XCTAssertEqual(link(folder + "/proj/linked.kal", folder + "/hard-link-outside.txt"), 0)
        try FileManager.default.createSymbolicLink(atPath: folder + "/proj/symbolic.kal", withDestinationPath: "real/target.kal")
        let inode = status(folder + "/proj/linked.kal").st_ino

        let run = try runKalc(["fmt", "proj"], in: folder)
        XCTAssertEqual(run.status, 0, run.standardError)
        for file in ["private", "script", "owned", "linked", "real/target"] {
            XCTAssertEqual(try String(contentsOfFile: folder + "/proj/\(file).kal", encoding: .utf8), Self.formatted, file)
        }
        XCTAssertEqual(status(folder + "/proj/private.kal").st_mode & 0o7777, 0o600)
        XCTAssertEqual(status(folder + "/proj/script.kal").st_mode & 0o7777, 0o755)
        XCTAssertEqual(status(folder + "/proj/owned.kal").st_uid, nobody.pw_uid)
        XCTAssertEqual(status(folder + "/proj/owned.kal").st_gid, nobody.pw_gid)
        XCTAssertEqual(status(folder + "/proj/linked.kal").st_ino, inode, "the hard link is kept")
        XCTAssertEqual(try String(contentsOfFile: folder + "/hard-link-outside.txt", encoding: .utf8), Self.formatted)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/proj/symbolic.kal"), "real/target.kal")
    }

    /// As `nobody`, a file owned by root that everyone may write keeps its owner: kalc
    /// cannot give a new file to root, so it writes in place.
    func testFormatKeepsAnOwnerItCannotGiveANewFile() throws {
        let folder = try temporaryFolder(self)
        try write([("proj/shared.kal", Array(Self.messy.utf8))], under: folder)
        XCTAssertEqual(chmod(folder, 0o777), 0)
        XCTAssertEqual(chmod(folder + "/proj", 0o777), 0)
        XCTAssertEqual(chmod(folder + "/proj/shared.kal", 0o666), 0)
        let run = try runAsNobody(["fmt", "proj"], in: folder)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(try String(contentsOfFile: folder + "/proj/shared.kal", encoding: .utf8), Self.formatted)
        XCTAssertEqual(status(folder + "/proj/shared.kal").st_uid, 0)
        XCTAssertEqual(status(folder + "/proj/shared.kal").st_mode & 0o7777, 0o666)
    }

    func testFormatLeavesReadOnlyFilesAndSaysWhyAWriteFails() throws {
        let folder = try temporaryFolder(self)
        try write([("proj/read-only.kal", Array(Self.messy.utf8)), ("proj/other.kal", Array(Self.messy.utf8))], under: folder)
        XCTAssertEqual(chmod(folder + "/proj/read-only.kal", 0o444), 0)
        let run = try runKalc(["fmt", "proj"], in: folder)
        XCTAssertEqual(run.status, 2, run.standardError)
        XCTAssertTrue(run.standardError.contains("error[K0914]: proj/read-only.kal is read-only; kalc leaves it as it is"), run.standardError)
        XCTAssertEqual(try String(contentsOfFile: folder + "/proj/read-only.kal", encoding: .utf8), Self.messy)
        XCTAssertEqual(try String(contentsOfFile: folder + "/proj/other.kal", encoding: .utf8), Self.formatted)
        XCTAssertEqual(run.standardOutput, "formatted proj/other.kal\n")

        XCTAssertEqual(chmod(folder, 0o755), 0)
        XCTAssertEqual(chmod(folder + "/proj/read-only.kal", 0o644), 0)
        let denied = try runAsNobody(["fmt", "proj"], in: folder)
        XCTAssertEqual(denied.status, 2, denied.standardError)
        XCTAssertTrue(denied.standardError.contains("error[K0913]: cannot write proj/read-only.kal: permission denied"), denied.standardError)
        XCTAssertEqual(try String(contentsOfFile: folder + "/proj/read-only.kal", encoding: .utf8), Self.messy)
    }

    /// `proj/linkdir -> ../outside`: the file outside is never rewritten.
    func testFormatNeverLeavesTheFolderItWasGiven() throws {
        let folder = try temporaryFolder(self)
        try write([("proj/inside.kal", Array(Self.messy.utf8)), ("outside/secret.kal", Array(Self.messy.utf8))], under: folder)
        try FileManager.default.createSymbolicLink(atPath: folder + "/proj/linkdir", withDestinationPath: "../outside")
        try FileManager.default.createSymbolicLink(atPath: folder + "/proj/link.kal", withDestinationPath: "../outside/secret.kal")
        let run = try runKalc(["fmt", "proj"], in: folder)
        XCTAssertNotEqual(run.status, 0, run.standardError)
        XCTAssertEqual(try String(contentsOfFile: folder + "/outside/secret.kal", encoding: .utf8), Self.messy)
        XCTAssertEqual(try String(contentsOfFile: folder + "/proj/inside.kal", encoding: .utf8), Self.formatted)
        XCTAssertFalse(run.standardOutput.contains("secret") || run.standardOutput.contains("link"), run.standardOutput)
    }

    func testImportOutputKeepsModeAndLinksAndRespectsReadOnlyFiles() throws {
        let folder = try temporaryFolder(self)
        let input = repositoryRoot + "/Tests/Fixtures/golden/scheduling/input"
        try write([("private.kal", Array("old\n".utf8)), ("real/plane.kal", Array("old\n".utf8)), ("read-only.kal", Array("old\n".utf8))], under: folder)
        XCTAssertEqual(chmod(folder + "/private.kal", 0o600), 0)
        XCTAssertEqual(chmod(folder + "/read-only.kal", 0o444), 0)
        try FileManager.default.createSymbolicLink(atPath: folder + "/plane.kal", withDestinationPath: "real/plane.kal")
        XCTAssertEqual(link(folder + "/private.kal", folder + "/private-link.kal"), 0)

        for output in ["private.kal", "plane.kal"] {
            let run = try runKalc(["import", input, "--output", output], in: folder)
            XCTAssertEqual(run.status, 0, run.standardError)
        }
        XCTAssertEqual(status(folder + "/private.kal").st_mode & 0o7777, 0o600)
        XCTAssertTrue(try String(contentsOfFile: folder + "/private-link.kal", encoding: .utf8).hasPrefix("import std.templates\n"))
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/plane.kal"), "real/plane.kal")
        XCTAssertTrue(try String(contentsOfFile: folder + "/real/plane.kal", encoding: .utf8).hasPrefix("import std.templates\n"))

        let refused = try runKalc(["import", input, "--output", "read-only.kal"], in: folder)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.standardError.contains("error[K0914]: read-only.kal is read-only"), refused.standardError)
        XCTAssertEqual(try String(contentsOfFile: folder + "/read-only.kal", encoding: .utf8), "old\n")
    }
}
