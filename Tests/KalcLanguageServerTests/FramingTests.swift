import KalcLanguageServer
import XCTest

/// The base protocol's framing: messages come out whole and in order however the bytes are
/// chunked, and a bad header costs one message, not the conversation.
final class FramingTests: XCTestCase {
    static let bodies = [#"{"a":1}"#, #"{"text":"é😀\r\n"}"#, "{}", String(repeating: "x", count: 70_000)]

    private func events(_ stream: [UInt8], chunk: Int) -> [MessageFramer.Event] {
        var framer = MessageFramer()
        var events: [MessageFramer.Event] = []
        var index = 0
        while index < stream.count {
            framer.append(stream[index..<min(index + chunk, stream.count)])
            index += chunk
            while let event = framer.next() { events.append(event) }
        }
        return events
    }

    func testMessagesSurviveAnyChunking() {
        let stream = Self.bodies.flatMap { MessageFramer.frame(Array($0.utf8)) }
        let expected = Self.bodies.map { MessageFramer.Event.message(Array($0.utf8)) }
        for chunk in [1, 2, 3, 7, 16, 100, 4096, stream.count] {
            XCTAssertEqual(events(stream, chunk: chunk), expected, "chunks of \(chunk)")
        }
    }

    /// Headers as clients write them, each followed by the body `{}`.
    static let acceptedHeaders = [
        "Content-Length: 2\r\n\r\n",
        "content-length:2\r\n\r\n",
        "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
        "Content-Type: application/vscode-jsonrpc\r\nContent-Length:   2  \r\n\r\n",
        "Content-Length: 2\n\n",
    ]

    func testHeaderVariantsAreRead() {
        for header in Self.acceptedHeaders {
            XCTAssertEqual(events(Array((header + "{}").utf8), chunk: 5), [.message(Array("{}".utf8))], header)
        }
    }

    /// Bad headers, each followed by a good message that must still come out.
    static let badHeaders = [
        "Content-Type: text/plain\r\n\r\n",
        "Content-Length: two\r\n\r\n",
        "Content-Length: -4\r\n\r\n",
        "garbage without a colon\r\n\r\n",
    ]

    func testABadHeaderSkipsOnlyItsMessage() {
        for header in Self.badHeaders {
            let stream = Array(header.utf8) + MessageFramer.frame(Array("{}".utf8))
            let found = events(stream, chunk: 3)
            XCTAssertEqual(found.count, 2, header)
            if case .malformedHeader = found.first {} else { XCTFail("no malformed header reported for \(header)") }
            XCTAssertEqual(found.last, .message(Array("{}".utf8)), header)
        }
    }

    func testAnOversizedBodyIsSkippedWithoutKeepingIt() {
        var framer = MessageFramer()
        framer.append(Array("Content-Length: \(MessageFramer.maximumBodySize + 1)\r\n\r\n".utf8))
        if case .malformedHeader = framer.next() {} else { XCTFail("an oversized message was not reported") }
        let chunk = [UInt8](repeating: 0x20, count: 1 << 20)
        var remaining = MessageFramer.maximumBodySize + 1
        while remaining > 0 {
            let size = min(remaining, chunk.count)
            framer.append(chunk[0..<size])
            remaining -= size
            XCTAssertNil(framer.next())
        }
        framer.append(MessageFramer.frame(Array("{}".utf8)))
        XCTAssertEqual(framer.next(), .message(Array("{}".utf8)))
    }

    func testALongHeaderWithoutEndIsDropped() {
        var framer = MessageFramer()
        framer.append([UInt8](repeating: UInt8(ascii: "a"), count: MessageFramer.maximumHeaderSize + 10) + Array("\n".utf8))
        if case .malformedHeader = framer.next() {} else { XCTFail("an endless header was not reported") }
        framer.append(MessageFramer.frame(Array("{}".utf8)))
        XCTAssertEqual(framer.next(), .message(Array("{}".utf8)))
    }
}
