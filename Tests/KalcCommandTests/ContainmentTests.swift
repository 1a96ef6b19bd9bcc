import Foundation
import KalcTestSupport
import XCTest

/// Nothing escapes the output folder and nothing from the machine gets in: hostile names are
/// refused by a check before anything is written, symbolic links in or at the output folder
/// are never written through, and neither templates nor imports read the environment or
/// files that are not source.
final class ContainmentTests: XCTestCase {
    /// Names that must never become a path: climbing out, absolute, the folder itself, a
    /// path, too long for a file name, not ASCII, upper case.
    static let hostileNames = [
        "a/../../escape", "\"../../escape\"", "\"/abs\"", "\".\"", "\"..\"", "a/b", String(repeating: "a", count: 300), "\"ünïcode\"", "Upper",
    ]

    /// Where a name stands in shop.kal, one place per kind of object.
    static let places: [(kind: String, text: String, replacement: String)] = [
        ("cluster type", "clusterType west-us", "clusterType NAME"),
        ("environment", "environment qa {", "environment NAME {"),
        ("workload", "workload shop {", "workload NAME {"),
        ("deployment target", "target qa in qa", "target NAME in qa"),
        ("config", "config platform {", "config NAME {"),
        ("policy", "policy everything {}", "policy NAME {}"),
        ("label key", "[region: westus]", "[NAME: westus]"),
        ("label value", "[region: westus]", "[region: NAME]"),
    ]

    /// A folder with a previous output in `out`, and a copy of the tree around it.
    func previousOutput() throws -> (folder: String, before: [String: Data]) {
        let folder = try temporaryFolder(self)
        try write([("project/shop.kal", Array(shopSource.utf8))], under: folder)
        let first = try runKalc(["compile", "project", "--out", "out"], in: folder)
        XCTAssertEqual(first.status, 0, first.standardError)
        return (folder, tree(of: folder))
    }

