import Foundation
import KalcDiagnostics
import KalcGitOps
import KalcScheduling
import KalcSemantics
import KalcSyntax
import KalcTestSupport
import XCTest

/// A compile for diagnostics only knows the outcome of most manifests from an equal render
/// of another assignment; it must report exactly what a compile that renders every
/// manifest reports.
final class FirstPassReuseTests: XCTestCase {
    struct Compiled {
        var diagnostics: [String]
        var timings: GitOpsTimings
        var files: [String: String]
    }

    static func compile(_ inputs: CompileInputs, keepsFiles: Bool, threads: Int = 1, reusesWork: Bool = true) -> Compiled {
        let compilation = inputs.compile(keepsFiles: keepsFiles, threads: threads, reusesWork: reusesWork)
        let diagnostics = compilation.diagnostics.map { diagnostic in
            ([diagnostic.environment ?? "-", "\(diagnostic.location)", "\(diagnostic.code)", diagnostic.message, diagnostic.hint ?? "-"]
                + diagnostic.notes + diagnostic.labels.map { "\($0.location) \($0.message)" }).joined(separator: "\n")
        }
        var files: [String: String] = [:]
        for tree in compilation.trees {
            for (path, content) in tree.files { files[tree.environment + "/" + path] = content }
        }
        return Compiled(diagnostics: diagnostics, timings: compilation.timings, files: files)
    }

    /// Compiles `files` both ways and compares; answers the diagnostics-only compile.
    @discardableResult
    static func compareBothWays(_ files: [SourceFile], name: String, threads: Int = 1) -> Compiled {
        let inputs = CompileInputs(files)
        // Every assignment on its own, twice (the result is deterministic).
        let full = compile(inputs, keepsFiles: true, threads: threads, reusesWork: false)
        let again = compile(inputs, keepsFiles: true, threads: threads, reusesWork: false)
        XCTAssertEqual(again.diagnostics, full.diagnostics, "again " + name)
        // Sharing work: the same trees, and the same diagnostics with or without files.
        let shared = compile(inputs, keepsFiles: true, threads: threads)
        XCTAssertEqual(shared.diagnostics, full.diagnostics, "shared " + name)
        XCTAssertEqual(shared.files, full.files, "shared " + name)
        let check = compile(inputs, keepsFiles: false, threads: threads)
        XCTAssertEqual(check.diagnostics, full.diagnostics, name)
        XCTAssertEqual(full.timings.firstPassesReused, 0, name)
        return check
    }

    func testEveryGoldenAndOracleCase() throws {
        var reused = 0
        for (name, input) in try GoldenCase.allInputs() {
            reused += Self.compareBothWays([try GoldenCase.imported(input).file], name: name).timings.firstPassesReused
        }
        XCTAssertGreaterThan(reused, 50)
    }

