import KalcYAML
import XCTest

/// Marks of read nodes: UTF-8 byte offsets, lines and byte columns, checked against `1️⃣`-style
/// markers placed in the source.
final class ReaderMarkTests: XCTestCase {
    /// Which node of a stream a span talks about.
    enum Selector {
        /// The `occurrence`-th scalar (0-based, document order) with this text.
        case scalar(String, occurrence: Int = 0)
        /// The `index`-th sequence of the stream.
        case sequence(Int)
        /// The `index`-th mapping of the stream.
        case mapping(Int)
        /// The root node of the `index`-th document.
        case document(Int)
    }

    struct Span {
        var node: Selector
        var start: Int
        var end: Int
    }

    struct Case {
        var source: String
        var spans: [Span]
        var file: StaticString = #filePath
        var line: UInt = #line
    }

    static let cases: [Case] = [
        Case(
            source: "1️⃣héllo2️⃣: 3️⃣wörld4️⃣\n",
            spans: [
                Span(node: .scalar("héllo"), start: 1, end: 2),
                Span(node: .scalar("wörld"), start: 3, end: 4),
            ]),
        Case(source: "a: 日本\nb: 1️⃣語2️⃣\n", spans: [Span(node: .scalar("語"), start: 1, end: 2)]),
        Case(source: "k: 1️⃣👩‍👩‍👧 x2️⃣\n", spans: [Span(node: .scalar("👩‍👩‍👧 x"), start: 1, end: 2)]),
        Case(source: "k: 1️⃣e\u{301}e\u{301}2️⃣", spans: [Span(node: .scalar("e\u{301}e\u{301}"), start: 1, end: 2)]),
        Case(
            source: "a: 1\r\nb: 1️⃣é2️⃣\r\nc: 3️⃣ü4️⃣\r\n",
            spans: [
                Span(node: .scalar("é"), start: 1, end: 2),
                Span(node: .scalar("ü"), start: 3, end: 4),
            ]),
        Case(source: "x: 1\ry: 1️⃣é2️⃣\r", spans: [Span(node: .scalar("é"), start: 1, end: 2)]),
        Case(
            source: "1️⃣[é, 2️⃣{ü: 3️⃣ö4️⃣}5️⃣]6️⃣\n",
            spans: [
                Span(node: .sequence(0), start: 1, end: 6),
                Span(node: .mapping(0), start: 2, end: 5),
                Span(node: .scalar("ö"), start: 3, end: 4),
            ]),
        Case(
            source: "1️⃣é:\n  2️⃣- ü\n  - ö3️⃣\n\n# ünïcode comment\nnext: x4️⃣\n",
            spans: [
                Span(node: .sequence(0), start: 2, end: 3),
                Span(node: .mapping(0), start: 1, end: 4),
            ]),
        Case(source: "k: 1️⃣\"é\\u00e9\\\"\"2️⃣ # ç\n", spans: [Span(node: .scalar("éé\""), start: 1, end: 2)]),
        Case(source: "k: 1️⃣'it''s ü'2️⃣\n", spans: [Span(node: .scalar("it's ü"), start: 1, end: 2)]),
        Case(
            source: "k: 1️⃣|\n  ünï\n  cödé\n2️⃣x: 3️⃣y4️⃣",
            spans: [
                Span(node: .scalar("ünï\ncödé\n"), start: 1, end: 2),
                Span(node: .scalar("y"), start: 3, end: 4),
            ]),
        Case(
            source: "a: 1️⃣&anchor ü2️⃣\nb: 3️⃣*anchor4️⃣\n",
            spans: [
                Span(node: .scalar("ü", occurrence: 0), start: 1, end: 2),
                Span(node: .scalar("ü", occurrence: 1), start: 3, end: 4),
            ]),
        Case(
            source: "a: 1️⃣&x [2️⃣ü3️⃣]4️⃣\nb: 5️⃣*x6️⃣\n",
            spans: [
                Span(node: .sequence(0), start: 1, end: 4),
                Span(node: .sequence(1), start: 5, end: 6),
                Span(node: .scalar("ü", occurrence: 1), start: 2, end: 3),
            ]),
        Case(source: "\u{FEFF}1️⃣é2️⃣: x\n", spans: [Span(node: .scalar("é"), start: 1, end: 2)]),
        Case(
            source: "a: ü\n---\n1️⃣ö2️⃣\n--- 3️⃣[é]4️⃣\n",
            spans: [
                Span(node: .document(1), start: 1, end: 2),
                Span(node: .document(2), start: 3, end: 4),
            ]),
        Case(
            source: "k: 1️⃣\"a\u{85}b\u{2028}c\"2️⃣\nl: 3️⃣ü4️⃣\n",
            spans: [
                Span(node: .scalar("ü"), start: 3, end: 4)
            ]),
        Case(source: "k: 1️⃣!!str ü2️⃣\n", spans: [Span(node: .scalar("ü"), start: 1, end: 2)]),
        Case(source: "k:\ttab\t# c\t\nl:\t1️⃣ö2️⃣\n", spans: [Span(node: .scalar("ö"), start: 1, end: 2)]),
        Case(
            source: "- é: 1️⃣ü2️⃣\n- 3️⃣🎉 🎉4️⃣\n",
            spans: [
                Span(node: .scalar("ü"), start: 1, end: 2),
                Span(node: .scalar("🎉 🎉"), start: 3, end: 4),
            ]),
        Case(
            source: "k: 1️⃣plain\n  ünïcode\n  continued2️⃣\nl: x\n",
            spans: [
                Span(node: .scalar("plain ünïcode continued"), start: 1, end: 2)
            ]),
        Case(
            source: "? 1️⃣[é, ü]2️⃣\n: 3️⃣ö4️⃣\n",
            spans: [
                Span(node: .sequence(0), start: 1, end: 2),
                Span(node: .scalar("ö"), start: 3, end: 4),
            ]),
        Case(source: "k:1️⃣2️⃣\nl: x\n", spans: [Span(node: .scalar(""), start: 1, end: 2)]),
    ]

