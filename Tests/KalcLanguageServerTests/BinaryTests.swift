import Foundation
import KalcJSON
import KalcLanguageServer
import XCTest

/// `kalc lsp` as a process: standard output holds nothing but framed messages, and the exit
/// status tells whether the client shut the server down first.
final class BinaryTests: XCTestCase {
    /// The built `kalc` executable, beside the test bundle.
    static let executable: URL = {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        for candidate in [folder, Bundle.main.bundleURL.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("kalc")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return folder.appendingPathComponent("kalc")
    }()

    /// Runs `kalc lsp` as a client does: sends each message, and after a request waits for
    /// its response before sending the next; then closes standard input. Returns the exit
    /// status and every message read from standard output (nil if anything else was there).
    private func run(_ messages: [JSONValue], in folder: String) throws -> (status: Int32, output: [JSONValue]?) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["lsp"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        var framer = MessageFramer()
        var parsed: [JSONValue] = []
        var clean = true
        var atEnd = false
        func readUntil(_ done: () -> Bool) {
            while !done() && !atEnd {
                let data = reader.availableData
                if data.isEmpty { atEnd = true }
                framer.append([UInt8](data))
                while let event = framer.next() {
                    guard case .message(let body) = event, let json = try? JSONParser.parse(bytes: body) else {
                        clean = false
                        continue
                    }
                    parsed.append(json)
                }
            }
        }
        for message in messages {
            input.fileHandleForWriting.write(Data(MessageFramer.frame(message.serialized())))
            if let id = message["id"], message["method"] != nil {
                readUntil { parsed.contains { $0["id"] == id && $0["method"] == nil } }
            }
        }
        try input.fileHandleForWriting.close()
        readUntil { false }
        process.waitUntilExit()
        // Bytes left over that make no message are not framed output either.
        framer.append(Array("Content-Length: 0\r\n\r\n".utf8))
        if framer.next() != .message([]) { clean = false }
        return (process.terminationStatus, clean ? parsed : nil)
    }

    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "kalc-lsp-binary-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data("environment qa {\n  junk junk\n}\n".utf8).write(to: URL(fileURLWithPath: path + "/broken.kal"))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private func initialize(_ folder: String) -> JSONValue {
        [
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": ["processId": nil, "rootUri": .string(DocumentURI.uri(ofPath: folder)), "capabilities": [:]],
        ]
    }

    func testShutdownThenExitEndsWithStatusZero() throws {
        let folder = try folder()
        let (status, output) = try run(
            [
                initialize(folder),
                ["jsonrpc": "2.0", "method": "initialized", "params": [:]],
                ["jsonrpc": "2.0", "id": 2, "method": "workspace/symbol", "params": ["query": ""]],
                ["jsonrpc": "2.0", "id": 3, "method": "shutdown"],
                ["jsonrpc": "2.0", "method": "exit"],
            ], in: folder)
        XCTAssertEqual(status, 0)
        let messages = try XCTUnwrap(output, "standard output holds more than framed JSON messages")
        XCTAssertEqual(messages.first { $0["id"] == 1 }?["result"]?["serverInfo"]?["name"], "kalc")
        XCTAssertEqual(messages.first { $0["id"] == 3 }?["result"], .null)
        let published = messages.first { $0["method"] == "textDocument/publishDiagnostics" }
        XCTAssertEqual(published?["params"]?["diagnostics"]?[0]?["range"]?["start"]?["line"], 1)
    }

    func testExitWithoutShutdownEndsWithStatusOne() throws {
        let folder = try folder()
        let (status, output) = try run([initialize(folder), ["jsonrpc": "2.0", "method": "exit"]], in: folder)
        XCTAssertEqual(status, 1)
        XCTAssertNotNil(output)
    }

    func testTheEndOfInputEndsTheServer() throws {
        let folder = try folder()
        let (status, output) = try run([initialize(folder)], in: folder)
        XCTAssertEqual(status, 1)
        XCTAssertEqual(output?.first?["id"], 1)
    }
}
