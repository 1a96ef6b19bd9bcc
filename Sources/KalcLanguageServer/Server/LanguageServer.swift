import Dispatch
import Foundation
import KalcDiagnostics
import KalcDriver
import KalcJSON

/// The kalc language server: the protocol's lifecycle, the open documents, and the answers
/// to the editor's requests, computed from snapshots of the whole project.
///
/// Messages arrive through `receive(_:)` from one reader thread, in order. The reader never
/// waits for the server: every message is handled on the server's serial queue, and checking
/// the project runs on the checker's queue. All mutable state below is confined to `queue`.
public final class LanguageServer: @unchecked Sendable {
    /// What the reader should do after a message.
    public enum Received: Sendable, Equatable {
        /// Go on reading.
        case message
        /// The client sent `exit`: stop.
        case exit
    }

    enum Lifecycle {
        case uninitialized
        case running
        case shuttingDown
    }

    /// A request that waits for the check of the latest edits.
    struct PendingRequest {
        var id: RequestID
        var method: String
        var params: JSONValue
    }

    /// What was last published for a file.
    struct Published: Equatable {
        var uri: String
        var version: Int?
        var items: JSONValue
    }

    let queue = DispatchQueue(label: "kalc.lsp.server")
    private let output: @Sendable (JSONValue) -> Void
    let log: @Sendable (String) -> Void
    let checker: ProjectChecker
    let version: String
    private let writesStandardLibrary: Bool
    private let requests = RequestRegistry()

    // Confined to `queue`.
    var lifecycle = Lifecycle.uninitialized
    var shutdownRequested = false
    var encoding = PositionEncoding.utf16
    var traceLevel = TraceLevel.off
    var client = ClientSupport()
    /// The standard library's files written for the editor, by module path (`<std.templates>`),
    /// and the other way round.
    var libraryFiles: [String: String] = [:]
    var libraryModules: [String: String] = [:]
    var offersPullDiagnostics = true
    var watchesFilesDynamically = false
    var folders: [String] = []
    var documents: [String: OpenDocument] = [:]
    /// The generation of the latest edits; `current` is up to date when it has the same.
    var generation = 0
    var current = CheckResult(generation: 0, projects: [], versions: [:], milliseconds: 0)
    var waiting: [PendingRequest] = []
    var published: [String: Published] = [:]
    var nextOutgoingID = 1

    /// A server that sends its messages through `send` and logs through `log`; it reads
    /// files through `fileSystem`, waits `debounce` after an edit before checking, and runs
    /// `laterChecks` after scheduling when every file parses. Unless `writesStandardLibrary`
    /// is false, it writes the standard library for the editor when initialized
    /// (`StandardLibraryFiles`).
    public init(
        fileSystem: ProjectFileSystem = DiskFileSystem(),
        debounce: DispatchTimeInterval = .milliseconds(1),
        laterChecks: LaterChecks? = nil,
        version: String = "",
        writesStandardLibrary: Bool = true,
        send: @escaping @Sendable (JSONValue) -> Void,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.output = send
        self.log = log
        self.version = version
        self.writesStandardLibrary = writesStandardLibrary
        self.checker = ProjectChecker(fileSystem: fileSystem, debounce: debounce, laterChecks: laterChecks)
    }

    /// Messages nested deeper than this are refused as not JSON.
    public static let maximumMessageDepth = 256

