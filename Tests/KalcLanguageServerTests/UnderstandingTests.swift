import KalcJSON
import KalcLanguageServer
import KalcSemantics
import XCTest
import KalcTestSupport

/// Hover, definition, references and symbols over the feature project.
final class UnderstandingTests: XCTestCase {
    /// A marker, and the snapshot of the hover there (`Fixtures/hovers/<name>.md`).
    static let hovers: [(file: String, marker: String, snapshot: String)] = [
        ("apps.kal", "1️⃣", "workload-shop"),
        ("apps.kal", "4️⃣", "deployment-target-qa"),
        ("cp.kal", "7️⃣", "policy-web-policy"),
        ("cp.kal", "4️⃣", "cluster-type-west-us"),
        ("cp.kal", "3️⃣", "environment-qa"),
        ("cp.kal", "6️⃣", "template-edge-flux"),
        ("cp.kal", "1️⃣", "repository-cp"),
        ("cp.kal", "9️⃣", "config-key-in-config"),
        ("apps.kal", "6️⃣", "config-key-in-requires"),
        ("apps.kal", "2️⃣", "label-tier"),
        ("cp.kal", "5️⃣", "label-region-westus"),
        // At a use, the hover of the declaration.
        ("cp.kal", "8️⃣", "cluster-type-west-us"),
        ("apps.kal", "7️⃣", "workload-shop"),
    ]

    func testHoversSayWhatKalypsoDoes() throws {
        let session = try FeatureProject.session()
        for (file, marker, snapshot) in Self.hovers {
            let result = session.result("textDocument/hover", ["textDocument": ["uri": .string(session.uri(file))], "position": FeatureProject.position(file, marker)])
            XCTAssertEqual(result["contents"]?["kind"], "markdown")
            assertHover(result, snapshot + ".md")
            XCTAssertEqual(result["range"]?["start"], FeatureProject.position(file, marker), "\(file) \(marker)")
        }
    }

    func testHoverOnNothingIsNull() throws {
        let session = try FeatureProject.session()
        let result = session.result("textDocument/hover", ["textDocument": ["uri": .string(session.uri("cp.kal"))], "position": ["line": 0, "character": 0]])
        XCTAssertEqual(result, .null)
        let elsewhere = session.result("textDocument/hover", ["textDocument": ["uri": "file:///not/in/the/project.kal"], "position": ["line": 0, "character": 0]])
        XCTAssertEqual(elsewhere, .null)
    }

    /// A marker on a name, and the marker of its declaration.
    static let definitions: [(file: String, marker: String, target: (file: String, marker: String))] = [
        ("cp.kal", "6️⃣", ("cp.kal", "2️⃣")),
        ("apps.kal", "3️⃣", ("cp.kal", "1️⃣")),
        ("apps.kal", "5️⃣", ("cp.kal", "3️⃣")),
        ("apps.kal", "7️⃣", ("apps.kal", "1️⃣")),
        ("cp.kal", "8️⃣", ("cp.kal", "4️⃣")),
        ("cp.kal", "7️⃣", ("cp.kal", "7️⃣")),
    ]

    func testDefinitionsLeadToDeclarations() throws {
        let session = try FeatureProject.session()
        for (file, marker, target) in Self.definitions {
            let result = session.result("textDocument/definition", ["textDocument": ["uri": .string(session.uri(file))], "position": FeatureProject.position(file, marker)])
            let location = result.arrayValue?.first
            XCTAssertEqual(result.arrayValue?.count, 1, "\(file) \(marker)")
            XCTAssertEqual(location?["uri"]?.stringValue, session.uri(target.file), "\(file) \(marker)")
            XCTAssertEqual(location?["range"]?["start"], FeatureProject.position(target.file, target.marker), "\(file) \(marker)")
        }
    }

