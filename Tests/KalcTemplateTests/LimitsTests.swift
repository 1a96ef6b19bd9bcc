import XCTest
@testable import KalcTemplate

/// Bounds kalc adds so that hostile or runaway templates fail instead of crashing.
final class LimitsTests: XCTestCase {
    let endlessRecursion = #"{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}"#

    func testTemplateDepthLimitHasGoMessage() throws {
        let template = try Template(text: endlessRecursion)
        XCTAssertThrowsError(try template.execute(data: .int(1), limits: ExecutionLimits(maxTemplateDepth: 50))) { error in
            let error = error as? TemplateError
            XCTAssertEqual(error?.message, #"template: template:1:25: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (50)"#)
            XCTAssertEqual(error?.kind, .limit)
        }
    }

    func testEndlessRecursionStopsAtTheStackBudget() throws {
        let template = try Template(text: endlessRecursion)
        XCTAssertThrowsError(try template.execute(data: .int(1), limits: ExecutionLimits(stackSize: 16 << 20))) { error in
            let error = error as? TemplateError
            XCTAssertEqual(error?.kind, .limit)
            XCTAssertTrue(error?.message.hasPrefix(#"template: template:1:25: executing "r" at <{{template "r" .}}>: template calls nest too deeply: "#) ?? false,
                          error?.message ?? "")
        }
    }

    func testOutputLimit() throws {
        let template = try Template(text: #"{{ range until 1000 }}0123456789{{ end }}"#)
        XCTAssertEqual(try template.execute(data: .nil, limits: ExecutionLimits(maxOutputBytes: 10_000)).utf8.count, 10_000)
        XCTAssertThrowsError(try template.execute(data: .nil, limits: ExecutionLimits(maxOutputBytes: 9_999))) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .limit)
            XCTAssertEqual((error as? TemplateError)?.message, "template: template: output exceeds 9999 bytes")
        }
    }

    func testStepLimitStopsQuadraticLoops() throws {
        let template = try Template(text: #"{{ $l := list }}{{ range until 100000 }}{{ $l = append $l 1 }}{{ end }}{{ len $l }}"#)
        XCTAssertThrowsError(try template.execute(data: .nil, limits: ExecutionLimits(maxSteps: 1_000_000))) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .limit)
            XCTAssertTrue((error as? TemplateError)?.message.hasSuffix("template execution exceeds 1000000 steps") ?? false)
        }
        let small = try Template(text: #"{{ $l := list }}{{ range until 1000 }}{{ $l = append $l 1 }}{{ end }}{{ len $l }}"#)
        XCTAssertEqual(try small.execute(data: .nil), "1000")
        XCTAssertThrowsError(try small.execute(data: .nil, limits: ExecutionLimits(maxSteps: 100_000)))
    }

    func testParserNestingLimit() {
        let deep = String(repeating: "{{ if true }}", count: TemplateParser.maxNestingDepth + 1)
            + String(repeating: "{{ end }}", count: TemplateParser.maxNestingDepth + 1)
        XCTAssertThrowsError(try Template(text: deep)) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .limit)
        }
        let parens = "{{ " + String(repeating: "(", count: TemplateParser.maxNestingDepth + 1) + "1"
            + String(repeating: ")", count: TemplateParser.maxNestingDepth + 1) + " }}"
        XCTAssertThrowsError(try Template(text: parens)) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .limit)
        }
        let allowed = String(repeating: "{{ if true }}", count: 100) + "x" + String(repeating: "{{ end }}", count: 100)
        XCTAssertEqual(try Template(text: allowed).execute(data: .nil), "x")
    }

    func testDeeplyNestedValuesAreALimitError() throws {
        let template = try Template(text: #"{{ $d := list }}{{ range until 1100 }}{{ $d = list $d }}{{ end }}{{ toJson $d }}"#)
        XCTAssertThrowsError(try template.execute(data: .nil)) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .limit)
        }
    }

    func testEndlessRerenderIsALimitError() {
        var templater = Templater(data: .nil)
        // A template that renders to itself.
        let quine = #"{{ $s := "{{ $s := %q }}{{ printf $s $s }}" }}{{ printf $s $s }}"#
        XCTAssertThrowsError(try templater.processTemplate([quine])) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .limit)
        }
    }
}
