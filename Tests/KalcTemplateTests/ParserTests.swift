import XCTest
@testable import KalcTemplate

/// The public parse tree: node kinds, Go's `String()` rendering and positions.
final class ParserTests: XCTestCase {
    func testTreeShapeAndDescriptions() throws {
        let text = #"a{{- if eq .X "y" }}{{ $v := .A.B | upper }}{{ else if .Z }}z{{ end -}} b{{/* c */}}"#
        let set = try TemplateParser.parse(name: "template", text: text, isFunction: { FunctionTable.kalypso.contains($0) }, keepComments: true)
        XCTAssertEqual(set.root.description, #"a{{if eq .X "y"}}{{$v := .A.B | upper}}{{else}}{{if .Z}}z{{end}}{{end}}b{{/* c */}}"#)
        guard case .if(let branch) = set.root.nodes[1] else { return XCTFail("expected an if") }
        XCTAssertEqual(branch.pipe.commands.first?.arguments.first, .identifier(name: "eq", position: 8))
        guard case .action(let action) = branch.list.nodes.first, case .field(let field) = action.pipe.commands[0].arguments[0] else {
            return XCTFail("expected an action on a field")
        }
        XCTAssertEqual(field.names, ["A", "B"])
        XCTAssertEqual(field.start, 29)
        XCTAssertEqual(field.position, 31, "Go reports a chain at its second field")
        XCTAssertEqual(action.pipe.declarations.map(\.variableName), ["$v"])
    }

    func testParseErrorsCarryGoTextAndOffset() {
        let text = "a\nb\n{{ .X } }}"
        XCTAssertThrowsError(try Template(text: text)) { error in
            let error = error as? TemplateError
            XCTAssertEqual(error?.message, #"template: template:3: unexpected "}" in operand"#)
            XCTAssertEqual(error?.kind, .parse)
            XCTAssertEqual(error?.lineAndColumn?.line, 3)
        }
        XCTAssertThrowsError(try Template(text: "{{ get . \"x\" }}")) { error in
            XCTAssertEqual((error as? TemplateError)?.message, #"template: template:1: function "get" not defined"#)
            XCTAssertEqual((error as? TemplateError)?.offset, 3)
        }
    }

    func testFunctionTableHasExactlySprigV2Names() {
        let builtins: Set<String> = [
            "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf",
            "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne",
        ]
        let kalypso: Set<String> = ["toYaml", "stringify", "hash", "unquote"]
        XCTAssertEqual(Set(FunctionTable.kalypso.functions.keys), SprigFunctions.v2Names.union(builtins).union(kalypso))
    }

    func testRefusedFunctionsAreRefusedWithReason() throws {
        let refused = [
            "env", "expandenv", "now", "uuidv4", "randAlpha", "randAlphaNum", "randAscii", "randNumeric", "shuffle",
            "getHostByName", "genPrivateKey", "genCA", "genSelfSignedCert", "genSignedCert", "buildCustomCert", "encryptAES",
        ]
        for name in refused {
            guard case .refused(let reason)? = FunctionTable.kalypso[name]?.availability else { return XCTFail("\(name) is not refused") }
            XCTAssertFalse(reason.isEmpty)
        }
        XCTAssertThrowsError(try Template(text: #"{{ env "HOME" }}"#).execute(data: .nil)) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .refusedFunction(name: "env"))
            XCTAssertTrue((error as? TemplateError)?.message.hasPrefix(#"template: template:1:3: executing "template" at <env "HOME">: error calling env: env "#) ?? false)
        }
        XCTAssertThrowsError(try Template(text: #"{{ date "2006" "not a time" }}"#).execute(data: .nil)) { error in
            XCTAssertEqual((error as? TemplateError)?.kind, .refusedFunction(name: "date"))
        }
    }
}
