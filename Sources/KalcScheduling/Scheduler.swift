import Foundation
import KalcDiagnostics
import KalcSemantics

/// A deployment target as Kalypso creates it: `<workload>-<target>`, in the target's
/// environment, with the labels selectors and templates see.
public struct DeploymentTarget: Sendable {
    public var name: String
    /// The workload and the target as written (held once, not copied with the target).
    public var workload: WorkloadObject { declared.workload }
    public var spec: DeploymentTargetSpec { declared.spec }
    private let declared: Declared
    public var workspace: String
    public var labels: [String: String]
    public var environment: String
    /// nil when the target's `manifests` is null: templates then see Go's nil map.
    public var manifests: [String: String]?
    /// The target's own schemas, then the workload's.
    public var configSchemas: [Located<String>]

    init(
        name: String, workload: WorkloadObject, spec: DeploymentTargetSpec, workspace: String, labels: [String: String], environment: String,
        manifests: [String: String]?, configSchemas: [Located<String>]
    ) {
        self.name = name
        self.declared = Declared(workload: workload, spec: spec)
        self.workspace = workspace
        self.labels = labels
        self.environment = environment
        self.manifests = manifests
        self.configSchemas = configSchemas
    }

    private final class Declared: Sendable {
        let workload: WorkloadObject
        let spec: DeploymentTargetSpec

        init(workload: WorkloadObject, spec: DeploymentTargetSpec) {
            self.workload = workload
            self.spec = spec
        }
    }
}

/// One deployment of a deployment target on a cluster type, made by a policy.
public struct Assignment: Sendable {
    /// `<workload>-<deploymentTarget>-<clusterType>`.
    public var name: String
    public var environment: String
    /// The policy that made it (shared by all the assignments the policy makes).
    public var policy: SchedulingPolicyObject { madeBy.policy }
    public var deploymentTarget: String
    public var clusterType: String
    private let madeBy: Policy

    init(name: String, environment: String, policy: Policy, deploymentTarget: String, clusterType: String) {
        self.name = name
        self.environment = environment
        self.madeBy = policy
        self.deploymentTarget = deploymentTarget
        self.clusterType = clusterType
    }

    /// A policy, held once for its many assignments.
    final class Policy: Sendable {
        let policy: SchedulingPolicyObject

        init(_ policy: SchedulingPolicyObject) {
            self.policy = policy
        }
    }
}

/// What Kalypso schedules in one environment.
public struct EnvironmentSchedule: Sendable {
    public var environment: EnvironmentObject
    public var namespace: Namespace
    /// By name.
    public var deploymentTargets: [String: DeploymentTarget]
    /// Sorted by name.
    public var assignments: [Assignment]
    /// Whether some policy fails (overlap, invalid selector): Kalypso then never pushes.
    public var hasFailedPolicy: Bool
}

/// What a policy's selection and the naming of assignments read of a deployment target.
struct SelectableTarget {
    var name: String
    var labels: [String: String]
    var workload: String
}

/// Replays Kalypso's workload and scheduling-policy controllers for every environment.
public struct Scheduler: Sendable {
    public private(set) var schedules: [EnvironmentSchedule] = []
    public private(set) var diagnostics: [Diagnostic] = []
    let plane: ControlPlane

    /// Schedules every environment of `plane` (in name order). Environments are scheduled
    /// side by side on up to `threads` threads; the result does not depend on how many.
    public static func schedule(_ plane: ControlPlane, threads: Int = defaultThreads) -> Scheduler {
        var seen = Set<String>()
        let environments = plane.environments.sorted(by: { $0.header.name.value < $1.header.name.value }).filter { seen.insert($0.header.name.value).inserted }
        let namespaces = Parallel.map(environments.count, threads: threads) { Namespace(environment: environments[$0].header.name.value, plane: plane) }
        // Whether an environment is the first whose namespace sees a main-branch policy
        // (where such a policy's invalid selector is reported).
        var sawMainPolicy = false
        let isFirst = namespaces.map { namespace in
            defer { sawMainPolicy = sawMainPolicy || namespace.policies.values.contains { $0.header.branch == .main } }
            return !sawMainPolicy
        }
        let parts = Parallel.map(environments.count, threads: threads) { index in
            var part = Scheduler(plane: plane)
            part.schedule(environments[index], namespace: namespaces[index], isFirst: isFirst[index])
            return part
        }
        var scheduler = Scheduler(plane: plane)
        for part in parts {
            scheduler.schedules += part.schedules
            scheduler.diagnostics += part.diagnostics
        }
        scheduler.checkTargets()
        return scheduler
    }

    /// The threads that schedule, by default: one per processor, at most 8.
    public static let defaultThreads = Parallel.defaultThreads

    private init(plane: ControlPlane) {
        self.plane = plane
    }

