import KalcDiagnostics
import XCTest
import KalcTestSupport

/// Line and column conversions of `SourceFile`: a table of positions worked out by hand,
/// and properties checked against the standard library's own UTF-8 repair over many inputs.
final class SourceFileTests: XCTestCase {
    /// One position: the file's bytes, an offset, and where it should land.
    private struct Position {
        var bytes: [UInt8]
        var offset: Int
        var line: Int
        var utf8Column: Int
        var utf16Column: Int
        /// The offset `location(of:)` reports (offsets outside the file are clamped).
        var clampedOffset: Int? = nil
    }

    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private static let positions: [Position] = [
        Position(bytes: bytes("abc"), offset: 0, line: 1, utf8Column: 1, utf16Column: 1),
        Position(bytes: bytes("abc"), offset: 3, line: 1, utf8Column: 4, utf16Column: 4),
        Position(bytes: bytes("ab\ncd"), offset: 2, line: 1, utf8Column: 3, utf16Column: 3),
        Position(bytes: bytes("ab\ncd"), offset: 3, line: 2, utf8Column: 1, utf16Column: 1),
        Position(bytes: bytes("ab\ncd"), offset: 5, line: 2, utf8Column: 3, utf16Column: 3),
        // é is 2 bytes and 1 UTF-16 unit; 日 3 bytes and 1 unit; 😀 4 bytes and 2 units.
        Position(bytes: bytes("é=1"), offset: 2, line: 1, utf8Column: 3, utf16Column: 2),
        Position(bytes: bytes("x 日本 y"), offset: 8, line: 1, utf8Column: 9, utf16Column: 5),
        Position(bytes: bytes("a😀b"), offset: 5, line: 1, utf8Column: 6, utf16Column: 4),
        Position(bytes: bytes("a😀b"), offset: 6, line: 1, utf8Column: 7, utf16Column: 5),
        // CRLF: the carriage return belongs to the line it ends.
        Position(bytes: bytes("ab\r\ncd"), offset: 2, line: 1, utf8Column: 3, utf16Column: 3),
        Position(bytes: bytes("ab\r\ncd"), offset: 3, line: 1, utf8Column: 4, utf16Column: 4),
        Position(bytes: bytes("ab\r\ncd"), offset: 4, line: 2, utf8Column: 1, utf16Column: 1),
        // The end of a file that ends with a line break is on an empty last line.
        Position(bytes: bytes("ab\n"), offset: 3, line: 2, utf8Column: 1, utf16Column: 1),
        Position(bytes: bytes("ab\r\n"), offset: 4, line: 2, utf8Column: 1, utf16Column: 1),
        Position(bytes: bytes(""), offset: 0, line: 1, utf8Column: 1, utf16Column: 1),
        // Offsets outside the file are clamped to it.
        Position(bytes: bytes("ab\ncd"), offset: 99, line: 2, utf8Column: 3, utf16Column: 3, clampedOffset: 5),
        Position(bytes: bytes("ab\ncd"), offset: -4, line: 1, utf8Column: 1, utf16Column: 1, clampedOffset: 0),
        // Invalid UTF-8 counts one unit per replacement character: C3 alone is one, the
        // truncated F0 9F 98 one, FF one.
        Position(bytes: [0x61, 0xC3, 0x62], offset: 3, line: 1, utf8Column: 4, utf16Column: 4),
        Position(bytes: [0xF0, 0x9F, 0x98, 0x62], offset: 3, line: 1, utf8Column: 4, utf16Column: 2),
        Position(bytes: [0xFF, 0xFE, 0x0A, 0xFF], offset: 4, line: 2, utf8Column: 2, utf16Column: 2),
        // An offset inside a character counts the character's start as passed.
        Position(bytes: bytes("é"), offset: 1, line: 1, utf8Column: 2, utf16Column: 2),
    ]

    func testLocationsOfOffsets() {
        for position in Self.positions {
            let source = SourceFile(path: "t.kal", bytes: position.bytes)
            let location = source.location(of: position.offset)
            XCTAssertEqual(
                [location.offset, location.line, location.utf8Column, location.utf16Column],
                [position.clampedOffset ?? position.offset, position.line, position.utf8Column, position.utf16Column],
                "offset \(position.offset) in \(position.bytes)")
        }
    }

    func testLineRangesLeaveOutLineEnds() {
        let source = SourceFile(path: "t.kal", text: "one\r\ntwo\n\r\nfour\r")
        XCTAssertEqual(source.lineCount, 4)
        XCTAssertEqual((0..<source.lineCount).map(source.lineText), ["one", "two", "", "four"])
        XCTAssertEqual(source.lineRange(1), 5..<8)
        XCTAssertEqual(source.lineRange(-1), 0..<0)
        XCTAssertEqual(source.lineRange(4), source.bytes.count..<source.bytes.count)
    }

