import Foundation

/// Edit-to-diagnostics latency of `kalc lsp`: a client opens a file of a project, edits it
/// (a junk line typed in and removed; a manifests path changed and changed back), and times
/// each edit from the moment it is sent to the moment the diagnostics of that version arrive.
struct LanguageServerLatency {
    struct Sample {
        var kind: String
        var milliseconds: Double
        var asExpected: Bool
    }

    var samples: [Sample] = []
    /// Keystrokes in a burst.
    var burst: Burst?

    static func measure(kalc: String, project: String, file: String, edits: Int, seed: UInt64) throws -> LanguageServerLatency {
        let client = try LanguageServerClient(kalc: kalc)
        defer { client.stop() }
        let root = URL(fileURLWithPath: project).standardizedFileURL
        let uri = root.appendingPathComponent(file).absoluteString
        guard var lines = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n") else {
            throw BenchmarkError("cannot read \(file) in \(project)")
        }
        _ = try client.request(
            "initialize",
            [
                "processId": Int(getpid()),
                "rootUri": root.absoluteString,
                "workspaceFolders": [["uri": root.absoluteString, "name": root.lastPathComponent]],
                "capabilities": ["textDocument": ["publishDiagnostics": ["versionSupport": true]]],
            ])
        client.notify("initialized", [:])
        var version = 1
        client.notify("textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "kalc", "version": version, "text": lines.joined(separator: "\n")]])
        guard try client.diagnostics(uri: uri, version: version, timeout: 120) != nil else { throw BenchmarkError("no diagnostics for the opened file") }

        // Edits land on lines picked by a linear congruential sequence from `seed`: the same lines in every run.
        var spread = seed
        func nextLine(below count: Int) -> Int {
            spread = (spread &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407)
            return Int((spread >> 33) % UInt64(max(1, count)))
        }
        let manifestLines = lines.indices.filter { lines[$0].contains("manifests = ") && lines[$0].hasSuffix("\"") }
        var result = LanguageServerLatency()
        let warmUp = 4
        var junkLine = 0
        var editedLine = 0
        // Without a manifests line to change, only junk lines are typed and removed.
        let kinds = manifestLines.isEmpty ? 2 : 4
        for step in 0..<(edits + warmUp) {
            version += 1
            let kind: String
            let change: [String: Any]
            let expectError: Int?
            switch step % kinds {
            case 0:
                let line = nextLine(below: lines.count)
                kind = "junk line typed"
                lines.insert("this is not kalc", at: line)
                change = Self.change(line: line, character: 0, endLine: line, endCharacter: 0, text: "this is not kalc\n")
                expectError = line
                junkLine = line
            case 1:
                let line = junkLine
                kind = "junk line removed"
                lines.remove(at: line)
                change = Self.change(line: line, character: 0, endLine: line + 1, endCharacter: 0, text: "")
                expectError = nil
            case 2:
                let line = manifestLines.isEmpty ? 0 : manifestLines[nextLine(below: manifestLines.count)]
                kind = "manifests path changed"
                let old = lines[line]
                lines[line] = String(old.dropLast()) + "-v2\""
                change = Self.change(line: line, character: old.utf16.count - 1, endLine: line, endCharacter: old.utf16.count - 1, text: "-v2")
                editedLine = line
                expectError = nil
            default:
                let line = editedLine
                kind = "manifests path restored"
                let old = lines[line]
                lines[line] = String(old.dropLast(4)) + "\""
                change = Self.change(line: line, character: old.utf16.count - 4, endLine: line, endCharacter: old.utf16.count - 1, text: "")
                expectError = nil
            }
            let started = DispatchTime.now().uptimeNanoseconds
            client.notify("textDocument/didChange", ["textDocument": ["uri": uri, "version": version], "contentChanges": [change]])
            guard let diagnostics = try client.diagnostics(uri: uri, version: version, timeout: 60) else {
                throw BenchmarkError("no diagnostics for version \(version) (\(kind))")
            }
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            let errors = diagnostics.filter { ($0["severity"] as? Int) == 1 }
            let asExpected: Bool
            if let line = expectError {
                asExpected = errors.contains { (($0["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int == line }
            } else {
                asExpected = errors.isEmpty
            }
            if step >= warmUp { result.samples.append(Sample(kind: kind, milliseconds: milliseconds, asExpected: asExpected)) }
        }
        result.burst = try Burst.measure(client: client, uri: uri, version: &version)
        _ = try client.request("shutdown", nil)
        client.notify("exit", nil)
        return result
    }

    /// Typing as an editor sends it: one `didChange` per keystroke, back to back.
    struct Burst {
        /// Keystrokes in the burst followed by requests.
        static let keystrokes = 50
        /// Keystrokes sent to time the handling of one on the message thread.
        static let throughputKeystrokes = 2_000

        /// From the last keystroke sent to the answer of a request the server does not know
        /// (answered on the message thread, without waiting for a check).
        var unknownMethodReply: Double
        /// From the last keystroke sent to its diagnostics received.
        var diagnostics: Double
        /// From the last keystroke sent to the answer of a hover (answered after the check
        /// of the last keystroke).
        var hoverReply: Double
        /// The time per keystroke of `throughputKeystrokes` sent back to back until the
        /// answer of an unknown request: what one `didChange` costs the message thread, with
        /// the reading and writing of the messages.
        var perKeystroke: Double
        /// What the server says each of those `didChange`s took on its message thread
        /// (traced at `verbose`), in milliseconds, sorted.
        var handled: [Double]

        static func measure(client: LanguageServerClient, uri: String, version: inout Int) throws -> Burst {
            // A comment line at the top is where the keys are typed.
            version += 1
            client.notify(
                "textDocument/didChange",
                [
                    "textDocument": ["uri": uri, "version": version],
                    "contentChanges": [LanguageServerLatency.change(line: 0, character: 0, endLine: 0, endCharacter: 0, text: "// \n")],
                ])
            guard try client.diagnostics(uri: uri, version: version, timeout: 60) != nil else { throw BenchmarkError("no diagnostics for the comment line") }
            var column = 3
            func type(_ count: Int) -> UInt64 {
                var sent: UInt64 = 0
                for _ in 0..<count {
                    version += 1
                    client.notify(
                        "textDocument/didChange",
                        [
                            "textDocument": ["uri": uri, "version": version],
                            "contentChanges": [LanguageServerLatency.change(line: 0, character: column, endLine: 0, endCharacter: column, text: "x")],
                        ])
                    sent = DispatchTime.now().uptimeNanoseconds
                    column += 1
                }
                return sent
            }
            func milliseconds(_ from: UInt64, _ to: UInt64) -> Double { Double(to &- from) / 1e6 }

            var last = type(keystrokes)
            let unknown = client.sendRequest("kalc/noSuchMethod", [:])
            guard let unknownAnswer = client.waitTimed(timeout: 60, for: { ($0["id"] as? Int) == unknown && $0["method"] == nil }) else {
                throw BenchmarkError("no answer to an unknown method")
            }
            let wanted = version
            guard
                let published = client.waitTimed(
                    timeout: 60,
                    for: { message in
                        (message["params"] as? [String: Any])?["uri"] as? String == uri && (message["params"] as? [String: Any])?["version"] as? Int == wanted
                    })
            else { throw BenchmarkError("no diagnostics after the burst") }
            let unknownMilliseconds = milliseconds(last, unknownAnswer.arrived)
            let diagnosticsMilliseconds = milliseconds(last, published.arrived)

            last = type(keystrokes)
            let hover = client.sendRequest("textDocument/hover", ["textDocument": ["uri": uri], "position": ["line": 2, "character": 2]])
            guard let hoverAnswer = client.waitTimed(timeout: 60, for: { ($0["id"] as? Int) == hover && $0["method"] == nil }) else {
                throw BenchmarkError("no answer to a hover")
            }
            let hoverMilliseconds = milliseconds(last, hoverAnswer.arrived)

            client.notify("$/setTrace", ["value": "verbose"])
            _ = client.takeTraces()
            let first = DispatchTime.now().uptimeNanoseconds
            _ = type(throughputKeystrokes)
            let drained = client.sendRequest("kalc/noSuchMethod", [:])
            guard let drainedAnswer = client.waitTimed(timeout: 60, for: { ($0["id"] as? Int) == drained && $0["method"] == nil }) else {
                throw BenchmarkError("no answer after the keystrokes")
            }
            let perKeystroke = milliseconds(first, drainedAnswer.arrived) / Double(throughputKeystrokes)
            let prefix = "kalc lsp: didChange handled in "
            let handled = client.takeTraces().compactMap { trace -> Double? in
                guard trace.hasPrefix(prefix) else { return nil }
                return Double(trace.dropFirst(prefix.count).prefix { $0.isNumber }).map { $0 / 1000 }
            }.sorted()
            client.notify("$/setTrace", ["value": "off"])
            return Burst(
                unknownMethodReply: unknownMilliseconds, diagnostics: diagnosticsMilliseconds, hoverReply: hoverMilliseconds,
                perKeystroke: perKeystroke, handled: handled)
        }
    }

    static func change(line: Int, character: Int, endLine: Int, endCharacter: Int, text: String) -> [String: Any] {
        ["range": ["start": ["line": line, "character": character], "end": ["line": endLine, "character": endCharacter]], "text": text]
    }

    /// The `p`-th percentile (0...100) of the latencies, nearest rank.
    func percentile(_ p: Double, kind: String? = nil) -> Double {
        let values = samples.filter { kind == nil || $0.kind == kind }.map(\.milliseconds).sorted()
        guard !values.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(values.count)).rounded(.up))
        return values[min(values.count - 1, max(0, rank - 1))]
    }
}

/// A minimal LSP client over the standard input and output of `kalc lsp`.
final class LanguageServerClient: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSCondition()
    private var messages: [[String: Any]] = []
    /// When each of `messages` arrived (`DispatchTime` nanoseconds).
    private var arrivals: [UInt64] = []
    /// The messages of the server's `$/logTrace`, kept apart.
    private var traces: [String] = []

    /// The trace messages received so far, taken.
    func takeTraces() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        defer { traces = [] }
        return traces
    }
    private var buffer: [UInt8] = []
    private var nextID = 1
    private var closed = false

