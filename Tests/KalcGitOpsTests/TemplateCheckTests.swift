import KalcDiagnostics
import KalcGitOps
import KalcScheduling
import KalcSemantics
import KalcSyntax
import KalcTestSupport
import XCTest

/// Compiles a small project around a template and checks the diagnostics at markers.
enum TemplateHarness {
    /// A project whose cluster type uses the template `custom` as its reconciler.
    static func project(template: String, config: String = "") -> String {
        """
        import std.templates

        repo cp = "https://github.com/contoso/control-plane"

        template custom {
          type = reconciler
        \(template)
        }

        environment qa {
          controlPlane = cp @ "qa"
          gitops = cp @ "gitops-qa"
          base = cp @ "main"

          clusterType west-us [region: westus] {
            reconciler = custom
            namespace = default
            config = configmap
          }

          policy everything {}

          config platform {
            region_name = westus
        \(config)
          }
        }

        workload app {
          workspace = "team"
          source = cp @ "main" / "./app"

          target qa in qa {
            manifests = cp @ "qa" / "./manifests"
          }
        }
        """
    }

    /// Compiles `marked` and checks the diagnostics against the expectations (code and text
    /// at each marker); any other diagnostic must be the error of a deployment the mistake
    /// fails, naming it (Kalypso opens an issue for each).
    static func check(_ marked: String, _ expected: [(marker: String, code: DiagnosticCode, message: String)], file: StaticString = #filePath, line: UInt = #line) {
        let source = MarkedSource(marked)
        let sourceFile = SourceFile(path: "t.kal", text: source.text)
        let tree = SyntaxTree.parse(sourceFile)
        XCTAssertEqual(tree.diagnostics.map(\.message), [], file: file, line: line)
        let analysis = Semantics.analyze([tree])
        let scheduler = Scheduler.schedule(analysis.controlPlane)
        var sources = StandardLibrary.modules.values.reduce(into: [String: SourceFile]()) { $0[$1.path] = $1 }
        sources[sourceFile.path] = sourceFile
        let compilation = GitOpsCompiler.compile(analysis.controlPlane, schedules: scheduler.schedules, sources: sources)
        let all = (analysis.diagnostics + scheduler.diagnostics + compilation.diagnostics).sorted(by: Diagnostic.reportOrder)
        let summary = all.map { "\($0.location.span.start) \($0.code) \($0.message)" }.joined(separator: "\n")
        let consequences = all.filter { $0.severity == .error && $0.message.contains("deployment target `app-qa`") }
        XCTAssertEqual(
            all.count,
            expected.count + consequences.count
                - consequences.filter { diagnostic in
                    expected.contains { source.offsets[$0.marker] == diagnostic.location.span.start && $0.code == diagnostic.code && diagnostic.message.contains($0.message) }
                }.count, summary, file: file, line: line)
        for expectation in expected {
            let offset = source.offsets[expectation.marker]
            let match = all.first { $0.location.file == "t.kal" && $0.location.span.start == offset && $0.code == expectation.code && $0.message.contains(expectation.message) }
            XCTAssertNotNil(match, "no \(expectation.code) at \(expectation.marker) saying \(expectation.message):\n\(summary)", file: file, line: line)
        }
    }

}