    func testHostileNamesAreRefusedBeforeAnyWrite() throws {
        let (folder, before) = try previousOutput()
        let labels = ["label key", "label value"]
        // Label keys may hold one `/`, and labels may be upper case.
        let cases = Self.places.flatMap { place in
            Self.hostileNames.filter { !(labels.contains(place.kind) && $0 == "Upper") && !(place.kind == "label key" && $0 == "a/b") }
                .map { (place.kind, shop([(place.text, place.replacement.replacingOccurrences(of: "NAME", with: $0))])) }
        }
        for lane in 0..<2 {
            try FileManager.default.copyItem(atPath: folder, toPath: folder + "-lane\(lane)")
            addTeardownBlock { try? FileManager.default.removeItem(atPath: folder + "-lane\(lane)") }
        }
        let failures = inTwoLanes(cases.count) { item, lane in
            let (kind, source) = cases[item]
            let root = folder + "-lane\(lane)"
            do {
                try source.write(toFile: root + "/project/shop.kal", atomically: true, encoding: .utf8)
                let run = try runKalc(["compile", "project", "--out", "out", "--format", "json"], in: root)
                guard run.status == 1, !reportedDiagnostics(run.standardOutput).isEmpty else { return "\(kind): exit \(run.status) \(run.standardError)" }
                var after = tree(of: root)
                after["project/shop.kal"] = before["project/shop.kal"]
                return after == before ? nil : "\(kind): something was written"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(failures, [])
        XCTAssertGreaterThan(cases.count, 60)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/../escape"))
    }

    /// Where a name stands in the YAML of a control plane, one place per kind of object.
    static let yamlPlaces: [(kind: String, file: String, text: String)] = [
        ("cluster type", "control-plane/dev/cluster-types.yaml", "name: k8s"),
        ("config", "control-plane/dev/configs.yaml", "name: base"),
        ("policy", "control-plane/dev/policies.yaml", "name: everything"),
        ("GitOps repository", "control-plane/dev/repos.yaml", "name: dev"),
        ("template", "control-plane/main/templates/templates.yaml", "name: reconciler"),
        ("registration", "control-plane/main/workloads/app.yaml", "name: app"),
        ("deployment target", "workloads/app/workload.yaml", "- name: \"dev\""),
    ]

    func testHostileNamesInYAMLAreRefusedByImport() throws {
        let plane = LimitTests.plane
        let root = try temporaryFolder(self)
        let names = ["../../escape", "/abs", "..", "a/b", String(repeating: "a", count: 300), "ünïcode"]
        let cases = Self.yamlPlaces.flatMap { place in names.map { (place, $0) } }
        let failures = inTwoLanes(cases.count) { item, _ in
            let (place, name) = cases[item]
            let files = plane.map { path, bytes in
                (
                    path,
                    path == place.file
                        ? Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: place.text, with: place.text.prefix { $0 != ":" } + ": \"\(name)\"").utf8)
                        : bytes
                )
            }
            guard files.map(\.1) != plane.map(\.1) else { return "\(place.kind): `\(place.text)` not found" }
            do {
                try write(files, under: root + "/\(item)")
                let run = try runKalc(["import", ".", "--format", "json"], in: root + "/\(item)")
                let codes = reportedDiagnostics(run.standardOutput).map(\.code)
                return run.status == 1 && codes.contains("K0201") ? nil : "\(place.kind) \(name): exit \(run.status), \(codes) \(run.standardError)"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(failures, [])
    }

    /// A valid Kubernetes name can still be too long for a file name once `.yaml` is added:
    /// the output is refused before anything is written.
    func testNamesTooLongForAFileAreRefusedBeforeAnyWrite() throws {
        let (folder, before) = try previousOutput()
        let name = String(repeating: "a", count: 252)
        try shop([("config platform {", "config \(name) {")]).write(toFile: folder + "/project/shop.kal", atomically: true, encoding: .utf8)
        XCTAssertEqual(try runKalc(["check", "project"], in: folder).status, 0)
        let run = try runKalc(["compile", "project", "--out", "out"], in: folder)
        XCTAssertEqual(run.status, 2, run.standardError)
        XCTAssertTrue(run.standardError.contains("longer than 255 bytes"), run.standardError)
        var after = tree(of: folder)
        after["project/shop.kal"] = before["project/shop.kal"]
        XCTAssertEqual(after, before)
    }

    /// A symbolic link in the previous output is not kalc's: the folder is refused, and
    /// neither the link nor what it points to is touched.
    func testSymbolicLinksInThePreviousOutputAreRefusedNotFollowed() throws {
        let (folder, _) = try previousOutput()
        try write([("outside/keep.txt", Array("keep\n".utf8))], under: folder)
        let manager = FileManager.default
        let file = folder + "/out/control-plane/qa/configs/platform.yaml"
        try manager.removeItem(atPath: file)
        try manager.createSymbolicLink(atPath: file, withDestinationPath: folder + "/outside/keep.txt")
        try manager.createSymbolicLink(atPath: folder + "/out/gitops/qa/west-us/shop-qa/escape", withDestinationPath: folder + "/outside")
        try manager.removeItem(atPath: folder + "/out/workloads")
        try manager.createSymbolicLink(atPath: folder + "/out/workloads", withDestinationPath: folder + "/outside")
        let before = tree(of: folder)

        let run = try runKalc(["compile", "project", "--out", "out"], in: folder)
        XCTAssertEqual(run.status, 2, run.standardError)
        XCTAssertTrue(run.standardError.contains("error[K0910]: out holds a symbolic link kalc did not make"), run.standardError)
        XCTAssertEqual(tree(of: folder), before)
        XCTAssertEqual(tree(of: folder + "/outside"), ["keep.txt": Data("keep\n".utf8)])
    }

    func testASymbolicLinkAsTheOutputFolderIsRefused() throws {
        let (folder, _) = try previousOutput()
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder + "/elsewhere", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: folder + "/link", withDestinationPath: "out")
        try manager.createSymbolicLink(atPath: folder + "/empty-link", withDestinationPath: "elsewhere")
        let before = tree(of: folder)
        for link in ["link", "empty-link"] {
            let run = try runKalc(["compile", "project", "--out", link], in: folder)
            XCTAssertEqual(run.status, 2, run.standardError)
            XCTAssertTrue(run.standardError.contains("symbolic link"), run.standardError)
        }
        XCTAssertEqual(tree(of: folder), before)
        XCTAssertEqual(try manager.destinationOfSymbolicLink(atPath: folder + "/link"), "out")
    }

    /// The functions of Go's templates and sprig that would read the machine (its
    /// environment, the network, the clock) or make output that differs from run to run.
    /// docs/security.md lists the same functions.
    static let refusedCalls: [String: String] = [
        "env": #"env "HOME""#, "expandenv": #"expandenv "$HOME""#, "getHostByName": #"getHostByName "example.com""#,
        "now": "now", "ago": "ago 0", "uuidv4": "uuidv4",
        "randAlpha": "randAlpha 8", "randAlphaNum": "randAlphaNum 8", "randAscii": "randAscii 8", "randNumeric": "randNumeric 8",
        "shuffle": #"shuffle "abc""#, "genPrivateKey": #"genPrivateKey "rsa""#, "genCA": #"genCA "ca" 365"#,
        "genSelfSignedCert": #"genSelfSignedCert "a" nil nil 365"#, "genSignedCert": #"genSignedCert "a" nil nil 365 (genCA "ca" 365)"#,
        "buildCustomCert": #"buildCustomCert "a" "b""#, "encryptAES": #"encryptAES "key" "text""#,
    ]

    /// Functions other template engines have for reading files or the cluster; kalc's
    /// templates do not have them at all.
    static let absentCalls = [#"readFile "/etc/passwd""#, #"include "x" ."#, #"tpl "{{ env \"HOME\" }}" ."#, #"lookup "v1" "Secret" "" """#, ".Files.Get \"x\"", ".Env.HOME"]

    func testTemplatesCannotReadTheMachine() throws {
        let folder = try temporaryFolder(self)
        func check(_ call: String) throws -> [String] {
            let source = shop([("config = configmap", "config = probe")]) + "\ntemplate probe {\n  type = config\n  manifest \"\"\"\n    value: {{ \(call) }}\n    \"\"\"\n}\n"
            try source.write(toFile: folder + "/probe.kal", atomically: true, encoding: .utf8)
            let run = try runKalc(["compile", "probe.kal", "--out", "out", "--format", "json"], in: folder, environment: ["HOME": "/home/kalc-secret"])
            XCTAssertEqual(run.status, 1, "\(call): \(run.standardError)")
            XCTAssertFalse(run.standardOutput.contains("kalc-secret") || run.standardError.contains("kalc-secret"), call)
            return reportedDiagnostics(run.standardOutput).map(\.code)
        }
        for (function, call) in Self.refusedCalls.sorted(by: { $0.key < $1.key }) {
            XCTAssertTrue(try check(call).contains("K0503"), function)
        }
        // A date function given no time would use the current one.
        XCTAssertTrue(try check(#"date "2006" .Environment"#).contains("K0503"))
        for call in Self.absentCalls {
            let codes = try check(call)
            XCTAssertTrue(codes.contains("K0502") || codes.contains("K0505"), "\(call): \(codes)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out"))
        let documented = try repositoryFile("docs/security.md").split(separator: "\n")
            .drop { !$0.hasPrefix("<!-- refused template functions -->") }.dropFirst()
            .prefix { !$0.hasPrefix("<!--") }
            .flatMap { line in line.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) } }
        XCTAssertEqual(Set(documented), Set(Self.refusedCalls.keys))
    }

    func testImportsReadNoFileButSource() throws {
        let folder = try temporaryFolder(self)
        try write([("notes.txt", Array("secret notes\n".utf8)), ("project/shop.kal", Array(shopSource.utf8))], under: folder)
        for (path, code) in [("/proc/self/environ", "K0117"), ("../notes.txt", "K0117"), ("/etc/passwd", "K0117"), ("../missing", "K0116")] {
            try "import \"\(path)\"\n".write(toFile: folder + "/project/import.kal", atomically: true, encoding: .utf8)
            let run = try runKalc(["check", "project", "--format", "json"], in: folder, environment: ["KALC_TEST_SECRET": "s3cr3t-value"])
            XCTAssertEqual(run.status, 1, "\(path): \(run.standardError)")
            XCTAssertEqual(reportedDiagnostics(run.standardOutput), [ReportedDiagnostic(code: code, file: "project/import.kal", line: 1)], path)
            for secret in ["s3cr3t-value", "secret notes", "root:"] {
                XCTAssertFalse(run.standardOutput.contains(secret), "\(path) shows \(secret)")
            }
        }
    }
}
