import Foundation
import KalcTestSupport
import XCTest

/// kalc reads only the project: a symbolic link that leads out of it is refused unread in
/// every command and report format, a folder it cannot list is an error rather than a
/// silent omission, and a report quotes no more of a file than the lines its spans are on.
final class ReadSafetyTests: XCTestCase {
    /// A file outside every project below, made to produce diagnostics (and be quoted by
    /// them) if kalc ever read it as a `.kal` or YAML file.
    static let secret = "root:$6$SECRETHASH:19000:0:99999:7:::\n  kind: ghp_SECRETTOKEN\nextraheader = AUTHORIZATION: basic SECRETBASIC\n"
    static let secretWords = ["SECRETHASH", "ghp_SECRETTOKEN", "SECRETBASIC"]

    /// Runs kalc in every report format and checks that none shows a word of the secret and
    /// that each ends with `status`; returns the JSON report's diagnostics.
    private func runInEveryFormat(_ arguments: [String], in folder: String, status: Int32, file: StaticString = #filePath, line: UInt = #line) throws -> [ReportedDiagnostic] {
        var reported: [ReportedDiagnostic] = []
        for format in ["human", "json", "sarif", "github"] {
            let run = try runKalc(arguments + ["--format", format], in: folder)
            XCTAssertEqual(run.status, status, "\(arguments) \(format): \(run.standardError)", file: file, line: line)
            for word in Self.secretWords {
                XCTAssertFalse(
                    run.standardOutput.contains(word) || run.standardError.contains(word),
                    "\(arguments) in \(format) shows \(word):\n\(run.standardError)\(run.standardOutput)", file: file, line: line)
            }
            if format == "json" { reported = reportedDiagnostics(run.standardOutput) }
        }
        return reported
    }

