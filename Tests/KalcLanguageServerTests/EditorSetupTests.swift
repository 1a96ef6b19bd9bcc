import Foundation
import KalcJSON
import KalcLanguageServer
import KalcSyntax
import XCTest

/// The editor setups in `editors/` stay in step with the language and the server.
final class EditorSetupTests: XCTestCase {
    private func json(_ relative: String) throws -> JSONValue {
        let data = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/" + relative))
        return try JSONParser.parse(bytes: [UInt8](data))
    }

    /// The words of every alternation `(a|b|c)` in the grammar's patterns.
    private func alternatives(in value: JSONValue) -> Set<String> {
        switch value {
        case .string(let pattern):
            var words = Set<String>()
            var depth = 0
            var current = ""
            var group: [String] = []
            for character in pattern {
                switch character {
                case "(":
                    depth += 1
                    current = ""
                    group = []
                case "|":
                    group.append(current)
                    current = ""
                case ")":
                    group.append(current)
                    words.formUnion(group)
                    depth -= 1
                    current = ""
                    group = []
                default:
                    current.append(character)
                }
            }
            return words
        case .array(let elements):
            return elements.reduce(into: Set<String>()) { $0.formUnion(alternatives(in: $1)) }
        case .object(let object):
            return object.reduce(into: Set<String>()) { $0.formUnion(alternatives(in: $1.value)) }
        default:
            return []
        }
    }

    func testTheGrammarKnowsEveryKeyword() throws {
        let grammar = try json("editors/vscode/syntaxes/kalc.tmLanguage.json")
        let words = alternatives(in: grammar)
        let missing = Keyword.allCases.map(\.rawValue).filter { !words.contains($0) }
        XCTAssertEqual(missing, [], "keywords the TextMate grammar does not highlight")
        XCTAssertEqual(grammar["scopeName"], "source.kalc")
    }

    func testTheExtensionNamesFilesThatExist() throws {
        let manifest = try json("editors/vscode/package.json")
        let folder = repositoryRoot + "/editors/vscode/"
        let language = try XCTUnwrap(manifest["contributes"]?["languages"]?[0])
        XCTAssertEqual(language["extensions"], [".kal"])
        let grammar = try XCTUnwrap(manifest["contributes"]?["grammars"]?[0])
        XCTAssertEqual(grammar["language"], language["id"])
        XCTAssertEqual(grammar["scopeName"], "source.kalc")
        for path in [manifest["main"], language["configuration"], grammar["path"]] {
            let relative = try XCTUnwrap(path?.stringValue)
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder + relative), relative)
        }
        let script = try String(contentsOfFile: folder + "extension.js", encoding: .utf8)
        XCTAssertTrue(script.contains("args: [\"lsp\"]"))
        XCTAssertTrue(script.contains("pullDiagnostics: false"))
        _ = try json("editors/vscode/language-configuration.json")
    }

    func testTheNeovimSetupsStartTheServerForKalFiles() throws {
        for name in ["kalc.lua", "lspconfig.lua"] {
            let script = try String(contentsOfFile: repositoryRoot + "/editors/neovim/" + name, encoding: .utf8)
            XCTAssertTrue(script.contains("kal = \"kalc\""), name)
            XCTAssertTrue(script.contains("\"lsp\" }"), name)
            XCTAssertTrue(script.contains("pullDiagnostics = false"), name)
        }
    }

    func testTheExtensionCanBePackagedAndItsExecutableIsNotSetByAWorkspace() throws {
        let folder = repositoryRoot + "/editors/vscode/"
        let manifest = try json("editors/vscode/package.json")
        // vsce refuses to package without a license.
        XCTAssertNotNil(manifest["license"]?.stringValue)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "LICENSE"))
        let ignored = try String(contentsOfFile: folder + ".vscodeignore", encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(ignored.contains("*.vsix"))
        XCTAssertFalse(ignored.contains { $0.hasPrefix("node_modules/**") && !$0.contains("test") && !$0.hasSuffix(".md") }, "the client library must be packaged")
        let path = manifest["contributes"]?["configuration"]?["properties"]?["kalc.path"]
        XCTAssertEqual(path?["scope"], "machine-overridable")
    }

    /// The scopes the grammar's rule `rule` gives a line: each capture's text and scope.
    private func captures(of rule: String, in line: String) throws -> [String: String] {
        let grammar = try json("editors/vscode/syntaxes/kalc.tmLanguage.json")
        let entry = try XCTUnwrap(grammar["repository"]?[rule])
        let pattern = try XCTUnwrap(entry["match"]?.stringValue ?? entry["begin"]?.stringValue)
        let expression = try NSRegularExpression(pattern: pattern)
        guard let match = expression.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { return [:] }
        var result: [String: String] = [:]
        let names = entry["captures"] ?? entry["beginCaptures"]
        for index in 0..<match.numberOfRanges {
            guard let range = Range(match.range(at: index), in: line), let scope = names?[String(index)]?["name"]?.stringValue else { continue }
            result[String(line[range])] = scope
        }
        return result
    }

    func testTheGrammarScopesRequirementKeysBeforeUnionsAndKeysInsideBraces() throws {
        XCTAssertEqual(
            try captures(of: "requirement", in: "      TIER: \"gold\" | \"silver\" \"The service tier\"")["TIER"],
            "variable.other.property.requirement.kalc")
        XCTAssertEqual(try captures(of: "requirement", in: "  PORT: integer min 1")["integer"], "support.type.kalc")
        let line = "    resources = { cpu: \"250m\", memory: 256Mi }"
        let object = try XCTUnwrap(try json("editors/vscode/syntaxes/kalc.tmLanguage.json")["repository"]?["object"])
        let begin = try NSRegularExpression(pattern: try XCTUnwrap(object["begin"]?.stringValue))
        XCTAssertNotNil(begin.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), "the braces open no object")
        let keyRule = try XCTUnwrap(object["patterns"]?.arrayValue?.first { $0["match"] != nil })
        let key = try NSRegularExpression(pattern: try XCTUnwrap(keyRule["match"]?.stringValue))
        let keys = key.matches(in: line, range: NSRange(line.startIndex..., in: line)).compactMap { Range($0.range(at: 1), in: line).map { String(line[$0]) } }
        XCTAssertEqual(keys, ["cpu", "memory"])
        XCTAssertEqual(keyRule["captures"]?["1"]?["name"], "variable.other.property.key.kalc")
    }
}
