import Foundation
import KalcTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Hostile input ends in a diagnostic with a code and a place, within bounded time, never in
/// a crash or a hang: deep nesting of source, YAML, JSON Schemas and templates, huge files,
/// NUL bytes, invalid UTF-8, files that are not files, symbolic link cycles, templates and
/// config values that render themselves.
final class LimitTests: XCTestCase {
    /// One hostile input: the files of a project, the command run on it, and what it must end in.
    struct Case {
        var name: String
        var files: [(String, [UInt8])]
        var arguments: [String]
        var status: Int32
        var code: String
        /// The file the diagnostic points into.
        var file: String
    }

    static func kal(_ name: String, _ source: String, status: Int32 = 1, code: String, in file: String = "p.kal") -> Case {
        Case(name: name, files: [("p.kal", Array(source.utf8))], arguments: ["check", "p.kal", "--format", "json"], status: status, code: code, file: file)
    }

    static func kal(_ name: String, bytes: [UInt8], status: Int32 = 1, code: String) -> Case {
        Case(name: name, files: [("p.kal", bytes)], arguments: ["check", "p.kal", "--format", "json"], status: status, code: code, file: "p.kal")
    }

    static func requiring(_ schema: String) -> String {
        shop([("  target qa in qa {", "  requires json \"\"\"\n    \(schema)\n    \"\"\"\n\n  target qa in qa {")])
    }

    static func configTemplate(_ text: String) -> String {
        shop([("config = configmap", "config = hostile")]) + "\ntemplate hostile {\n  type = config\n  manifest \"\"\"\n    \(text)\n    \"\"\"\n}\n"
    }

