import KalcJSON

/// The id of a JSON-RPC request: a number (kept as its exact text) or a string.
public enum RequestID: Sendable, Hashable, CustomStringConvertible {
    case number(JSONNumber)
    case string(String)

    /// The id of a JSON value, if it is a number or a string.
    public init?(_ value: JSONValue) {
        switch value {
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        default: return nil
        }
    }

    /// The id as JSON, exactly as the client wrote it.
    public var json: JSONValue {
        switch self {
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        }
    }

    public var description: String {
        switch self {
        case .number(let number): number.text
        case .string(let text): "\"\(text)\""
        }
    }
}

/// The error codes of JSON-RPC and of the Language Server Protocol.
public enum ErrorCode: Int, Sendable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case internalError = -32603
    case serverNotInitialized = -32002
    case requestFailed = -32803
    case contentModified = -32801
    case requestCancelled = -32800
}

/// A failed request: the code and message sent back in the response's `error`.
public struct ResponseError: Error, Sendable {
    public var code: ErrorCode
    /// A sentence for the user.
    public var message: String

    /// An error with a code and a message.
    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A request whose parameters lack something or have the wrong shape.
    public static func invalidParams(_ message: String) -> ResponseError {
        ResponseError(.invalidParams, message)
    }

    var json: JSONValue {
        ["code": .integer(code.rawValue), "message": .string(message)]
    }
}

/// One message from the client, sorted by what it asks of the server.
public enum IncomingMessage: Sendable {
    /// A request: it gets exactly one response with the same id.
    case request(id: RequestID, method: String, params: JSONValue)
    /// A notification: it gets no response.
    case notification(method: String, params: JSONValue)
    /// The client's response to a request of the server.
    case response(id: RequestID?, result: JSONValue?, error: JSONValue?)
    /// Not a JSON-RPC 2.0 message; answered with `InvalidRequest` (`id` when one could be read).
    case invalid(id: RequestID?, reason: String)

    /// Sorts a parsed JSON body.
    public init(_ json: JSONValue) {
        guard case .object(let object) = json else {
            self = .invalid(id: nil, reason: "a message must be a JSON object")
            return
        }
        let id = object["id"].flatMap(RequestID.init)
        guard object["jsonrpc"]?.stringValue == "2.0" else {
            self = .invalid(id: id, reason: "a message must have \"jsonrpc\": \"2.0\"")
            return
        }
        if let methodValue = object["method"] {
            guard let method = methodValue.stringValue else {
                self = .invalid(id: id, reason: "\"method\" must be a string")
                return
            }
            let params = object["params"] ?? .null
            switch params {
            case .object, .array, .null: break
            default:
                self = .invalid(id: id, reason: "\"params\" must be an object or an array")
                return
            }
            if let rawID = object["id"] {
                guard let id = RequestID(rawID) else {
                    self = .invalid(id: nil, reason: "\"id\" must be a number or a string")
                    return
                }
                self = .request(id: id, method: method, params: params)
            } else {
                self = .notification(method: method, params: params)
            }
            return
        }
        if object["result"] != nil || object["error"] != nil {
            self = .response(id: id, result: object["result"], error: object["error"])
            return
        }
        self = .invalid(id: id, reason: "a message needs a \"method\", a \"result\" or an \"error\"")
    }
}

/// Builders of the messages the server sends.
enum OutgoingMessage {
    static func response(id: RequestID?, result: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id?.json ?? .null, "result": result]
    }

    static func error(id: RequestID?, _ error: ResponseError) -> JSONValue {
        ["jsonrpc": "2.0", "id": id?.json ?? .null, "error": error.json]
    }

    static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "method": .string(method), "params": params]
    }

    static func request(id: Int, _ method: String, _ params: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": .integer(id), "method": .string(method), "params": params]
    }
}
