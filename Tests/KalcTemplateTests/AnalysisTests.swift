import XCTest
@testable import KalcTemplate

/// The static analysis kalc uses for diagnostics: fields read, functions and templates called.
final class AnalysisTests: XCTestCase {
    /// The data paths read, as text, in source order (`?` marks an unknown start).
    func paths(_ text: String) throws -> [String] {
        try TemplateAnalysis(Template(text: text)).fieldReferences.map { $0.pathDescription ?? "?" + $0.written }
    }

    func testFieldChainsFromDot() throws {
        XCTAssertEqual(
            try paths("{{ .Manifests.branch }}-{{ .ConfigData.url | quote }}{{ .Environment }}"),
            [".Manifests.branch", ".ConfigData.url", ".Environment"])
    }

    func testWithRangeAndVariables() throws {
        let text = """
            {{ with .ConfigData.db }}{{ .host }}{{ $.Workload }}{{ end }}
            {{ range .ConfigData.items }}{{ .name }}{{ end }}
            {{ range $k, $v := .Labels }}{{ $k }}{{ $v.x }}{{ end }}
            {{ $c := .ConfigData }}{{ $c.port }}{{ (index .ConfigData "a-b" "c") }}
            """
        XCTAssertEqual(
            try paths(text),
            [
                ".ConfigData.db", ".ConfigData.db.host", ".Workload",
                ".ConfigData.items", ".ConfigData.items[].name",
                ".Labels", ".Labels[].x",
                ".ConfigData", ".ConfigData.port", ".ConfigData.a-b.c", ".ConfigData",
            ])
    }

    func testTemplateCallsPropagateDot() throws {
        let text = #"{{ define "db" }}{{ .host }}{{ end }}{{ template "db" .ConfigData.db }}{{ template "missing" }}"#
        let analysis = try TemplateAnalysis(Template(text: text))
        XCTAssertEqual(analysis.fieldReferences.compactMap(\.pathDescription), [".ConfigData.db.host", ".ConfigData.db"])
        XCTAssertEqual(analysis.templateCalls.map(\.name), ["db", "missing"])
        XCTAssertEqual(analysis.templateCalls.map(\.isDefined), [true, false])
        XCTAssertEqual(analysis.definedTemplates, ["db"])
    }

    func testUnknownStartsAreReported() throws {
        XCTAssertEqual(try paths("{{ (dict \"a\" 1).a }}{{ range list 1 }}{{ .x }}{{ end }}"), ["?.a", "?.x"])
    }

    func testPathsUnderConfigData() throws {
        let analysis = try TemplateAnalysis(Template(text: "{{ .ConfigData.a }}{{ .ConfigData.b.c }}{{ .Labels.x }}"))
        XCTAssertEqual(analysis.paths(under: ["ConfigData"]).map { $0.map(\.description).joined() }, [".a", ".b.c"])
    }

    func testFunctionCallsAndRefusedCalls() throws {
        let text = "{{ upper .Environment }}\n{{ if false }}{{ now }}{{ randAlpha 5 }}{{ end }}{{ semver \"1.0.0\" }}"
        let analysis = try TemplateAnalysis(Template(text: text))
        XCTAssertEqual(analysis.functionCalls.map(\.name), ["upper", "now", "randAlpha", "semver"])
        XCTAssertEqual(analysis.refusedCalls.map(\.name), ["now", "randAlpha"])
        let now = try XCTUnwrap(analysis.refusedCalls.first)
        XCTAssertEqual(TemplateSource.lineAndColumn(of: now.offset, in: text).line, 2)
        XCTAssertEqual(TemplateSource.lineAndColumn(of: now.offset, in: text).column, 18)
    }

    func testOffsetsPointAtTheWholeChain() throws {
        let text = "é {{ .Manifests.branch }}"
        let reference = try XCTUnwrap(TemplateAnalysis(Template(text: text)).fieldReferences.first)
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: reference.offset)
        let end = text.utf8.index(start, offsetBy: reference.length)
        XCTAssertEqual(String(text[start..<end]), ".Manifests.branch")
        XCTAssertEqual(TemplateSource.lineAndColumn(of: reference.offset, in: text).column, 6)
    }
}
