import KalcDiagnostics
import KalcSemantics
import KalcSyntax
import XCTest

/// Lowering a project's declarations in parts on several threads gives what one thread
/// gives: the same objects in the same order, the same diagnostics in the same order.
final class ParallelLoweringTests: XCTestCase {
    /// Several hundred top-level items over three files, some of them wrong in ways lowering
    /// reports.
    static func project() -> [SyntaxTree] {
        var files: [String] = ["", "", ""]
        for index in 0..<400 {
            let text: String
            switch index % 8 {
            case 0:
                text =
                    "environment env\(index) {\n  controlPlane = cp @ \"env\(index)\"\n  clusterType ct\(index) [region: r\(index % 3)] {\n    reconciler = arc-flux\n    namespace = default\n  }\n}\n"
            case 1:
                text =
                    "workload app\(index) [team: t\(index % 4)] {\n  workspace = \"team\"\n  source = cp @ \"main\" / \"./app\"\n  target qa in env0 {\n    manifests = cp @ \"qa\" / \"./m\"\n  }\n  colour = blue\n}\n"
            case 2:
                text = "target stray\(index) in env0 {}\n"
            case 3:
                text = "config c\(index) [region: r\(index % 3)] {\n  key\(index) = \"v\"\n}\n"
            case 4:
                text = "workload bad\(index) {\n  source = nowhere @ \"main\" / \"./x\"\n  target t in env0 {\n    manifests = cp @ \"qa\"\n  }\n}\n"
            case 5:
                text = "policy p\(index) {\n  targets where team == t1\n}\n"
            case 6:
                text = "shape = \"round\"\n"
            default:
                text = "template tpl\(index) {\n  type = config\n  manifest \"\"\"\n    x: {{ .Workload }}\n    \"\"\"\n}\n"
            }
            files[index % 3] += text + "\n"
        }
        files[0] = "repo cp = \"https://github.com/contoso/control-plane\"\n\n" + files[0]
        return files.enumerated().map { SyntaxTree.parse(SourceFile(path: "f\($0.offset).kal", text: $0.element)) }
    }

    static func outcome(_ trees: [SyntaxTree], threads: Int) -> [String] {
        let analysis = Semantics.analyze(trees, threads: threads)
        let plane = analysis.controlPlane
        let objects = [
            String(reflecting: plane.environments), String(reflecting: plane.clusterTypes), String(reflecting: plane.policies),
            String(reflecting: plane.configMaps), String(reflecting: plane.configSchemas), String(reflecting: plane.templates),
            String(reflecting: plane.gitOpsRepos), String(reflecting: plane.baseRepos), String(reflecting: plane.registrations),
            String(reflecting: plane.workloads),
        ]
        return objects + analysis.diagnostics.map { "\($0.location) \($0.code) \($0.message)" }
    }

    func testManyThreadsGiveWhatOneGives() {
        let trees = Self.project()
        let one = Self.outcome(trees, threads: 1)
        let analysis = Semantics.analyze(trees, threads: 1)
        XCTAssertGreaterThan(analysis.controlPlane.workloads.count, 90)
        XCTAssertGreaterThan(analysis.diagnostics.count, 100)
        for threads in [2, 3, 8] {
            XCTAssertEqual(Self.outcome(trees, threads: threads), one, "\(threads) threads")
        }
    }
}
