import Foundation
import KalcCaseSupport
import KalcDiagnostics
import KalcScheduling
import KalcSemantics
import KalcSyntax
import XCTest

/// Environments scheduled side by side give what scheduling them one after the other gives:
/// the same assignments, by the same policies, and the same diagnostics in the same order.
final class ParallelSchedulingTests: XCTestCase {
    static func outcome(_ plane: ControlPlane, threads: Int) -> [String] {
        let scheduler = Scheduler.schedule(plane, threads: threads)
        let schedules = scheduler.schedules.flatMap { schedule in
            ["environment \(schedule.environment.header.name.value) failed=\(schedule.hasFailedPolicy) targets=\(schedule.deploymentTargets.keys.sorted())"]
                + schedule.assignments.map { "\($0.name) \($0.deploymentTarget) \($0.clusterType) \($0.policy.header.name.value)" }
        }
        return schedules + scheduler.diagnostics.map { "\($0.environment ?? "-") \($0.location) \($0.code) \($0.message)" }
    }

    func testEveryCaseOnSeveralThreads() throws {
        var environments = 0, invalidSelectors = 0
        for (name, input) in try KalypsoCase.allInputs() {
            let plane = Semantics.analyze([SyntaxTree.parse(try KalypsoCase.imported(input).file)]).controlPlane
            let one = Self.outcome(plane, threads: 1)
            environments += plane.environments.count
            invalidSelectors += one.filter { $0.contains(" \(DiagnosticCode.invalidSelector) ") }.count
            for threads in [2, 3, 8] {
                XCTAssertEqual(Self.outcome(plane, threads: threads), one, "\(name): \(threads) threads")
            }
        }
        XCTAssertGreaterThan(environments, 60)
        XCTAssertGreaterThan(invalidSelectors, 0)
    }
}
