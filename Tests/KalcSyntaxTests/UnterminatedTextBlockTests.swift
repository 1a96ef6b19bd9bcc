import KalcDiagnostics
import KalcSyntax
import XCTest

/// A text block that is never closed runs to the end of the file: it is reported, and its
/// value (which lowering still reads) is empty instead of a crash.
final class UnterminatedTextBlockTests: XCTestCase {
    /// Files that end inside an unclosed text block, with and without a final line break
    /// and with last lines shorter than a delimiter.
    static let endings = [
        "manifest \"\"\"\n  kind: ConfigMap\n",
        "manifest \"\"\"\n  kind: ConfigMap\n\n",
        "manifest \"\"\"\n  kind: ConfigMap\n}",
        "manifest \"\"\"\n  kind: ConfigMap\n}\n",
        "manifest \"\"\"-\n",
        "manifest \"\"\"\n  a\n  bc",
    ]

    func testUnclosedBlockIsReportedAndHasAValue() {
        for ending in Self.endings {
            let file = SourceFile(path: "t.kal", text: "template t {\n  type = config\n  " + ending)
            let tree = SyntaxTree.parse(file)
            XCTAssertTrue(tree.diagnostics.contains { $0.code == .unterminatedTextBlock }, ending)
            let tokens = Lexer.tokenize(file).tokens.filter { $0.kind == .textBlock }
            XCTAssertEqual(tokens.count, 1, ending)
            for token in tokens {
                _ = TextBlock.value(file.bytes, tokenStart: token.span.start, tokenEnd: token.span.end)
                _ = LiteralPositions.sourceOffset(ofValueOffset: 3, in: token.span, of: file)
            }
        }
    }
}
