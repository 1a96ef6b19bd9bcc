import Foundation
import KalcDriver
import KalcJSON
import KalcLanguageServer
import XCTest
import KalcTestSupport

/// A language server running in the test process on a pair of pipes: the test writes framed
/// messages to one and reads framed messages from the other, as an editor would.
final class ServerSession: @unchecked Sendable {
    /// What the server's threads hand to the test: messages, log lines, the exit status.
    private final class Mailbox: @unchecked Sendable {
        let lock = NSCondition()
        // Guarded by `lock`.
        var messages: [JSONValue] = []
        var consumed = Set<Int>()
        var status: Int32?
        var readerDone = false
        var logLines: [String] = []
    }

    private let input = Pipe()
    private let output = Pipe()
    private let mailbox = Mailbox()
    private var lock: NSCondition { mailbox.lock }
    private var nextID = 1
    /// The folder the session's project lives in.
    let folder: String
    /// The cache folder the server writes the standard library to (`XDG_CACHE_HOME`).
    var cache: String { folder + "-cache" }

    /// Starts a server; `files` (relative path to text) are written to a new folder first.
    init(files: [String: String] = [:], debounce: DispatchTimeInterval = .milliseconds(5), laterChecks: LaterChecks? = nil) throws {
        folder = NSTemporaryDirectory() + "kalc-lsp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The server reads it when initialized; tests run one session at a time.
        setenv("XDG_CACHE_HOME", folder + "-cache", 1)
        for (path, text) in files {
            try write(path, text)
        }
        let mailbox = mailbox
        let inputDescriptor = input.fileHandleForReading.fileDescriptor
        let serverOutput = output.fileHandleForWriting
        Thread.detachNewThread {
            let status = StdioConnection.run(input: inputDescriptor, output: serverOutput.fileDescriptor, debounce: debounce, laterChecks: laterChecks) { line in
                mailbox.lock.lock()
                mailbox.logLines.append(line)
                mailbox.lock.unlock()
            }
            // The client sees the end of the server's output, as when the process ends.
            try? serverOutput.close()
            mailbox.lock.lock()
            mailbox.status = status
            mailbox.lock.broadcast()
            mailbox.lock.unlock()
        }
        let readDescriptor = output.fileHandleForReading.fileDescriptor
        Thread.detachNewThread {
            var framer = MessageFramer()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(readDescriptor, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                framer.append(buffer[0..<count])
                while let event = framer.next() {
                    guard case .message(let body) = event, let json = try? JSONParser.parse(bytes: body) else { continue }
                    mailbox.lock.lock()
                    mailbox.messages.append(json)
                    mailbox.lock.broadcast()
                    mailbox.lock.unlock()
                }
            }
            mailbox.lock.lock()
            mailbox.readerDone = true
            mailbox.lock.broadcast()
            mailbox.lock.unlock()
        }
    }

    deinit {
        // The server and the reader must be done with the pipes before they are closed, or a
        // later session could be handed the same descriptors.
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(10)
        lock.lock()
        while mailbox.status == nil || !mailbox.readerDone {
            if !lock.wait(until: deadline) { break }
        }
        lock.unlock()
        try? FileManager.default.removeItem(atPath: folder)
        try? FileManager.default.removeItem(atPath: cache)
    }

    // MARK: Files

    func path(_ relative: String) -> String { folder + "/" + relative }

    func uri(_ relative: String) -> String { DocumentURI.uri(ofPath: path(relative)) }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    // MARK: Sending

    func sendRaw(_ bytes: [UInt8]) {
        input.fileHandleForWriting.write(Data(bytes))
    }

    func send(_ message: JSONValue) {
        sendRaw(MessageFramer.frame(message.serialized()))
    }

    func notify(_ method: String, _ params: JSONValue = [:]) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and returns its id without waiting.
    @discardableResult
    func sendRequest(_ method: String, _ params: JSONValue = [:], id: JSONValue? = nil) -> JSONValue {
        let requestID =
            id
            ?? {
                lock.lock()
                defer { lock.unlock() }
                nextID += 1
                return .integer(nextID)
            }()
        send(["jsonrpc": "2.0", "id": requestID, "method": .string(method), "params": params])
        return requestID
    }

    /// Sends a request and waits for its response (the whole response message).
    func request(_ method: String, _ params: JSONValue = [:], timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        let id = sendRequest(method, params)
        return response(to: id, timeout: timeout, file: file, line: line)
    }

    /// The response to the request with `id`.
    func response(to id: JSONValue, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        let message = waitFor(timeout: timeout) { $0["id"] == id && $0["method"] == nil }
        guard let message else {
            XCTFail("no response to request \(id.jsonText)", file: file, line: line)
            return .null
        }
        return message
    }

