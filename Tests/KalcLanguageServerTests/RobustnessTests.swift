import KalcJSON
import KalcLanguageServer
import XCTest

/// Hostile and random input: the server answers every request, never stops, never hangs.
final class ServerRobustnessTests: XCTestCase {
    /// A deterministic source of choices (xorshift), so that a failure can be replayed.
    struct Choices {
        var state: UInt64

        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

        mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }

        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let methods = [
        "textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/documentSymbol",
        "workspace/symbol", "textDocument/completion", "textDocument/codeAction", "textDocument/prepareRename",
        "textDocument/rename", "textDocument/formatting", "textDocument/diagnostic", "kalc/unknown", "initialize",
    ]

    static let notifications = [
        "textDocument/didOpen", "textDocument/didChange", "textDocument/didClose", "textDocument/didSave",
        "workspace/didChangeWatchedFiles", "workspace/didChangeWorkspaceFolders", "$/cancelRequest", "$/setTrace", "kalc/unknown",
    ]

    static let texts = ["", "x", "é", "😀", "\n", "\r\n", "{", "}", "\"", "\"\"\"\n", "junk ", "environment qa {\n", "[a: b]", "==", "@", "\u{0}"]

    private func randomValue(_ choices: inout Choices, depth: Int = 0) -> JSONValue {
        switch choices.below(depth > 3 ? 5 : 8) {
        case 0: return .null
        case 1: return .bool(choices.chance(50))
        case 2: return .integer(choices.pick([0, -1, 1, 7, 1 << 40, Int.max, Int.min]))
        case 3: return JSONNumber(choices.pick(["1.5", "1e400", "-0", "12345678901234567890"])).map(JSONValue.number) ?? .null
        case 4: return .string(choices.pick(Self.texts))
        case 5: return .array((0..<choices.below(4)).map { _ in randomValue(&choices, depth: depth + 1) })
        default:
            let keys = [
                "textDocument", "uri", "position", "line", "character", "range", "start", "end", "text", "newName",
                "context", "query", "contentChanges", "changes", "type", "id", "event", "version",
            ]
            return .object(
                JSONObject(
                    (0..<choices.below(5)).map { _ in
                        (key: choices.pick(keys), value: randomValue(&choices, depth: depth + 1))
                    }))
        }
    }

    private func position(_ choices: inout Choices) -> JSONValue {
        ["line": .integer(choices.pick([0, 1, 2, 5, 40, -1, 1 << 31])), "character": .integer(choices.pick([0, 1, 3, 9, 200, -5]))]
    }

    /// Parameters that are mostly well formed, naming the project's files, with positions
    /// and ranges anywhere (past the end, negative, reversed).
    private func plausibleParams(_ choices: inout Choices, session: ServerSession) -> JSONValue {
        let uri: JSONValue = .string(choices.pick([session.uri("cp.kal"), session.uri("apps.kal"), session.uri("open.kal"), "file:///elsewhere.kal", "untitled:1", ""]))
        return [
            "textDocument": ["uri": uri, "version": .integer(choices.below(1000)), "languageId": "kalc", "text": .string(choices.pick(Self.texts))],
            "position": position(&choices),
            "range": ["start": position(&choices), "end": position(&choices)],
            "context": ["includeDeclaration": .bool(choices.chance(50)), "diagnostics": [], "only": choices.chance(50) ? ["quickfix"] : ["refactor"]],
            "newName": .string(choices.pick(["renamed", "", "a b", "😀", "qa", "x-y"])),
            "query": .string(choices.pick(["", "q", "😀"])),
            "contentChanges": [["range": ["start": position(&choices), "end": position(&choices)], "text": .string(choices.pick(Self.texts))]],
            "changes": [["uri": uri, "type": .integer(choices.below(5))]],
            "id": .integer(choices.below(50)),
        ]
    }

    func testRandomMessagesNeverStopTheServer() throws {
        var choices = Choices(state: 0x9E37_79B9_7F4A_7C15)
        let session = try ServerSession(files: FeatureProject.files)
        session.initialize()
        session.open("open.kal", FeatureProject.controlPlane.text)
        var requests: [JSONValue] = []
        for index in 0..<300 {
            let params = choices.chance(70) ? plausibleParams(&choices, session: session) : randomValue(&choices)
            if choices.chance(60) {
                let method = choices.pick(Self.methods)
                requests.append(session.sendRequest(method, params, id: .string("fuzz-\(index)")))
            } else {
                session.notify(choices.pick(Self.notifications), params)
            }
        }
        for id in requests {
            let response = session.response(to: id, timeout: 20)
            XCTAssertTrue(response["result"] != nil || response["error"] != nil, "request \(id.jsonText) got no answer")
        }
        XCTAssertNotNil(session.request("workspace/symbol", ["query": ""])["result"])
        XCTAssertEqual(session.shutdownAndExit(), 0)
    }

