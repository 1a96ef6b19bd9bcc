import Foundation
import KalcTestSupport
import XCTest

/// `kalc plan --base REV` end to end, in git repositories made by the git CLI.
final class PlanChangeTests: XCTestCase {
    /// A repository whose one commit holds the tutorial's control plane in `control-plane/`.
    func makeRepository() throws -> String {
        let folder = try temporaryFolder(self)
        try git(["init", "-q", "-b", "main"], in: folder)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/examples/basic-inference", toPath: folder + "/control-plane")
        try commit("the tutorial", in: folder)
        return folder
    }

    func commit(_ message: String, in folder: String) throws {
        try git(["add", "-A"], in: folder)
        try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message], in: folder)
    }

    /// Replaces `old` by `new` in a file of the repository.
    func edit(_ file: String, _ old: String, _ new: String, in folder: String) throws {
        let path = folder + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains(old), old)
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    func document(_ run: KalcRun) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], run.standardOutput + run.standardError)
    }

    /// Every entry of one list of every environment, as `environment: entry`.
    func entries(_ list: String, of document: [String: Any]) -> [String] {
        ((document["environments"] as? [[String: Any]]) ?? []).flatMap { environment in
            ((environment[list] as? [Any]) ?? []).map { entry in
                let data = (try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])) ?? Data()
                return "\(environment["name"] as? String ?? ""): " + String(decoding: data, as: UTF8.self)
            }
        }
    }

    func testListsExactlyTheMoveAndTheValueChangeOfACommit() throws {
        let folder = try makeRepository()
        try edit("control-plane/control-plane.kal", "clusterTypes where region == westus", "clusterTypes where region == eastus", in: folder)
        try edit("control-plane/control-plane.kal", "ENVIRONMENT = Dev", "ENVIRONMENT = Development", in: folder)
        try commit("move qa to east-us, rename dev", in: folder)

        let run = try runKalc(["plan", "control-plane", "--base", "HEAD~1", "--format", "json"], in: folder)
        XCTAssertEqual(run.status, 1, run.standardError)
        let plan = try document(run)
        XCTAssertEqual(plan["changed"] as? Bool, true)
        XCTAssertEqual(
            entries("moved", of: plan),
            [
                #"qa: {"deploymentTarget":"basic-inference-qa","from":["west-us"],"policies":["basic-inference-policy"],"previousPolicies":["basic-inference-policy"],"to":["east-us"],"workload":"basic-inference"}"#
            ])
        XCTAssertEqual(
            entries("configChanges", of: plan),
            [
                #"dev: {"clusterType":"dev","deploymentTarget":"basic-inference-dev","key":"ENVIRONMENT","new":{"config":"dev-config","value":"Development"},"old":{"config":"dev-config","value":"Dev"}}"#
            ])
        XCTAssertEqual(entries("added", of: plan) + entries("removed", of: plan) + entries("errors", of: plan), [])
        let files = ((plan["environments"] as? [[String: Any]]) ?? []).map { "\($0["name"]!): \($0["files"]!)" }
        XCTAssertEqual(files.count, 2, "\(files)")

        // What the README and the CI guide show is this change.
        let table = try runKalc(["plan", "control-plane", "--base", "HEAD~1"], in: folder)
        XCTAssertTrue(try repositoryFile("README.md").contains("$ kalc plan control-plane --base HEAD~1\n" + table.standardOutput + "```"), table.standardOutput)
        let markdown = try runKalc(["plan", "control-plane", "--base", "HEAD~1", "--format", "markdown"], in: folder)
        let comment = markdown.standardOutput.replacingOccurrences(of: "`HEAD~1`", with: "`origin/main`")
        XCTAssertTrue(try repositoryFile("docs/ci.md").contains("```markdown\n" + comment + "```"), comment)

        // The working tree is the head: the same plan from inside the project, before a commit.
        try git(["reset", "-q", "--soft", "HEAD~1"], in: folder)
        let fromInside = try runKalc(["plan", "--base", "HEAD", "--format", "json"], in: folder + "/control-plane")
        XCTAssertEqual(fromInside.status, 1, fromInside.standardError)
        XCTAssertEqual(fromInside.standardOutput, run.standardOutput.replacingOccurrences(of: "\"HEAD~1\"", with: "\"HEAD\""))
    }

    func testAValueChangedForAMovedDeploymentIsListedWithTheMove() throws {
        let folder = try makeRepository()
        try edit("control-plane/control-plane.kal", "clusterTypes where region == westus", "clusterTypes where region == eastus", in: folder)
        try edit("control-plane/control-plane.kal", "ENVIRONMENT = QA", "ENVIRONMENT = Testing", in: folder)
        try commit("move qa to east-us, rename qa", in: folder)

        let plan = try document(try runKalc(["plan", "control-plane", "--base", "HEAD~1", "--format", "json"], in: folder))
        XCTAssertEqual(entries("moved", of: plan).count, 1)
        // The inference URL differs because another config applies in east-us: the move shows it.
        XCTAssertEqual(
            entries("configChanges", of: plan),
            [
                #"qa: {"clusterType":"east-us","deploymentTarget":"basic-inference-qa","key":"ENVIRONMENT","new":{"config":"qa-config","value":"Testing"},"old":{"config":"qa-config","value":"QA"}}"#
            ])
    }

    func testNothingChangesExitsZero() throws {
        let folder = try makeRepository()
        for format in ["table", "json", "markdown"] {
            let run = try runKalc(["plan", "control-plane", "--base", "HEAD", "--format", format], in: folder)
            XCTAssertEqual(run.status, 0, run.standardOutput + run.standardError)
        }
        XCTAssertEqual(try document(try runKalc(["plan", "control-plane", "--base", "main", "--format", "json"], in: folder))["changed"] as? Bool, false)
    }

    func testAnEnvironmentThatStopsBeingPushedShowsItsErrors() throws {
        let folder = try makeRepository()
        try edit("control-plane/control-plane.kal", "inference_url = \"https://qa-westus-api.contoso.com\"", "inference_link = \"https://qa-westus-api.contoso.com\"", in: folder)
        let run = try runKalc(["plan", "control-plane", "--base", "HEAD", "--format", "json"], in: folder)
        XCTAssertEqual(run.status, 1)
        let environments = (try document(run)["environments"] as? [[String: Any]]) ?? []
        let qa = try XCTUnwrap(environments.first { $0["name"] as? String == "qa" })
        XCTAssertEqual(qa["wasPushed"] as? Bool, true)
        XCTAssertEqual(qa["pushed"] as? Bool, false)
        let errors = (qa["errors"] as? [String]) ?? []
        XCTAssertFalse(errors.isEmpty)
        XCTAssertTrue(errors.allSatisfy { $0.hasPrefix("control-plane/") }, "\(errors)")
        let table = try runKalc(["plan", "control-plane", "--base", "HEAD"], in: folder)
        XCTAssertTrue(table.standardOutput.contains("stops being pushed"), table.standardOutput)
    }

    func testMarkdownFoldsLongListsAndANewProjectIsAllAdded() throws {
        let folder = try temporaryFolder(self)
        try git(["init", "-q", "-b", "main"], in: folder)
        try "# Fleet\n".write(toFile: folder + "/README.md", atomically: true, encoding: .utf8)
        try commit("start", in: folder)
        // Not committed: the project is new in the working tree.
        var text = """
            import std.templates

            repo controlPlane = "https://github.com/contoso/control-plane"

            environment dev {
              controlPlane = controlPlane @ "dev"
              gitops = "https://github.com/contoso/gitops" @ "dev"
              base = controlPlane @ "main"

              clusterType small {
                reconciler = arc-flux
                namespace = default
                config = configmap
              }

              policy everything {}
            }

            """
        for index in 1...12 {
            text += """
                workload app\(index) {
                  workspace = "apps"
                  source = "https://github.com/contoso/app\(index)" @ "main" / "."

                  target dev in dev {
                    manifests = "https://github.com/contoso/app\(index)" @ "dev" / "."
                  }
                }

                """
        }
        try text.write(toFile: folder + "/fleet.kal", atomically: true, encoding: .utf8)
        XCTAssertEqual(try runKalc(["check", "--werror"], in: folder).status, 0)
        let run = try runKalc(["plan", "--base", "HEAD", "--format", "markdown"], in: folder)
        XCTAssertEqual(run.status, 1, run.standardError)
        XCTAssertTrue(run.standardOutput.contains("#### environment dev (new)"), run.standardOutput)
        XCTAssertTrue(run.standardOutput.contains("<details><summary>Deployments added (12)</summary>"), run.standardOutput)
        XCTAssertTrue(run.standardOutput.contains("- app12-dev on small (policy everything)\n"), run.standardOutput)
    }

    func testUnknownRevisionOrNoRepositoryIsAUsageError() throws {
        let folder = try makeRepository()
        let unknown = try runKalc(["plan", "control-plane", "--base", "no-such-branch"], in: folder)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.standardError.contains("no-such-branch"), unknown.standardError)
        let outside = try temporaryFolder(self)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/examples/basic-inference", toPath: outside + "/cp")
        XCTAssertEqual(try runKalc(["plan", "cp", "--base", "HEAD"], in: outside).status, 2)
        XCTAssertEqual(try runKalc(["plan", "control-plane", "--base", "HEAD", "--format", "dot"], in: folder).status, 2)
        XCTAssertEqual(try runKalc(["plan", "control-plane", "--format", "markdown"], in: folder).status, 2)
    }
}