    func testLineTextReplacesInvalidUTF8() {
        let source = SourceFile(path: "t.kal", bytes: [0x61, 0xFF, 0x62, 0x0A, 0xE2, 0x82])
        XCTAssertEqual(source.lineText(0), "a\u{FFFD}b")
        XCTAssertEqual(source.lineText(1), "\u{FFFD}")
        XCTAssertEqual(source.text(Span(start: 1, end: 3)), "\u{FFFD}b")
        XCTAssertEqual(source.text(Span(start: 4, end: 99)), "\u{FFFD}")
    }

    func testOffsetsOfLinesAndColumns() {
        let source = SourceFile(path: "t.kal", text: "a😀b\r\nxé")
        // (line, UTF-16 column) → offset; a column inside the surrogate pair moves past the emoji.
        let utf16Cases: [(Int, Int, Int)] = [
            (0, 0, 0), (0, 1, 1), (0, 2, 5), (0, 3, 5), (0, 4, 6), (0, 9, 6),
            (1, 0, 8), (1, 1, 9), (1, 2, 11), (2, 0, 11), (-1, 5, 0),
        ]
        for (line, column, offset) in utf16Cases {
            XCTAssertEqual(source.offset(line: line, utf16Column: column), offset, "line \(line) UTF-16 column \(column)")
        }
        let utf8Cases: [(Int, Int, Int)] = [(0, 0, 0), (0, 6, 6), (0, 7, 6), (1, -3, 8), (1, 3, 11), (5, 0, 11), (-1, 0, 0)]
        for (line, column, offset) in utf8Cases {
            XCTAssertEqual(source.offset(line: line, utf8Column: column), offset, "line \(line) UTF-8 column \(column)")
        }
    }

    /// Over random bytes (valid and invalid UTF-8, line feeds and carriage returns), every
    /// offset's line and columns agree with counting line feeds and with the UTF-16 length
    /// of `String(decoding:as:)` of the line up to it, and UTF-16 columns map back to offsets.
    func testColumnsAgreeWithStandardLibraryDecoding() {
        var generator = SplitMix64(seed: 0x6B61_6C63)
        let alphabet: [[UInt8]] = [
            [0x61], [0x20], [0x0A], [0x0D, 0x0A], [0x0D], Array("é".utf8), Array("日".utf8), Array("😀".utf8),
            [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
        ]
        for _ in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                bytes += alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
            }
            let source = SourceFile(path: "t.kal", bytes: bytes)
            for offset in 0...bytes.count {
                let location = source.location(of: offset)
                let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                XCTAssertEqual(location.line, bytes[..<offset].filter { $0 == 0x0A }.count + 1, "\(bytes) at \(offset)")
                XCTAssertEqual(location.utf8Column, offset - lineStart + 1, "\(bytes) at \(offset)")
                XCTAssertEqual(
                    location.utf16Column, String(decoding: bytes[lineStart..<offset], as: UTF8.self).utf16.count + 1,
                    "\(bytes) at \(offset)")
            }
            for line in 0..<source.lineCount {
                let range = source.lineRange(line)
                let units = String(decoding: bytes[range], as: UTF8.self).utf16.count
                var previous = range.lowerBound
                for column in 0...units + 1 {
                    let offset = source.offset(line: line, utf16Column: column)
                    XCTAssertTrue(range.contains(offset) || offset == range.upperBound, "\(bytes) line \(line) column \(column)")
                    XCTAssertGreaterThanOrEqual(offset, previous)
                    XCTAssertGreaterThanOrEqual(source.location(of: offset).utf16Column - 1, min(column, units))
                    previous = offset
                }
            }
        }
    }

    /// On lines long enough to have UTF-16 checkpoints (thousands of bytes, not all ASCII),
    /// every offset's UTF-16 column still agrees with `String(decoding:as:)`.
    func testColumnsOfLongLinesAgreeWithStandardLibraryDecoding() {
        var generator = SplitMix64(seed: 0x6C6F_6E67)
        let alphabet: [[UInt8]] = [
            [0x61], [0x20], Array("é".utf8), Array("日".utf8), Array("😀".utf8),
            [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF],
        ]
        for round in 0..<3 {
            var bytes = Array(repeating: UInt8(ascii: "a"), count: round * 100) + [0x0A]
            for _ in 0..<Int.random(in: 800...1_500, using: &generator) {
                bytes += alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
            }
            bytes += [0x0A, 0x62]
            let source = SourceFile(path: "t.kal", bytes: bytes)
            for offset in 0...bytes.count {
                let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                XCTAssertEqual(
                    source.location(of: offset).utf16Column, String(decoding: bytes[lineStart..<offset], as: UTF8.self).utf16.count + 1,
                    "round \(round) at \(offset)")
            }
        }
    }
}
