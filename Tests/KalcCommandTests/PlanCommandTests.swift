import Foundation
import KalcTestSupport
import XCTest

/// `kalc plan` end to end.
final class PlanCommandTests: XCTestCase {
    func testTableListsEveryAssignment() throws {
        let run = try runKalc(["plan", "examples/basic-inference"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(run.standardOutput.contains("environment qa → https://github.com/contoso/kalypso-platform-gitops @ qa"), run.standardOutput)
        XCTAssertTrue(run.standardOutput.contains("  basic-inference-qa  west-us       basic-inference-policy"), run.standardOutput)
        XCTAssertTrue(run.standardOutput.contains("cluster types with no assignment: east-us"), run.standardOutput)
    }

    func testJSONNamesAssignmentsAndPolicies() throws {
        let run = try runKalc(["plan", "examples/basic-inference", "--format", "json", "--env", "qa"])
        XCTAssertEqual(run.status, 0, run.standardError)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let environments = try XCTUnwrap(document["environments"] as? [[String: Any]])
        XCTAssertEqual(environments.map { $0["name"] as? String }, ["qa"])
        let assignments = try XCTUnwrap(environments.first?["assignments"] as? [[String: String]])
        XCTAssertEqual(assignments, [[
            "name": "basic-inference-basic-inference-qa-west-us", "deploymentTarget": "basic-inference-qa",
            "workload": "basic-inference", "clusterType": "west-us", "policy": "basic-inference-policy",
        ]])
    }

    func testDotIsAGraphWithOneEdgePerAssignment() throws {
        let run = try runKalc(["plan", "examples/basic-inference", "--format", "dot"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(run.standardOutput.hasPrefix("digraph plan {"))
        XCTAssertEqual(run.standardOutput.components(separatedBy: " -> ").count - 1, 2)
    }

    func testThePictureInTheREADMEIsTheCurrentPlan() throws {
        let run = try runKalc(["plan", "examples/edge-fleet", "--format", "dot"])
        XCTAssertEqual(run.status, 0, run.standardError)
        let committed = try String(contentsOfFile: repositoryRoot + "/docs/images/edge-fleet-plan.dot", encoding: .utf8)
        XCTAssertEqual(run.standardOutput, committed, "regenerate docs/images/edge-fleet-plan.dot and .svg (see the README)")
        let picture = try String(contentsOfFile: repositoryRoot + "/docs/images/edge-fleet-plan.svg", encoding: .utf8)
        // The picture was drawn from that source: one edge per assignment.
        XCTAssertTrue(picture.contains("<svg"))
        XCTAssertEqual(picture.components(separatedBy: "class=\"edge\"").count - 1, committed.components(separatedBy: " -> ").count - 1)
    }

    func testUnknownEnvironmentIsAUsageError() throws {
        XCTAssertEqual(try runKalc(["plan", "examples/basic-inference", "--env", "prod"]).status, 2)
    }
}
