/// Splits a byte stream into the messages of the base protocol: a header of
/// `Name: value` lines (`Content-Length` required), an empty line, then that many bytes.
///
/// Bytes are fed as they arrive, in chunks of any size; complete messages come out in
/// order. A header without a usable `Content-Length` is reported and skipped, so one bad
/// message does not end the conversation. Header lines may end in `\r\n` or `\n`.
public struct MessageFramer: Sendable {
    /// Bodies larger than this are skipped rather than kept in memory.
    public static let maximumBodySize = 64 * 1024 * 1024
    /// A header block longer than this without its empty line is not a header.
    public static let maximumHeaderSize = 8 * 1024

    /// What the framer found in the stream.
    public enum Event: Sendable, Equatable {
        /// The body of one message.
        case message([UInt8])
        /// A header that could not be used (the message, if any, is skipped).
        case malformedHeader(String)
    }

    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes of an oversized body still to skip.
    private var skipping = 0
    /// The body length announced by the header just read.
    private var bodyLength: Int?

    public init() {}

    /// Adds bytes read from the stream.
    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 65536 && start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete event, or nil when more bytes are needed.
    public mutating func next() -> Event? {
        while true {
            if skipping > 0 {
                let available = min(skipping, buffer.count - start)
                start += available
                skipping -= available
                if skipping > 0 { return nil }
            }
            if let length = bodyLength {
                guard buffer.count - start >= length else { return nil }
                let body = Array(buffer[start..<(start + length)])
                start += length
                bodyLength = nil
                return .message(body)
            }
            // Blank lines between messages are tolerated.
            while start < buffer.count, buffer[start] == UInt8(ascii: "\r") || buffer[start] == UInt8(ascii: "\n") {
                start += 1
            }
            guard let (headerEnd, bodyStart) = findHeaderEnd() else {
                if buffer.count - start > Self.maximumHeaderSize {
                    // No empty line in sight: drop what there is up to the last line break.
                    let lastBreak = buffer[start...].lastIndex(of: UInt8(ascii: "\n")) ?? (buffer.count - 1)
                    start = lastBreak + 1
                    return .malformedHeader("header longer than \(Self.maximumHeaderSize) bytes")
                }
                return nil
            }
            let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
            start = bodyStart
            switch Self.contentLength(in: header) {
            case .success(let length) where length > Self.maximumBodySize:
                skipping = length
                return .malformedHeader("message of \(length) bytes is larger than \(Self.maximumBodySize) bytes")
            case .success(let length):
                bodyLength = length
            case .failure(let problem):
                return .malformedHeader(problem.message)
            }
        }
    }

    /// Where the header's text ends and where the body begins, once the empty line is in.
    private func findHeaderEnd() -> (Int, Int)? {
        var index = start
        while index < buffer.count {
            if buffer[index] == UInt8(ascii: "\n") {
                // `\n\n` or `\n\r\n` ends the header.
                if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\n") {
                    return (index, index + 2)
                }
                if index + 2 < buffer.count, buffer[index + 1] == UInt8(ascii: "\r"), buffer[index + 2] == UInt8(ascii: "\n") {
                    return (index, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    struct HeaderProblem: Error {
        var message: String
    }

    static func contentLength(in header: String) -> Result<Int, HeaderProblem> {
        var length: Int?
        for rawLine in header.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(HeaderProblem(message: "header line without `:`: \(line.prefix(80))"))
            }
            let name = line[..<colon].trimmingSpaces().lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            if name == "content-length" {
                guard let parsed = Int(value), parsed >= 0 else {
                    return .failure(HeaderProblem(message: "invalid Content-Length `\(value.prefix(40))`"))
                }
                length = parsed
            }
        }
        guard let length else { return .failure(HeaderProblem(message: "header without Content-Length")) }
        return .success(length)
    }

    /// The bytes of one message: header and body.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
