import Foundation
import KalcDiagnostics
import XCTest

/// Every format over the same corpus, compared with reviewed golden files in
/// `Fixtures/renderers/`, and the machine formats read back to check they say what the
/// diagnostics say.
final class RendererSnapshotTests: XCTestCase {
    private func renderer(_ corpus: RendererCorpus, color: Bool = false) -> DiagnosticRenderer {
        DiagnosticRenderer(sources: corpus.sources, color: color, toolVersion: "0.1.0")
    }

    func testHumanReport() throws {
        let corpus = try RendererCorpus()
        assertSnapshot(renderer(corpus).render(corpus.diagnostics, format: .human), named: "renderers/human.txt")
    }

    func testHumanReportInColour() throws {
        let corpus = try RendererCorpus()
        assertSnapshot(renderer(corpus, color: true).render(corpus.diagnostics, format: .human), named: "renderers/human-color.txt")
    }

    func testHumanReportWithNarrowLines() throws {
        let corpus = try RendererCorpus()
        var narrow = renderer(corpus)
        narrow.maximumLineWidth = 24
        narrow.tabWidth = 8
        assertSnapshot(narrow.render(corpus.diagnostics, format: .human), named: "renderers/human-narrow.txt")
    }

    func testJSONReport() throws {
        let corpus = try RendererCorpus()
        assertSnapshot(renderer(corpus).render(corpus.diagnostics, format: .json), named: "renderers/diagnostics.json")
    }

    func testSARIFReport() throws {
        let corpus = try RendererCorpus()
        assertSnapshot(renderer(corpus).render(corpus.diagnostics, format: .sarif), named: "renderers/diagnostics.sarif")
    }

    func testGitHubAnnotations() throws {
        let corpus = try RendererCorpus()
        assertSnapshot(renderer(corpus).render(corpus.diagnostics, format: .github), named: "renderers/github.txt")
    }

    func testEmptyReports() throws {
        let empty = DiagnosticRenderer(sources: [SourceFile](), toolVersion: "0.1.0")
        let reports = DiagnosticFormat.allCases
            .map { "== \($0.rawValue)\n" + empty.render([], format: $0) }
            .joined()
        assertSnapshot(reports, named: "renderers/empty.txt")
    }

    func testSummaries() throws {
        let corpus = try RendererCorpus()
        let plain = renderer(corpus)
        let coloured = renderer(corpus, color: true)
        let subsets: [(String, [Diagnostic])] = [
            ("all", corpus.diagnostics),
            ("warnings and notes", corpus.diagnostics.filter { $0.severity != .error }),
            ("notes", corpus.diagnostics.filter { $0.severity == .note }),
            ("one error", Array(corpus.diagnostics.prefix(1))),
            ("warnings as errors", corpus.diagnostics.filter { $0.severity == .warning }.warningsAsErrors()),
            ("none", []),
        ]
        let lines = subsets.flatMap { name, diagnostics in
            [
                "\(name): \(plain.summary(of: diagnostics) ?? "(no summary)")",
                "\(name), in colour: \(coloured.summary(of: diagnostics) ?? "(no summary)")",
            ]
        }
        assertSnapshot(lines.joined(separator: "\n") + "\n", named: "renderers/summary.txt")
    }
}
