import Foundation
import KalcJSON
import KalcLanguageServer
import KalcSemantics
import XCTest
import KalcTestSupport

/// The server as editors other than VS Code meet it: files opened from outside the
/// workspace, edits that do not fit, logging, minimal formatting edits.
final class EditorClientTests: XCTestCase {
    func testAFileOpenedFromOutsideTheWorkspaceIsItsOwnProject() throws {
        let session = try ServerSession(files: FeatureProject.files)
        session.initialize()
        // A copy of the control plane in another folder declares the same names again.
        let elsewhere = NSTemporaryDirectory() + "kalc-elsewhere-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let copy = DocumentURI.uri(ofPath: elsewhere + "/cp.kal")
        session.notify(
            "textDocument/didOpen",
            [
                "textDocument": [
                    "uri": .string(copy), "languageId": "kalc", "version": 1, "text": .string(FeatureProject.controlPlane.text),
                ]
            ])
        let own = session.notification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == copy }
        let errors = own?["diagnostics"]?.arrayValue?.filter { $0["severity"] == 1 }
        XCTAssertEqual(errors, [], "the copy is checked alone")
        // The workspace's files gain nothing, and the workspace's workloads are not the copy's.
        XCTAssertNotNil(session.request("workspace/symbol", ["query": ""])["result"])
        XCTAssertFalse(session.received.contains { $0["params"]?["uri"]?.stringValue == session.uri("cp.kal") && $0["params"]?["diagnostics"] != [] })
        let apps = MarkedSource("workload w {\n  registration = 1️⃣\n}\n")
        let appsURI = DocumentURI.uri(ofPath: elsewhere + "/apps.kal")
        session.notify("textDocument/didOpen", ["textDocument": ["uri": .string(appsURI), "languageId": "kalc", "version": 1, "text": .string(apps.text)]])
        let (line, character) = apps.position("1️⃣")
        let completion = session.result(
            "textDocument/completion", ["textDocument": ["uri": .string(appsURI)], "position": ["line": .integer(line), "character": .integer(character)]])
        let labels = completion["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
        XCTAssertFalse(labels.contains("shop"), "the workspace's registrations are offered outside it: \(labels)")
    }

    func testAnEditPastTheEndIsRefusedAndTheWholeTextResynchronises() throws {
        let session = try ServerSession()
        session.initialize()
        session.open("a.kal", "repo cp = \"https://example.com/cp\"\n")
        XCTAssertEqual(session.diagnostics("a.kal", version: 1), [])
        session.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(session.uri("a.kal")), "version": 2],
                "contentChanges": [["range": ["start": ["line": 40, "character": 0], "end": ["line": 40, "character": 0]], "text": "junk junk\n"]],
            ])
        let shown = session.notification("window/showMessage")
        XCTAssertEqual(shown?["type"], 1)
        XCTAssertTrue(shown?["message"]?.stringValue?.contains("line 41") == true, shown?.jsonText ?? "")
        // Later edits by range are not applied to a text that may differ from the editor's.
        session.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(session.uri("a.kal")), "version": 3],
                "contentChanges": [["range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]], "text": "junk junk\n"]],
            ])
        session.replace("a.kal", "junk junk\n", version: 4)
        let diagnostics = session.diagnostics("a.kal", version: 4)
        XCTAssertEqual(diagnostics?.count, 1)
        XCTAssertFalse(session.received.contains { $0["params"]?["version"] == 2 || $0["params"]?["version"] == 3 })
    }

    func testTheStartOfTheLineAfterTheLastIsTheEndOfTheText() throws {
        let session = try ServerSession()
        session.initialize()
        session.open("a.kal", "repo cp = \"https://example.com/cp\"")
        session.notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(session.uri("a.kal")), "version": 2],
                "contentChanges": [["range": ["start": ["line": 0, "character": 4], "end": ["line": 1, "character": 0]], "text": "junk junk\n"]],
            ])
        XCTAssertEqual(session.diagnostics("a.kal", version: 2)?.count, 1)
        XCTAssertFalse(session.received.contains { $0["method"] == "window/showMessage" })
    }

    func testRoutineWorkIsLoggedOnlyWhenTraced() throws {
        let session = try ServerSession(files: FeatureProject.files)
        session.initialize()
        session.open("cp.kal", FeatureProject.controlPlane.text)
        XCTAssertNotNil(session.diagnostics("cp.kal", version: 1))
        XCTAssertEqual(session.log, [], "nothing on standard error")
        XCTAssertFalse(session.received.contains { $0["method"] == "$/logTrace" || $0["method"] == "window/logMessage" })
        session.notify("$/setTrace", ["value": "messages"])
        session.replace("cp.kal", FeatureProject.controlPlane.text + "\n", version: 2)
        let traced = session.notification("$/logTrace")
        XCTAssertTrue(traced?["message"]?.stringValue?.hasPrefix("kalc lsp: checked 2 files") == true, traced?.jsonText ?? "")
    }

    func testFormattingReplacesOnlyTheLinesItChanges() throws {
        var lines = ["repo cp = \"https://example.com/cp\"", ""]
        for index in 0..<40 {
            lines += ["config c\(index) {", "  KEY = \"v\(index)\"", "}", ""]
        }
        let formatted = lines.joined(separator: "\n")
        var unformatted = lines
        unformatted[3] = "      KEY = \"v0\""
        unformatted[143] = "KEY   =   \"v35\""
        let text = unformatted.joined(separator: "\n")
        let session = try ServerSession()
        session.initialize()
        session.open("a.kal", text)
        let edits = session.result("textDocument/formatting", ["textDocument": ["uri": .string(session.uri("a.kal"))], "options": ["tabSize": 2, "insertSpaces": true]])
        XCTAssertEqual(applying(edits.arrayValue ?? [], to: text), formatted)
        XCTAssertEqual(edits.arrayValue?.count, 2, edits.jsonText)
        XCTAssertEqual(edits.arrayValue?.compactMap { $0["range"]?["start"]?["line"]?.integerValue }, [3, 143])
    }

    func testTheStandardLibraryIsWrittenWholeAndNeverThroughALink() throws {
        let session = try ServerSession()
        // A link where a module goes, to a file that must stay as it is.
        let victim = session.folder + "-victim.txt"
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: victim))
        defer { try? FileManager.default.removeItem(atPath: victim) }
        // The server in the test process has no version: its folder is `development`.
        let folder = session.cache + "/kalc/development/stdlib"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/std.templates.kal", withDestinationPath: victim)
        session.initialize()
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "mine\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/std.templates.kal")
        XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeRegular)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o444)
        XCTAssertEqual(
            FileManager.default.contents(atPath: folder + "/std.templates.kal").map { [UInt8]($0) },
            StandardLibrary.modules["std.templates"]?.bytes)
        // Nothing else is left in the folder.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), StandardLibrary.modules.keys.sorted().map { $0 + ".kal" })
    }
}
