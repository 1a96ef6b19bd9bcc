import KalcDiagnostics
import KalcResources
import KalcSemantics
import KalcSyntax
import XCTest

/// A deployment target's `manifests:` with no value is a nil map in Kalypso, which templates
/// tell from an empty one (`toJson` prints `null`, not `{}`): import keeps it as
/// `manifests = null`, and compiling that gives the null back.
final class NullManifestsTests: XCTestCase {
    static let files = [
        SourceFile(
            path: "in/control-plane/main/environments.yaml",
            text: """
                apiVersion: scheduler.kalypso.io/v1alpha1
                kind: Environment
                metadata:
                  name: dev
                spec:
                  controlPlane:
                    repo: https://github.com/contoso/control-plane
                    branch: dev
                    path: .
                ---
                apiVersion: scheduler.kalypso.io/v1alpha1
                kind: WorkloadRegistration
                metadata:
                  name: app
                spec:
                  workload:
                    repo: https://github.com/contoso/app
                    branch: main
                    path: ./workload
                  workspace: team-a
                """),
        SourceFile(
            path: "in/control-plane/dev/repos.yaml",
            text: """
                apiVersion: scheduler.kalypso.io/v1alpha1
                kind: GitOpsRepo
                metadata:
                  name: dev
                spec:
                  repo: https://github.com/contoso/platform-gitops
                  branch: dev
                  path: .
                """),
        SourceFile(
            path: "in/workloads/app/workload.yaml",
            text: """
                apiVersion: scheduler.kalypso.io/v1alpha1
                kind: Workload
                metadata:
                  name: app
                spec:
                  deploymentTargets:
                    - name: none
                      environment: dev
                      manifests:
                    - name: tilde
                      environment: dev
                      manifests: ~
                    - name: empty
                      environment: dev
                      manifests: {}
                    - name: full
                      environment: dev
                      manifests:
                        repo: "null"
                """),
    ]

    /// Whether each target of the plane's one workload has null manifests, with its entries.
    func targets(_ plane: ControlPlane) -> [String] {
        plane.workloads.flatMap(\.deploymentTargets).map { target in
            "\(target.name.value): " + (target.manifestsAreNull ? "null" : target.manifestEntries.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
        }
    }

    func testImportKeepsNullManifestsAndCompilingGivesThemBack() throws {
        let reader = ControlPlaneReader.read(Self.files, root: "in")
        XCTAssertEqual(reader.diagnostics.filter { $0.severity == .error }.map(\.message), [])
        let expected = ["none: null", "tilde: null", "empty: ", "full: repo=null"]
        XCTAssertEqual(targets(reader.plane), expected)

        let source = KalSourceWriter.source(of: reader.plane)
        XCTAssertEqual(source.components(separatedBy: "manifests = null").count - 1, 2, source)
        let tree = SyntaxTree.parse(SourceFile(path: "imported.kal", text: source))
        XCTAssertEqual(tree.diagnostics.map(\.message), [], source)
        XCTAssertEqual(Formatter.format(tree), source)
        let analysis = Semantics.analyze([tree])
        XCTAssertEqual(analysis.diagnostics.filter { $0.severity == .error }.map(\.message), [], source)
        XCTAssertEqual(targets(analysis.controlPlane), expected)

        let emitted = try ControlPlaneFiles.files(of: analysis.controlPlane)
        let reread = ControlPlaneReader.read(emitted.map { SourceFile(path: "out/" + $0.key, text: $0.value) }, root: "out")
        XCTAssertEqual(targets(reread.plane), expected, emitted.values.joined(separator: "\n---\n"))
    }

    func testOnlyTheWordNullIsNull() {
        let analysis = Semantics.analyze([
            SyntaxTree.parse(
                SourceFile(
                    path: "t.kal",
                    text: """
                        environment dev {
                          controlPlane = "https://github.com/contoso/control-plane" @ dev
                        }

                        workload app {
                          workspace = "team-a"
                          source = "https://github.com/contoso/app" @ main / "./workload"

                          target word in dev {
                            manifests = null
                          }

                          target text in dev {
                            manifests = "null"
                          }
                        }
                        """))
        ])
        let targets = analysis.controlPlane.workloads.flatMap(\.deploymentTargets)
        XCTAssertEqual(targets.map(\.manifestsAreNull), [true, false])
        let errors = analysis.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.message).filter { $0.contains("`manifests` must be a repository reference") }.count, 1, errors.map(\.message).joined(separator: "\n"))
    }
}