/// Template mistakes are reported inside the `.kal` file, at the line and column of the
/// template text where they are.
final class TemplateCheckTests: XCTestCase {
    func testACleanTemplateRendersWithoutDiagnostics() {
        TemplateHarness.check(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        name: {{ .DeploymentTargetName }}
                        region: {{ .ConfigData.region_name | quote }}
                        \"\"\"
                    """), [])
    }

    func testUndefinedFunctionIsLocatedInTheTemplateText() {
        TemplateHarness.check(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        kind: Example
                        name: {{ 1️⃣upcase .Workload }}
                        \"\"\"
                    """), [("1️⃣", .unknownTemplateFunction, "calls `upcase`, which is not a function")])
    }

    func testUnclosedIfIsASyntaxError() {
        TemplateHarness.check(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        kind: Example
                        {{ if .Workload }}
                        name: x
                    1️⃣    \"\"\"
                    """), [("1️⃣", .templateSyntax, "unexpected EOF")])
    }

    func testEnvironmentReadsDoNotCompile() {
        TemplateHarness.check(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        home: {{ 1️⃣env "HOME" }}
                        \"\"\"
                    """), [("1️⃣", .refusedTemplateFunction, "calls `env`, which kalc refuses")])
    }

    func testUnknownDataFieldSuggestsTheClosestField() {
        TemplateHarness.check(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        name: {{ 1️⃣.Worklod }}
                        \"\"\"
                    """), [("1️⃣", .unknownTemplateField, "reads `.Worklod`")])
    }

    func testMissingKeysAreLocatedWarningsNamingTheDeployment() {
        TemplateHarness.check(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        branch: {{ 1️⃣.Manifests.branhc }}
                        size: {{ 2️⃣.ConfigData.size }}
                        \"\"\"
                    """),
            [
                ("1️⃣", .missingTemplateValue, "prints `<no value>` for `.Manifests.branhc` for deployment target `app-qa` on `west-us` in `qa`"),
                ("2️⃣", .missingTemplateValue, "prints `<no value>` for `.ConfigData.size`"),
            ])
    }

    func testExecutionErrorsNameTheDeployment() {
        TemplateHarness.check(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        first: {{ 1️⃣index .ConfigData.list 3 }}
                        \"\"\"
                    """, config: "    list = [a, b]"), [("1️⃣", .templateExecutionFailed, "fails for deployment target `app-qa` on cluster type `west-us` in environment `qa`")])
    }
}

/// Config checks that need Kalypso's YAML reading and schema validation.
final class ConfigCheckTests: XCTestCase {

    func testStringValueThatKalypsoReadsAsAMap() {
        TemplateHarness.check(
            TemplateHarness.project(template: "  manifest \"x: 1\\n\"", config: "    1️⃣retry = \"Error: retry later\""),
            [("1️⃣", .configValueBecomesStructure, "reads the string value of `retry` as a YAML map")])
    }

    func testInvalidJSONSchemaIsReportedWhereItIsWritten() {
        let source = TemplateHarness.project(template: "  manifest \"x: 1\\n\"")
            .replacingOccurrences(of: "  target qa in qa {", with: "  requires json 1️⃣\"{\\\"type\\\": 12}\"\n\n  target qa in qa {")
        TemplateHarness.check(source, [("1️⃣", .invalidSchema, "not a valid JSON Schema")])
    }

    func testRequirementNotMetNamesTheDeploymentAndSuggestsTheKey() {
        let source = TemplateHarness.project(template: "  manifest \"x: 1\\n\"", config: "    inference-url = \"https://x\"")
            .replacingOccurrences(of: "  target qa in qa {", with: "  1️⃣requires {\n    inference_url: string\n  }\n\n  target qa in qa {")
        TemplateHarness.check(
            source,
            [
                (
                    "1️⃣", .configRequirementNotMet,
                    "deployment target `app-qa` on cluster type `west-us` in environment `qa` does not get the config it requires: inference_url is required"
                )
            ])
    }

    func testNumericStringsFailStringRequirementsAsInKalypso() {
        let source = TemplateHarness.project(template: "  manifest \"x: 1\\n\"", config: "    port = \"8080\"")
            .replacingOccurrences(of: "  target qa in qa {", with: "  1️⃣requires {\n    port: string\n  }\n\n  target qa in qa {")
        TemplateHarness.check(source, [("1️⃣", .configRequirementNotMet, "port: Invalid type. Expected: string, given: integer")])
    }

    func testAConfigThatLosesToAnotherByNameOrder() {
        let source = TemplateHarness.project(template: "  manifest \"x: 1\\n\"", config: "    1️⃣tier = gold")
            .replacingOccurrences(of: "  policy everything {}", with: "  policy everything {}\n\n  config zz-defaults {\n    tier = silver\n  }")
        TemplateHarness.check(source, [("1️⃣", .configOverridden, "config `platform` sets `tier`, but config `zz-defaults` sets it too and wins")])
    }
}
