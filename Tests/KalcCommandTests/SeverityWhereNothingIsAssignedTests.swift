import Foundation
import XCTest

/// Errors only where Kalypso would not push: a mistake that stops Kalypso only for the
/// deployments it fails is a warning while none is assigned, an error for the environments
/// where one is, and one diagnostic however many deployments it fails.
final class SeverityWhereNothingIsAssignedTests: XCTestCase {
    /// An environment with a GitOps repository and a cluster type naming templates that do
    /// not exist, and nothing assigned: Kalypso pushes `qa/west/README.md` (the reference
    /// implementation confirms it).
    static let nothingAssigned = """
        repo cp = "https://github.com/contoso/kalypso-control-plane"
        repo platformGitops = "https://github.com/contoso/kalypso-platform-gitops"

        environment qa {
          controlPlane = cp @ "qa"
          gitops = platformGitops @ "qa"

          clusterType west {
            reconciler = arc-flux
            namespace = default
            config = configmap
          }
        }

        """

    /// Two environments: `qa`'s cluster type uses a template with an unknown field and a
    /// misspelled reconciler and has `count` deployments; `prod`'s uses neither and has one.
    /// A config template with an unknown function is used by no cluster type.
    static func twoEnvironments(count: Int) -> String {
        let workloads = (0..<count).map { index in
            """
            workload app\(index) {
              workspace = "team"
              source = cp @ "main" / "./app\(index)"

              target qa in qa {
                manifests = cp @ "qa" / "./app\(index)"
              }
            }

            """
        }.joined(separator: "\n")
        return """
            import std.templates

            repo cp = "https://github.com/contoso/control-plane"

            template broken {
              type = namespace

              manifest \"\"\"
                name: {{ .Foo }}
                \"\"\"
            }

            template unused {
              type = config

              manifest \"\"\"
                x: {{ nofunc . }}
                \"\"\"
            }

            environment qa {
              controlPlane = cp @ "qa"
              gitops = cp @ "gitops-qa"
              base = cp @ "main"

              clusterType west {
                reconciler = arc-flx
                namespace = broken
                config = configmap
              }

              policy everything {}
            }

            environment prod {
              controlPlane = cp @ "prod"
              gitops = cp @ "gitops-prod"
              base = cp @ "main"

              clusterType east {
                reconciler = arc-flux
                namespace = default
                config = configmap
              }

              policy everything {}
            }

            workload shop {
              workspace = "team"
              source = cp @ "main" / "./shop"

              target prod in prod {
                manifests = cp @ "prod" / "./shop"
              }
            }

            \(workloads)
            """
    }

