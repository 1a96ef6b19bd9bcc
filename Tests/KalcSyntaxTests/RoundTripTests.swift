import KalcDiagnostics
import KalcSyntax
import KalcTestSupport
import XCTest

/// Every source kalc ships or tests with: printing the tree gives back the input byte for
/// byte, and formatting is idempotent and keeps the meaning.
final class RoundTripTests: XCTestCase {
    var corpus: [String] {
        files(under: "Tests/KalcSyntaxTests/Fixtures", withExtension: "kal")
            + files(under: "examples", withExtension: "kal")
            + files(under: "stdlib", withExtension: "kal")
    }

    func testPrintingTheTreeGivesBackTheInput() throws {
        XCTAssertFalse(corpus.isEmpty)
        for path in corpus {
            let bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path)))
            let tree = SyntaxTree.parse(SourceFile(path: path, bytes: bytes))
            XCTAssertEqual(tree.printed(), bytes, path)
        }
    }

    func testFormattingIsIdempotentAndKeepsMeaning() throws {
        var formattedCount = 0
        for path in corpus {
            let bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path)))
            let tree = SyntaxTree.parse(SourceFile(path: path, bytes: bytes))
            guard let once = Formatter.format(tree) else {
                XCTAssertTrue(tree.diagnostics.hasErrors, path)
                continue
            }
            formattedCount += 1
            let reparsed = SyntaxTree.parse(SourceFile(path: path, text: once))
            XCTAssertEqual(reparsed.diagnostics.map(\.message), [], "\(path) formatted:\n\(once)")
            XCTAssertEqual(meaning(reparsed), meaning(tree), path)
            let twice = Formatter.format(reparsed)
            XCTAssertEqual(twice, once, "\(path): formatting twice changed:\n\(lineDiff(expected: once, actual: twice ?? ""))")
        }
        XCTAssertGreaterThan(formattedCount, 0)
    }

    func testShippedSourcesAreFormatted() throws {
        let shipped = files(under: "examples", withExtension: "kal") + files(under: "stdlib", withExtension: "kal")
        XCTAssertFalse(shipped.isEmpty)
        for path in shipped {
            let text = String(decoding: try XCTUnwrap(FileManager.default.contents(atPath: path)), as: UTF8.self)
            let formatted = Formatter.format(SyntaxTree.parse(SourceFile(path: path, text: text)))
            XCTAssertEqual(formatted, text, "\(path) is not formatted:\n\(lineDiff(expected: text, actual: formatted ?? ""))")
        }
    }

    /// The tree without trivia: node kinds and the values of significant tokens.
    func meaning(_ tree: SyntaxTree) -> [String] {
        var result: [String] = []
        func visit(_ node: SyntaxNode) {
            result.append("(\(node.kind)")
            for child in node.children {
                switch child {
                case .node(let inner): visit(inner)
                case .token(let token) where !token.kind.isTrivia: result.append("\(token.kind)=\(tree.value(token))")
                default: continue
                }
            }
            result.append(")")
        }
        visit(tree.root)
        return result
    }
}