    /// Sends a request and returns its `result`, failing the test on an error response.
    func result(_ method: String, _ params: JSONValue = [:], file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        let response = request(method, params, file: file, line: line)
        if let error = response["error"] {
            XCTFail("\(method) failed: \(error.jsonText)", file: file, line: line)
        }
        return response["result"] ?? .null
    }

    // MARK: Receiving

    /// Waits for the first message not yet taken that satisfies `condition`, and takes it.
    func waitFor(timeout: TimeInterval = 10, _ condition: (JSONValue) -> Bool) -> JSONValue? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let index = mailbox.messages.indices.first(where: { !mailbox.consumed.contains($0) && condition(mailbox.messages[$0]) }) {
                mailbox.consumed.insert(index)
                return mailbox.messages[index]
            }
            if !lock.wait(until: deadline) { return nil }
        }
    }

    /// Waits for a notification of `method` whose params satisfy `condition`.
    func notification(_ method: String, timeout: TimeInterval = 10, where condition: (JSONValue) -> Bool = { _ in true }) -> JSONValue? {
        waitFor(timeout: timeout) { $0["method"]?.stringValue == method && $0["id"] == nil && condition($0["params"] ?? .null) }?["params"]
    }

    /// Waits for the diagnostics of a file published with `version` (any version when nil).
    func diagnostics(_ relative: String, version: Int? = nil, timeout: TimeInterval = 10) -> [JSONValue]? {
        let uri = uri(relative)
        return notification("textDocument/publishDiagnostics", timeout: timeout) { params in
            params["uri"]?.stringValue == uri && (version == nil || params["version"]?.integerValue == version)
        }?["diagnostics"]?.arrayValue
    }

    /// Every message received so far.
    var received: [JSONValue] {
        lock.lock()
        defer { lock.unlock() }
        return mailbox.messages
    }

    /// The lines the server logged.
    var log: [String] {
        lock.lock()
        defer { lock.unlock() }
        return mailbox.logLines
    }

    /// The exit status, once the server has ended (nil if it has not within `timeout`).
    func exitStatus(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while mailbox.status == nil {
            if !lock.wait(until: deadline) { break }
        }
        return mailbox.status
    }

    /// Closes the server's standard input, as a client that vanishes does.
    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    // MARK: Conversation

    /// The capabilities of a client that shows Markdown hovers, related information and
    /// links to the documentation of diagnostic codes, as VS Code does.
    static let richClient: JSONValue = [
        "textDocument": [
            "hover": ["contentFormat": ["markdown", "plaintext"]],
            "publishDiagnostics": ["relatedInformation": true, "codeDescriptionSupport": true, "versionSupport": true],
        ]
    ]

    /// `initialize` with the session's folder as the workspace, then `initialized`; returns
    /// the result of `initialize`.
    @discardableResult
    func initialize(capabilities: JSONValue = ServerSession.richClient, options: JSONValue? = nil, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        var params: JSONValue = [
            "processId": nil,
            "rootUri": .string(DocumentURI.uri(ofPath: folder)),
            "capabilities": capabilities,
            "workspaceFolders": [["uri": .string(DocumentURI.uri(ofPath: folder)), "name": "project"]],
        ]
        if let options, case .object(var object) = params {
            object.append("initializationOptions", options)
            params = .object(object)
        }
        let result = self.result("initialize", params, file: file, line: line)
        notify("initialized")
        return result
    }

    /// Opens a document with `text` (its file need not exist on disk).
    func open(_ relative: String, _ text: String, version: Int = 1) {
        notify(
            "textDocument/didOpen",
            [
                "textDocument": [
                    "uri": .string(uri(relative)), "languageId": "kalc", "version": .integer(version), "text": .string(text),
                ]
            ])
    }

    /// Replaces the whole text of an open document.
    func replace(_ relative: String, _ text: String, version: Int) {
        notify(
            "textDocument/didChange",
            [
                "textDocument": ["uri": .string(uri(relative)), "version": .integer(version)],
                "contentChanges": [["text": .string(text)]],
            ])
    }

    /// `textDocument` and `position` params for a marker of a marked source.
    func at(_ relative: String, _ source: MarkedSource, _ marker: String) -> JSONValue {
        let (line, character) = source.position(marker)
        return ["textDocument": ["uri": .string(uri(relative))], "position": ["line": .integer(line), "character": .integer(character)]]
    }

    /// Sends `shutdown` and `exit` and returns the exit status.
    func shutdownAndExit() -> Int32? {
        _ = request("shutdown")
        notify("exit")
        return exitStatus()
    }
}
