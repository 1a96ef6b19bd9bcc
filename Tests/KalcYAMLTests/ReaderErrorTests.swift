import Foundation
import KalcYAML
import XCTest

/// Input the reader must refuse with a `YAMLError` at the right place, never a crash or a hang.
final class ReaderErrorTests: XCTestCase {
    struct Case {
        /// The source, with `1️⃣` where the error is reported.
        var source: String
        var message: String
        var file: StaticString = #filePath
        var line: UInt = #line
    }

    static let malformed: [Case] = [
        Case(source: "key: \"unterminated\n1️⃣", message: "found unexpected end of stream while scanning a quoted scalar"),
        Case(source: "a: b\n c1️⃣: d\n", message: "mapping values are not allowed in this context"),
        Case(source: "a:\n  - b\n 1️⃣c: d\n", message: "did not find expected key while parsing a block mapping"),
        Case(source: "[a, b\n1️⃣", message: "did not find expected ',' or ']' while parsing a flow sequence"),
        Case(source: "{a: b\n1️⃣", message: "did not find expected ',' or '}' while parsing a flow mapping"),
        Case(source: "a: 1️⃣@b\n", message: "found character that cannot start any token while scanning for the next token"),
        Case(source: "k:\n1️⃣\t- x\n", message: "found character that cannot start any token while scanning for the next token"),
        Case(source: "a: &1️⃣ x\n", message: "did not find expected alphabetic or numeric character while scanning an anchor"),
        Case(source: "a: \"1️⃣\\q\"\n", message: "found unknown escape character while parsing a quoted scalar"),
        Case(source: "a: \"\\u1️⃣D800\"\n", message: "found invalid Unicode character escape code while parsing a quoted scalar"),
        Case(source: "1️⃣%YAML 2.0\n---\n", message: "found incompatible YAML document"),
        Case(source: "a: 1️⃣!e!x y\n", message: "found undefined tag handle while parsing a node"),
        Case(source: "a: 1\n1️⃣- b\n", message: "did not find expected key while parsing a block mapping"),
        Case(source: "a: 1️⃣*nothing\n", message: "found undefined alias \"nothing\""),
        Case(source: "a: &x [b, 1️⃣*x]\n", message: "alias \"x\" refers to a node that contains it"),
        Case(source: "a: &x {b: {c: 1️⃣*x}}\n", message: "alias \"x\" refers to a node that contains it"),
        Case(source: "a: 1️⃣\0\n", message: "control characters are not allowed U+0000"),
        Case(source: "a: \"x1️⃣\u{7}\"\n", message: "control characters are not allowed U+0007"),
        Case(source: "é: 1️⃣\u{1B}[0m\n", message: "control characters are not allowed U+001B"),
        Case(source: "é: 1️⃣\u{FFFE}\n", message: "control characters are not allowed U+FFFE"),
    ]

    func testMalformedInputIsAnErrorAtItsPlace() {
        for testCase in Self.malformed {
            let source = MarkedSource(testCase.source)
            let expected = ReaderMarkTests.mark(source.offsets[1] ?? -1, in: source.text)
            assertError(
                try YAMLReader.documents(in: source.text), message: testCase.message, mark: expected,
                file: testCase.file, line: testCase.line)
        }
    }