    /// Handles the body of one message. Called from the reader thread, one message at a time.
    public func receive(_ body: [UInt8]) -> Received {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: body, maximumDepth: Self.maximumMessageDepth)
        } catch {
            let reason = "\(error.message) at byte \(error.offset)"
            log("kalc lsp: a message is not JSON: \(reason)")
            output(OutgoingMessage.error(id: nil, ResponseError(.parseError, "the message is not JSON: \(reason)")))
            return .message
        }
        switch IncomingMessage(json) {
        case .notification(method: "exit", _):
            return .exit
        case .notification(method: "$/cancelRequest", let params):
            if let id = params["id"].flatMap(RequestID.init) {
                requests.cancel(id)
                queue.async { self.cancelWaiting(id) }
            }
        case .notification(let method, let params):
            queue.async { self.handleNotification(method, params) }
        case .request(let id, let method, let params):
            requests.begin(id)
            queue.async { self.handleRequest(id, method, params) }
        case .response(let id, _, let error):
            if let error {
                queue.async {
                    self.logMessage(.warning, "kalc lsp: the client answered request \(id?.description ?? "null") with an error: \(error.jsonText)")
                }
            }
        case .invalid(let id, let reason):
            output(OutgoingMessage.error(id: id, ResponseError(.invalidRequest, reason)))
        }
        return .message
    }

    /// Waits until every message received so far is handled and the check of the latest
    /// edits has answered the requests waiting for it; false when that takes longer than
    /// `timeout`. Lets a caller that feeds messages without a client see each one through.
    public func waitUntilIdle(timeout: DispatchTimeInterval = .seconds(10)) -> Bool {
        let deadline = DispatchTime.now() + timeout
        while !queue.sync(execute: { current.generation == generation && waiting.isEmpty }) {
            if DispatchTime.now() >= deadline { return false }
            usleep(100)
        }
        return true
    }

    /// The exit status once the client is gone: 0 after `shutdown`, 1 otherwise.
    public func exitStatus() -> Int32 {
        queue.sync { shutdownRequested ? 0 : 1 }
    }

    // MARK: Sending

    func send(_ message: JSONValue) {
        output(message)
    }

    func notify(_ method: String, _ params: JSONValue) {
        output(OutgoingMessage.notification(method, params))
    }

    func request(_ method: String, _ params: JSONValue) {
        output(OutgoingMessage.request(id: nextOutgoingID, method, params))
        nextOutgoingID += 1
    }

    /// Answers a request (exactly once).
    func respond(_ id: RequestID, _ result: Result<JSONValue, ResponseError>) {
        _ = requests.end(id)
        switch result {
        case .success(let value): output(OutgoingMessage.response(id: id, result: value))
        case .failure(let error): output(OutgoingMessage.error(id: id, error))
        }
    }

    // MARK: Requests

    /// The requests answered from a snapshot of the project, which wait for the check of
    /// the latest edits.
    static let snapshotMethods: Set<String> = [
        "textDocument/diagnostic", "textDocument/hover", "textDocument/definition", "textDocument/references",
        "textDocument/documentSymbol", "workspace/symbol", "textDocument/completion", "textDocument/codeAction",
        "textDocument/prepareRename", "textDocument/rename",
    ]

    private func handleRequest(_ id: RequestID, _ method: String, _ params: JSONValue) {
        if requests.isCancelled(id) {
            respond(id, .failure(ResponseError(.requestCancelled, "the request was cancelled")))
            return
        }
        switch lifecycle {
        case .uninitialized:
            guard method == "initialize" else {
                respond(id, .failure(ResponseError(.serverNotInitialized, "the server has not been initialized")))
                return
            }
            respond(id, initialize(params))
            return
        case .shuttingDown:
            respond(id, .failure(ResponseError(.invalidRequest, "the server is shutting down")))
            return
        case .running:
            break
        }
        switch method {
        case "initialize":
            respond(id, .failure(ResponseError(.invalidRequest, "the server is already initialized")))
        case "shutdown":
            lifecycle = .shuttingDown
            shutdownRequested = true
            // Requests waiting for the check of the latest edits are answered first.
            if waiting.isEmpty {
                respond(id, .success(.null))
            } else {
                waiting.append(PendingRequest(id: id, method: method, params: params))
            }
        case "textDocument/formatting":
            respond(id, Result { () throws(ResponseError) in try formatting(params) })
        case _ where Self.snapshotMethods.contains(method):
            let request = PendingRequest(id: id, method: method, params: params)
            if current.generation == generation {
                answer(request)
            } else {
                waiting.append(request)
            }
        default:
            respond(id, .failure(ResponseError(.methodNotFound, "kalc does not handle `\(method)`")))
        }
    }

    private func answer(_ request: PendingRequest) {
        if requests.isCancelled(request.id) {
            respond(request.id, .failure(ResponseError(.requestCancelled, "the request was cancelled")))
            return
        }
        if request.method == "shutdown" {
            respond(request.id, .success(.null))
            return
        }
        respond(request.id, Result { () throws(ResponseError) in try answerFromSnapshot(request.method, request.params) })
    }

    private func cancelWaiting(_ id: RequestID) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index)
        respond(id, .failure(ResponseError(.requestCancelled, "the request was cancelled")))
    }

    private func initialize(_ params: JSONValue) -> Result<JSONValue, ResponseError> {
        let capabilities = params["capabilities"]
        let offered = capabilities?["general"]?["positionEncodings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        encoding = PositionEncoding.negotiate(offered: offered)
        client = ClientSupport(capabilities)
        if let pull = params["initializationOptions"]?["pullDiagnostics"]?.boolValue {
            offersPullDiagnostics = pull
        }
        watchesFilesDynamically = capabilities?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue == true
        if let workspaceFolders = params["workspaceFolders"]?.arrayValue {
            folders = workspaceFolders.compactMap { $0["uri"]?.stringValue }.map(Self.path(ofURI:))
        } else if let root = params["rootUri"]?.stringValue {
            folders = [Self.path(ofURI: root)]
        } else if let root = params["rootPath"]?.stringValue {
            folders = [normalizedPath(root)]
        }
        if let trace = params["trace"]?.stringValue, let level = TraceLevel(rawValue: trace) {
            traceLevel = level
        }
        lifecycle = .running
        writeStandardLibrary()
        checker.setFolders(folders)
        scheduleCheck(debounced: false)
        trace("kalc lsp: initialized with \(folders.count) workspace folder(s), positions in \(encoding.rawValue)")
        return .success([
            "capabilities": ServerCapabilities.json(encoding: encoding, pullDiagnostics: offersPullDiagnostics),
            "serverInfo": ["name": "kalc", "version": .string(version)],
        ])
    }

    /// Writes the standard library where the editor can open it (see `StandardLibraryFiles`).
    private func writeStandardLibrary() {
        guard writesStandardLibrary, let folder = StandardLibraryFiles.folder(version: version) else { return }
        do {
            libraryFiles = try StandardLibraryFiles.writeModules(into: folder)
            libraryModules = Dictionary(libraryFiles.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        } catch {
            logMessage(.warning, "kalc lsp: cannot write the standard library to \(folder) (\(error.localizedDescription)); go to definition stops at its names")
        }
    }

    /// The normalized path of a document URI: the key of files in the server.
    static func path(ofURI uri: String) -> String {
        normalizedPath(DocumentURI.path(of: uri))
    }

    // MARK: Checking

    /// Starts a check of the project as it is now; its result replaces the current snapshot
    /// unless newer edits arrive first.
    func scheduleCheck(debounced: Bool) {
        generation += 1
        checker.check(generation: generation, documents: documents, debounced: debounced) { result in
            self.queue.async { self.accept(result) }
        }
    }

    private func accept(_ result: CheckResult) {
        guard result.generation == generation else { return }
        trace("kalc lsp: checked \(result.projects.reduce(0) { $0 + $1.files.count }) files in \(result.milliseconds) ms")
        let previous = current
        current = result
        publishDiagnostics()
        let ready = waiting
        waiting = []
        for request in ready {
            answer(request)
        }
        // The previous project is freed off the path of the next message.
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(previous) {} }
    }
}
