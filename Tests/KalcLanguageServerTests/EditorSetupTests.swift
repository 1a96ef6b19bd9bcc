import Foundation
import KalcLanguageServer
import KalcSyntax
import XCTest

/// The editor setups in `editors/` stay in step with the language and the server.
final class EditorSetupTests: XCTestCase {
    private func json(_ relative: String) throws -> JSONValue {
        let data = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/" + relative))
        return try JSONParser.parse([UInt8](data))
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
            return object.members.reduce(into: Set<String>()) { $0.formUnion(alternatives(in: $1.value)) }
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
}
