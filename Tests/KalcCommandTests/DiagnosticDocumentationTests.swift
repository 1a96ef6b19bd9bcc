import Foundation
import KalcDiagnostics
import KalcTestSupport
import XCTest

/// `docs/diagnostics.md` documents every code kalc can report, its examples really make
/// kalc report their code, and the copy compiled into kalc is up to date.
final class DiagnosticDocumentationTests: XCTestCase {
    static let path = "docs/diagnostics.md"

    /// The documentation's blocks, grouped by the code whose section holds them.
    func blocksByCode() throws -> [String: [MarkdownBlock]] {
        Dictionary(grouping: fencedBlocks(in: try repositoryFile(Self.path)), by: { String($0.section.prefix(5)) })
    }

    /// The level-2 headings of the documentation that start with a code, in order.
    func codeHeadings() throws -> [String] {
        var headings: [String] = []
        var inFence = false
        for line in try repositoryFile(Self.path).split(separator: "\n") {
            if line.hasPrefix("```") { inFence.toggle() }
            if !inFence, line.hasPrefix("## K") { headings.append(String(line.dropFirst(3))) }
        }
        return headings
    }

    func testCompiledDocumentationIsTheMarkdownFile() throws {
        let markdown = try repositoryFile(Self.path)
        if DiagnosticDocumentation.markdown != markdown {
            XCTFail(
                "the documentation compiled into kalc differs from \(Self.path); run scripts/generate-diagnostic-docs.py\n"
                    + lineDiff(expected: markdown, actual: DiagnosticDocumentation.markdown))
        }
    }

    func testEveryCodeHasOneSectionInCodeOrder() throws {
        let expected = DiagnosticCode.all.map { "\($0.rawValue) — \($0.title)" }
        XCTAssertEqual(try codeHeadings(), expected)
    }

    func testEverySectionStatesTheDefaultSeverity() throws {
        for code in DiagnosticCode.all {
            let section = try XCTUnwrap(DiagnosticDocumentation.section(for: code), "\(code)")
            XCTAssertTrue(section.contains("\n**Default severity:** \(code.defaultSeverity.rawValue)\n"), "\(code): severity line")
            XCTAssertTrue(section.contains("\n### Fix\n"), "\(code): no fix")
        }
    }

    func testEveryCodeWrittenInTheSourcesIsDocumented() throws {
        let sources = files(under: "Sources", withExtension: "swift")
        var written = Set<String>()
        for path in sources {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var rest = text[...]
            while let found = rest.range(of: "DiagnosticCode(\"K") {
                let code = rest[found.upperBound...].prefix(4)
                written.insert("K" + code)
                rest = rest[found.upperBound...]
            }
        }
        XCTAssertEqual(written.count, DiagnosticCode.all.count, "codes declared outside DiagnosticCode.all?")
        for code in written.sorted() {
            XCTAssertNotNil(DiagnosticDocumentation.sections[code], "\(code) is written in Sources/ but not documented")
        }
    }

    func testEverySectionHasAnExample() throws {
        let blocks = try blocksByCode()
        for code in DiagnosticCode.all {
            XCTAssertFalse(blocks[code.rawValue, default: []].isEmpty, "\(code) has no example")
        }
    }

    /// Every `kal` example, checked by the real `kalc`, reports its section's code.
    func testKalExamplesReportTheirCode() throws {
        var checked = 0
        for (code, blocks) in try blocksByCode().sorted(by: { $0.key < $1.key }) {
            for block in blocks where block.language == "kal" {
                checked += 1
                let folder = try temporaryFolder(self)
                try block.content.write(toFile: folder + "/example.kal", atomically: true, encoding: .utf8)
                let run = try runKalc(["check", "--format", "json", "example.kal"], in: folder)
                let reported = try reportedCodes(run)
                XCTAssertTrue(reported.contains(code), "\(Self.path):\(block.line): the example of \(code) reports \(reported)")
                let severity = DiagnosticCode.named(code)?.defaultSeverity
                XCTAssertEqual(run.status, severity == .error ? 1 : 0, "\(Self.path):\(block.line): exit status")
            }
        }
        XCTAssertGreaterThan(checked, DiagnosticCode.all.count / 2, "the examples were not found")
    }

    /// The `yaml` examples of a section (each naming its path in its first line), imported
    /// together by the real `kalc import`, report the section's code.
    func testYAMLExamplesReportTheirCode() throws {
        var checked = 0
        for (code, blocks) in try blocksByCode().sorted(by: { $0.key < $1.key }) {
            let documents = blocks.filter { $0.language == "yaml" }
            guard !documents.isEmpty else { continue }
            checked += 1
            let folder = try temporaryFolder(self)
            for document in documents {
                let firstLine = document.content.prefix { $0 != "\n" }
                XCTAssertTrue(firstLine.hasPrefix("# "), "\(Self.path):\(document.line): the first line names the file")
                let path = folder + "/" + firstLine.dropFirst(2)
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try document.content.write(toFile: path, atomically: true, encoding: .utf8)
            }
            let run = try runKalc(["import", ".", "--format", "json", "--output", "imported.kal"], in: folder)
            let reported = try reportedCodes(run)
            XCTAssertTrue(reported.contains(code), "\(Self.path):\(documents[0].line): the example of \(code) reports \(reported)")
        }
        XCTAssertEqual(checked, DiagnosticCode.all.filter { $0.rawValue.hasPrefix("K06") }.count, "every code of kalc import has a YAML example")
    }

    /// Every `console` session prints exactly what the documentation shows.
    func testConsoleExamplesPrintWhatTheyShow() throws {
        let sessions = fencedBlocks(in: try repositoryFile(Self.path)).filter { $0.language == "console" }
        XCTAssertFalse(sessions.isEmpty)
        for block in sessions {
            let folder = try temporaryFolder(self)
            let session = try ConsoleSession(block.content).run(in: folder)
            XCTAssertEqual(session, block.content, "\(Self.path):\(block.line):\n\(lineDiff(expected: block.content, actual: session))")
        }
    }

    func reportedCodes(_ run: KalcRun) throws -> [String] {
        let data = Data(run.standardOutput.utf8)
        guard let diagnostics = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            XCTFail("not a JSON list of diagnostics: \(run.standardOutput) \(run.standardError)")
            return []
        }
        return diagnostics.compactMap { $0["code"] as? String }
    }
}
