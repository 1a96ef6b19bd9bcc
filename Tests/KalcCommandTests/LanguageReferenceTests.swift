import Foundation
import KalcTestSupport
import XCTest

/// The complete examples of `docs/language.md` check without a diagnostic and are
/// formatted, and the files shown after them (a block whose first line is `# PATH`) are
/// exactly what `kalc compile --out` writes for them.
final class LanguageReferenceTests: XCTestCase {
    static let path = "docs/language.md"

    func testCompleteExamplesCheckCleanlyAndAreFormatted() throws {
        let examples = fencedBlocks(in: try repositoryFile(Self.path)).filter { $0.language == "kal" }
        XCTAssertGreaterThan(examples.count, 5)
        for example in examples {
            let folder = try temporaryFolder(self)
            try example.content.write(toFile: folder + "/example.kal", atomically: true, encoding: .utf8)
            let check = try runKalc(["check", "example.kal"], in: folder)
            XCTAssertEqual(check.status, 0, "\(Self.path):\(example.line)")
            XCTAssertEqual(check.standardError, "", "\(Self.path):\(example.line)")
            let format = try runKalc(["fmt", "--check", "example.kal"], in: folder)
            XCTAssertEqual(format.status, 0, "\(Self.path):\(example.line) is not formatted")
        }
    }

    func testShownFilesAreWhatCompileWrites() throws {
        var example: MarkdownBlock?
        var output: String?
        var compared = 0
        for block in fencedBlocks(in: try repositoryFile(Self.path)) {
            if block.language == "kal" {
                example = block
                output = nil
                continue
            }
            guard ["yaml", "sh"].contains(block.language), block.content.hasPrefix("# ") else { continue }
            let source = try XCTUnwrap(example, "\(Self.path):\(block.line): no example before this file")
            if output == nil {
                let folder = try temporaryFolder(self)
                try source.content.write(toFile: folder + "/example.kal", atomically: true, encoding: .utf8)
                let compile = try runKalc(["compile", "example.kal", "--out", "out"], in: folder)
                XCTAssertEqual(compile.status, 0, "\(Self.path):\(source.line): \(compile.standardError)")
                output = folder + "/out"
            }
            let firstLine = block.content.prefix { $0 != "\n" }
            let path = try XCTUnwrap(output) + "/" + firstLine.dropFirst(2)
            let shown = String(block.content.dropFirst(firstLine.count + 1))
            let written = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            XCTAssertEqual(
                written, shown,
                "\(Self.path):\(block.line): \(firstLine.dropFirst(2))\n"
                    + lineDiff(expected: shown, actual: written ?? "<no such file>"))
            compared += 1
        }
        XCTAssertGreaterThan(compared, 5)
    }
}
