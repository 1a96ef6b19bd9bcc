import KalcJSON
import KalcLanguageServer
import XCTest
import KalcTestSupport

/// The protocol's lifecycle and its error paths, through framed messages on pipes.
final class LifecycleTests: XCTestCase {
    func testInitializeOffersEveryFeature() throws {
        let session = try ServerSession()
        let result = session.initialize()
        let capabilities = try XCTUnwrap(result["capabilities"])
        XCTAssertEqual(capabilities["positionEncoding"], "utf-16")
        XCTAssertEqual(capabilities["textDocumentSync"]?["change"], 2)
        XCTAssertEqual(capabilities["textDocumentSync"]?["openClose"], true)
        for provider in [
            "hoverProvider", "definitionProvider", "referencesProvider", "documentSymbolProvider",
            "workspaceSymbolProvider", "completionProvider", "documentFormattingProvider",
            "codeActionProvider", "renameProvider", "diagnosticProvider",
        ] {
            XCTAssertNotNil(capabilities[provider], provider)
        }
        XCTAssertEqual(result["serverInfo"]?["name"], "kalc")
        XCTAssertEqual(session.shutdownAndExit(), 0)
    }

    /// Position encodings offered by a client, and the one the server must choose.
    static let encodings: [(offered: JSONValue?, chosen: String)] = [
        (nil, "utf-16"),
        (["utf-16"], "utf-16"),
        (["utf-32", "utf-8"], "utf-8"),
        (["utf-8", "utf-16"], "utf-8"),
        (["utf-32"], "utf-16"),
    ]

    func testPositionEncodingIsNegotiated() throws {
        for (offered, chosen) in Self.encodings {
            let session = try ServerSession()
            let capabilities: JSONValue = offered.map { ["general": ["positionEncodings": $0]] } ?? [:]
            XCTAssertEqual(session.initialize(capabilities: capabilities)["capabilities"]?["positionEncoding"]?.stringValue, chosen)
        }
    }

    func testPullDiagnosticsCanBeTurnedOff() throws {
        let session = try ServerSession()
        XCTAssertNil(session.initialize(options: ["pullDiagnostics": false])["capabilities"]?["diagnosticProvider"])
    }

    func testRequestsBeforeInitializeAreRefused() throws {
        let session = try ServerSession()
        let response = session.request("textDocument/hover", ["textDocument": ["uri": "file:///x.kal"], "position": ["line": 0, "character": 0]])
        XCTAssertEqual(response["error"]?["code"]?.integerValue, -32002)
        session.notify("textDocument/didOpen", ["textDocument": ["uri": .string(session.uri("a.kal")), "languageId": "kalc", "version": 1, "text": "junk"]])
        session.initialize()
        XCTAssertNil(session.diagnostics("a.kal", timeout: 0.5), "a notification before initialize was not ignored")
        XCTAssertEqual(session.shutdownAndExit(), 0)
    }

    func testExitStatusTellsWhetherShutdownCameFirst() throws {
        let clean = try ServerSession()
        clean.initialize()
        XCTAssertEqual(clean.shutdownAndExit(), 0)

        let abrupt = try ServerSession()
        abrupt.initialize()
        abrupt.notify("exit")
        XCTAssertEqual(abrupt.exitStatus(), 1)

        let uninitialized = try ServerSession()
        uninitialized.notify("exit")
        XCTAssertEqual(uninitialized.exitStatus(), 1)
    }

    func testAVanishingClientEndsTheServer() throws {
        let session = try ServerSession()
        session.initialize()
        session.closeInput()
        XCTAssertEqual(session.exitStatus(), 1)

        let afterShutdown = try ServerSession()
        afterShutdown.initialize()
        _ = afterShutdown.request("shutdown")
        afterShutdown.closeInput()
        XCTAssertEqual(afterShutdown.exitStatus(), 0)
    }

    func testAfterShutdownRequestsAreInvalid() throws {
        let session = try ServerSession()
        session.initialize()
        XCTAssertEqual(session.request("shutdown")["result"], .null)
        XCTAssertEqual(session.request("workspace/symbol", ["query": ""])["error"]?["code"]?.integerValue, -32600)
        session.notify("exit")
        XCTAssertEqual(session.exitStatus(), 0)
    }

    func testASecondInitializeIsInvalid() throws {
        let session = try ServerSession()
        session.initialize()
        XCTAssertEqual(session.request("initialize", ["capabilities": [:]])["error"]?["code"]?.integerValue, -32600)
    }

    /// Bodies that are not JSON-RPC requests, the error code each must get, and the id the
    /// error must carry (null when none can be read).
    static let badBodies: [(body: String, code: Int, id: JSONValue)] = [
        ("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ", -32700, nil),
        ("not json at all", -32700, nil),
        ("[1, 2, 3]", -32600, nil),
        ("{\"id\": 5, \"method\": \"shutdown\"}", -32600, 5),
        ("{\"jsonrpc\": \"2.0\", \"id\": 6, \"method\": 42}", -32600, 6),
        ("{\"jsonrpc\": \"2.0\", \"id\": [1], \"method\": \"shutdown\"}", -32600, nil),
        ("{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"textDocument/hover\", \"params\": 3}", -32600, 7),
        ("{\"jsonrpc\": \"2.0\"}", -32600, nil),
    ]

