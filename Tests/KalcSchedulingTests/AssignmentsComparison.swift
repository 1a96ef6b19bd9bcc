import Foundation
import KalcCaseSupport
import KalcScheduling
import KalcSemantics
import KalcSyntax
import KalcTestSupport
import XCTest

extension XCTestCase {
    /// Checks a case's scheduling against the reference's `expected/assignments.json`: the
    /// deployment targets of every environment, whether a policy of it fails (`policyErrors`
    /// not empty), and every assignment, with the fields scheduling decides (names, workloads,
    /// workspaces, labels, manifests, schemas, owning policies, cluster types), compared as
    /// JSON values. Readiness, config data and issues
    /// are the GitOps compile's part (`KalcGitOpsTests`' case tests).
    func checkAssignments(_ name: String) throws {
        let path = KalypsoCase.fixtures + "/" + name + "/expected/assignments.json"
        let expected = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any], path)
        let (file, _) = try KalypsoCase.imported(KalypsoCase.fixtures + "/" + name + "/input")
        let scheduler = Scheduler.schedule(Semantics.analyze([SyntaxTree.parse(file)]).controlPlane)
        let want = try ScheduledJSON.text(ScheduledJSON.projected(expected))
        let have = try ScheduledJSON.text(ScheduledJSON.of(scheduler))
        XCTAssertTrue(want == have, "\(name): the scheduling differs from expected/assignments.json:\n\(lineDiff(expected: want, actual: have))")
    }
}

/// The scheduling part of the reference's `assignments.json`, and kalc's schedule in that shape.
enum ScheduledJSON {
    static let environmentKeys = ["name", "deploymentTargets"]
    static let targetKeys = ["name", "workload", "workspace", "labels", "environment", "manifests", "configSchemas"]
    static let assignmentKeys = ["environment", "name", "policy", "workload", "deploymentTarget", "clusterType"]

    /// The reference's file with only the fields of `environmentKeys`, `targetKeys` and
    /// `assignmentKeys`, and `policyFails` for an environment with `policyErrors`.
    static func projected(_ file: [String: Any]) throws -> [String: Any] {
        func keep(_ object: Any, _ keys: [String]) throws -> [String: Any] {
            let fields = try XCTUnwrap(object as? [String: Any])
            return fields.filter { keys.contains($0.key) }
        }
        let environments = try XCTUnwrap(file["environments"] as? [Any]).map { environment in
            var kept = try keep(environment, environmentKeys)
            kept["policyFails"] = !(try XCTUnwrap((environment as? [String: Any])?["policyErrors"] as? [Any])).isEmpty
            kept["deploymentTargets"] = try XCTUnwrap(kept["deploymentTargets"] as? [Any]).map { try keep($0, targetKeys) }
            return kept
        }
        let assignments = try XCTUnwrap(file["assignments"] as? [Any]).map { try keep($0, assignmentKeys) }
        return ["environments": environments, "assignments": assignments]
    }

    /// kalc's schedule as the reference writes it: environments, targets and assignments in name order.
    static func of(_ scheduler: Scheduler) -> [String: Any] {
        let schedules = scheduler.schedules.sorted { $0.environment.header.name.value < $1.environment.header.name.value }
        let environments: [[String: Any]] = schedules.map { schedule in
            let targets: [[String: Any]] = schedule.deploymentTargets.values.sorted { $0.name < $1.name }.map { target in
                [
                    "name": target.name, "workload": target.workload.header.name.value, "workspace": target.workspace, "labels": target.labels,
                    "environment": target.environment, "manifests": target.manifests.map { $0 as Any } ?? NSNull(), "configSchemas": target.configSchemas.map(\.value),
                ]
            }
            return ["name": schedule.environment.header.name.value, "deploymentTargets": targets, "policyFails": schedule.hasFailedPolicy]
        }
        let assignments: [[String: Any]] = schedules.flatMap { schedule in
            schedule.assignments.sorted { $0.name < $1.name }.map { assignment in
                [
                    "environment": assignment.environment, "name": assignment.name, "policy": assignment.policy.header.name.value,
                    "workload": schedule.deploymentTargets[assignment.deploymentTarget]?.workload.header.name.value ?? "",
                    "deploymentTarget": assignment.deploymentTarget, "clusterType": assignment.clusterType,
                ]
            }
        }
        return ["environments": environments, "assignments": assignments]
    }

    /// A JSON value as text with sorted keys, one field a line, for comparing and showing differences.
    static func text(_ value: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self)
    }
}