    init(kalc: String) throws {
        process.executableURL = URL(fileURLWithPath: kalc)
        process.arguments = ["lsp"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.received(data)
        }
    }

    func stop() {
        output.fileHandleForReading.readabilityHandler = nil
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    private func received(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        if data.isEmpty { closed = true; lock.broadcast(); return }
        buffer += data
        while let headerEnd = findHeaderEnd() {
            let header = String(decoding: buffer[..<headerEnd], as: UTF8.self)
            guard let lengthLine = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
                let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))
            else { buffer.removeAll(); return }
            let bodyStart = headerEnd + 4
            guard buffer.count >= bodyStart + length else { return }
            let body = Data(buffer[bodyStart..<(bodyStart + length)])
            buffer.removeFirst(bodyStart + length)
            if let message = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
                if message["method"] as? String == "$/logTrace" {
                    traces.append((message["params"] as? [String: Any])?["message"] as? String ?? "")
                    continue
                }
                messages.append(message)
                arrivals.append(DispatchTime.now().uptimeNanoseconds)
            }
        }
        lock.broadcast()
    }

    private func findHeaderEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4) where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func send(_ message: [String: Any]) {
        guard let body = try? JSONSerialization.data(withJSONObject: message) else { return }
        input.fileHandleForWriting.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    func notify(_ method: String, _ params: Any?) {
        var message: [String: Any] = ["jsonrpc": "2.0", "method": method]
        if let params { message["params"] = params }
        send(message)
    }

    func request(_ method: String, _ params: Any?) throws -> Any? {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["jsonrpc": "2.0", "id": id, "method": method]
        if let params { message["params"] = params }
        send(message)
        guard let response = wait(timeout: 60, for: { ($0["id"] as? Int) == id && $0["method"] == nil }) else {
            throw BenchmarkError("no response to \(method)")
        }
        return response["result"]
    }

    /// The diagnostics published for `uri` at `version`; nil on timeout.
    func diagnostics(uri: String, version: Int, timeout: Double) throws -> [[String: Any]]? {
        let message = wait(timeout: timeout) { message in
            guard message["method"] as? String == "textDocument/publishDiagnostics", let params = message["params"] as? [String: Any] else { return false }
            return params["uri"] as? String == uri && params["version"] as? Int == version
        }
        return (message?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]]
    }

    private func wait(timeout: Double, for matches: ([String: Any]) -> Bool) -> [String: Any]? {
        waitTimed(timeout: timeout, for: matches)?.message
    }

    /// The first message that `matches` and when it arrived, taking it and every message
    /// before it; nil on timeout.
    func waitTimed(timeout: Double, for matches: ([String: Any]) -> Bool) -> (message: [String: Any], arrived: UInt64)? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let index = messages.firstIndex(where: matches) {
                let found = (messages[index], arrivals[index])
                messages.removeSubrange(...index)
                arrivals.removeSubrange(...index)
                return found
            }
            if closed || !lock.wait(until: deadline) { return nil }
        }
    }

    /// Sends a request without waiting for its answer; returns its id.
    func sendRequest(_ method: String, _ params: Any?) -> Int {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["jsonrpc": "2.0", "id": id, "method": method]
        if let params { message["params"] = params }
        send(message)
        return id
    }
}
