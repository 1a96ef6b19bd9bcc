import KalcDiagnostics
import KalcDriver
import KalcJSON
import KalcLanguageServer
import XCTest
import KalcTestSupport

/// Diagnostics as an editor sees them: pushed for every file of the project, at their
/// place in either position encoding, cleared when fixed, pulled on request.
final class DiagnosticsTests: XCTestCase {
    private func lines(of diagnostics: [JSONValue]?) -> [Int] {
        (diagnostics ?? []).compactMap { $0["range"]?["start"]?["line"]?.integerValue }
    }

    func testTheExampleProjectHasNoDiagnostics() throws {
        let files = try exampleProject()
        let session = try ServerSession(files: files)
        session.initialize()
        for (name, text) in files {
            session.open(name, text)
            XCTAssertEqual(session.diagnostics(name, version: 1), [], name)
        }
    }

    func testAJunkLineIsReportedAtItsLineAndClearedFiveTimes() throws {
        let files = try exampleProject()
        let name = "control-plane.kal"
        let text = try XCTUnwrap(files[name])
        let session = try ServerSession(files: files)
        session.initialize()
        session.open(name, text)
        XCTAssertEqual(session.diagnostics(name, version: 1), [])
        var version = 1
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        for round in 0..<5 {
            let line = (round * 13 + 7) % (lineCount - 1)
            version += 1
            session.notify(
                "textDocument/didChange",
                [
                    "textDocument": ["uri": .string(session.uri(name)), "version": .integer(version)],
                    "contentChanges": [
                        [
                            "range": ["start": ["line": .integer(line), "character": 0], "end": ["line": .integer(line), "character": 0]],
                            "text": "junk line ~\n",
                        ]
                    ],
                ])
            let reported = session.diagnostics(name, version: version)
            XCTAssertFalse(reported?.isEmpty ?? true, "round \(round): no diagnostic for the junk line")
            XCTAssertEqual(Set(lines(of: reported)), [line], "round \(round)")
            XCTAssertEqual(reported?.first?["severity"], 1)
            version += 1
            session.notify(
                "textDocument/didChange",
                [
                    "textDocument": ["uri": .string(session.uri(name)), "version": .integer(version)],
                    "contentChanges": [
                        [
                            "range": ["start": ["line": .integer(line), "character": 0], "end": ["line": .integer(line + 1), "character": 0]],
                            "text": "",
                        ]
                    ],
                ])
            XCTAssertEqual(session.diagnostics(name, version: version), [], "round \(round): not cleared")
        }
    }

    func testDiagnosticsCarryCodeDocumentationAndRelatedPlaces() throws {
        let first = MarkedSource("template 1️⃣twice { type = reconciler }\n")
        let second = MarkedSource("template 2️⃣twice { type = reconciler }\n")
        let session = try ServerSession(files: ["a.kal": first.text, "b.kal": second.text])
        session.initialize()
        let reported = try XCTUnwrap(session.diagnostics("b.kal"))
        let duplicate = try XCTUnwrap(reported.first { $0["code"] == "K0106" })
        XCTAssertEqual(duplicate["severity"], 1)
        XCTAssertEqual(duplicate["source"], "kalc")
        XCTAssertEqual(duplicate["codeDescription"]?["href"], "https://github.com/kalc-lang/kalc/blob/main/docs/diagnostics.md#k0106")
        let (line, character) = second.position("2️⃣")
        XCTAssertEqual(duplicate["range"]?["start"], ["line": .integer(line), "character": .integer(character)])
        let related = try XCTUnwrap(duplicate["relatedInformation"]?.arrayValue?.first)
        XCTAssertEqual(related["location"]?["uri"]?.stringValue, session.uri("a.kal"))
        let (relatedLine, relatedCharacter) = first.position("1️⃣")
        XCTAssertEqual(related["location"]?["range"]?["start"], ["line": .integer(relatedLine), "character": .integer(relatedCharacter)])
        XCTAssertEqual(related["message"], "first declared here")
    }