    func testRandomEditsInEitherEncoding() throws {
        for utf8 in [false, true] {
            var choices = Choices(state: utf8 ? 0xDEAD_BEEF_CAFE_F00D : 0x0123_4567_89AB_CDEF)
            let session = try ServerSession(files: FeatureProject.files)
            session.initialize(capabilities: utf8 ? ["general": ["positionEncodings": ["utf-8"]]] : [:])
            session.open("cp.kal", FeatureProject.controlPlane.text)
            var version = 1
            for _ in 0..<200 {
                version += 1
                session.notify(
                    "textDocument/didChange",
                    [
                        "textDocument": ["uri": .string(session.uri("cp.kal")), "version": .integer(version)],
                        "contentChanges": .array(
                            (0..<(1 + choices.below(3))).map { _ in
                                ["range": ["start": position(&choices), "end": position(&choices)], "text": .string(choices.pick(Self.texts))]
                            }),
                    ])
                if choices.chance(20) {
                    session.sendRequest(
                        choices.pick(Self.methods.filter { $0 != "initialize" }),
                        [
                            "textDocument": ["uri": .string(session.uri("cp.kal"))], "position": position(&choices),
                            "range": ["start": position(&choices), "end": position(&choices)], "newName": "renamed",
                            "context": ["includeDeclaration": true, "diagnostics": []], "options": ["tabSize": 2, "insertSpaces": true],
                        ])
                }
            }
            // Edits past the end of the text lose the server's copy of it; the whole text
            // brings it back.
            version += 1
            session.replace("cp.kal", FeatureProject.controlPlane.text, version: version)
            XCTAssertNotNil(session.diagnostics("cp.kal", version: version, timeout: 20), "utf8 \(utf8): the last version was not checked")
            let symbols = session.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(session.uri("cp.kal"))]])
            XCTAssertNotNil(symbols["result"])
            XCTAssertEqual(session.shutdownAndExit(), 0)
        }
    }

    func testGarbageOnTheWireCostsOnlyItsMessages() throws {
        var choices = Choices(state: 42)
        let session = try ServerSession()
        session.initialize()
        for _ in 0..<50 {
            // A body of random bytes, properly framed: answered with a parse error.
            let body = (0..<choices.below(64)).map { _ in UInt8(truncatingIfNeeded: choices.next()) }
            session.sendRaw(MessageFramer.frame(body))
            // A header block without a length: skipped.
            let line = String((0..<choices.below(30)).map { _ in choices.pick(Array("abc: 123-xyz")) })
            session.sendRaw(Array((line.isEmpty ? "X-Nothing: 1" : line).utf8) + Array("\r\n\r\n".utf8))
        }
        XCTAssertNotNil(session.request("workspace/symbol", ["query": ""])["result"])
        let errors = session.received.filter { $0["error"]?["code"]?.integerValue == -32700 }
        XCTAssertGreaterThan(errors.count, 0)
        XCTAssertEqual(session.shutdownAndExit(), 0)
    }

    func testALargeProjectIsCheckedPromptly() throws {
        // Five hundred workloads and a hundred cluster types in ten environments.
        var controlPlane = "import std.templates\nrepo cp = \"https://github.com/contoso/cp\"\n"
        for environment in 0..<10 {
            controlPlane += "environment env\(environment) {\n  controlPlane = cp @ \"env\(environment)\"\n  gitops = cp @ \"g\(environment)\"\n  base = cp @ \"main\"\n"
            for clusterType in 0..<10 {
                controlPlane += "  clusterType ct\(clusterType) [zone: z\(clusterType % 3)] {\n    reconciler = arc-flux\n    namespace = default\n    config = configmap\n  }\n"
            }
            controlPlane += "  policy all {\n    clusterTypes where zone == z\(environment % 3)\n  }\n  config settings {\n    KEY = \"v\(environment)\"\n  }\n}\n"
        }
        var workloads = ""
        for workload in 0..<500 {
            workloads += "workload w\(workload) [team: t\(workload % 7)] {\n  workspace = \"ws\"\n  source = cp @ \"main\" / \"./w\(workload)\"\n"
            workloads += "  target t in env\(workload % 10) {\n    manifests = cp @ \"m\" / \"./w\(workload)\"\n  }\n}\n"
        }
        let session = try ServerSession(files: ["cp.kal": controlPlane, "workloads.kal": workloads])
        let started = Date()
        session.initialize()
        XCTAssertNotNil(session.request("workspace/symbol", ["query": "w499"], timeout: 60)["result"])
        session.open("workloads.kal", workloads)
        for version in 2...6 {
            session.replace("workloads.kal", workloads + String(repeating: "\n", count: version), version: version)
        }
        XCTAssertEqual(session.diagnostics("workloads.kal", version: 6, timeout: 60), [])
        let hover = session.result("textDocument/hover", ["textDocument": ["uri": .string(session.uri("workloads.kal"))], "position": ["line": 0, "character": 10]])
        assertHover(hover, "workload-w0-of-500.md")
        // Generous for a debug build on a busy machine; a step quadratic in the size of the
        // project would take minutes.
        XCTAssertLessThan(Date().timeIntervalSince(started), 60)
    }
}
