import KalcDiagnostics
import KalcSemantics

/// What the scheduler finds wrong, with what each message needs. `diagnostic` is the one
/// place that turns a problem into its code, message, labels, notes, hint and fix-its.
enum SchedulingProblem {
    /// What a selector selects nothing of.
    enum Selected: String {
        case deploymentTarget = "deployment target"
        case clusterType = "cluster type"
    }

    /// A selector that selects nothing; `candidates` are the labels of what it could select.
    case selectsNothing(policy: String, Selected, environment: String, at: Location, selector: LabelSelector, candidates: [[String: String]])
    /// Two workloads whose targets compose to the same deployment target name.
    case targetNameTaken(String, target: DeploymentTargetSpec, workload: String, by: DeploymentTarget)
    case invalidSelector(policy: String, problem: String, at: Location, environment: String)
    /// An assignment name Kubernetes refuses, for a target the policy selects.
    case invalidAssignmentName(String, problems: [String], target: DeploymentTargetSpec, policy: SchedulingPolicyObject)
    /// A policy making an assignment another policy made first.
    case overlappingPolicies(SchedulingPolicyObject, previous: Assignment, name: String, target: String, clusterType: String, environment: String)
    /// A target whose workload's registration does not reach its environment.
    case targetNotDelivered(DeploymentTargetSpec, registration: String, environment: String, hasBase: Bool)
    case unscheduledTarget(String, at: Location, environment: String)
}

extension SchedulingProblem {
    var diagnostic: Diagnostic {
        switch self {
        case .selectsNothing(let policy, let selected, let environment, let location, let selector, let candidates):
            let close = Self.closeLabel(selector, candidates: candidates)
            return Diagnostic(
                .selectorMatchesNothing, "policy `\(policy)` selects no \(selected.rawValue) in environment `\(environment)`", at: location,
                hint: close?.hint, fixIts: close?.fixIt.map { [$0] } ?? [])
        case .targetNameTaken(let name, let target, let workload, let existing):
            return Diagnostic(
                .invalidComposedName, "deployment target `\(name)` of workload `\(workload)` has the name of one of workload `\(existing.workload.header.name.value)`",
                at: target.name.location,
                labels: [DiagnosticLabel(existing.spec.name.location, "also named `\(name)`")],
                notes: ["Kalypso names a deployment target `<workload>-<target>`; it fails to create the second one and every later target of its workload."])
        case .invalidSelector(let policy, let problem, let location, let environment):
            return Diagnostic(
                .invalidSelector, "policy `\(policy)` has an invalid selector: \(problem)", at: location,
                notes: ["Kalypso cannot build the policy's scheduler, so the policy never becomes ready and environment `\(environment)` is never pushed."])
        case .invalidAssignmentName(let name, let problems, let target, let policy):
            return Diagnostic(
                .invalidComposedName, "the assignment name `\(name)` is invalid: \(problems.joined(separator: "; "))", at: target.name.location,
                labels: [DiagnosticLabel(policy.header.name.location, "scheduled by policy `\(policy.header.name.value)`")],
                notes: [
                    "Kalypso names an assignment `<workload>-<deploymentTarget>-<clusterType>`; it fails to create it, so policy `\(policy.header.name.value)` never becomes ready."
                ])
        case .overlappingPolicies(let policy, let previous, let name, let target, let clusterType, let environment):
            let first = previous.policy
            let samePair = previous.deploymentTarget == target && previous.clusterType == clusterType
            let message =
                samePair
                ? "policies `\(first.header.name.value)` and `\(policy.header.name.value)` both schedule deployment target `\(target)` on cluster type `\(clusterType)` in environment `\(environment)`"
                : "policy `\(policy.header.name.value)` makes assignment `\(name)`, which policy `\(first.header.name.value)` already made for another pair (deployment target `\(previous.deploymentTarget)` on `\(previous.clusterType)`)"
            return Diagnostic(
                .overlappingPolicies, message, at: policy.deploymentTargetSelector.location ?? policy.header.name.location,
                labels: [
                    DiagnosticLabel(first.deploymentTargetSelector.location ?? first.header.name.location, "policy `\(first.header.name.value)` selects it first"),
                    DiagnosticLabel(policy.header.name.location, "policy `\(policy.header.name.value)`"),
                ],
                notes: [
                    "Kalypso fails policy `\(policy.header.name.value)` with `assignments.scheduler.kalypso.io \"\(name)\" already exists`; it never becomes ready, so environment `\(environment)` is never pushed again."
                ],
                hint: "narrow one of the selectors so that each deployment target and cluster type pair has one policy")
        case .targetNotDelivered(let target, let registration, let environment, let hasBase):
            return Diagnostic(
                .targetNotDelivered, "deployment target `\(target.name.value)` never reaches environment `\(environment)`", at: target.name.location,
                notes: [
                    "Kalypso delivers a workload to an environment through its registration; registration `\(registration)` does not reach `\(environment)`\(hasBase ? "" : ", which has no base repository")."
                ],
                hint: hasBase ? nil : "add `base = repo @ \"main\"` to environment `\(environment)`")
        case .unscheduledTarget(let name, let location, let environment):
            return Diagnostic(
                .unscheduledTarget, "no policy schedules deployment target `\(name)` in environment `\(environment)`", at: location,
                hint: "add a policy to environment `\(environment)` whose `targets where` selects it")
        }
    }

    /// "did you mean" for a selector key or value close to a label in use, with the fix
    /// that writes the close one in place.
    private static func closeLabel(_ selector: LabelSelector, candidates: [[String: String]]) -> (hint: String, fixIt: FixIt?)? {
        for entry in selector.matchLabelEntries {
            let values = Set(candidates.compactMap { $0[entry.key.value] })
            if values.isEmpty {
                let keys = Set(candidates.flatMap(\.keys))
                if let key = closestName(to: entry.key.value, among: Array(keys)) {
                    return ("did you mean the label `\(key)`?", .replacing(entry.key.location, with: key))
                }
                return ("no deployment target or cluster type here has the label `\(entry.key.value)`", nil)
            }
            if !values.contains(entry.value.value), let value = closestName(to: entry.value.value, among: Array(values)) {
                return ("did you mean `\(entry.key.value) == \(value)`?", .replacing(entry.value.location, with: value))
            }
        }
        return nil
    }
}
