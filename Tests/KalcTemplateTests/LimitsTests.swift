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
            XCTAssertTrue(
                error?.message.hasPrefix(#"template: template:1:25: executing "r" at <{{template "r" .}}>: template calls nest too deeply: "#) ?? false,
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

    /// Every function whose result can be much larger than its arguments checks the render
    /// budget before it builds: each call here would build about 1 MB (or, for the shared
    /// list, a text of 4096 copies of a 1000-byte string), over a budget of 100 kB per value.
    func testFunctionsThatAmplifyCheckTheBudgetBeforeBuilding() throws {
        let limits = ExecutionLimits(maxValueBytes: 100_000, maxBuiltBytes: 400_000)
        let shared = #"{{ $l := list (repeat 1000 "x") }}{{ range until 12 }}{{ $l = list $l $l }}{{ end }}"#
        let calls: [String] = [
            #"{{ repeat 1000000 "x" }}"#,
            #"{{ repeat 1000 "x" | replace "x" (repeat 1000 "x") }}"#,
            #"{{ repeat 1000 "x" | regexReplaceAll "x" (repeat 1000 "x") }}"#,
            #"{{ regexReplaceAll "(x+)" (repeat 1000 "x") (repeat 1000 "$1") }}"#,
            #"{{ repeat 1000 "x" | regexReplaceAllLiteral "" (repeat 1000 "y") }}"#,
            #"{{ repeat 1000 "\n" | indent 1000 }}"#,
            #"{{ repeat 1000 "\n" | nindent 1000 }}"#,
            #"{{ repeat 1000 " " | wrapWith 1 (repeat 1000 "x") }}"#,
            #"{{ printf "%1000000d" 1 }}"#,
            #"{{ printf (repeat 10 "%100000d") 1 2 3 4 5 6 7 8 9 10 }}"#,
            shared + #"{{ printf "%v" $l }}"#,
            shared + #"{{ print $l }}"#,
            shared + #"{{ println $l }}"#,
            shared + #"{{ join "," $l }}"#,
            #"{{ $l := list }}{{ range until 1000 }}{{ $l = append $l "x" }}{{ end }}{{ join (repeat 1000 "y") $l }}"#,
            shared + #"{{ quote $l }}"#,
            shared + #"{{ squote $l }}"#,
            shared + #"{{ cat $l }}"#,
            shared + #"{{ toString $l }}"#,
            shared + #"{{ toStrings $l }}"#,
            shared + #"{{ toJson $l }}"#,
            shared + #"{{ toPrettyJson $l }}"#,
            shared + #"{{ toYaml $l }}"#,
            shared + #"{{ stringify $l }}"#,
            shared + #"{{ hash $l }}"#,
            shared + #"{{ html $l }}"#,
            shared + #"{{ js $l }}"#,
            shared + #"{{ urlquery $l }}"#,
            shared + #"{{ sortAlpha $l }}"#,
        ]
        for call in calls {
            XCTAssertThrowsError(try Template(text: call).execute(data: .nil, limits: limits), call) { error in
                XCTAssertEqual((error as? TemplateError)?.kind, .limit, "\(call): \(error)")
            }
        }
        // The same calls on small values succeed, with Go's results.
        XCTAssertEqual(try Template(text: #"{{ repeat 3 "ab" | replace "b" "cd" }}"#).execute(data: .nil, limits: limits), "acdacdacd")
        XCTAssertEqual(try Template(text: #"{{ printf "%5d" 1 }}"#).execute(data: .nil, limits: limits), "    1")
    }

    /// The values a render builds are bounded in total, not only one by one: a loop that
    /// doubles a string, or builds fresh values from a large one, stops at the total.
    func testTheValuesOfARenderAreBoundedInTotal() throws {
        let limits = ExecutionLimits(maxValueBytes: 100_000, maxBuiltBytes: 400_000)
        let doubling = #"{{ $s := "x" }}"# + String(repeating: #"{{ $s = replace "x" "xx" $s }}"#, count: 40) + "{{ len $s }}"
        XCTAssertThrowsError(try Template(text: doubling).execute(data: .nil, limits: limits)) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .limit)
            XCTAssertTrue((error as? TemplateError)?.message.hasSuffix("error calling replace: the result would be larger than 100000 bytes") ?? false, "\(error)")
        }
        let fresh = #"{{ $s := repeat 50000 "x" }}{{ range until 100 }}{{ $t := replace "x" "y" $s }}{{ end }}"#
        XCTAssertThrowsError(try Template(text: fresh).execute(data: .nil, limits: limits)) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .limit)
            XCTAssertTrue((error as? TemplateError)?.message.hasSuffix("template execution builds more than 400000 bytes of values") ?? false, "\(error)")
        }
        XCTAssertEqual(
            try Template(text: #"{{ $s := repeat 50000 "x" }}{{ range until 5 }}{{ $t := replace "x" "y" $s }}{{ end }}ok"#)
                .execute(data: .nil, limits: limits), "ok")
    }

    /// `uniq` compares each element with those it kept: the comparisons are steps.
    func testQuadraticListFunctionsSpendSteps() throws {
        let template = try Template(text: #"{{ until 3000 | uniq | len }}"#)
        XCTAssertThrowsError(try template.execute(data: .nil, limits: ExecutionLimits(maxSteps: 1_000_000))) { error in
            XCTAssertTrue((error as? TemplateError)?.message.hasSuffix("error calling uniq: template execution exceeds 1000000 steps") ?? false, "\(error)")
        }
    }

    /// A value printed by an action stops at the output limit, however large it would print.
    func testPrintingASharedValueStopsAtTheOutputLimit() throws {
        let template = try Template(text: #"{{ $l := list "xxxxxxxxx" }}{{ range until 16 }}{{ $l = list $l $l }}{{ end }}{{ $l }}"#)
        XCTAssertThrowsError(try template.execute(data: .nil, limits: ExecutionLimits(maxOutputBytes: 100_000))) { error in
            XCTAssertEqual((error as? TemplateError)?.message, "template: template: output exceeds 100000 bytes")
        }
    }

    /// A list that holds a list twice, doubled 40 times, is small in memory but has 2^40
    /// values: visiting them costs steps, so the render stops instead of running for hours.
    func testVisitingSharedValuesSpendsSteps() throws {
        let template = try Template(text: #"{{ $l := list "x" }}{{ range until 40 }}{{ $l = list $l $l }}{{ end }}{{ len $l }}"#)
        XCTAssertThrowsError(try template.execute(data: .nil, limits: ExecutionLimits(maxSteps: 100_000))) { error in
            XCTAssertTrue((error as? TemplateError)?.message.hasSuffix("template execution exceeds 100000 steps") ?? false, "\(error)")
        }
    }

    func testParserNestingLimit() {
        let deep =
            String(repeating: "{{ if true }}", count: TemplateParser.maxNestingDepth + 1)
            + String(repeating: "{{ end }}", count: TemplateParser.maxNestingDepth + 1)
        XCTAssertThrowsError(try Template(text: deep)) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .limit)
        }
        let parens =
            "{{ " + String(repeating: "(", count: TemplateParser.maxNestingDepth + 1) + "1"
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