    private mutating func schedule(_ environment: EnvironmentObject, namespace: Namespace, isFirst: Bool) {
        let name = environment.header.name.value
        let first = diagnostics.count
        let targets = deploymentTargets(in: namespace)
        var schedule = EnvironmentSchedule(environment: environment, namespace: namespace, deploymentTargets: targets, assignments: [], hasFailedPolicy: false)
        assign(&schedule, isFirst: isFirst)
        schedules.append(schedule)
        for index in first..<diagnostics.count where diagnostics[index].environment == nil {
            diagnostics[index].environment = name
        }
    }

    /// `first-second`.
    static func joined(_ first: String, _ second: String) -> String {
        joined([first, second])
    }

    /// `first-second-third`.
    static func joined(_ first: String, _ second: String, _ third: String) -> String {
        joined([first, second, third])
    }

    private static func joined(_ parts: [String]) -> String {
        let count = parts.reduce(parts.count - 1) { $0 + $1.utf8.count }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            for var part in parts {
                if offset > 0 {
                    buffer[offset] = UInt8(ascii: "-")
                    offset += 1
                }
                part.withUTF8 { bytes in
                    guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
                    (target + offset).update(from: source, count: bytes.count)
                    offset += bytes.count
                }
            }
            return offset
        }
    }

    // MARK: Deployment targets

    private mutating func deploymentTargets(in namespace: Namespace) -> [String: DeploymentTarget] {
        var result: [String: DeploymentTarget] = [:]
        result.reserveCapacity(namespace.workloads.count)
        for workloadName in namespace.workloads.keys.sorted() {
            guard let (workload, registration) = namespace.workloads[workloadName] else { continue }
            let workloadLabels = namespace.labels(of: workload, registration: registration)
            // Kalypso finds the workspace through the Flux label `<env>-<registration>`,
            // split at its first `-`; an environment name with `-` breaks it (reported
            // with the environment), and the workload gets no targets.
            let fluxName = workloadLabels[FluxLabels.name] ?? ""
            guard let dash = fluxName.firstIndex(of: "-"), let found = namespace.registrations[String(fluxName[fluxName.index(after: dash)...])] else { continue }
            let workspace = found.workspace?.value ?? ""
            for target in workload.deploymentTargets where target.environment?.value == namespace.environment {
                let name = Self.joined(workloadName, target.name.value)
                var labels = [String: String](minimumCapacity: target.labels.entries.count + workloadLabels.count + 2)
                for entry in target.labels.entries { labels[entry.key.value] = entry.value.value }
                for (key, value) in workloadLabels { labels[key] = value }
                labels["workload"] = workload.header.name.value
                labels["workspace"] = workspace
                if let existing = result[name], existing.workload.header.name.value != workload.header.name.value {
                    diagnostics.append(SchedulingProblem.targetNameTaken(name, target: target, workload: workload.header.name.value, by: existing).diagnostic)
                    break
                }
                result[name] = DeploymentTarget(
                    name: name, workload: workload, spec: target, workspace: labels["workspace"] ?? "", labels: labels,
                    environment: namespace.environment,
                    manifests: target.manifestsAreNull ? nil : Dictionary(target.manifestEntries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }),
                    configSchemas: target.configSchemas + workload.configSchemas
                )
            }
        }
        return result
    }

    // MARK: Policies

    private mutating func assign(_ schedule: inout EnvironmentSchedule, isFirst: Bool) {
        let namespace = schedule.namespace
        // Every target once, in name order, with what selection and naming read of it.
        let targets = schedule.deploymentTargets.keys.sorted().compactMap { name in
            schedule.deploymentTargets[name].map { SelectableTarget(name: name, labels: $0.labels, workload: $0.labels["workload"] ?? "") }
        }
        let clusterTypeNames = namespace.clusterTypes.keys.sorted()
        let clusterTypeLabels = namespace.clusterTypes.mapValues { namespace.labels(of: $0) }
        var byName: [String: Assignment] = [:]
        for policyName in namespace.policies.keys.sorted() {
            guard let policy = namespace.policies[policyName] else { continue }
            let clusterTypeSelector: CompiledSelector
            let targetSelector: CompiledSelector
            switch (CompiledSelector.compile(policy.clusterTypeSelector), CompiledSelector.compile(policy.deploymentTargetSelector)) {
            case (.success(let types), .success(let targets)):
                clusterTypeSelector = types
                targetSelector = targets
            case (.failure(let problems), _), (_, .failure(let problems)):
                schedule.hasFailedPolicy = true
                for problem in problems.problems where policy.header.branch != .main || isFirst {
                    diagnostics.append(
                        SchedulingProblem.invalidSelector(policy: policyName, problem: problem.message, at: problem.location, environment: namespace.environment).diagnostic)
                }
                continue
            }
            let workspace = policy.workspace?.value ?? ""
            let selectedTargets = targets.filter { target in
                if !workspace.isEmpty, workspace != target.labels["workspace"] { return false }
                return targetSelector.matches(target.labels)
            }
            let selectedTypes = clusterTypeNames.filter { name in
                clusterTypeLabels[name].map(clusterTypeSelector.matches) ?? false
            }
            reportEmptySelection(policy, noTargets: selectedTargets.isEmpty, clusterTypes: selectedTypes, schedule: schedule)
            let madeBy = Assignment.Policy(policy)
            policyLoop: for typeName in selectedTypes {
                for selected in selectedTargets {
                    let assignmentName = Self.joined(selected.workload, selected.name, typeName)
                    if let previous = byName[assignmentName] {
                        schedule.hasFailedPolicy = true
                        reportOverlap(policy, previous: previous, name: assignmentName, target: selected.name, clusterType: typeName, environment: namespace.environment)
                        break policyLoop
                    }
                    let problems = KubernetesNames.subdomainProblems(assignmentName)
                    if !problems.isEmpty, let target = schedule.deploymentTargets[selected.name] {
                        schedule.hasFailedPolicy = true
                        // An invalid cluster type or target name is reported where it is declared.
                        let partsValid = KubernetesNames.subdomainProblems(typeName).isEmpty && KubernetesNames.subdomainProblems(target.name).isEmpty
                        guard partsValid else { break policyLoop }
                        diagnostics.append(SchedulingProblem.invalidAssignmentName(assignmentName, problems: problems, target: target.spec, policy: policy).diagnostic)
                        break policyLoop
                    }
                    byName[assignmentName] = Assignment(
                        name: assignmentName, environment: namespace.environment, policy: madeBy, deploymentTarget: selected.name, clusterType: typeName)
                }
            }
        }
        schedule.assignments = byName.values.sorted { $0.name < $1.name }
    }

    private mutating func reportOverlap(_ policy: SchedulingPolicyObject, previous: Assignment, name: String, target: String, clusterType: String, environment: String) {
        diagnostics.append(
            SchedulingProblem.overlappingPolicies(policy, previous: previous, name: name, target: target, clusterType: clusterType, environment: environment).diagnostic)
    }

    private mutating func reportEmptySelection(_ policy: SchedulingPolicyObject, noTargets: Bool, clusterTypes: [String], schedule: EnvironmentSchedule) {
        // A main-branch policy is seen by every environment: report it once, where it selects nothing anywhere.
        guard policy.header.branch != .main else { return }
        if noTargets, let location = policy.deploymentTargetSelector.location ?? policy.workspace?.location {
            diagnostics.append(
                SchedulingProblem.selectsNothing(
                    policy: policy.header.name.value, .deploymentTarget, environment: schedule.namespace.environment, at: location,
                    selector: policy.deploymentTargetSelector, candidates: schedule.deploymentTargets.values.map(\.labels)
                ).diagnostic)
        }
        if clusterTypes.isEmpty, let location = policy.clusterTypeSelector.location {
            let candidates = schedule.namespace.clusterTypes.values.map { schedule.namespace.labels(of: $0) }
            diagnostics.append(
                SchedulingProblem.selectsNothing(
                    policy: policy.header.name.value, .clusterType, environment: schedule.namespace.environment, at: location,
                    selector: policy.clusterTypeSelector, candidates: candidates
                ).diagnostic)
        }
    }

    // MARK: Targets

    private mutating func checkTargets() {
        let environments = Set(plane.environments.map(\.header.name.value))
        let scheduled = schedules.map { Set($0.assignments.map(\.deploymentTarget)) }
        for workload in plane.workloads {
            for target in workload.deploymentTargets {
                guard let environment = target.environment?.value, environments.contains(environment), !environment.contains("-") else { continue }
                guard let index = schedules.firstIndex(where: { $0.environment.header.name.value == environment }) else { continue }
                let schedule = schedules[index]
                let name = "\(workload.header.name.value)-\(target.name.value)"
                guard let created = schedule.deploymentTargets[name], created.workload.header.name.value == workload.header.name.value else {
                    if schedule.namespace.workloads[workload.header.name.value] == nil {
                        diagnostics.append(
                            SchedulingProblem.targetNotDelivered(
                                target, registration: workload.registration?.value ?? "", environment: environment,
                                hasBase: !schedule.namespace.baseRepos.isEmpty
                            ).diagnostic)
                    }
                    continue
                }
                if !scheduled[index].contains(name) && !schedule.hasFailedPolicy {
                    diagnostics.append(SchedulingProblem.unscheduledTarget(name, at: target.name.location, environment: environment).diagnostic)
                }
            }
        }
    }
}
