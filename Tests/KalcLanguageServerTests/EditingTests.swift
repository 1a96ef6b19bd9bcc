import KalcDiagnostics
import KalcJSON
import KalcLanguageServer
import KalcSyntax
import XCTest
import KalcTestSupport

/// Completion, formatting, quick fixes and rename, each checked by what it does to the text.
final class EditingTests: XCTestCase {
    /// A snippet added to the feature project with the cursor at `1️⃣`, labels that must be
    /// offered there (`first`, if given, must come first), and labels that must not.
    static let completions: [(snippet: String, offered: [String], first: String?, notOffered: [String])] = [
        ("1️⃣", ["environment", "workload", "template", "import", "repo"], nil, ["reconciler", "manifests"]),
        ("import 1️⃣", ["std.templates"], nil, ["environment"]),
        ("environment prod {\n  1️⃣\n}", ["controlPlane", "gitops", "base", "clusterType", "policy", "config"], nil, ["workload", "reconciler"]),
        ("environment prod {\n  gitops = cp @ \"prod\"\n  1️⃣\n}", ["controlPlane", "base"], nil, ["gitops"]),
        ("environment qa {\n  clusterType c {\n    1️⃣\n  }\n}", ["reconciler", "namespace", "config"], nil, ["policy", "gitops"]),
        ("environment qa {\n  clusterType c {\n    reconciler = 1️⃣\n  }\n}", ["edge-flux", "arc-flux", "argocd"], "arc-flux", ["qa", "default", "configmap"]),
        ("environment qa {\n  clusterType c {\n    namespace = 1️⃣\n  }\n}", ["default"], "default", ["arc-flux", "edge-flux", "configmap"]),
        ("environment qa {\n  clusterType c {\n    config = 1️⃣\n  }\n}", ["configmap"], nil, ["arc-flux", "edge-flux", "default"]),
        ("environment qa {\n  clusterType c {\n    reconciler = edg1️⃣\n  }\n}", ["edge-flux"], nil, []),
        ("template t {\n  type = 1️⃣\n}", ["reconciler", "namespace", "config"], nil, ["edge-flux"]),
        ("workload w {\n  1️⃣\n}", ["registration", "workspace", "source", "target", "requires"], nil, ["manifests"]),
        ("workload w {\n  registration = 1️⃣\n}", ["shop"], nil, ["other"]),
        ("workload w {\n  source = 1️⃣\n}", ["cp"], nil, []),
        ("workload w {\n  target t in 1️⃣\n}", ["qa"], nil, ["shop"]),
        ("workload w {\n  target t in qa {\n    1️⃣\n  }\n}", ["manifests", "requires"], nil, ["target"]),
        ("environment qa {\n  policy p {\n    1️⃣\n  }\n}", ["workspace", "targets where", "clusterTypes where"], nil, ["reconciler"]),
        ("environment qa {\n  policy p {\n    targets where 1️⃣\n  }\n}", ["tier", "workload", "purpose", "workspace"], nil, ["region"]),
        ("environment qa {\n  policy p {\n    targets where tier == 1️⃣\n  }\n}", ["web"], nil, ["westus"]),
        ("environment qa {\n  policy p {\n    targets where tier == web, 1️⃣\n  }\n}", ["workload"], nil, ["web"]),
        ("environment qa {\n  policy p {\n    targets where workload in (1️⃣\n  }\n}", ["shop", "other"], nil, ["tier"]),
        ("environment qa {\n  policy p {\n    clusterTypes where 1️⃣\n  }\n}", ["region"], nil, ["tier"]),
        ("environment qa {\n  policy p {\n    clusterTypes where region notin (eastus, 1️⃣)\n  }\n}", ["westus"], nil, ["web"]),
        ("environment qa {\n  policy p {\n    clusterTypes where !1️⃣\n  }\n}", ["region"], nil, []),
        ("workload w {\n  requires 1️⃣\n}", ["json"], nil, ["string"]),
        ("workload w {\n  requires {\n    url: 1️⃣\n  }\n}", ["string", "integer", "boolean"], nil, ["format"]),
        ("workload w {\n  requires {\n    url?: string 1️⃣\n  }\n}", ["format", "pattern"], nil, ["string"]),
        ("schema s {\n  requires {\n    \"port\": integer min 1 1️⃣\n  }\n}", ["max"], nil, []),
        ("environment e {\n  base = cp @ \"main\" 1️⃣\n}", ["commit"], nil, ["cp"]),
        ("environment qa {\n  clusterType c [1️⃣\n}", ["region"], nil, ["tier", "kind"]),
        ("environment qa {\n  clusterType c [region: 1️⃣\n}", ["westus"], nil, ["region"]),
        ("workload w [team: a, 1️⃣] {}", ["tier"], nil, ["region"]),
    ]