    func testMarksAreByteOffsetsWithLinesAndByteColumns() throws {
        for testCase in Self.cases {
            let source = MarkedSource(testCase.source)
            let documents: [YAMLNode]
            do {
                documents = try YAMLReader.documents(in: source.text)
            } catch {
                XCTFail("\(source.text.debugDescription): \(error)", file: testCase.file, line: testCase.line)
                continue
            }
            for span in testCase.spans {
                guard let node = Self.node(span.node, in: documents) else {
                    XCTFail("no node \(span.node) in \(source.text.debugDescription)", file: testCase.file, line: testCase.line)
                    continue
                }
                let expectedStart = Self.mark(source.offsets[span.start] ?? -1, in: source.text)
                let expectedEnd = Self.mark(source.offsets[span.end] ?? -1, in: source.text)
                XCTAssertEqual(node.start, expectedStart, "start of \(span.node)", file: testCase.file, line: testCase.line)
                XCTAssertEqual(node.end, expectedEnd, "end of \(span.node)", file: testCase.file, line: testCase.line)
            }
        }
    }

    /// Lines and columns written out by hand, to pin down what they count.
    func testLinesAndColumnsCountUTF8BytesAndLineBreaks() throws {
        let checks: [(source: String, scalar: String, line: Int, column: Int, offset: Int)] = [
            ("- é: ü\n", "ü", 0, 6, 6),
            ("a: 1\r\nb:\r\n  - 日本\n", "日本", 2, 4, 14),
            ("x: 1\ry: \"🎉\"\n", "🎉", 1, 3, 8),
            ("\u{FEFF}é: x\n", "é", 0, 3, 3),
            ("k: \"a\u{85}b\"\nl: ö\n", "ö", 1, 3, 13),
        ]
        for check in checks {
            let documents = try YAMLReader.documents(in: check.source)
            let node = try XCTUnwrap(Self.node(.scalar(check.scalar), in: documents), check.source.debugDescription)
            XCTAssertEqual(
                node.start, YAMLMark(offset: check.offset, line: check.line, column: check.column),
                check.source.debugDescription)
        }
    }

    /// The same marks whether the text arrives as a String or as UTF-8 bytes.
    func testBytesAndStringGiveTheSameTree() throws {
        for testCase in Self.cases {
            let text = MarkedSource(testCase.source).text
            XCTAssertEqual(try YAMLReader.documents(in: text), try YAMLReader.documents(utf8: Array(text.utf8)))
        }
    }

    // MARK: Helpers

    /// The expected mark of a byte offset: lines end at `\n`, `\r\n` or `\r`.
    static func mark(_ offset: Int, in text: String) -> YAMLMark {
        let bytes = Array(text.utf8)
        var line = 0
        var lineStart = 0
        var index = 0
        while index < offset {
            if bytes[index] == UInt8(ascii: "\n")
                || (bytes[index] == UInt8(ascii: "\r") && (index + 1 >= bytes.count || bytes[index + 1] != UInt8(ascii: "\n")))
            {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return YAMLMark(offset: offset, line: line, column: offset - lineStart)
    }

    static func node(_ selector: Selector, in documents: [YAMLNode]) -> YAMLNode? {
        let nodes = documents.flatMap(\.allNodes)
        switch selector {
        case let .scalar(text, occurrence):
            let matches = nodes.filter {
                if case let .scalar(value, _) = $0.content { return value == text }
                return false
            }
            return matches.indices.contains(occurrence) ? matches[occurrence] : nil
        case let .sequence(index):
            let matches = nodes.filter {
                if case .sequence = $0.content { return true }
                return false
            }
            return matches.indices.contains(index) ? matches[index] : nil
        case let .mapping(index):
            let matches = nodes.filter {
                if case .mapping = $0.content { return true }
                return false
            }
            return matches.indices.contains(index) ? matches[index] : nil
        case let .document(index):
            return documents.indices.contains(index) ? documents[index] : nil
        }
    }
}
