import KalcYAML
import XCTest

/// Trees the writer cannot write give an error at the node, never a crash.
final class WriterErrorTests: XCTestCase {
    func testInvalidTagsAreErrorsAtTheirNode() {
        let here = YAMLMark(offset: 12, line: 1, column: 4)
        let cases: [(node: YAMLNode, message: String, line: UInt)] = [
            (YAMLNode(content: .scalar("x", .plain), tag: "", start: here), "tag value must not be empty", #line),
            (YAMLNode(content: .sequence([]), tag: "", start: here), "tag value must not be empty", #line),
            (YAMLNode(content: .mapping([]), tag: "", start: here), "tag value must not be empty", #line),
            (YAMLNode(content: .scalar("x", .plain), tag: "!a\0b", start: here), "tag contains a NUL character", #line),
            (YAMLNode(content: .mapping([]), tag: "\0", start: here), "tag contains a NUL character", #line),
        ]
        for testCase in cases {
            XCTAssertThrowsError(try YAMLWriter.string([.sequence([.string("ok"), testCase.node])]), line: testCase.line) { error in
                XCTAssertEqual(error as? YAMLError, YAMLError(message: testCase.message, mark: here), line: testCase.line)
            }
        }
    }
}