    func testCompletionOffersWhatFitsThePlace() throws {
        let session = try FeatureProject.session()
        for (index, entry) in Self.completions.enumerated() {
            let source = MarkedSource(entry.snippet)
            let name = "scratch\(index).kal"
            session.open(name, source.text)
            let result = session.result("textDocument/completion", session.at(name, source, "1️⃣"))
            let items = result["items"]?.arrayValue ?? []
            let labels = items.compactMap { $0["label"]?.stringValue }
            XCTAssertTrue(Set(entry.offered).isSubset(of: labels), "\(entry.snippet): \(labels)")
            XCTAssertTrue(Set(entry.notOffered).isDisjoint(with: labels), "\(entry.snippet): \(labels)")
            if let first = entry.first {
                XCTAssertEqual(items.min { ($0["sortText"]?.stringValue ?? "") < ($1["sortText"]?.stringValue ?? "") }?["label"]?.stringValue, first, entry.snippet)
            }
            // Every item replaces the word typed so far, which ends at the cursor.
            let (line, character) = source.position("1️⃣")
            for item in items {
                XCTAssertEqual(item["textEdit"]?["range"]?["end"], ["line": .integer(line), "character": .integer(character)], entry.snippet)
            }
            session.notify("textDocument/didClose", ["textDocument": ["uri": .string(session.uri(name))]])
        }
    }

    func testCompletionReplacesThePartlyTypedName() throws {
        let session = try FeatureProject.session()
        let source = MarkedSource("environment qa {\n  clusterType c {\n    reconciler = 1️⃣edg2️⃣\n  }\n}\n")
        session.open("scratch.kal", source.text)
        let items = session.result("textDocument/completion", session.at("scratch.kal", source, "2️⃣"))["items"]?.arrayValue ?? []
        let item = try XCTUnwrap(items.first { $0["label"] == "edge-flux" })
        let (startLine, startCharacter) = source.position("1️⃣")
        XCTAssertEqual(item["textEdit"]?["range"]?["start"], ["line": .integer(startLine), "character": .integer(startCharacter)])
        XCTAssertEqual(applying([try XCTUnwrap(item["textEdit"])], to: source.text), source.text.replacingOccurrences(of: "= edg", with: "= edge-flux"))
    }

    // MARK: Formatting

    /// Texts as written, each formatted as `kalc fmt` would.
    static let unformatted = [
        "environment   qa{\ncontrolPlane=\"https://x\"@\"qa\"\n\n\n\n  gitops =  \"https://x\" @ \"gitops\"}\n",
        "workload w [a:b,c:d] {\n        workspace = \"x\" // the team\nsource=\"https://x\"@\"main\"/\"./w\"\n}",
        "// 😀 wide comment\ntemplate t { type = reconciler\n manifest \"\"\"\n      kind: X\n      \"\"\"\n}\n",
    ]