    func testClientsWithoutRelatedInformationGetItInTheMessage() throws {
        let first = MarkedSource("template twice { type = reconciler }\n")
        let second = MarkedSource("template twice { type = reconciler }\n")
        let session = try ServerSession(files: ["a.kal": first.text, "b.kal": second.text])
        session.initialize(capabilities: ["textDocument": ["publishDiagnostics": ["versionSupport": true]]])
        let reported = try XCTUnwrap(session.diagnostics("b.kal"))
        let duplicate = try XCTUnwrap(reported.first { $0["code"] == "K0106" })
        XCTAssertNil(duplicate["relatedInformation"])
        XCTAssertNil(duplicate["codeDescription"])
        XCTAssertTrue(duplicate["message"]?.stringValue?.contains("\na.kal:1: first declared here") == true, duplicate.jsonText)
    }

    func testFilesOnDiskAreCheckedAndTheirChangesPickedUp() throws {
        let session = try ServerSession(files: ["broken.kal": "environment qa {\n  junk junk\n}\n"])
        session.initialize(capabilities: ["workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]])
        let registration = session.waitFor { $0["method"] == "client/registerCapability" }
        XCTAssertEqual(registration?["params"]?["registrations"]?[0]?["method"], "workspace/didChangeWatchedFiles")
        XCTAssertEqual(lines(of: session.diagnostics("broken.kal")), [1])

        try session.write("broken.kal", "environment qa {\n  controlPlane = \"https://x\" @ \"qa\"\n  gitops = \"https://x\" @ \"gitops\"\n}\n")
        session.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(session.uri("broken.kal")), "type": 2]]])
        XCTAssertEqual(session.diagnostics("broken.kal"), [])

        try session.write("sub/new.kal", "workload w {}\n")
        session.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(session.uri("sub/new.kal")), "type": 1]]])
        XCTAssertEqual(session.diagnostics("sub/new.kal")?.first?["code"], "K0115")

        try FileManager.default.removeItem(atPath: session.path("sub"))
        session.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(session.uri("sub")), "type": 3]]])
        XCTAssertEqual(session.diagnostics("sub/new.kal"), [])
    }

    func testAnOpenBufferReplacesTheFileOnDisk() throws {
        let broken = "environment qa {\n  junk junk\n}\n"
        let fixed = "environment qa {\n  controlPlane = \"https://x\" @ \"qa\"\n  gitops = \"https://x\" @ \"gitops\"\n}\n"
        let session = try ServerSession(files: ["a.kal": broken])
        session.initialize()
        XCTAssertEqual(lines(of: session.diagnostics("a.kal")), [1])
        session.open("a.kal", fixed, version: 3)
        XCTAssertEqual(session.diagnostics("a.kal", version: 3), [])
        session.notify("textDocument/didClose", ["textDocument": ["uri": .string(session.uri("a.kal"))]])
        XCTAssertEqual(lines(of: session.diagnostics("a.kal")), [1])
    }

    func testClosingAFileOutsideTheProjectClearsIt() throws {
        let session = try ServerSession()
        session.initialize()
        let outside = "/tmp/kalc-outside-\(UUID().uuidString).kal"
        session.notify("textDocument/didOpen", ["textDocument": ["uri": .string(DocumentURI.uri(ofPath: outside)), "languageId": "kalc", "version": 1, "text": "junk junk\n"]])
        let opened = session.notification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == DocumentURI.uri(ofPath: outside) }
        XCTAssertEqual(opened?["diagnostics"]?.arrayValue?.isEmpty, false)
        session.notify("textDocument/didClose", ["textDocument": ["uri": .string(DocumentURI.uri(ofPath: outside))]])
        let closed = session.notification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == DocumentURI.uri(ofPath: outside) }
        XCTAssertEqual(closed?["diagnostics"], [])
    }

    func testAFileThatDoesNotParseKeepsOnlyItsSyntaxErrors() throws {
        // Both files name unknown templates and import what is not there; only the one that
        // parses is analysed and has its imports reported.
        let broken =
            "import \"missing.kal\"\nenvironment qa {\n  clusterType c {\n    reconciler = nowhere\n    namespace = nowhere\n    config = nowhere\n  }\n  policy p { targets where == x }\n}\n"
        let parsing = "import \"gone.kal\"\nenvironment prod {\n  clusterType c {\n    reconciler = nowhere\n    namespace = nowhere\n    config = nowhere\n  }\n}\n"
        let session = try ServerSession(files: ["broken.kal": broken, "parsing.kal": parsing])
        session.initialize()
        let brokenCodes = Set((session.diagnostics("broken.kal") ?? []).compactMap { $0["code"]?.stringValue })
        let parsingCodes = Set((session.diagnostics("parsing.kal") ?? []).compactMap { $0["code"]?.stringValue })
        XCTAssertTrue(brokenCodes.allSatisfy { $0.hasPrefix("K00") }, "\(brokenCodes)")
        XCTAssertFalse(brokenCodes.isEmpty)
        XCTAssertTrue(parsingCodes.contains("K0101"), "\(parsingCodes)")
        XCTAssertTrue(parsingCodes.contains("K0116"), "\(parsingCodes)")
    }

    /// Lines with characters of one to four UTF-8 bytes (one or two UTF-16 units) before an
    /// invalid ConfigMap key, whose bounds the markers give.
    static let wideLines = [
        "config c { a = \"é😀\" 1️⃣\"x y\"2️⃣ = 1 }\n",
        "config c { a = \"𝄞𝄞𝄞\" b = \"ü\" 1️⃣\"no spaces allowed\"2️⃣ = 1 }\n",
        "config c { a = \"中文\" 1️⃣\"😀\"2️⃣ = 1 }\n",
    ]

    func testPositionsCountInTheNegotiatedEncoding() throws {
        for utf8 in [false, true] {
            for (index, marked) in Self.wideLines.enumerated() {
                let source = MarkedSource(marked)
                let session = try ServerSession()
                session.initialize(capabilities: utf8 ? ["general": ["positionEncodings": ["utf-8", "utf-16"]]] : [:])
                session.open("wide.kal", source.text)
                let reported = try XCTUnwrap(session.diagnostics("wide.kal", version: 1))
                let invalid = try XCTUnwrap(reported.first { $0["code"] == "K0207" }, "case \(index): \(reported)")
                for (marker, end) in [("1️⃣", "start"), ("2️⃣", "end")] {
                    let (line, character) = MarkedSource.position(of: source.offsets[marker] ?? -1, in: source.text, utf8: utf8)
                    XCTAssertEqual(invalid["range"]?[end], ["line": .integer(line), "character": .integer(character)], "case \(index), utf8 \(utf8)")
                }
            }
        }
    }

    /// Edits after wide characters: from the end of the first `start` in the text to the end
    /// of the first `end` (or to the same place), replaced by `text`.
    static let edits: [(start: String, end: String?, text: String)] = [
        ("😀😀", nil, " 𝄞 inserted"),
        ("key = \"😀", nil, "é中"),
        ("other = \"", "other = \"é", "ü😀"),
        ("z = 1", "last = \"wide 中文字\"", "\n  last = \"😀\""),
        ("}", nil, "\n\nconfig more { a = \"𝄞\" }"),
    ]

    func testIncrementalEditsApplyInEitherEncoding() throws {
        let original = "config wide [x: y] { // 😀😀 and more\nkey = \"😀\"\n  other = \"é\"\n  z = 1\n  last = \"wide 中文字\"\n}\n"
        for utf8 in [false, true] {
            var client = ClientText(text: original, utf8: utf8)
            let session = try ServerSession()
            session.initialize(capabilities: utf8 ? ["general": ["positionEncodings": ["utf-8"]]] : [:])
            session.open("wide.kal", original)
            for (index, edit) in Self.edits.enumerated() {
                let start = try XCTUnwrap(client.position(after: edit.start), edit.start)
                let end = try XCTUnwrap(client.position(after: edit.end ?? edit.start), edit.end ?? edit.start)
                client.replace(from: start, to: end, with: edit.text)
                session.notify(
                    "textDocument/didChange",
                    [
                        "textDocument": ["uri": .string(session.uri("wide.kal")), "version": .integer(index + 2)],
                        "contentChanges": [
                            [
                                "range": [
                                    "start": ["line": .integer(start.0), "character": .integer(start.1)],
                                    "end": ["line": .integer(end.0), "character": .integer(end.1)],
                                ],
                                "text": .string(edit.text),
                            ]
                        ],
                    ])
            }
            // Formatting answers the formatted text of what the server holds, which must be
            // the client's text, formatted.
            let expected = try ServerSession()
            expected.initialize(capabilities: utf8 ? ["general": ["positionEncodings": ["utf-8"]]] : [:])
            expected.open("expected.kal", client.text)
            let options: JSONValue = ["tabSize": 2, "insertSpaces": true]
            let fromServer = session.result("textDocument/formatting", ["textDocument": ["uri": .string(session.uri("wide.kal"))], "options": options])
            let fromClientText = expected.result("textDocument/formatting", ["textDocument": ["uri": .string(expected.uri("expected.kal"))], "options": options])
            XCTAssertNotEqual(fromClientText, .null, "the edited text does not parse: \(client.text)")
            XCTAssertEqual(fromServer, fromClientText, "utf8 \(utf8)")
        }
    }

    func testOnlyTheLatestEditIsPublished() throws {
        let session = try ServerSession(debounce: .milliseconds(300))
        session.initialize()
        let edits = 30
        session.open("fast.kal", "")
        for version in 2...(edits + 1) {
            let text = String(repeating: "\n", count: version) + "junk junk\n"
            session.replace("fast.kal", text, version: version)
        }
        let last = try XCTUnwrap(session.diagnostics("fast.kal", version: edits + 1))
        XCTAssertEqual(lines(of: last), [edits + 1])
        let published = session.received.filter { $0["method"] == "textDocument/publishDiagnostics" }.compactMap { $0["params"]?["version"]?.integerValue }
        XCTAssertEqual(published, published.sorted(), "an older version was published after a newer one")
        XCTAssertLessThan(published.count, edits / 2, "superseded edits were checked and published: \(published)")
    }

    func testPulledDiagnosticsEqualPushedOnes() throws {
        let text = "environment qa-1 {\n  clusterType c {}\n}\n"
        let session = try ServerSession()
        session.initialize()
        session.open("a.kal", text)
        let pushed = try XCTUnwrap(session.diagnostics("a.kal", version: 1))
        XCTAssertFalse(pushed.isEmpty)
        let pulled = session.result("textDocument/diagnostic", ["textDocument": ["uri": .string(session.uri("a.kal"))]])
        XCTAssertEqual(pulled["kind"], "full")
        XCTAssertEqual(pulled["items"]?.arrayValue, pushed)
    }

    func testAddedWorkspaceFoldersAreChecked() throws {
        let session = try ServerSession()
        session.initialize()
        let second = NSTemporaryDirectory() + "kalc-lsp-second-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: second, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: second) }
        try Data("workload w {}\n".utf8).write(to: URL(fileURLWithPath: second + "/more.kal"))
        let fileURI = DocumentURI.uri(ofPath: second + "/more.kal")
        session.notify(
            "workspace/didChangeWorkspaceFolders",
            [
                "event": [
                    "added": [["uri": .string(DocumentURI.uri(ofPath: second)), "name": "second"]], "removed": [],
                ]
            ])
        let added = session.notification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == fileURI }
        XCTAssertEqual(added?["diagnostics"]?[0]?["code"], "K0115")
        session.notify(
            "workspace/didChangeWorkspaceFolders",
            [
                "event": [
                    "added": [], "removed": [["uri": .string(DocumentURI.uri(ofPath: second)), "name": "second"]],
                ]
            ])
        let removed = session.notification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == fileURI }
        XCTAssertEqual(removed?["diagnostics"], [])
    }

    func testLaterChecksRunWhenEveryFileParses() throws {
        // A stand-in for the GitOps phase: one diagnostic at the name of every environment.
        let laterChecks: LaterChecks = { plane, schedules, sources, _ in
            plane.environments.compactMap { environment -> Diagnostic? in
                guard sources[environment.header.name.location.file] != nil, schedules.contains(where: { $0.environment.header.name == environment.header.name }) else {
                    return nil
                }
                return Diagnostic(.unsatisfiableRequirement, "checked after scheduling", at: environment.header.name.location)
            }
        }
        let source = MarkedSource("environment 1️⃣qa {\n  controlPlane = \"https://x\" @ \"qa\"\n  gitops = \"https://x\" @ \"gitops\"\n}\n")
        let session = try ServerSession(files: ["a.kal": source.text], laterChecks: laterChecks)
        session.initialize()
        session.open("a.kal", source.text)
        let reported = try XCTUnwrap(session.diagnostics("a.kal", version: 1))
        XCTAssertEqual(reported.map { $0["message"] }, ["checked after scheduling"])
        XCTAssertEqual(reported.first?["range"]?["start"], source.lspPosition("1️⃣"))
        // A syntax error anywhere in the project stops the later phase, as in `kalc check`.
        session.open("b.kal", "junk junk\n")
        XCTAssertEqual(session.diagnostics("a.kal", version: 1), [])
    }
}
