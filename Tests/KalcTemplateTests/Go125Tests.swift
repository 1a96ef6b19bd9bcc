import XCTest
@testable import KalcTemplate
@testable import KalcGo

/// What Go's `text/template` gained between Go 1.19 (the reference's toolchain) and Go 1.25
/// (Kalypso's `go.mod`), pinned by the cases of Go's own tests at go1.25:
/// `src/text/template/exec_test.go` (`execTests`) and `src/text/template/parse/parse_test.go`
/// (`parseTests`). Each case keeps its name there; its data is the part of Go's `tVal` it
/// reads.
final class Go125Tests: XCTestCase {
    /// The fields of Go's `tVal` these cases read (`SI`, `AI`: `[]int{3, 4, 5}`).
    static let tVal = GoValue.map(
        GoMap(
            keyType: .string, valueType: .interface,
            entries: [
                .string("SI"): .slice(GoSlice(elementType: .int, elements: [.int(3), .int(4), .int(5)])),
                .string("AI"): .slice(GoSlice(elementType: .int, elements: [.int(3), .int(4), .int(5)])),
            ]))

    /// `rangeTestData[T]()` of exec_test.go: `%T%d` of 0 to 4 in the type `T`.
    static func rangeTestData(_ type: String) -> String { (0..<5).map { "\(type)\($0)" }.joined() }
    /// `rangeTestInt` of exec_test.go.
    static let rangeTestInt = #"{{range $v := .}}{{printf "%T%d" $v $v}}{{end}}"#