    func testSymbolicLinksOutOfTheProjectAreRefusedUnread() throws {
        let folder = try temporaryFolder(self)
        try write(
            [
                ("secret", Array(Self.secret.utf8)),
                ("outside/more.kal", Array(Self.secret.utf8)),
                ("p/shop.kal", Array(shopSource.utf8)),
                ("p/.git/config", Array(Self.secret.utf8)),
                ("q/shop.kal", Array(shop([("import std.templates\n", "import std.templates\nimport \"../shared/lib.kal\"\n")]).utf8)),
            ], under: folder)
        let links = [("p/x.kal", "../secret"), ("p/leak.kal", ".git/config"), ("p/lib", "../outside"), ("shared/lib.kal", "../secret")]
        for (link, target) in links {
            try FileManager.default.createDirectory(atPath: folder + "/" + (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + link, withDestinationPath: target)
        }
        XCTAssertEqual(
            try runInEveryFormat(["check", "p"], in: folder, status: 2).map { "\($0.code) \($0.file)" }.sorted(),
            ["K0920 p/leak.kal", "K0920 p/lib", "K0920 p/x.kal"])
        XCTAssertEqual(try runInEveryFormat(["check", "p/x.kal"], in: folder, status: 2).map(\.code), ["K0920"])
        XCTAssertEqual(try runInEveryFormat(["check", "q"], in: folder, status: 2).map { "\($0.code) \($0.file)" }, ["K0920 q/../shared/lib.kal"])
    }

    func testSymbolicLinksOutOfTheImportFolderAreRefusedUnread() throws {
        let folder = try temporaryFolder(self)
        try write([("secret", Array(Self.secret.utf8))] + LimitTests.plane.map { ("plane/" + $0.0, $0.1) }, under: folder)
        try FileManager.default.createSymbolicLink(atPath: folder + "/plane/control-plane/dev/x.yaml", withDestinationPath: "../../../secret")
        XCTAssertEqual(
            try runInEveryFormat(["import", "plane"], in: folder, status: 2).map { "\($0.code) \($0.file)" },
            ["K0920 plane/control-plane/dev/x.yaml"])
        // A top folder that is a link out of the import folder is not even listed.
        try write([("outside/control-plane/dev/SECRETHASH.yaml", Array(Self.secret.utf8))], under: folder)
        try FileManager.default.removeItem(atPath: folder + "/plane/control-plane")
        try FileManager.default.createSymbolicLink(atPath: folder + "/plane/control-plane", withDestinationPath: "../outside/control-plane")
        XCTAssertEqual(
            try runInEveryFormat(["import", "plane"], in: folder, status: 2).map { "\($0.code) \($0.file)" },
            ["K0920 plane/control-plane"])
    }

    /// Links that stay in the project are followed as before.
    func testSymbolicLinksWithinTheProjectAreFollowed() throws {
        let folder = try temporaryFolder(self)
        try write([("p/versions/v2/shop.kal", Array(shopSource.utf8))] + LimitTests.plane.map { ("plane/" + $0.0, $0.1) }, under: folder)
        try FileManager.default.createSymbolicLink(atPath: folder + "/p/current", withDestinationPath: "versions/v2")
        try FileManager.default.createSymbolicLink(atPath: folder + "/p/main.kal", withDestinationPath: "versions/v2/shop.kal")
        // A folder link out of the folder given is part of the project once a file imports it.
        try write([("company/shared/shop.kal", Array(shopSource.utf8)), ("q/main.kal", Array("import \"shared\"\n".utf8))], under: folder)
        try FileManager.default.createSymbolicLink(atPath: folder + "/q/shared", withDestinationPath: "../company/shared")
        for arguments in [["check", "p/current"], ["check", "p/main.kal"], ["check", "q"]] {
            let run = try runKalc(arguments, in: folder)
            XCTAssertEqual(run.status, 0, "\(arguments): \(run.standardError)")
        }
        try FileManager.default.moveItem(atPath: folder + "/plane/control-plane/dev/configs.yaml", toPath: folder + "/plane/configs.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder + "/plane/control-plane/dev/configs.yaml", withDestinationPath: "../../configs.yaml")
        let imported = try runKalc(["import", "plane"], in: folder)
        XCTAssertEqual(imported.status, 0, imported.standardError)
    }

    /// A folder kalc cannot list is an input error (exit 2), for `check` and for `import`,
    /// never a silent omission. Run as an unprivileged user: root lists every folder.
    func testFoldersThatCannotBeListedAreErrors() throws {
        let folder = try temporaryFolder(self)
        try write(
            [("p/shop.kal", Array(shopSource.utf8)), ("p/locked/more.kal", Array("environment more {}\n".utf8))]
                + LimitTests.plane.map { ("plane/" + $0.0, $0.1) }, under: folder)
        try FileManager.default.createDirectory(atPath: folder + "/plane/control-plane/locked", withIntermediateDirectories: true)
        for locked in ["p/locked", "plane/control-plane/locked"] {
            XCTAssertEqual(chmod(folder + "/" + locked, 0), 0)
        }
        for (arguments, locked) in [(["check", "p"], "p/locked"), (["import", "plane"], "plane/control-plane/locked")] {
            let run = try runKalc(arguments + ["--format", "json"], in: folder, unprivileged: true)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.standardError)")
            XCTAssertEqual(reportedDiagnostics(run.standardOutput).map { "\($0.code) \($0.file)" }, ["K0901 \(locked)"], run.standardOutput)
        }
    }

    /// A diagnostic whose span covers a whole YAML document shows the document's first line
    /// only, in every format; a long line is cut to a window around the place.
    func testReportsQuoteOnlyTheLineEachSpanStartsOn() throws {
        let folder = try temporaryFolder(self)
        let document = "first: line\nsecond: SECRETLINE2\nthird: SECRETLINE3\nfourth: SECRETLINE4\nfifth: SECRETLINE5\n"
        try write(LimitTests.plane.map { ("plane/" + $0.0, $0.1) } + [("plane/control-plane/dev/x.yaml", Array(document.utf8))], under: folder)
        for format in ["human", "json", "sarif", "github"] {
            let run = try runKalc(["import", "plane", "--format", format], in: folder)
            XCTAssertEqual(run.status, 1, run.standardError)
            XCTAssertTrue(format != "human" || run.standardError.contains("1 | first: line\n"), run.standardError)
            for line in 2...5 {
                XCTAssertFalse((run.standardOutput + run.standardError).contains("SECRETLINE\(line)"), "\(format):\n\(run.standardError)\(run.standardOutput)")
            }
        }
        let long =
            "environment qa {\n  config c {\n    A = " + String(repeating: "SECRETBEFORE ", count: 400) + "\u{1}" + String(repeating: " SECRETAFTER", count: 400) + "\n  }\n}\n"
        try write([("long/p.kal", Array(long.utf8))], under: folder)
        let run = try runKalc(["check", "long"], in: folder)
        XCTAssertEqual(run.status, 1)
        let quoted = run.standardError.split(separator: "\n").filter { $0.hasPrefix("3 | ") }
        XCTAssertFalse(quoted.isEmpty, run.standardError)
        XCTAssertFalse(quoted.contains { $0.count > 130 }, run.standardError)
    }

    /// A message names a long token by its first words, in every format: `found `xxx...``.
    func testMessagesQuoteLongTokensByTheirStart() throws {
        let folder = try temporaryFolder(self)
        let word = "SECRETSTART" + String(repeating: "x", count: 5_000) + "SECRETEND"
        let source = "environment qa \(word) {\n  \(word) \(word)\n  config c { \(word) }\n  labels [\(word)]\n}\n" + String(repeating: "$", count: 5_000) + "\n"
        try write([("p.kal", Array(source.utf8))], under: folder)
        for format in ["human", "json", "sarif", "github"] {
            let run = try runKalc(["check", "p.kal", "--format", format], in: folder)
            XCTAssertEqual(run.status, 1)
            // The human report's quoted lines show windows of the line, checked above.
            let text = (run.standardOutput + run.standardError).split(separator: "\n").filter { !$0.contains(" | ") }.joined(separator: "\n")
            XCTAssertTrue(text.contains("SECRETSTART"), text)
            XCTAssertFalse(text.contains("SECRETEND") || text.contains(String(repeating: "$", count: 100)), "\(format): \(text.prefix(2_000))")
        }
    }

    /// Characters that show nothing — a byte order mark, a zero-width space, a
    /// right-to-left override — are shown by their code point, in the message and the line.
    func testInvisibleCharactersAreShownByTheirCodePoint() throws {
        let folder = try temporaryFolder(self)
        try write([("p.kal", Array("\u{FEFF}environment q\u{200B}a {}\nenvironment \u{202E}b {}\n".utf8))], under: folder)
        let human = try runKalc(["check", "p.kal"], in: folder)
        XCTAssertEqual(human.status, 1)
        for shown in ["unexpected character `<U+FEFF>`", "unexpected character `<U+200B>`", "1 | <U+FEFF>environment q<U+200B>a {}", "<U+202E>"] {
            XCTAssertTrue(human.standardError.contains(shown), "\(shown) in:\n\(human.standardError)")
        }
        XCTAssertFalse(human.standardError.unicodeScalars.contains { [0xFEFF, 0x200B, 0x202E].contains($0.value) }, human.standardError)
        let github = try runKalc(["check", "p.kal", "--format", "github"], in: folder)
        XCTAssertTrue(github.standardOutput.contains("unexpected character `<U+200B>`"), github.standardOutput)
        XCTAssertFalse(github.standardOutput.unicodeScalars.contains { [0xFEFF, 0x200B, 0x202E].contains($0.value) }, github.standardOutput)
    }
}
