import KalcDiagnostics
import KalcLanguageServer
import KalcTestSupport
import XCTest

/// Every fix-it, applied to the source it was reported for, makes its diagnostic go away.
final class FixItTests: XCTestCase {
    /// A mistake written into the clean feature project: in `file`, `original` becomes
    /// `mistake`, and kalc reports `code` with at least one fix-it.
    struct Mistake {
        var file: String
        var original: String
        var mistake: String
        var code: String
    }

    static let mistakes: [Mistake] = [
        // Syntax
        Mistake(file: "apps.kal", original: "workspace = \"team\"", mistake: "workspace = \"team\"\u{0}", code: "K0001"),
        Mistake(file: "apps.kal", original: "workspace = \"team\"", mistake: "workspace = \"team", code: "K0002"),
        Mistake(file: "apps.kal", original: "workspace = \"team\"", mistake: "workspace = \"te\\am\"", code: "K0003"),
        Mistake(file: "cp.kal", original: "namespace = default", mistake: "namespace default", code: "K0010"),
        Mistake(file: "apps.kal", original: "API_URL: string", mistake: "API_URL string", code: "K0010"),
        Mistake(file: "cp.kal", original: "targets where tier == web", mistake: "targets where tier = web", code: "K0011"),
        Mistake(file: "apps.kal", original: "workload other", mistake: "}\nworkload other", code: "K0011"),
        Mistake(file: "apps.kal", original: "  }\n}\n\nworkload other", mistake: "  }\n\nworkload other", code: "K0012"),
        Mistake(
            file: "cp.kal", original: "import std.templates\n\nrepo cp = \"https://github.com/contoso/control-plane\"\n",
            mistake: "repo cp = \"https://github.com/contoso/control-plane\"\nimport std.templates\n", code: "K0014"),
        // Names
        Mistake(file: "cp.kal", original: "reconciler = edge-flux", mistake: "reconciler = edge-flx", code: "K0101"),
        Mistake(file: "cp.kal", original: "import std.templates\n", mistake: "", code: "K0101"),
        Mistake(file: "apps.kal", original: "registration = shop", mistake: "registration = shp", code: "K0102"),
        Mistake(file: "apps.kal", original: "target qa in qa {", mistake: "target qa in qaa {", code: "K0103"),
        Mistake(file: "apps.kal", original: "source = cp @", mistake: "source = cpp @", code: "K0104"),
        Mistake(file: "cp.kal", original: "import std.templates", mistake: "import std.templats", code: "K0105"),
        Mistake(file: "cp.kal", original: "gitops = cp @ \"gitops-qa\"", mistake: "gitopz = cp @ \"gitops-qa\"", code: "K0110"),
        Mistake(file: "apps.kal", original: "workspace = \"team\"", mistake: "workspac = \"team\"", code: "K0110"),
        Mistake(file: "apps.kal", original: "workspace = \"team\"", mistake: "workspace team = \"team\"", code: "K0011"),
        Mistake(file: "cp.kal", original: "type = reconciler", mistake: "type = reconciller", code: "K0114"),
        Mistake(file: "apps.kal", original: "API_URL: string", mistake: "API_URL: strin", code: "K0114"),
        // Kubernetes names and scheduling
        Mistake(file: "cp.kal", original: "environment 3️⃣qa {", mistake: "environment q-a {", code: "K0205"),
        Mistake(file: "cp.kal", original: "targets where tier == web", mistake: "targets where tier == wbe", code: "K0303"),
        Mistake(file: "cp.kal", original: "clusterTypes where region == westus", mistake: "clusterTypes where regoin == westus", code: "K0303"),
    ]

    func testEveryFixItRemovesItsDiagnostic() throws {
        for mistake in Self.mistakes {
            var texts = FeatureProject.sources.mapValues(\.text)
            // The original may be written with the project's markers, which its text has not.
            let original = MarkedSource(mistake.original).text
            let text = try XCTUnwrap(texts[mistake.file])
            XCTAssertTrue(text.contains(original), "\(mistake.file) has no `\(original)`")
            texts[mistake.file] = text.replacingOccurrences(of: original, with: mistake.mistake)
            if mistake.code == "K0205" {
                // The environment's targets name it too.
                texts["apps.kal"] = texts["apps.kal"]?.replacingOccurrences(of: " in qa", with: " in q-a")
            }
            let diagnostics = Self.check(texts).filter { $0.code.rawValue == mistake.code }
            let fixIts = diagnostics.flatMap(\.fixIts)
            XCTAssertFalse(fixIts.isEmpty, "\(mistake.code) for `\(mistake.mistake)` has no fix-it: \(diagnostics)")
            for fixIt in fixIts {
                let fixed = Self.applying(fixIt, to: texts)
                let after = Self.check(fixed).filter { $0.code.rawValue == mistake.code }
                XCTAssertEqual(after, [], "\(mistake.code) for `\(mistake.mistake)` still reported after \"\(fixIt.title)\"")
            }
        }
    }

    func testAFixItPreviewShowsTheFixedLine() throws {
        var texts = FeatureProject.sources.mapValues(\.text)
        texts["cp.kal"] = texts["cp.kal"]?.replacingOccurrences(of: "reconciler = edge-flux", with: "reconciler = edge-flx")
        let files = texts.map { SourceFile(path: "/project/\($0.key)", text: $0.value) }
        let diagnostics = Self.check(texts).filter { $0.code == .unknownTemplate }
        let report = DiagnosticRenderer(sources: files, toolVersion: "test").render(diagnostics, format: .human)
        XCTAssertTrue(report.contains("reconciler = edge-flux"), report)
        XCTAssertTrue(report.contains("Replace with `edge-flux`"), report)
    }

    /// The diagnostics of the project of `texts` (file name to text), as the editor gets them.
    static func check(_ texts: [String: String]) -> [Diagnostic] {
        let files = texts.sorted { $0.key < $1.key }.map { SourceFile(path: "/project/\($0.key)", text: $0.value) }
        let snapshot = ProjectSnapshot.analyze(files)
        return files.flatMap { snapshot.diagnostics[$0.path] ?? [] }
    }

    /// The texts with the edits of `fixIt` made, from the last edit of each file to the first.
    static func applying(_ fixIt: FixIt, to texts: [String: String]) -> [String: String] {
        var bytes = texts.reduce(into: [String: [UInt8]]()) { $0["/project/\($1.key)"] = Array($1.value.utf8) }
        let ordered = fixIt.edits.enumerated().sorted { lhs, rhs in
            (lhs.element.location.span.start, lhs.offset) > (rhs.element.location.span.start, rhs.offset)
        }
        for (_, edit) in ordered {
            let span = edit.location.span
            bytes[edit.location.file]?.replaceSubrange(span.start..<span.end, with: Array(edit.replacement.utf8))
        }
        return Dictionary(uniqueKeysWithValues: bytes.map { (String($0.key.dropFirst("/project/".count)), String(decoding: $0.value, as: UTF8.self)) })
    }
}