    func testMalformedMessagesGetAnErrorAndTheServerGoesOn() throws {
        let session = try ServerSession()
        session.initialize()
        for (body, code, id) in Self.badBodies {
            session.sendRaw(MessageFramer.frame(Array(body.utf8)))
            let error = session.waitFor { $0["error"] != nil }
            XCTAssertEqual(error?["error"]?["code"]?.integerValue, code, body)
            XCTAssertEqual(error?["id"], id, body)
        }
        session.sendRaw(Array("Content-Type: nothing else\r\n\r\n".utf8))
        XCTAssertEqual(session.request("workspace/symbol", ["query": ""])["result"], [])
        XCTAssertEqual(session.shutdownAndExit(), 0)
    }

    func testUnknownMethodsAndNotifications() throws {
        let session = try ServerSession()
        session.initialize()
        XCTAssertEqual(session.request("kalc/unknown")["error"]?["code"]?.integerValue, -32601)
        XCTAssertEqual(session.request("$/unknown")["error"]?["code"]?.integerValue, -32601)
        session.notify("kalc/unknownNotification", ["x": 1])
        session.notify("$/setTrace", ["value": "verbose"])
        session.notify("textDocument/didChange", ["textDocument": ["uri": "file:///nowhere.kal", "version": 2], "contentChanges": [["text": "junk"]]])
        session.notify("textDocument/didClose", ["textDocument": ["uri": "file:///nowhere.kal"]])
        session.notify("textDocument/didOpen", ["textDocument": "not an object"])
        XCTAssertEqual(session.request("workspace/symbol", ["query": ""])["result"], [])
        XCTAssertFalse(session.received.contains { $0["method"] == nil && $0["id"] == .null }, "a notification was answered")
        XCTAssertEqual(session.shutdownAndExit(), 0)
    }

    /// Ids as clients may write them; each must come back exactly.
    static let ids: [JSONValue] = ["12345678901234567890", "1.50", "-3", "0"].compactMap { JSONNumber($0).map(JSONValue.number) } + ["abc", "", "é😀"]

    func testIDsRoundTripExactly() throws {
        let session = try ServerSession()
        session.initialize()
        for id in Self.ids {
            session.sendRequest("workspace/symbol", ["query": ""], id: id)
            let response = session.waitFor { $0["result"] != nil || $0["error"] != nil }
            XCTAssertEqual(response?["id"], id)
            XCTAssertEqual(response?["id"]?.jsonText, id.jsonText)
        }
    }

    func testACancelledRequestIsAnsweredCancelled() throws {
        // A long debounce keeps the hover waiting for the check of the edit.
        let session = try ServerSession(debounce: .seconds(2))
        session.initialize()
        let source = MarkedSource("environment 1️⃣qa {}\n")
        session.open("a.kal", source.text)
        session.replace("a.kal", source.text + "\n", version: 2)
        let id = session.sendRequest("textDocument/hover", session.at("a.kal", source, "1️⃣"))
        session.notify("$/cancelRequest", ["id": id])
        let response = session.response(to: id, timeout: 1.5)
        XCTAssertEqual(response["error"]?["code"]?.integerValue, -32800)
        // Cancelling what is already answered changes nothing.
        session.notify("$/cancelRequest", ["id": id])
        XCTAssertEqual(session.request("workspace/symbol", ["query": "qa"])["result"]?.arrayValue?.count, 1)
    }

    func testShutdownAnswersWhileACheckIsPending() throws {
        let session = try ServerSession(debounce: .seconds(5))
        session.initialize()
        session.open("a.kal", "environment qa {}\n")
        session.replace("a.kal", "environment qb {}\n", version: 2)
        let started = Date()
        XCTAssertEqual(session.request("shutdown", timeout: 2)["result"], .null)
        session.notify("exit")
        XCTAssertEqual(session.exitStatus(timeout: 2), 0)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }

    func testShutdownWaitsForRequestsThatWaitForACheck() throws {
        let session = try ServerSession(debounce: .milliseconds(500))
        session.initialize()
        let source = MarkedSource("environment 1️⃣qa {}\n")
        session.open("a.kal", source.text)
        session.replace("a.kal", source.text + "\n", version: 2)
        let hover = session.sendRequest("textDocument/hover", session.at("a.kal", source, "1️⃣"))
        let shutdown = session.sendRequest("shutdown")
        let answered = session.waitFor { $0["id"] == hover || $0["id"] == shutdown }
        XCTAssertEqual(answered?["id"], hover, "shutdown was answered before the waiting hover")
        XCTAssertNotNil(answered?["result"]?["contents"])
        XCTAssertEqual(session.response(to: shutdown)["result"], .null)
        session.notify("exit")
        XCTAssertEqual(session.exitStatus(), 0)
    }
}
