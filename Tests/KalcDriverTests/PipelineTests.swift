import Foundation
import KalcDiagnostics
import KalcDriver
import KalcGitOps
import KalcSemantics
import KalcSyntax
import XCTest

/// The pipeline runs the phases asked for and no more, compiles the GitOps trees of the
/// environments asked for, and keeps the diagnostics of those environments.
final class PipelineTests: XCTestCase {
    /// Two environments, each with a cluster type whose config manifest is a template;
    /// `devManifest` is the manifest of `dev`'s.
    private func project(devManifest: String = "{{ .ClusterType }}") -> [SourceFile] {
        [
            SourceFile(
                path: "fleet.kal",
                text: """
                    import std.templates

                    repo cp = "https://github.com/contoso/control-plane"

                    environment dev {
                      controlPlane = cp @ "dev"
                      gitops = cp @ "gitops-dev"
                      base = cp @ "main"

                      clusterType small [region: west] {
                        reconciler = arc-flux
                        namespace = default
                        config = dev-config
                      }
                      policy everything {}
                    }

                    environment qa {
                      controlPlane = cp @ "qa"
                      gitops = cp @ "gitops-qa"
                      base = cp @ "main"

                      clusterType large [region: east] {
                        reconciler = arc-flux
                        namespace = default
                        config = qa-config
                      }
                      policy everything {}
                    }

                    template dev-config {
                      type = config
                      manifest "\(devManifest)"
                    }

                    template qa-config {
                      type = config
                      manifest "{{ .ClusterType }}"
                    }

                    workload shop {
                      workspace = "retail"
                      source = cp @ "main" / "./workloads/shop"

                      target d in dev {
                        manifests = cp @ "dev" / "./shop"
                      }
                      target q in qa {
                        manifests = cp @ "qa" / "./shop"
                      }
                    }

                    """)
        ]
    }

    func testEachPhaseRunsThoseBeforeItAndNoMore() {
        let files = project()
        let parsed = Pipeline.run(files, options: PipelineOptions(through: .parse))
        XCTAssertEqual(parsed.trees.count, 1)
        XCTAssertNil(parsed.analysis)
        let checked = Pipeline.run(files, options: PipelineOptions(through: .check))
        XCTAssertEqual(checked.analysis?.controlPlane.environments.count, 2)
        XCTAssertNil(checked.scheduler)
        let scheduled = Pipeline.run(files, options: PipelineOptions(through: .schedule))
        XCTAssertEqual(scheduled.scheduler?.schedules.map { $0.assignments.count }, [1, 1])
        XCTAssertNil(scheduled.gitOps)
        let compiled = Pipeline.run(files)
        XCTAssertEqual(compiled.gitOps?.trees.map(\.environment), ["dev", "qa"])
        XCTAssertEqual(compiled.diagnostics.filter { $0.severity == .error }.map(\.message), [])
    }

    func testNothingIsCompiledForAProjectThatDoesNotParse() {
        let files = project() + [SourceFile(path: "broken.kal", text: "environment {\n")]
        let result = Pipeline.run(files)
        XCTAssertTrue(result.hasSyntaxErrors)
        XCTAssertNotNil(result.scheduler)
        XCTAssertNil(result.gitOps)
    }

    func testAResultNoLongerWantedStopsAfterParsing() {
        let result = Pipeline.run(project(), options: PipelineOptions(isWanted: { false }))
        XCTAssertEqual(result.trees.count, 1)
        XCTAssertNil(result.analysis)
    }

    func testChecksInPlaceOfTheGitOpsCompileSeeTheWholeProject() {
        let seen = SeenSources()
        let checks: LaterChecks = { plane, schedules, sources, _ in
            seen.record(sources.keys.sorted())
            return [
                Diagnostic(
                    DiagnosticCode.templateExecutionFailed, "checked \(plane.environments.count) environments, \(schedules.count) schedules",
                    at: Location(file: "fleet.kal", span: .point(0)))
            ]
        }
        let result = Pipeline.run(project(), options: PipelineOptions(laterChecks: checks))
        XCTAssertEqual(result.gitOps?.trees.count, 0)
        XCTAssertTrue(result.diagnostics.contains { $0.message == "checked 2 environments, 2 schedules" })
        XCTAssertEqual(seen.paths, (["fleet.kal"] + StandardLibrary.modules.values.map(\.path)).sorted())
    }

    func testOnlyTheEnvironmentsAskedForAreCompiled() {
        let result = Pipeline.run(project(), options: PipelineOptions(environments: ["qa"]))
        XCTAssertEqual(result.gitOps?.trees.map(\.environment), ["qa"])
    }

    func testTheDiagnosticsOfOtherEnvironmentsAreLeftOut() {
        let result = Pipeline.run(project(devManifest: "{{ fail \\\"dev only\\\" }}"))
        let failures = result.diagnostics.filter { $0.message.contains("dev only") }
        XCTAssertFalse(failures.isEmpty, "\(result.diagnostics.map(\.message))")
        XCTAssertTrue(failures.allSatisfy { $0.environment == "dev" })
        XCTAssertFalse(result.diagnostics(for: ["dev"]).filter { $0.message.contains("dev only") }.isEmpty)
        XCTAssertTrue(result.diagnostics(for: ["qa"]).filter { $0.message.contains("dev only") }.isEmpty)
        // Diagnostics of no environment count for every environment.
        XCTAssertEqual(result.diagnostics(for: ["qa"]).filter { $0.environment == nil }.count, result.diagnostics.filter { $0.environment == nil }.count)
        let qaOnly = Pipeline.run(project(devManifest: "{{ fail \\\"dev only\\\" }}"), options: PipelineOptions(environments: ["qa"]))
        XCTAssertTrue(qaOnly.diagnostics.filter { $0.message.contains("dev only") }.isEmpty)
    }
}

/// The source paths the checks were handed.
private final class SeenSources: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []

    func record(_ paths: [String]) { lock.withLock { recorded = paths } }
    var paths: [String] { lock.withLock { recorded } }
}
