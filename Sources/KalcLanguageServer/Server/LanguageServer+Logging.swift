import Foundation
import KalcJSON

/// The protocol's `MessageType`: how serious a message shown or logged in the editor is.
enum LogLevel: Int {
    case error = 1
    case warning = 2
    case info = 3
    case log = 4
}

/// How much the client asked to be told of the server's work (`trace` in `initialize`,
/// then `$/setTrace`): nothing, a line per check, or the line with its details.
enum TraceLevel: String {
    case off
    case messages
    case verbose
}

/// Logging through the protocol, at the level the client asked for: problems the user should
/// know of as `window/logMessage`, the server's routine work as `$/logTrace` only when traced.
/// Standard error is left for what cannot go through the protocol (a broken connection).
extension LanguageServer {
    /// Logs a problem in the editor's log of the server.
    func logMessage(_ level: LogLevel, _ message: String) {
        notify("window/logMessage", ["type": .integer(level.rawValue), "message": .string(message)])
    }

    /// Reports routine work when the client traces the server; `details` only when verbose.
    func trace(_ message: String, details: @autoclosure () -> String? = nil) {
        switch traceLevel {
        case .off:
            return
        case .messages:
            notify("$/logTrace", ["message": .string(message)])
        case .verbose:
            var params = JSONObject()
            params.append("message", .string(message))
            if let details = details() { params.append("verbose", .string(details)) }
            notify("$/logTrace", .object(params))
        }
    }

    /// `$/setTrace`: the level the client now asks for.
    func setTrace(_ params: JSONValue) {
        if let value = params["value"]?.stringValue, let level = TraceLevel(rawValue: value) {
            traceLevel = level
        }
    }
}