    func diagnostics(_ run: KalcRun) throws -> [[String: Any]] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]], run.standardError)
    }

    func project(_ text: String) throws -> String {
        let folder = try temporaryFolder(self)
        try text.write(toFile: folder + "/plane.kal", atomically: true, encoding: .utf8)
        return folder
    }

    func testUnknownTemplatesWhereNothingIsAssignedAreWarningsAndTheEnvironmentCompiles() throws {
        let folder = try project(Self.nothingAssigned)
        let check = try runKalc(["check", "--format", "json", "."], in: folder)
        XCTAssertEqual(check.status, 0, check.standardOutput)
        let found = try diagnostics(check)
        XCTAssertEqual(found.map { $0["code"] as? String }, ["K0101", "K0101", "K0101"])
        XCTAssertEqual(Set(found.map { $0["severity"] as? String }), ["warning"])
        XCTAssertTrue(found.allSatisfy { (($0["notes"] as? [String]) ?? []).contains { $0.contains("becomes an error once one is") } })

        XCTAssertEqual(try runKalc(["check", "--werror", "."], in: folder).status, 1, "--werror makes them fail")

        let compile = try runKalc(["compile", ".", "--env", "qa", "--out", "build"], in: folder)
        XCTAssertEqual(compile.status, 0, compile.standardError)
        let tree = folder + "/build/gitops/qa"
        XCTAssertEqual(try FileManager.default.subpathsOfDirectory(atPath: tree).sorted(), ["west", "west/README.md"])
        XCTAssertEqual(try String(contentsOfFile: tree + "/west/README.md", encoding: .utf8), "This folder contains deployment targets scheduled on the cluster type")
    }

    func testTemplateProblemsAreErrorsOnlyForTheEnvironmentsThatRenderThem() throws {
        let folder = try project(Self.twoEnvironments(count: 1))
        let found = try diagnostics(try runKalc(["check", "--format", "json", "."], in: folder))
        let byCode = Dictionary(grouping: found) { $0["code"] as? String ?? "" }
        XCTAssertEqual(byCode["K0502"]?.map { $0["severity"] as? String }, ["warning"], "the unused template")
        XCTAssertEqual(byCode["K0505"]?.map { $0["severity"] as? String }, ["error"], "the template qa renders")
        XCTAssertNil(byCode["K0507"], "the failure of the unknown field is reported once, as K0505")
        XCTAssertEqual(byCode["K0101"]?.map { $0["severity"] as? String }, ["error"], "once, where the deployment fails")

        // prod renders neither broken template: it compiles, as Kalypso pushes it.
        let prod = try runKalc(["compile", ".", "--env", "prod", "--out", "build"], in: folder)
        XCTAssertEqual(prod.status, 0, prod.standardError)
        XCTAssertEqual(try runKalc(["compile", ".", "--env", "qa", "--out", "build-qa"], in: folder).status, 1)
    }

    /// The standard templates are declared in the main branch, which reaches no environment
    /// without a base repository.
    static func withoutBase(registration: Bool) -> String {
        """
        import std.templates

        repo cp = "https://github.com/contoso/control-plane"

        environment qa {
          controlPlane = cp @ "qa"
          gitops = cp @ "gitops-qa"

          clusterType west-us {
            reconciler = arc-flux
            namespace = default
            config = configmap
          }

          policy everything {}
        \(registration ? "\n  registration shop {\n    workspace = \"retail\"\n    source = cp @ \"main\" / \"./shop\"\n  }\n" : "")}

        workload shop {
          registration = shop

          target qa in qa {
            manifests = cp @ "qa" / "./shop"
          }
        }

        """
    }

    func testTemplatesThatDoNotReachTheEnvironmentAreErrorsOnlyWhereSomethingIsAssigned() throws {
        let unassigned = try diagnostics(try runKalc(["check", "--format", "json", "."], in: try project(Self.withoutBase(registration: false))))
        XCTAssertEqual(unassigned.filter { $0["code"] as? String == "K0306" }.map { $0["severity"] as? String }, ["warning", "warning", "warning"])

        let assigned = try diagnostics(try runKalc(["check", "--format", "json", "."], in: try project(Self.withoutBase(registration: true))))
        let found = assigned.filter { ($0["code"] as? String).map { ["K0101", "K0306"].contains($0) } ?? false }
        XCTAssertEqual(found.map { $0["code"] as? String }, ["K0306", "K0306", "K0306"], "each template once, as the error")
        XCTAssertEqual(Set(found.map { $0["severity"] as? String }), ["error"])
        XCTAssertTrue(found.allSatisfy { !(($0["labels"] as? [Any]) ?? []).isEmpty }, "the label of the declaration is kept")
    }

    func testOneTypoSharedByManyDeploymentsIsOneDiagnostic() throws {
        let folder = try project(Self.twoEnvironments(count: 6))
        let found = try diagnostics(try runKalc(["check", "--format", "json", "."], in: folder))
        let unknown = found.filter { $0["code"] as? String == "K0101" }
        XCTAssertEqual(unknown.count, 1, "\(unknown)")
        let message = try XCTUnwrap(unknown.first?["message"] as? String)
        XCTAssertTrue(
            message.hasPrefix(
                "Kalypso finds no template `arc-flx` for deployment target `app0-qa` on cluster type `west` in environment `qa` (one of 6 deployments, with `app1-qa` on `west` in `qa`, `app2-qa` on `west` in `qa` and 3 more)"
            ), message)
        XCTAssertEqual(unknown.first?["hint"] as? String, "did you mean `arc-flux`?")
        let notes = (unknown.first?["notes"] as? [String]) ?? []
        XCTAssertTrue(notes.contains("The same for `app3-qa` on `west` in `qa`, `app4-qa` on `west` in `qa`, `app5-qa` on `west` in `qa`."), "\(notes)")
    }
}