    /// Bytes that are not UTF-8 are refused at their byte offset.
    func testInvalidUTF8IsAnErrorAtItsByteOffset() {
        let cases: [(bytes: [UInt8], message: String, offset: Int, line: UInt)] = [
            (Array("a: ".utf8) + [0xFF] + Array("\n".utf8), "invalid leading UTF-8 octet 0xFF", 3, #line),
            (Array("é: ü\nb: ".utf8) + [0xC3, 0x28], "invalid trailing UTF-8 octet 0x28", 11, #line),
            (Array("a: x".utf8) + [0xE2, 0x82], "incomplete UTF-8 octet sequence", 4, #line),
            (Array("a: ".utf8) + [0xC0, 0xAF], "invalid length of a UTF-8 sequence", 3, #line),
            (Array("a: ".utf8) + [0xED, 0xA0, 0x80], "invalid Unicode character U+D800", 3, #line),
            (Array("a: ".utf8) + [0xF4, 0x90, 0x80, 0x80], "invalid Unicode character U+110000", 3, #line),
            ([0xFF, 0xFE, 0x61, 0x00], "invalid leading UTF-8 octet 0xFF", 0, #line),
            (Array("a: 1\n".utf8) + [0x00], "control characters are not allowed U+0000", 5, #line),
        ]
        for testCase in cases {
            do {
                _ = try YAMLReader.documents(utf8: testCase.bytes)
                XCTFail("no error", line: testCase.line)
            } catch {
                XCTAssertEqual(error.message, testCase.message, line: testCase.line)
                XCTAssertEqual(error.mark.offset, testCase.offset, line: testCase.line)
            }
        }
    }

    /// Lines and columns of reader errors come from the same byte offset.
    func testInvalidUTF8ErrorHasLineAndColumn() {
        assertError(
            try YAMLReader.documents(utf8: Array("é: ü\nb: ".utf8) + [0xC3, 0x28]),
            message: "invalid trailing UTF-8 octet 0x28", mark: YAMLMark(offset: 11, line: 1, column: 4))
    }

    /// A "billion laughs" document: each level repeats the one before ten times.
    func testExponentialAliasesAreAnErrorNotAnExplosion() {
        var source = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (name, previous) in zip(names.dropFirst(), names) {
            source += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        XCTAssertThrowsError(try YAMLReader.documents(in: source)) { error in
            let message = (error as? YAMLError)?.message ?? ""
            XCTAssertEqual(message, "aliases expand to more than 100000 nodes")
            // The limit is reached at level e (11,111 nodes per alias of d).
            XCTAssertEqual((error as? YAMLError)?.mark.line, 4)
        }
    }

    /// Few nodes, many bytes: one large scalar repeated by thousands of aliases.
    func testAliasesOfALargeScalarAreAnErrorNotGigabytes() {
        var source = "k0: &big \"" + String(repeating: "x", count: 1 << 20) + "\"\n"
        for index in 1..<2_000 {
            source += "k\(index): *big\n"
        }
        let started = Date()
        XCTAssertThrowsError(try YAMLReader.documents(in: source)) { error in
            let yamlError = error as? YAMLError
            XCTAssertEqual(yamlError?.message, "aliases expand to more than \(4 * source.utf8.count) bytes of text")
            // The fifth alias passes four times the text's length.
            XCTAssertEqual(yamlError?.mark.line, 5)
            XCTAssertEqual(yamlError?.mark.column, 4)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    /// A few aliases of a large scalar stay within the limit.
    func testAFewAliasesOfALargeScalarAreRead() throws {
        let source = "k0: &big \"" + String(repeating: "x", count: 1 << 20) + "\"\nk1: *big\nk2: *big\n"
        let documents = try YAMLReader.documents(in: source)
        guard case .mapping(let entries)? = documents.first?.content else { return XCTFail("not a mapping") }
        XCTAssertEqual(entries.count, 3)
    }

    func testDeepFlowNestingIsAnError() {
        let source = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        assertError(
            try YAMLReader.documents(in: source), message: "nesting is deeper than 1000 levels",
            mark: YAMLMark(offset: 1_000, line: 0, column: 1_000))
    }

    func testDeepBlockNestingIsAnError() {
        var source = ""
        for depth in 0..<1_200 {
            source += String(repeating: " ", count: depth) + "k:\n"
        }
        assertError(
            try YAMLReader.documents(in: source), message: "nesting is deeper than 1000 levels",
            mark: YAMLMark(offset: (0..<1_000).reduce(0) { $0 + $1 + 3 } + 1_000, line: 1_000, column: 1_000))
    }

    /// Nesting exactly at the limit is fine.
    func testNestingAtTheLimitIsRead() throws {
        let source = String(repeating: "[", count: 1_000) + "x" + String(repeating: "]", count: 1_000)
        let documents = try YAMLReader.documents(in: source)
        XCTAssertEqual(documents.first?.allNodes.count, 1_001)
    }

    /// An alias counts the depth of what it brings in.
    func testAliasesCannotNestPastTheLimit() {
        let inner = String(repeating: "[", count: 600) + "x" + String(repeating: "]", count: 600)
        let source = "a: &deep \(inner)\nb: " + String(repeating: "[", count: 500) + "*deep" + String(repeating: "]", count: 500) + "\n"
        XCTAssertThrowsError(try YAMLReader.documents(in: source)) { error in
            XCTAssertEqual((error as? YAMLError)?.message, "alias \"deep\" nests deeper than 1000 levels")
        }
    }

    // MARK: Helpers

    private func assertError(
        _ body: @autoclosure () throws -> [YAMLNode], message: String, mark: YAMLMark,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            _ = try body()
            XCTFail("no error", file: file, line: line)
        } catch let error as YAMLError {
            XCTAssertEqual(error.message, message, file: file, line: line)
            XCTAssertEqual(error.mark, mark, file: file, line: line)
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }
}