    /// `execTests` entries (Go 1.23: `else with`; Go 1.24: range over an integer; Go 1.22:
    /// range assigning variables, issues 56490 and 60801): name, template, data, output
    /// (nil: Go fails).
    static let execCases: [(name: String, template: String, data: GoValue, output: String?)] = [
        ("with else with", "{{with 0}}{{.}}{{else with true}}{{.}}{{end}}", tVal, "true"),
        ("with else with chain", "{{with 0}}{{.}}{{else with false}}{{.}}{{else with `notempty`}}{{.}}{{end}}", tVal, "notempty"),
        ("range int64", rangeTestInt, .int64(5), rangeTestData("int64")),
        ("range int", rangeTestInt, .int(5), rangeTestData("int")),
        ("range uint64", rangeTestInt, .uint64(5), rangeTestData("uint64")),
        ("range 5", #"{{range $v := 5}}{{printf "%T%d" $v $v}}{{end}}"#, .nil, rangeTestData("int")),
        ("issue56490", "{{$i := 0}}{{$x := 0}}{{range $i = .AI}}{{end}}{{$i}}", tVal, "5"),
        ("issue60801", "{{$k := 0}}{{$v := 0}}{{range $k, $v = .AI}}{{$k}}={{$v}} {{end}}", tVal, "0=3 1=4 2=5 "),
        // Unchanged since Go 1.19, kept beside the new forms: break and continue.
        ("range []int break else", "{{range .SI}}-{{.}}-{{break}}NOTREACHED{{else}}EMPTY{{end}}", tVal, "-3-"),
        ("range []int continue else", "{{range .SI}}-{{.}}-{{continue}}NOTREACHED{{else}}EMPTY{{end}}", tVal, "-3--4--5-"),
    ]

    func testExecCasesOfGo125() throws {
        for testCase in Self.execCases {
            let template = try Template(name: testCase.name, text: testCase.template)
            if let output = testCase.output {
                XCTAssertEqual(try template.execute(data: testCase.data), output, testCase.name)
            } else {
                XCTAssertThrowsError(try template.execute(data: testCase.data), testCase.name)
            }
        }
    }

    /// Range over an integer: what the walk in exec.go does beside the table's cases — an
    /// integer of at most zero runs the else branch, two variables fail with Go's message
    /// before any iteration, and dot is the element.
    func testRangeOverIntegerFollowsExecGo() throws {
        XCTAssertEqual(try Template(text: "{{range 0}}x{{else}}empty{{end}}").execute(data: .nil), "empty")
        XCTAssertEqual(try Template(text: "{{range -2}}x{{else}}empty{{end}}").execute(data: .nil), "empty")
        XCTAssertEqual(try Template(text: "{{range 3}}{{.}},{{end}}").execute(data: .nil), "0,1,2,")
        XCTAssertEqual(try Template(text: "{{range 3}}{{if eq . 1}}{{continue}}{{end}}{{if eq . 2}}{{break}}{{end}}{{.}}{{end}}").execute(data: .nil), "0")
        XCTAssertThrowsError(try Template(text: "{{range $i, $v := 3}}{{end}}").execute(data: .nil)) { error in
            XCTAssertEqual(
                (error as? TemplateError)?.message,
                #"template: template:1:18: executing "template" at <3>: can't use 3 to iterate over more than one variable"#)
        }
    }

    /// Go 1.25's `call` names its callee in the error (funcs.go, `call(name, fn, args...)`):
    /// the argument as written, or the piped value's `String()`.
    func testCallNamesItsCallee() throws {
        let data = GoValue.map(GoMap(keyType: .string, valueType: .interface, entries: [.string("X"): .string("dev"), .string("N"): .int(3)]))
        let cases = [
            ("{{call .X}}", #"template: template:1:2: executing "template" at <call .X>: error calling call: non-function .X of type string"#),
            ("{{.X | call}}", #"template: template:1:7: executing "template" at <call>: error calling call: non-function dev of type string"#),
            ("{{.N | call}}", #"template: template:1:7: executing "template" at <call>: error calling call: non-function <int Value> of type int"#),
            ("{{call .Y}}", #"template: template:1:2: executing "template" at <call .Y>: error calling call: call of nil"#),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try Template(text: text).execute(data: data), text) { error in
                XCTAssertEqual((error as? TemplateError)?.message, message, text)
            }
        }
    }

    /// `TestJSEscaping` of exec_test.go at go1.25: `js` writes what `JSEscapeString` does.
    static let jsEscapingCases: [(input: String, escaped: String)] = [
        (#"a"#, #"a"#),
        (#"'foo"#, #"\'foo"#),
        (#"Go "jump" \"#, #"Go \"jump\" \\"#),
        (#"Yukihiro says "今日は世界""#, #"Yukihiro says \"今日は世界\""#),
        ("unprintable \u{FFFE}", #"unprintable \uFFFE"#),
        (#"<html>"#, #"\u003Chtml\u003E"#),
        (#"no = in attributes"#, #"no \u003D in attributes"#),
        (#"&#x27; does not become HTML entity"#, #"\u0026#x27; does not become HTML entity"#),
    ]

    func testJSEscapingOfGo125() throws {
        let template = try Template(text: "{{js .}}")
        for testCase in Self.jsEscapingCases {
            XCTAssertEqual(try template.execute(data: .string(testCase.input)), testCase.escaped, testCase.input)
        }
    }

    /// `parseTests` entries of parse_test.go at go1.25 (text nodes printed unquoted here).
    static let parseCases: [(name: String, template: String, tree: String)] = [
        ("with with else with", "{{with .X}}hello{{else with .Y}}goodbye{{end}}", "{{with .X}}hello{{else}}{{with .Y}}goodbye{{end}}{{end}}"),
        ("with else chain", "{{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}}", "{{with .X}}X{{else}}{{with .Y}}Y{{else}}{{with .Z}}Z{{end}}{{end}}{{end}}"),
    ]

    func testParseCasesOfGo125() throws {
        for testCase in Self.parseCases {
            let set = try TemplateParser.parse(name: testCase.name, text: testCase.template, isFunction: { FunctionTable.kalypso.contains($0) })
            XCTAssertEqual(set.root.description, testCase.tree, testCase.name)
        }
    }

    /// parse.go at go1.25 stops a pipeline of more than `maxPipelineCmds` (100,000) commands.
    func testPipelineTooLongFollowsParseGo() throws {
        let stages = { (count: Int) in "{{ 1" + String(repeating: " | print", count: count - 1) + " }}" }
        XCTAssertNoThrow(try Template(text: stages(TemplateParser.maxPipelineCommands)))
        XCTAssertThrowsError(try Template(text: stages(TemplateParser.maxPipelineCommands + 1))) { error in
            XCTAssertEqual((error as? TemplateError)?.message, "template: template:1: pipeline too long")
        }
    }

    /// `{{else with}}` continues a `with` only; after an `if` or a `range` the pending
    /// `with` is an unexpected token, as parseControl in parse.go leaves it.
    func testElseWithOutsideWithIsAParseError() {
        for text in ["{{if .X}}a{{else with .Y}}b{{end}}", "{{range .X}}a{{else with .Y}}b{{end}}"] {
            XCTAssertThrowsError(try Template(text: text), text) { error in
                XCTAssertEqual((error as? TemplateError)?.message, "template: template:1: unexpected <with> in input", text)
            }
        }
    }
}