    func testExamples() throws {
        let root = repositoryRoot + "/examples"
        for name in try FileManager.default.contentsOfDirectory(atPath: root).sorted() {
            guard let enumerator = FileManager.default.enumerator(atPath: root + "/" + name) else { continue }
            let files = try enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".kal") }.sorted().map { path in
                SourceFile(path: path, text: try String(contentsOfFile: root + "/" + name + "/" + path, encoding: .utf8))
            }
            guard !files.isEmpty else { continue }
            Self.compareBothWays(files, name: name)
        }
    }

    /// A template that changes `.ConfigData` makes the manifests after it in the same
    /// assignment see changed data: their outcomes must not come from other assignments.
    func testManifestsAfterOneThatChangesTheData() {
        let check = Self.compareBothWays(
            [
                SourceFile(
                    path: "t.kal",
                    text: Self.fleet(
                        reconciler: """
                              manifest \"\"\"
                                {{ if eq .Workload "app1" }}{{ $_ := set .ConfigData "extra" "x" }}{{ end }}
                                \"\"\"
                            """,
                        namespace: """
                              manifest \"\"\"
                                extra: {{ .ConfigData.extra }}
                                \"\"\"
                            """))
            ], name: "set")
        XCTAssertTrue(check.diagnostics.contains { $0.contains("<no value>") })
    }

    /// Outcomes that depend on the printed text: braces that make Kalypso render the output
    /// again, missing keys, failures that depend on a value, on several threads.
    func testValuesThatChangeTheOutcome() {
        let manifest = """
              manifest \"\"\"
                name: {{ .DeploymentTargetName }}{ {{- .ConfigData.open }}{{ .ConfigData.open }}
                size: {{ .ConfigData.size | len }}
                {{ if .ConfigData.flag }}flag: {{ .ConfigData.missing }}{{ end }}
                \"\"\"
            """
        for threads in [1, 3] {
            let check = Self.compareBothWays([SourceFile(path: "t.kal", text: Self.fleet(reconciler: manifest, namespace: manifest))], name: "values", threads: threads)
            XCTAssertGreaterThan(check.timings.firstPassesReused, 100)
            XCTAssertTrue(check.diagnostics.contains { $0.contains("\(DiagnosticCode.configRequirementNotMet)") })
            XCTAssertGreaterThan(check.timings.manifestsRendered, 4)
        }
    }

    /// A fleet of 60 workloads on four cluster types whose configs differ.
    static func fleet(reconciler: String, namespace: String) -> String {
        var text = """
            import std.templates

            repo cp = "https://github.com/contoso/control-plane"

            template custom-reconciler {
              type = reconciler
            \(reconciler)
            }

            template custom-namespace {
              type = namespace
            \(namespace)
            }

            environment qa {
              controlPlane = cp @ "qa"
              gitops = cp @ "gitops-qa"
              base = cp @ "main"

              policy everything {}

            """
        let configs = [
            "open = \"{\"\n    size = \"abc\"\n    flag = \"yes\"",
            "open = \"x\"\n    size = \"12\"",
            "size = \"{{ .Environment }}\"\n    flag = \"\"",
            "open = \"\"\n    size = 7",
        ]
        for (index, config) in configs.enumerated() {
            text += """

                  clusterType ct\(index) [slot: s\(index)] {
                    reconciler = custom-reconciler
                    namespace = custom-namespace
                    config = configmap
                  }

                  config c\(index) [slot: s\(index)] {
                    \(config)
                  }

                """
        }
        // Configs and requirements that depend on the target, not only on its cluster type.
        text += """

              config team-one [team: t1] {
                flag = "team"
              }

              config for-app3 [workload: app3] {
                size = "3"
              }

              schema needs-size [slot: s1] {
                requires {
                  size: string
                }
              }

              schema team-two [team: t2] {
                requires {
                  open: string
                }
              }

            """
        text += "}\n"
        for workload in 0..<60 {
            text += """

                workload app\(workload) [team: t\(workload % 3)] {
                  workspace = "team"
                  source = "https://github.com/contoso/app" @ "main" / "./workload"

                  target qa in qa {
                    manifests = "https://github.com/contoso/app-gitops" @ "qa" / "./\(workload % 7 == 0 ? "{" : "m")"
                  }
                }

                """
        }
        return text
    }
}

/// Checks for diagnostics through one cache (as the language server makes them) keep the
/// outcomes of first passes by the manifest's text: a later check renders only for facts no
/// earlier one met, and reports exactly what a fresh check reports.
final class FirstPassCacheTests: XCTestCase {
    static func check(_ text: String, cache: GitOpsCache?) -> FirstPassReuseTests.Compiled {
        let compilation = CompileInputs(text).compile(cache: cache, keepsFiles: false)
        let diagnostics = compilation.diagnostics.map { "\($0.location) \($0.code) \($0.message) \($0.notes)" }
        return FirstPassReuseTests.Compiled(diagnostics: diagnostics, timings: compilation.timings, files: [:])
    }

    func testLaterChecksRenderOnlyWhatIsNew() {
        let manifest = """
              manifest \"\"\"
                name: {{ .DeploymentTargetName }}
                size: {{ .ConfigData.size | len }}
                {{ if .ConfigData.flag }}flag: {{ .ConfigData.missing }}{{ end }}
                \"\"\"
            """
        let first = FirstPassReuseTests.fleet(reconciler: manifest, namespace: manifest)
        // An edit that moves every line and changes one config value.
        let edited = "// moved\n" + first.replacingOccurrences(of: "size = \"abc\"", with: "size = \"abcd\"")
        let cache = GitOpsCache()
        let cold = Self.check(first, cache: cache)
        XCTAssertGreaterThan(cold.timings.manifestsRendered, 0)
        // Output that holds `{{` (here a config value on ct2 that `stringify` prints) is
        // rendered again by Kalypso, and by every check: those renders remain.
        let again = Self.check(first, cache: cache)
        XCTAssertEqual(again.diagnostics, cold.diagnostics)
        XCTAssertLessThan(again.timings.manifestsRendered, cold.timings.manifestsRendered)
        let afterEdit = Self.check(edited, cache: cache)
        XCTAssertEqual(afterEdit.diagnostics, Self.check(edited, cache: nil).diagnostics)
        XCTAssertLessThan(afterEdit.timings.manifestsRendered, cold.timings.manifestsRendered)
        XCTAssertGreaterThan(afterEdit.timings.manifestsRendered, again.timings.manifestsRendered, "the changed value gives new facts")
        print("renders: cold \(cold.timings.manifestsRendered), again \(again.timings.manifestsRendered), after the edit \(afterEdit.timings.manifestsRendered)")
    }
}
