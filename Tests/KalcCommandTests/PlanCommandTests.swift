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
        XCTAssertEqual(
            assignments,
            [
                [
                    "name": "basic-inference-basic-inference-qa-west-us", "deploymentTarget": "basic-inference-qa",
                    "workload": "basic-inference", "clusterType": "west-us", "policy": "basic-inference-policy",
                ]
            ])
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

    /// The page of the fleet refers to nothing outside itself and carries exactly the plan's
    /// assignments (scripts/test-fleet-page.py checks what a browser draws from them).
    func testHTMLIsSelfContainedAndCarriesThePlan() throws {
        let page = try runKalc(["plan", "examples/edge-fleet", "--format", "html"])
        XCTAssertEqual(page.status, 0, page.standardError)
        XCTAssertTrue(page.standardOutput.hasPrefix("<!DOCTYPE html>"))
        for external in ["<script src", "<link", "@import", "url(", "@font-face", "<img", "<iframe"] {
            XCTAssertFalse(page.standardOutput.contains(external), external)
        }
        let start = try XCTUnwrap(page.standardOutput.range(of: "<script type=\"application/json\" id=\"fleet-data\">"))
        let end = try XCTUnwrap(page.standardOutput.range(of: "</script>", range: start.upperBound..<page.standardOutput.endIndex))
        let data = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(page.standardOutput[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        func assignments(_ document: [String: Any]) -> [String] {
            ((document["environments"] as? [[String: Any]]) ?? []).flatMap { environment in
                ((environment["assignments"] as? [[String: Any]]) ?? []).map {
                    "\(environment["name"]!) \($0["deploymentTarget"]!) \($0["clusterType"]!) \($0["policy"]!)"
                }
            }.sorted()
        }
        let plan = try runKalc(["plan", "examples/edge-fleet", "--format", "json"])
        let expected = assignments(try XCTUnwrap(JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any]))
        XCTAssertEqual(assignments(data), expected)
        XCTAssertEqual(expected.count, 12)
    }

    func testHTMLDataCannotEndItsScript() throws {
        let folder = try temporaryFolder(self)
        var text = try String(contentsOfFile: repositoryRoot + "/examples/basic-inference/control-plane.kal", encoding: .utf8)
        text = text.replacingOccurrences(of: "ENVIRONMENT = Dev", with: "ENVIRONMENT = \"</script><script>alert(1)</script>\"")
        try text.write(toFile: folder + "/control-plane.kal", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/examples/basic-inference/basic-inference.kal", toPath: folder + "/basic-inference.kal")
        let page = try runKalc(["plan", "--format", "html"], in: folder)
        XCTAssertEqual(page.status, 0, page.standardError)
        XCTAssertTrue(page.standardOutput.contains("<\\/script><script>alert(1)<\\/script>"), page.standardOutput)
        XCTAssertEqual(page.standardOutput.components(separatedBy: "</script>").count - 1, 2)
    }

    func testUnknownEnvironmentIsAUsageError() throws {
        XCTAssertEqual(try runKalc(["plan", "examples/basic-inference", "--env", "prod"]).status, 2)
    }
}
