import KalcDiagnostics
import KalcSyntax
import KalcTestSupport
import XCTest

/// The parser fixtures: every `.kal` file under `Fixtures/parser/ok` parses without
/// diagnostics, every one under `Fixtures/parser/err` with some; each has its expected
/// tree (`.tree`) and diagnostics (`.diagnostics`) beside it.
final class ParserFixtureTests: XCTestCase {
    static let fixtures = repositoryRoot + "/Tests/KalcSyntaxTests/Fixtures/parser"

    func testOkFixtures() throws {
        let inputs = files(under: "Tests/KalcSyntaxTests/Fixtures/parser/ok", withExtension: "kal")
        XCTAssertFalse(inputs.isEmpty)
        for path in inputs {
            let tree = try parse(path)
            XCTAssertEqual(tree.diagnostics.map(describe), [], path)
            assertSnapshot(tree.debugDescription(), path: path.replacingOccurrences(of: ".kal", with: ".tree"))
        }
    }

    func testErrorFixtures() throws {
        let inputs = files(under: "Tests/KalcSyntaxTests/Fixtures/parser/err", withExtension: "kal")
        XCTAssertFalse(inputs.isEmpty)
        for path in inputs {
            let tree = try parse(path)
            XCTAssertFalse(tree.diagnostics.isEmpty, "\(path) should have diagnostics")
            assertSnapshot(tree.debugDescription(), path: path.replacingOccurrences(of: ".kal", with: ".tree"))
            let listing = tree.diagnostics.map { describe($0, in: tree.file) }.joined(separator: "\n") + "\n"
            assertSnapshot(listing, path: path.replacingOccurrences(of: ".kal", with: ".diagnostics"))
        }
    }

    private func parse(_ path: String) throws -> SyntaxTree {
        let data = try XCTUnwrap(FileManager.default.contents(atPath: path))
        let relative = String(path.dropFirst(Self.fixtures.count + 1))
        return SyntaxTree.parse(SourceFile(path: relative, bytes: [UInt8](data)))
    }

    private func describe(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.code) \(diagnostic.message)"
    }

    private func describe(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        let start = file.location(of: diagnostic.location.span.start)
        let end = file.location(of: diagnostic.location.span.end)
        var line = "\(start.line):\(start.utf8Column)-\(end.line):\(end.utf8Column) \(diagnostic.severity) \(diagnostic.code): \(diagnostic.message)"
        if let hint = diagnostic.hint { line += " (hint: \(hint))" }
        for label in diagnostic.labels {
            let at = file.location(of: label.location.span.start)
            line += " [\(at.line):\(at.utf8Column): \(label.message)]"
        }
        return line
    }
}