    static let sourceCases: [Case] = [
        kal("source nested 100000 levels", shop([("TIER = silver", "TIER = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))]), code: "K0013"),
        kal("NUL byte in a .kal file", bytes: Array(shop([("TIER = silver", "TIER = sil\0ver")]).utf8), code: "K0001"),
        kal("invalid UTF-8 in a .kal file", bytes: Array(shop([("TIER = silver", "TIER = \"sil")]).utf8) + [0xFF, 0xC3] + Array("ver\"\n".utf8), code: "K0007"),
        kal(
            "config value nested 20000 levels", shop([("TIER = silver", "TIER = \"" + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\"")]),
            status: 0, code: "K0407"),
        kal("JSON Schema nested 100000 levels", requiring(String(repeating: #"{"items": "#, count: 100_000) + "{}" + String(repeating: "}", count: 100_000)), code: "K0403"),
        kal(
            "JSON Schema $ref cycle", requiring(##"{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}"##),
            code: "K0410"),
        kal("JSON Schema referring to itself", requiring(##"{"not": {"$ref": "#"}}"##), code: "K0410"),
        kal("template calling itself", configTemplate(#"{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}"#), code: "K0507"),
        kal(
            "templates calling each other", configTemplate(#"{{ define "a" }}{{ template "b" . }}{{ end }}{{ define "b" }}{{ template "a" . }}{{ end }}{{ template "a" . }}"#),
            code: "K0507"),
        kal("template nested 5000 levels", configTemplate(String(repeating: "{{ if true }}", count: 5_000) + "x" + String(repeating: "{{ end }}", count: 5_000)), code: "K0501"),
        kal("template with 10000 actions printing <no value>", configTemplate(String(repeating: "{{ .ConfigData.MISSING }}", count: 10_000)), status: 0, code: "K0506"),
        kal(
            "template with 4000 actions printing <no value> after a non-ASCII character",
            configTemplate("é" + String(repeating: "{{ .ConfigData.MISSING }}", count: 4_000)), status: 0, code: "K0506"),
        kal("template running 10^9 steps", configTemplate("{{ range until 1000000000 }}x{{ end }}"), code: "K0507"),
        kal("template output that renders itself", configTemplate(#"{{ $s := "{{ $s := %q }}{{ printf $s $s }}" }}{{ printf $s $s }}"#), code: "K0507"),
        // The standard `configmap` template is what renders the value, so that is where the error points.
        kal("config value that renders itself forever", shop([("TIER = silver", "TIER = \"{{ .ConfigData.TIER }}\"")]), code: "K0507", in: "<std.templates>"),
        kal(
            "config values that render each other", shop([("TIER = silver", "A = \"{{ .ConfigData.B }}\"\n    B = \"{{ .ConfigData.A }}\"")]), code: "K0507", in: "<std.templates>"),
        kal("config value that doubles itself", shop([("TIER = silver", "TIER = \"{{ .ConfigData.TIER }}{{ .ConfigData.TIER }}\"")]), code: "K0507", in: "<std.templates>"),
    ]

    /// A control plane in YAML with `change` applied to the bytes of its ConfigMap file.
    static func yaml(_ name: String, status: Int32 = 1, code: String, _ change: ([UInt8]) -> [UInt8]) -> Case {
        let root = repositoryRoot + "/Tests/Fixtures/oracle-cases/endless-rerender/input/"
        let paths = FileManager.default.enumerator(atPath: root)?.allObjects.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        let configs = "control-plane/dev/configs.yaml"
        let files = paths.map { path in
            let bytes = [UInt8](FileManager.default.contents(atPath: root + path) ?? Data())
            return (path, path == configs ? change(bytes) : bytes)
        }
        return Case(name: name, files: files, arguments: ["import", ".", "--format", "json"], status: status, code: code, file: "./" + configs)
    }

    /// The YAML control plane unchanged.
    static let plane = yaml("unchanged", code: "") { $0 }.files

    static let yamlCases: [Case] = [
        yaml("YAML flow nested 100000 levels", code: "K0601") {
            $0 + Array("\n---\nx: ".utf8) + Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000)
        },
        yaml("YAML blocks nested 3000 levels", code: "K0601") { bytes in
            bytes + Array("\n---\n".utf8) + (0..<3_000).flatMap { Array(String(repeating: " ", count: $0).utf8) + Array("a:\n".utf8) }
        },
        yaml("YAML aliases expanding to 10^9 nodes", code: "K0601") { bytes in
            var bomb = "\n---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            for level in 1...9 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
            return bytes + Array(bomb.utf8)
        },
        yaml("NUL byte in a YAML file", code: "K0601") { Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "name: base", with: "name: ba\0se").utf8) },
        yaml("invalid UTF-8 in a YAML file", code: "K0601") { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            guard let range = text.range(of: "name: base") else { return bytes }
            let offset = text.utf8.distance(from: text.startIndex, to: range.upperBound)
            return Array(bytes[..<offset]) + [0xFF, 0xFE] + Array(bytes[offset...])
        },
        yaml("an object named ../../escape", code: "K0201") { Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "name: base", with: "name: ../../escape").utf8) },
    ]

    func run(_ cases: [Case]) throws {
        let root = try temporaryFolder(self)
        let failures = inTwoLanes(cases.count) { item, _ in
            let testCase = cases[item]
            let folder = root + "/\(item)"
            do {
                try write(testCase.files, under: folder)
                let started = Date()
                let run = try runKalc(testCase.arguments, in: folder, timeout: 30)
                let elapsed = Date().timeIntervalSince(started)
                if run.timedOut { return "\(testCase.name): still running after 30 s" }
                if run.crashed { return "\(testCase.name): crashed\n\(run.standardError)" }
                if run.status != testCase.status { return "\(testCase.name): exit \(run.status)\n\(run.standardError.prefix(2_000))" }
                let diagnostics = reportedDiagnostics(run.standardOutput)
                if !diagnostics.contains(where: { $0.code == testCase.code && $0.file == testCase.file && $0.line >= 1 }) {
                    return "\(testCase.name): no \(testCase.code) in \(testCase.file), got \(diagnostics.prefix(10))"
                }
                return elapsed < 20 ? nil : "\(testCase.name) took \(elapsed) s"
            } catch {
                return "\(testCase.name): \(error)"
            }
        }
        XCTAssertEqual(failures, [])
    }

    func testHostileSourceEndsInADiagnostic() throws {
        try run(Self.sourceCases)
    }

    func testHostileYAMLEndsInADiagnostic() throws {
        try run(Self.yamlCases)
    }

    /// Templates that build values of hundreds of megabytes, or run a loop that doubles a
    /// string forty times, end in a located K0507 within the render budget, under a 3 GB
    /// address-space limit, in `check` and (for the first) `compile`.
    func testTemplatesBuildingHugeValuesEndInADiagnosticInBoundedMemory() throws {
        let templates = [
            #"{{ repeat 1000000 "x" | replace "x" (repeat 100 "x") | replace "x" (repeat 100 "x") | len }}"#,
            #"{{ $s := "x" }}"# + String(repeating: #"{{ $s = replace "x" "xx" $s }}"#, count: 40) + "{{ len $s }}",
            #"{{ $s := "" }}{{ range until 1000 }}{{ $s = printf "%s%1000000d" $s 1 }}{{ end }}"#,
            #"{{ $l := list (repeat 1000000 "x") }}{{ range until 10 }}{{ $l = list $l $l }}{{ end }}{{ join "," $l | len }}"#,
        ]
        let folder = try temporaryFolder(self)
        for (index, template) in templates.enumerated() {
            let source = Self.configTemplate(template)
            try write([("\(index)/p.kal", Array(source.utf8))], under: folder)
            let started = Date()
            let check = try runKalc(
                ["/bin/sh", "-c", "ulimit -v 3000000; exec \"$0\" check p.kal --format json", kalcExecutable.path],
                in: folder + "/\(index)", timeout: 120, shell: true)
            XCTAssertFalse(check.crashed || check.timedOut, "\(template): \(check.standardError.suffix(2_000))")
            XCTAssertEqual(check.status, 1, check.standardError)
            XCTAssertTrue(reportedDiagnostics(check.standardOutput).contains { $0.code == "K0507" && $0.file == "p.kal" && $0.line > 1 }, check.standardOutput)
            XCTAssertLessThan(Date().timeIntervalSince(started), 60, template)
            if index > 0 { continue }
            let compile = try runKalc(
                ["/bin/sh", "-c", "ulimit -v 3000000; exec \"$0\" compile p.kal --out out --format json", kalcExecutable.path],
                in: folder + "/\(index)", timeout: 120, shell: true)
            XCTAssertFalse(compile.crashed || compile.timedOut, compile.standardError)
            XCTAssertEqual(compile.status, 1, compile.standardError)
            XCTAssertTrue(reportedDiagnostics(compile.standardOutput).contains { $0.code == "K0507" }, compile.standardOutput)
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/\(index)/out"))
        }
    }

    /// Thirteen cluster types whose config manifest renders 50 MB each (a 2 kB source, each
    /// render under the 64 MiB limit): `compile` stops where the GitOps files pass 256 MiB,
    /// with a located K0931 naming the environment and nothing written, within 1 GB of
    /// memory, instead of holding 650 MB of files (twice) until it fails to allocate.
    func testCompilingHugeGitOpsFilesEndsInADiagnosticInBoundedMemory() throws {
        let clusterType = """
              clusterType west-us [region: westus] {
                reconciler = arc-flux
                namespace = default
                config = hostile
              }

            """
        let oneClusterType = Self.configTemplate(#"{{ repeat 50000000 "x" }}{{ .ClusterType }}"#)
        XCTAssertTrue(oneClusterType.contains(clusterType))
        let project = oneClusterType.replacingOccurrences(of: clusterType, with: (1...13).map { clusterType.replacingOccurrences(of: "west-us", with: "ct\($0)") }.joined())
        let folder = try temporaryFolder(self)
        try write([("p.kal", Array(project.utf8))], under: folder)
        let started = Date()
        let compile = try runKalc(
            ["/bin/sh", "-c", "ulimit -v 1000000; exec \"$0\" compile p.kal --out out --format json", kalcExecutable.path],
            in: folder, timeout: 120, shell: true)
        XCTAssertFalse(compile.crashed || compile.timedOut, String(compile.standardError.suffix(2_000)))
        XCTAssertNotEqual(compile.status, 134)
        XCTAssertFalse(compile.standardError.contains("Fatal error"))
        XCTAssertEqual(compile.status, 1, compile.standardError)
        // At the manifest, which starts on the line of `manifest """`.
        let manifestLine = project.components(separatedBy: "\n").firstIndex { $0.contains("manifest \"\"\"") }.map { $0 + 1 }
        XCTAssertEqual(reportedDiagnostics(compile.standardOutput), [ReportedDiagnostic(code: "K0931", file: "p.kal", line: manifestLine ?? 0)], compile.standardOutput)
        XCTAssertTrue(compile.standardOutput.contains("in environment `qa`"), compile.standardOutput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out"))
        XCTAssertLessThan(Date().timeIntervalSince(started), 60)
    }

    /// A 100 kB line of `$ ` gives 100 syntax errors and one K0930 that counts the rest,
    /// shown quickly in the human format.
    func testALineOfGarbageEndsInAShortReport() throws {
        let folder = try temporaryFolder(self)
        try write([("p.kal", Array((String(repeating: "$ ", count: 50_000) + "\n").utf8))], under: folder)
        let started = Date()
        let human = try runKalc(["check", "p.kal", "--color", "never"], in: folder, timeout: 60)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertEqual(human.status, 1)
        XCTAssertTrue(human.standardError.hasSuffix("error: 101 errors emitted\n"), String(human.standardError.suffix(500)))
        let json = try runKalc(["check", "p.kal", "--format", "json"], in: folder, timeout: 60)
        let codes = reportedDiagnostics(json.standardOutput).map(\.code)
        XCTAssertEqual(codes.count, 101)
        XCTAssertEqual(codes.last, "K0930")
        XCTAssertTrue(json.standardOutput.contains("49900 more syntax errors in this file are not shown"))
    }

    /// Files over 32 MiB are refused before they are read (sparse files: nothing is written).
    func testHugeFilesAreRefusedUnread() throws {
        let folder = try temporaryFolder(self)
        try write([("huge/p.kal", [])] + Self.plane.map { ("plane/" + $0.0, $0.1) }, under: folder)
        try write([("plane/control-plane/dev/huge.yaml", [])], under: folder)
        for path in ["huge/p.kal", "plane/control-plane/dev/huge.yaml"] {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/" + path))
            try handle.truncate(atOffset: 33 * 1024 * 1024)
            try handle.close()
        }
        for (arguments, file) in [(["check", "huge", "--format", "json"], "huge/p.kal"), (["import", "plane", "--format", "json"], "plane/control-plane/dev/huge.yaml")] {
            let run = try runKalc(arguments, in: folder, timeout: 30)
            XCTAssertEqual(run.status, 2, run.standardError)
            XCTAssertEqual(reportedDiagnostics(run.standardOutput).filter { $0.code == "K0902" }.map(\.file), [file], run.standardOutput)
        }
    }

    /// A pipe, a device or a file of /proc named `.kal` is refused, not read (reading one
    /// could block forever, never end, or show the environment in a diagnostic).
    func testFilesThatAreNotFilesAreRefused() throws {
        let folder = try temporaryFolder(self)
        try write([("p/shop.kal", Array(shopSource.utf8))], under: folder)
        XCTAssertEqual(mkfifo(folder + "/p/pipe.kal", 0o600), 0)
        try FileManager.default.createSymbolicLink(atPath: folder + "/p/zero.kal", withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: folder + "/p/environment.kal", withDestinationPath: "/proc/self/environ")
        let run = try runKalc(["check", "p", "--format", "json"], in: folder, timeout: 30, environment: ["KALC_TEST_SECRET": "s3cr3t-value"])
        XCTAssertFalse(run.timedOut)
        XCTAssertEqual(run.status, 2, run.standardError)
        XCTAssertEqual(
            reportedDiagnostics(run.standardOutput).map { "\($0.code) \($0.file)" }.sorted(),
            ["K0901 p/environment.kal", "K0901 p/pipe.kal", "K0901 p/zero.kal"])
        XCTAssertFalse(run.standardOutput.contains("s3cr3t-value") || run.standardError.contains("s3cr3t-value"))
    }

    /// Thousands of diagnostics on one 50 kB line are shown, each through a window of the line.
    func testManyDiagnosticsOnOneHugeLineAreShownQuickly() throws {
        let folder = try temporaryFolder(self)
        try write([("p.kal", Array(Self.configTemplate(String(repeating: "{{ .ConfigData.MISSING }}", count: 2_000)).utf8))], under: folder)
        // The report (1.5 MB) goes to a file, read once kalc has ended.
        FileManager.default.createFile(atPath: folder + "/report.txt", contents: nil)
        let report = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/report.txt"))
        let process = Process()
        process.executableURL = kalcExecutable
        process.arguments = ["check", "p.kal", "--color", "never"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardError = report
        let started = Date()
        try process.run()
        process.waitUntilExit()
        try report.close()
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        XCTAssertEqual(process.terminationStatus, 0)
        let text = try String(contentsOfFile: folder + "/report.txt", encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("warning: 2000 warnings emitted\n"), String(text.suffix(1_000)))
        XCTAssertTrue(text.contains("\n35 | ...onfigData.MISSING }}{{"), String(text.suffix(1_000)))
    }

    /// Imports that form cycles (a file importing itself, its folder, or a file that imports
    /// it back) read each file once.
    func testImportCyclesEnd() throws {
        let folder = try temporaryFolder(self)
        let importing = shop([("import std.templates\n", "import std.templates\nimport \"../a.kal\"\nimport \".\"\nimport \"b.kal\"\n")])
        try write([("a.kal", Array("import \"sub\"\nimport \"a.kal\"\n".utf8)), ("sub/b.kal", Array(importing.utf8))], under: folder)
        let run = try runKalc(["check", "a.kal"], in: folder, timeout: 30)
        XCTAssertFalse(run.timedOut)
        XCTAssertEqual(run.status, 0, run.standardError)
    }

    /// Symbolic links that form cycles below a folder are searched once, not without end.
    func testSymbolicLinkCyclesEnd() throws {
        let folder = try temporaryFolder(self)
        try write([("p/shop.kal", Array(shopSource.utf8))] + Self.plane.map { ("plane/" + $0.0, $0.1) }, under: folder)
        for link in ["a", "b", "c", "d"] {
            try FileManager.default.createSymbolicLink(atPath: folder + "/p/" + link, withDestinationPath: ".")
            try FileManager.default.createSymbolicLink(atPath: folder + "/plane/control-plane/dev/" + link, withDestinationPath: "..")
        }
        let check = try runKalc(["check", "p"], in: folder, timeout: 30)
        XCTAssertFalse(check.timedOut)
        XCTAssertEqual(check.status, 0, check.standardError)
        let imported = try runKalc(["import", "plane"], in: folder, timeout: 30)
        XCTAssertFalse(imported.timedOut)
        XCTAssertEqual(imported.status, 0, imported.standardError)
    }
}