    func testFormattingGivesTheCanonicalLayout() throws {
        let session = try ServerSession()
        session.initialize()
        for (index, text) in Self.unformatted.enumerated() {
            let name = "format\(index).kal"
            session.open(name, text)
            let edits = session.result("textDocument/formatting", ["textDocument": ["uri": .string(session.uri(name))], "options": ["tabSize": 4, "insertSpaces": true]])
            let expected = try XCTUnwrap(Formatter.format(SyntaxTree.parse(SourceFile(path: name, text: text))))
            XCTAssertEqual(applying(edits.arrayValue ?? [], to: text), expected, text)
            // Formatting a formatted text changes nothing.
            session.replace(name, expected, version: 2)
            XCTAssertEqual(session.result("textDocument/formatting", ["textDocument": ["uri": .string(session.uri(name))], "options": ["tabSize": 2, "insertSpaces": true]]), [])
        }
    }

    func testABrokenFileIsNotFormatted() throws {
        let session = try ServerSession()
        session.initialize()
        session.open("broken.kal", "environment qa {\n  junk junk\n")
        XCTAssertEqual(
            session.result("textDocument/formatting", ["textDocument": ["uri": .string(session.uri("broken.kal"))], "options": ["tabSize": 2, "insertSpaces": true]]), .null)
    }

    // MARK: Quick fixes

    /// A snippet with a mistake between `1️⃣` and `2️⃣` (a misspelt name, a missing or a
    /// wrong token), the code of its diagnostic, and the text the quick fix must leave there.
    static let misspellings: [(snippet: String, code: String, fixed: String)] = [
        ("environment qa {\n  clusterType c {\n    reconciler = edge-flux\n    namespace1️⃣2️⃣ default\n    config = configmap\n  }\n}\n", "K0010", " ="),
        ("environment qa {\n  policy p {\n    targets where tier 1️⃣=2️⃣ web\n  }\n}\n", "K0011", "=="),
        ("environment qa {\n  clusterType c {\n    reconciler = 1️⃣edge-flx2️⃣\n    namespace = default\n    config = configmap\n  }\n}\n", "K0101", "edge-flux"),
        ("import 1️⃣std.templats2️⃣\n", "K0105", "std.templates"),
        ("workload w {\n  registration = 1️⃣shp2️⃣\n  target t in qa {\n    manifests = cp @ \"qa\" / \"./w\"\n  }\n}\n", "K0102", "shop"),
        ("environment qa {\n  policy p {\n    targets where 1️⃣tier == wbe2️⃣\n  }\n}\n", "K0303", "tier == web"),
    ]

    func testQuickFixesRemoveTheirDiagnostics() throws {
        for (index, entry) in Self.misspellings.enumerated() {
            let session = try FeatureProject.session()
            let source = MarkedSource(entry.snippet)
            let name = "fix\(index).kal"
            session.open(name, source.text)
            let diagnostics = try XCTUnwrap(session.diagnostics(name, version: 1))
            XCTAssertTrue(diagnostics.contains { $0["code"]?.stringValue == entry.code }, "\(entry.code) not reported: \(diagnostics)")
            let (line, character) = source.position("1️⃣")
            let (endLine, endCharacter) = source.position("2️⃣")
            let range: JSONValue = ["start": ["line": .integer(line), "character": .integer(character)], "end": ["line": .integer(endLine), "character": .integer(endCharacter)]]
            let actions =
                session.result(
                    "textDocument/codeAction",
                    [
                        "textDocument": ["uri": .string(session.uri(name))], "range": range,
                        "context": ["diagnostics": .array(diagnostics), "only": ["quickfix"]],
                    ]
                ).arrayValue ?? []
            let action = try XCTUnwrap(actions.first { $0["diagnostics"]?[0]?["code"]?.stringValue == entry.code }, "no fix for \(entry.code): \(actions)")
            XCTAssertEqual(action["kind"], "quickfix")
            XCTAssertEqual(action["isPreferred"], true, "the only fix of \(entry.code) is not preferred")
            let edits = try XCTUnwrap(action["edit"]?["changes"]?[session.uri(name)]?.arrayValue)
            let offsets = (source.offsets["1️⃣"] ?? 0, source.offsets["2️⃣"] ?? 0)
            let bytes = Array(source.text.utf8)
            let expected = String(decoding: bytes[..<offsets.0], as: UTF8.self) + entry.fixed + String(decoding: bytes[offsets.1...], as: UTF8.self)
            let fixed = applying(edits, to: source.text)
            XCTAssertEqual(fixed, expected)
            // The fix makes the diagnostic go away.
            session.replace(name, fixed, version: 2)
            let after = try XCTUnwrap(session.diagnostics(name, version: 2))
            XCTAssertFalse(after.contains { $0["code"]?.stringValue == entry.code }, "\(entry.code) still reported after the fix: \(after)")
        }
    }

