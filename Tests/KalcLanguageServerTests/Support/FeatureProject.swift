import KalcJSON
import KalcLanguageServer
import XCTest
import KalcTestSupport

/// A small project with markers at the names the feature tests point at: a control plane
/// with a template of its own, and two workloads in another file.
enum FeatureProject {
    static let controlPlane = MarkedSource(
        """
        import std.templates

        repo 1️⃣cp = "https://github.com/contoso/control-plane"

        template 2️⃣edge-flux [kind: edge] {
          type = reconciler
          manifest \"""
            kind: Placeholder
            \"""
        }

        environment 3️⃣qa {
          controlPlane = cp @ "qa"
          gitops = cp @ "gitops-qa"
          base = cp @ "main"

          clusterType 4️⃣west-us [region: 5️⃣westus] {
            reconciler = 6️⃣edge-flux
            namespace = default
            config = configmap
          }

          policy 7️⃣web-policy {
            targets where tier == web
            clusterTypes where region == westus
          }

          config qa-settings [cluster-type: 8️⃣west-us] {
            9️⃣API_URL = "https://qa.example.com"
          }
        }

        """)

    static let applications = MarkedSource(
        """
        workload 1️⃣shop [2️⃣tier: web] {
          workspace = "team"
          source = 3️⃣cp @ "main" / "./shop"

          target 4️⃣qa in 5️⃣qa [purpose: test] {
            manifests = cp @ "qa" / "./manifests"
          }

          requires {
            6️⃣API_URL: string "where the API is"
          }
        }

        workload other [tier: web] {
          registration = 7️⃣shop
          target qa in 8️⃣qa {
            manifests = cp @ "qa" / "./other"
          }
        }

        """)

    static let sources = ["cp.kal": controlPlane, "apps.kal": applications]

    static var files: [String: String] { sources.mapValues(\.text) }

    /// A session on the project, initialized and checked; the project has no errors.
    static func session(capabilities: JSONValue = ServerSession.richClient, file: StaticString = #filePath, line: UInt = #line) throws -> ServerSession {
        let session = try ServerSession(files: files)
        session.initialize(capabilities: capabilities)
        for name in sources.keys.sorted() {
            let report = session.result("textDocument/diagnostic", ["textDocument": ["uri": .string(session.uri(name))]])
            let errors = report["items"]?.arrayValue?.filter { $0["severity"] == 1 } ?? []
            XCTAssertEqual(errors, [], "errors in \(name)", file: file, line: line)
        }
        return session
    }

    /// The LSP position of a marker in a marked source.
    static func position(of source: MarkedSource, _ marker: String) -> JSONValue {
        let (line, character) = source.position(marker)
        return ["line": .integer(line), "character": .integer(character)]
    }

    /// The LSP position of a marker in a file of the project.
    static func position(_ file: String, _ marker: String) -> JSONValue {
        let (line, character) = sources[file]?.position(marker) ?? (-1, -1)
        return ["line": .integer(line), "character": .integer(character)]
    }
}

/// LSP text edits applied to a text by a client counting UTF-16 units.
func applying(_ edits: [JSONValue], to text: String) -> String {
    var client = ClientText(text: text, utf8: false)
    let sorted = edits.sorted { lhs, rhs in
        let left = (lhs["range"]?["start"]?["line"]?.integerValue ?? 0, lhs["range"]?["start"]?["character"]?.integerValue ?? 0)
        let right = (rhs["range"]?["start"]?["line"]?.integerValue ?? 0, rhs["range"]?["start"]?["character"]?.integerValue ?? 0)
        return left > right
    }
    for edit in sorted {
        guard let range = edit["range"], let newText = edit["newText"]?.stringValue,
            let startLine = range["start"]?["line"]?.integerValue, let startCharacter = range["start"]?["character"]?.integerValue,
            let endLine = range["end"]?["line"]?.integerValue, let endCharacter = range["end"]?["character"]?.integerValue
        else { continue }
        client.replace(from: (startLine, startCharacter), to: (endLine, endCharacter), with: newText)
    }
    return client.text
}