    func testADefinitionInTheStandardLibraryLeadsToItsWrittenSource() throws {
        let session = try ServerSession()
        session.initialize()
        let source = MarkedSource("import std.templates\nclusterType c {\n  reconciler = 1️⃣arc-flux\n  namespace = default\n  config = configmap\n}\n")
        session.open("a.kal", source.text)
        let definitions = session.result("textDocument/definition", session.at("a.kal", source, "1️⃣"))
        let location = try XCTUnwrap(definitions.arrayValue?.first, definitions.jsonText)
        let uri = try XCTUnwrap(location["uri"]?.stringValue)
        let path = DocumentURI.path(of: uri)
        XCTAssertTrue(path.hasPrefix(session.cache + "/kalc/"), path)
        XCTAssertTrue(path.hasSuffix("/stdlib/std.templates.kal"), path)
        // The file holds the module as kalc reads it, and the range is the template's name.
        let written = try XCTUnwrap(FileManager.default.contents(atPath: path))
        XCTAssertEqual([UInt8](written), StandardLibrary.modules["std.templates"]?.bytes)
        let text = String(decoding: written, as: UTF8.self)
        let line = try XCTUnwrap(location["range"]?["start"]?["line"]?.integerValue)
        let character = try XCTUnwrap(location["range"]?["start"]?["character"]?.integerValue)
        XCTAssertTrue(text.components(separatedBy: "\n")[line].dropFirst(character).hasPrefix("arc-flux"), text.components(separatedBy: "\n")[line])
        let hover = session.result("textDocument/hover", session.at("a.kal", source, "1️⃣"))
        assertHover(hover, "standard-library-template.md")
        // From the written file, hovers and references answer as for the module.
        session.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "kalc", "version": 1, "text": .string(text)]])
        let inLibrary: JSONValue = [
            "textDocument": ["uri": .string(uri)], "position": location["range"]?["start"] ?? .null,
            "context": ["includeDeclaration": false],
        ]
        let references = session.result("textDocument/references", inLibrary)
        XCTAssertEqual(references.arrayValue?.compactMap { $0["uri"]?.stringValue }, [session.uri("a.kal")])
        XCTAssertNotEqual(session.result("textDocument/hover", inLibrary), .null)
        // Renaming it stays refused.
        let rename = session.request(
            "textDocument/rename", ["textDocument": ["uri": .string(session.uri("a.kal"))], "position": FeatureProject.position(of: source, "1️⃣"), "newName": "x"])
        XCTAssertNotNil(rename["error"])
    }

    func testHoversArePlainTextForClientsWithoutMarkdown() throws {
        let session = try FeatureProject.session(capabilities: ["textDocument": ["hover": ["contentFormat": ["plaintext"]]]])
        let hover = session.result("textDocument/hover", session.at("apps.kal", FeatureProject.applications, "1️⃣"))
        XCTAssertEqual(hover["contents"]?["kind"], "plaintext")
        assertHover(hover, "workload-shop.txt")
    }

    func testReferencesAcrossFiles() throws {
        let session = try FeatureProject.session()
        // Every `cp @` is a use of the repository `cp`.
        let uses = FeatureProject.files.values.map { $0.components(separatedBy: "cp @").count - 1 }.reduce(0, +)
        let repository = session.result(
            "textDocument/references",
            [
                "textDocument": ["uri": .string(session.uri("cp.kal"))],
                "position": FeatureProject.position("cp.kal", "1️⃣"), "context": ["includeDeclaration": true],
            ])
        XCTAssertEqual(repository.arrayValue?.count, uses + 1)
        XCTAssertEqual(Set(repository.arrayValue?.compactMap { $0["uri"]?.stringValue } ?? []), [session.uri("cp.kal"), session.uri("apps.kal")])
        let withoutDeclaration = session.result(
            "textDocument/references",
            [
                "textDocument": ["uri": .string(session.uri("apps.kal"))],
                "position": FeatureProject.position("apps.kal", "3️⃣"), "context": ["includeDeclaration": false],
            ])
        XCTAssertEqual(withoutDeclaration.arrayValue?.count, uses)

        let template = session.result(
            "textDocument/references",
            [
                "textDocument": ["uri": .string(session.uri("cp.kal"))],
                "position": FeatureProject.position("cp.kal", "2️⃣"), "context": ["includeDeclaration": true],
            ])
        XCTAssertEqual(template.arrayValue?.compactMap { $0["range"]?["start"] }, [FeatureProject.position("cp.kal", "2️⃣"), FeatureProject.position("cp.kal", "6️⃣")])

        let workload = session.result(
            "textDocument/references",
            [
                "textDocument": ["uri": .string(session.uri("apps.kal"))],
                "position": FeatureProject.position("apps.kal", "7️⃣"), "context": ["includeDeclaration": true],
            ])
        XCTAssertEqual(workload.arrayValue?.compactMap { $0["range"]?["start"] }, [FeatureProject.position("apps.kal", "1️⃣"), FeatureProject.position("apps.kal", "7️⃣")])

        let label = session.result(
            "textDocument/references",
            [
                "textDocument": ["uri": .string(session.uri("apps.kal"))],
                "position": FeatureProject.position("apps.kal", "2️⃣"), "context": ["includeDeclaration": true],
            ])
        let tiers = FeatureProject.files.values.map { $0.components(separatedBy: "tier").count - 1 }.reduce(0, +)
        XCTAssertEqual(label.arrayValue?.count, tiers)
    }

    func testDocumentSymbolsNestWhatDeclarationsHold() throws {
        let session = try FeatureProject.session()
        func names(_ symbols: JSONValue?) -> [String] { symbols?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [] }
        let controlPlane = session.result("textDocument/documentSymbol", ["textDocument": ["uri": .string(session.uri("cp.kal"))]])
        XCTAssertEqual(names(controlPlane), ["cp", "edge-flux", "qa"])
        let environment = controlPlane.arrayValue?.last
        XCTAssertEqual(environment?["kind"], 3)
        XCTAssertEqual(names(environment?["children"]), ["gitops", "base", "west-us", "web-policy", "qa-settings"])
        let config = environment?["children"]?.arrayValue?.last
        XCTAssertEqual(names(config?["children"]), ["API_URL"])
        XCTAssertEqual(environment?["selectionRange"]?["start"], FeatureProject.position("cp.kal", "3️⃣"))

        let applications = session.result("textDocument/documentSymbol", ["textDocument": ["uri": .string(session.uri("apps.kal"))]])
        XCTAssertEqual(names(applications), ["shop", "other"])
        XCTAssertEqual(names(applications.arrayValue?.first?["children"]), ["qa"])
        XCTAssertEqual(applications.arrayValue?.first?["children"]?[0]?["detail"], "deployment target in qa")
    }

    /// Queries, and names that must (and must not) be among the workspace symbols found.
    static let symbolQueries: [(query: String, found: [String], notFound: [String])] = [
        ("", ["cp", "edge-flux", "qa", "west-us", "web-policy", "qa-settings", "shop", "other"], ["arc-flux"]),
        ("shop", ["shop"], ["other", "qa"]),
        ("wsus", ["west-us"], ["web-policy"]),
        ("EDGE", ["edge-flux"], ["cp"]),
    ]

    func testWorkspaceSymbolsMatchQueries() throws {
        let session = try FeatureProject.session()
        for (query, found, notFound) in Self.symbolQueries {
            let names = Set(session.result("workspace/symbol", ["query": .string(query)]).arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
            XCTAssertTrue(Set(found).isSubset(of: names), "\(query): \(names)")
            XCTAssertTrue(names.isDisjoint(with: notFound), "\(query): \(names)")
        }
    }

    func testNavigationCountsPositionsInTheNegotiatedEncoding() throws {
        let source = MarkedSource(
            """
            config pre { k = "é😀𝄞" } clusterType 2️⃣c {}
            config cfg [note: "中文😀", cluster-type: 1️⃣c] {}

            """)
        for utf8 in [false, true] {
            let session = try ServerSession()
            session.initialize(capabilities: utf8 ? ["general": ["positionEncodings": ["utf-8"]]] : [:])
            session.open("wide.kal", source.text)
            func position(_ marker: String) -> JSONValue {
                let (line, character) = MarkedSource.position(of: source.offsets[marker] ?? -1, in: source.text, utf8: utf8)
                return ["line": .integer(line), "character": .integer(character)]
            }
            let params: JSONValue = ["textDocument": ["uri": .string(session.uri("wide.kal"))], "position": position("1️⃣")]
            let definition = session.result("textDocument/definition", params)
            XCTAssertEqual(definition[0]?["range"]?["start"], position("2️⃣"), "utf8 \(utf8)")
            let hover = session.result("textDocument/hover", params)
            XCTAssertEqual(hover["range"]?["start"], position("1️⃣"), "utf8 \(utf8)")
        }
    }

    func testLongListsInHoversAreCutShort() throws {
        let count = 25
        var text = (0..<count).map { "template t\($0) [1️⃣zone: a] { type = reconciler }\n" }.joined()
        // Only the first marker stays a marker.
        text = text.replacingOccurrences(of: "1️⃣", with: "").replacingOccurrences(of: "template t0 [", with: "template t0 [1️⃣")
        let source = MarkedSource(text)
        let session = try ServerSession()
        session.initialize()
        session.open("many.kal", source.text)
        let hover = session.result("textDocument/hover", session.at("many.kal", source, "1️⃣"))
        assertHover(hover, "label-on-\(count)-templates.md")
    }
}

extension XCTestCase {
    /// Compares the whole text of a hover with `Fixtures/hovers/<name>` (`KALC_RECORD=1` writes it).
    func assertHover(_ hover: JSONValue, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hovers")
        guard let text = hover["contents"]?["value"]?.stringValue else {
            XCTFail("no hover text for \(name): \(hover.jsonText)", file: file, line: line)
            return
        }
        assertSnapshot(text, path: folder.appendingPathComponent(name).path, file: file, line: line)
    }
}