    func testFixItsBecomeQuickFixes() throws {
        let source = MarkedSource("environment qa {\n  1️⃣gitopz2️⃣ = \"x\" @ \"y\"\n}\n")
        let file = SourceFile(path: "/project/a.kal", text: source.text)
        let span = Span(start: source.offsets["1️⃣"] ?? 0, end: source.offsets["2️⃣"] ?? 0)
        let fixIt = FixIt("Rename to `gitops`", edits: [TextEdit(Location(file: file.path, span: span), replacement: "gitops")])
        let diagnostic = Diagnostic(.unknownProperty, "an environment has no property `gitopz`", at: Location(file: file.path, span: span), fixIts: [fixIt])
        let snapshot = ProjectSnapshot.analyze([file], inputDiagnostics: [diagnostic])
        let fixes = snapshot.quickFixes(in: file.path, touching: Span(start: span.start, end: span.start))
        let fix = try XCTUnwrap(fixes.first { $0.title == fixIt.title })
        XCTAssertEqual(fix.edits, fixIt.edits)
        XCTAssertTrue(fix.isPreferred)
        XCTAssertTrue(snapshot.quickFixes(in: file.path, touching: Span(start: 0, end: 3)).allSatisfy { $0.title != fixIt.title })
    }

    func testOtherKindsOfActionsAreNotOffered() throws {
        let session = try FeatureProject.session()
        let source = MarkedSource("import 1️⃣std.templats\n")
        session.open("fix.kal", source.text)
        let (line, character) = source.position("1️⃣")
        let actions = session.result(
            "textDocument/codeAction",
            [
                "textDocument": ["uri": .string(session.uri("fix.kal"))],
                "range": ["start": ["line": .integer(line), "character": .integer(character)], "end": ["line": .integer(line), "character": .integer(character)]],
                "context": ["diagnostics": [], "only": ["refactor.extract"]],
            ])
        XCTAssertEqual(actions, [])
    }

    // MARK: Rename

    /// A marker on a name, the new name, and the markers every edit must start at.
    static let renames: [(file: String, marker: String, newName: String, places: [(file: String, marker: String)])] = [
        ("cp.kal", "6️⃣", "edge-reconciler", [("cp.kal", "2️⃣"), ("cp.kal", "6️⃣")]),
        ("apps.kal", "7️⃣", "store", [("apps.kal", "1️⃣"), ("apps.kal", "7️⃣")]),
        ("cp.kal", "3️⃣", "staging", [("cp.kal", "3️⃣"), ("apps.kal", "5️⃣"), ("apps.kal", "8️⃣")]),
        ("cp.kal", "8️⃣", "east", [("cp.kal", "4️⃣"), ("cp.kal", "8️⃣")]),
    ]

