import KalcDiagnostics
import KalcGitOps
import KalcScheduling
import KalcSemantics
import KalcSyntax
import XCTest

/// A "did you mean" of a template comes with the fix-it that writes the suggestion in place
/// of the misspelt name: applied, the project compiles without the diagnostic.
final class FixItTests: XCTestCase {
    func testUnknownFieldIsFixedByItsFixIt() throws {
        try checkFix(template: "name: {{ .Worklod }}", code: .unknownTemplateField, fixed: "name: {{ .Workload }}")
    }

    func testUnknownFunctionIsFixedByItsFixIt() throws {
        try checkFix(template: "name: {{ quot .Workload }}", code: .unknownTemplateFunction, fixed: "name: {{ quote .Workload }}")
    }

    func testMissingConfigKeyIsFixedByItsFixIt() throws {
        try checkFix(template: "region: {{ .ConfigData.regon_name }}", code: .missingTemplateValue, fixed: "region: {{ .ConfigData.region_name }}")
    }

    func testNoFixItWhereTheNameIsNotWrittenAsRead() throws {
        // `index` names the key in a string: the hint stays, without an edit.
        let diagnostics = compile(TemplateHarness.project(template: manifest("region: {{ index .ConfigData \"regon_name\" }}")))
        let missing = try XCTUnwrap(diagnostics.first { $0.code == .missingTemplateValue })
        XCTAssertEqual(missing.hint, "did you mean `.ConfigData.region_name`?")
        XCTAssertEqual(missing.fixIts, [])
    }

    private func manifest(_ line: String) -> String {
        "  manifest \"\"\"\n    \(line)\n    \"\"\""
    }

    /// Compiles the project around `template`, applies the one fix-it of its `code`
    /// diagnostic, and checks the fixed template and that the diagnostic is gone.
    private func checkFix(template: String, code: DiagnosticCode, fixed: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let source = TemplateHarness.project(template: manifest(template))
        let diagnostic = try XCTUnwrap(compile(source).first { $0.code == code }, file: file, line: line)
        XCTAssertTrue(diagnostic.hint?.contains("did you mean") ?? false, "\(diagnostic)", file: file, line: line)
        let fixIt = try XCTUnwrap(diagnostic.fixIts.first, "\(diagnostic)", file: file, line: line)
        XCTAssertEqual(diagnostic.fixIts.count, 1, file: file, line: line)
        var bytes = Array(source.utf8)
        for edit in fixIt.edits.sorted(by: { $0.location.span.start > $1.location.span.start }) {
            XCTAssertEqual(edit.location.file, "t.kal", file: file, line: line)
            bytes.replaceSubrange(edit.location.span.start..<edit.location.span.end, with: Array(edit.replacement.utf8))
        }
        let fixedSource = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(fixedSource, TemplateHarness.project(template: manifest(fixed)), file: file, line: line)
        XCTAssertFalse(compile(fixedSource).contains { $0.code == code }, file: file, line: line)
    }

    private func compile(_ text: String) -> [Diagnostic] {
        let sourceFile = SourceFile(path: "t.kal", text: text)
        let analysis = Semantics.analyze([SyntaxTree.parse(sourceFile)])
        let scheduler = Scheduler.schedule(analysis.controlPlane)
        var sources = StandardLibrary.modules.values.reduce(into: [String: SourceFile]()) { $0[$1.path] = $1 }
        sources[sourceFile.path] = sourceFile
        return GitOpsCompiler.compile(analysis.controlPlane, schedules: scheduler.schedules, sources: sources).diagnostics
    }
}
