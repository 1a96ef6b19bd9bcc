import Foundation
import KalcDiagnostics
import KalcGitOps
import XCTest

/// The rendered manifests one compile keeps are bounded in total: the manifest that crosses
/// the bound is reported once, naming its deployment and environment, and no tree is pushed.
final class OutputBudgetTests: XCTestCase {
    /// `clusterTypes` cluster types in environment `qa`, each with `targets` deployment
    /// targets, whose config manifest renders 1,000 `x` and the cluster type's name.
    static func plane(clusterTypes: Int, targets: Int = 1) -> CompileInputs {
        let types = (1...clusterTypes).map { "  clusterType ct\($0) [region: west] {\n    reconciler = arc-flux\n    namespace = default\n    config = big\n  }\n" }
        let workloadTargets = (1...targets).map { "  target t\($0) in qa {\n    manifests = cp @ \"qa\" / \"./shop\"\n  }\n" }
        return CompileInputs(
            """
            import std.templates

            repo cp = "https://github.com/contoso/control-plane"

            environment qa {
              controlPlane = cp @ "qa"
              gitops = cp @ "gitops-qa"
              base = cp @ "main"

            \(types.joined())
              policy everything {}
            }

            template big {
              type = config
              manifest "{{ repeat 1000 \\"x\\" }}{{ .ClusterType }}"
            }

            workload shop {
              workspace = "retail"
              source = cp @ "main" / "./workloads/shop"

            \(workloadTargets.joined())}

            """)
    }

    func testTheManifestThatCrossesTheBoundIsReportedAndNothingIsPushed() {
        let inputs = Self.plane(clusterTypes: 3)
        let whole = inputs.compile()
        XCTAssertFalse(whole.diagnostics.contains { $0.code == .gitOpsOutputTooLarge })
        XCTAssertEqual(whole.trees.map(\.isPushed), [true])
        let rendered = whole.trees[0].files.filter { !$0.key.hasSuffix("README.md") }.values.reduce(0) { $0 + $1.utf8.count }
        // At the bound, everything is kept, byte for byte.
        let atBound = inputs.compile(maxOutputBytes: rendered)
        XCTAssertEqual(atBound.trees[0].files, whole.trees[0].files)
        XCTAssertTrue(atBound.trees[0].isPushed)

        // The config manifest of the last cluster type (1,003 bytes) crosses it.
        let over = inputs.compile(maxOutputBytes: rendered - 500)
        let reported = over.diagnostics.filter { $0.code == .gitOpsOutputTooLarge }
        XCTAssertEqual(reported.count, 1, "\(over.diagnostics)")
        XCTAssertEqual(reported.first?.severity, .error)
        XCTAssertEqual(reported.first?.environment, "qa")
        // At the manifest.
        let text = String(decoding: inputs.sources["t.kal"]?.bytes ?? [], as: UTF8.self)
        let manifest = text.range(of: "\"{{ repeat").map { text[..<$0.lowerBound].utf8.count }
        XCTAssertEqual(reported.first?.location.file, "t.kal")
        XCTAssertEqual(reported.first?.location.span.start, manifest)
        XCTAssertTrue(reported.first?.message.contains("cluster type `ct3` in environment `qa`") ?? false, reported.first?.message ?? "")
        XCTAssertEqual(over.trees.map(\.isPushed), [false])
    }

    /// Parts of an environment rendered side by side share the bound: one report, and the
    /// assignments after it are not rendered.
    func testPartsOnSeveralThreadsShareTheBound() {
        let inputs = Self.plane(clusterTypes: 2, targets: 80)
        let over = inputs.compile(threads: 4, maxOutputBytes: 20_000)
        XCTAssertEqual(over.diagnostics.filter { $0.code == .gitOpsOutputTooLarge }.count, 1, "\(over.diagnostics)")
        XCTAssertFalse(over.trees[0].isPushed)
        XCTAssertLessThan(over.timings.manifestsRendered, 160)
    }
}