    func testRenameChangesEveryReference() throws {
        for (file, marker, newName, places) in Self.renames {
            let session = try FeatureProject.session()
            let params: JSONValue = ["textDocument": ["uri": .string(session.uri(file))], "position": FeatureProject.position(file, marker)]
            let prepared = session.result("textDocument/prepareRename", params)
            XCTAssertEqual(prepared["range"]?["start"], FeatureProject.position(file, marker))
            let renameParams: JSONValue = ["textDocument": ["uri": .string(session.uri(file))], "position": FeatureProject.position(file, marker), "newName": .string(newName)]
            let edit = session.result("textDocument/rename", renameParams)
            var starts: [String: [JSONValue]] = [:]
            for (uri, edits) in edit["changes"]?.objectValue.map(Array.init) ?? [] {
                starts[uri] = edits.arrayValue?.compactMap { $0["range"]?["start"] }
                XCTAssertTrue(edits.arrayValue?.allSatisfy { $0["newText"]?.stringValue == newName } ?? false)
            }
            var expected: [String: [JSONValue]] = [:]
            for place in places {
                expected[session.uri(place.file), default: []].append(FeatureProject.position(place.file, place.marker))
            }
            XCTAssertEqual(starts.mapValues { Set($0.map(\.jsonText)) }, expected.mapValues { Set($0.map(\.jsonText)) }, "\(file) \(marker)")
        }
    }

    func testARenamedRepositoryLeavesNoUnknownName() throws {
        let session = try FeatureProject.session()
        let edit = session.result(
            "textDocument/rename",
            [
                "textDocument": ["uri": .string(session.uri("cp.kal"))],
                "position": FeatureProject.position("cp.kal", "1️⃣"), "newName": "controlPlane",
            ])
        for (name, source) in FeatureProject.sources {
            let edits = edit["changes"]?[session.uri(name)]?.arrayValue ?? []
            XCTAssertEqual(edits.count, source.text.components(separatedBy: "cp @").count - 1 + (name == "cp.kal" ? 1 : 0), name)
            session.open(name, applying(edits, to: source.text), version: 5)
        }
        // Pulled diagnostics come from the check of both edits (a push may come from the
        // check of the first alone).
        for name in FeatureProject.sources.keys {
            let report = session.result("textDocument/diagnostic", ["textDocument": ["uri": .string(session.uri(name))]])
            XCTAssertEqual(report["items"]?.arrayValue?.filter { $0["severity"] == 1 }, [], name)
        }
    }

    /// A marker, a new name that must be refused there.
    static let refusals: [(file: String, marker: String, newName: String)] = [
        ("cp.kal", "6️⃣", "Edge_Flux"),
        ("cp.kal", "6️⃣", "two words"),
        ("cp.kal", "6️⃣", ""),
        ("cp.kal", "6️⃣", "arc-flux"),
        ("cp.kal", "3️⃣", "q-a"),
        ("cp.kal", "3️⃣", "main"),
        ("cp.kal", "1️⃣", "a{b"),
        ("apps.kal", "1️⃣", "other"),
        ("apps.kal", "2️⃣", "kind"),
    ]

    func testInvalidNewNamesAreRefused() throws {
        let session = try FeatureProject.session()
        for (file, marker, newName) in Self.refusals {
            let response = session.request(
                "textDocument/rename",
                [
                    "textDocument": ["uri": .string(session.uri(file))],
                    "position": FeatureProject.position(file, marker), "newName": .string(newName),
                ])
            XCTAssertEqual(response["error"]?["code"]?.integerValue, -32803, "\(file) \(marker) \(newName): \(response.jsonText)")
            XCTAssertFalse(response["error"]?["message"]?.stringValue?.isEmpty ?? true)
        }
    }

    func testTheStandardLibraryIsNotRenamed() throws {
        let session = try ServerSession()
        session.initialize()
        let source = MarkedSource("import std.templates\nclusterType c {\n  reconciler = arc-flux\n  namespace = 1️⃣default\n  config = configmap\n}\n")
        session.open("a.kal", source.text)
        let response = session.request("textDocument/prepareRename", session.at("a.kal", source, "1️⃣"))
        XCTAssertEqual(response["error"]?["code"]?.integerValue, -32803)
        XCTAssertTrue(response["error"]?["message"]?.stringValue?.contains("standard library") ?? false)
    }
}
