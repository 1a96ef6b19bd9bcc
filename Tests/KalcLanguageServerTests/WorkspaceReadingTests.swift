import Foundation
import KalcJSON
import KalcLanguageServer
import XCTest

/// What the server reads from disk: nothing through a symbolic link that leads out of the
/// workspace, and no more of the disk than a bounded search when the workspace is huge.
final class WorkspaceReadingTests: XCTestCase {
    func testSymbolicLinksOutOfTheWorkspaceAreRefusedUnread() throws {
        let outside = NSTemporaryDirectory() + "kalc-lsp-outside-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: outside) }
        try Data("root:$6$SECRETHASH:19000:0:99999:7:::\n".utf8).write(to: URL(fileURLWithPath: outside + "/shadow"))
        try FileManager.default.createDirectory(atPath: outside + "/lib", withIntermediateDirectories: true)
        try Data("repo cp = \"https://github.com/contoso/cp\"\n".utf8).write(to: URL(fileURLWithPath: outside + "/lib/repos.kal"))
        let session = try ServerSession(files: ["main.kal": "import \"linked.kal\"\nimport \"lib\"\n"])
        // A folder link out of the workspace is part of the project once a file imports it.
        try FileManager.default.createSymbolicLink(atPath: session.path("lib"), withDestinationPath: outside + "/lib")
        try FileManager.default.createSymbolicLink(atPath: session.path("x.kal"), withDestinationPath: outside + "/shadow")
        try FileManager.default.createSymbolicLink(atPath: session.path("linked.kal"), withDestinationPath: outside + "/shadow")
        session.initialize()
        for link in ["x.kal", "linked.kal"] {
            let diagnostics = session.diagnostics(link) ?? []
            XCTAssertEqual(diagnostics.compactMap { $0["code"]?.stringValue }, ["K0920"], "\(link): \(diagnostics)")
        }
        let symbols = session.request("workspace/symbol", ["query": "cp"])["result"]?.arrayValue ?? []
        XCTAssertTrue(symbols.contains { $0["location"]?["uri"]?.stringValue == session.uri("lib/repos.kal") }, "\(symbols)")
        XCTAssertFalse(session.received.contains { $0["params"]?["uri"]?.stringValue == session.uri("lib") && $0["params"]?["diagnostics"]?.arrayValue?.isEmpty == false })
        let everything = session.received.map(\.jsonText).joined()
        XCTAssertFalse(everything.contains("SECRETHASH") || everything.contains("`root`"), everything)
        XCTAssertEqual(session.shutdownAndExit(), 0)
    }

    /// An editor may open `/` as the workspace: the search stops within its bounds, skips the
    /// file systems of the machine (`/proc`, `/sys`), says what it left out, and the server
    /// answers within seconds rather than after a walk of the whole disk.
    func testAWorkspaceAtTheRootIsSearchedWithinBounds() throws {
        let session = try ServerSession()
        let started = Date()
        session.result(
            "initialize",
            [
                "processId": nil, "rootUri": "file:///", "capabilities": [:],
                "workspaceFolders": [["uri": "file:///", "name": "root"]],
            ])
        session.notify("initialized")
        XCTAssertNotNil(session.request("workspace/symbol", ["query": "x"], timeout: 120)["result"])
        // Five seconds of search, then the check of what was found, on a busy machine.
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        let stopped = session.notification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == "file:///" }
        XCTAssertEqual(stopped?["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue }, ["K0921"])
        XCTAssertTrue(stopped?["diagnostics"]?.arrayValue?.first?["message"]?.stringValue?.contains("stopped searching `/`") ?? false)
        XCTAssertEqual(session.shutdownAndExit(), 0)
    }
}
