import KalcDiagnostics
import KalcGitOps
import KalcScheduling

extension Project {
    /// The fleet as the project describes it, for the environments in `only` (all when nil).
    func fleetSnapshot(only: Set<String>?) -> FleetSnapshot {
        let trees = Dictionary(gitOps.trees.map { ($0.environment, $0) }, uniquingKeysWith: { first, _ in first })
        let sources = Dictionary(self.sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let errors = diagnostics.filter { $0.severity == .error }
        var environments: [FleetSnapshot.Environment] = []
        for schedule in scheduler.schedules {
            let name = schedule.environment.header.name.value
            guard only?.contains(name) ?? true else { continue }
            let values = NamespaceConfig.values(of: schedule)
            let deployments = schedule.assignments.map { assignment in
                FleetSnapshot.Deployment(
                    deploymentTarget: assignment.deploymentTarget,
                    workload: schedule.deploymentTargets[assignment.deploymentTarget]?.workload.header.name.value ?? "",
                    clusterType: assignment.clusterType, policy: assignment.policy.header.name.value,
                    config: values[assignment.name] ?? [:])
            }
            let blocking = errors.filter { $0.environment == name || $0.environment == nil }.map { diagnostic in
                let position = sources[diagnostic.location.file]?.location(of: diagnostic.location.span.start)
                return "\(diagnostic.location.file):\(position?.line ?? 0):\(position?.utf8Column ?? 0): \(diagnostic.code) \(diagnostic.message)"
            }
            let tree = trees[name]
            let targets = schedule.deploymentTargets.values.sorted { $0.name < $1.name }.map { target in
                FleetSnapshot.Target(
                    name: target.name, workload: target.workload.header.name.value, workspace: target.workspace,
                    labels: target.labels, requirements: target.configSchemas.map(\.value))
            }
            environments.append(
                FleetSnapshot.Environment(
                    name: name, gitOps: PlanReport.gitOps(schedule), clusterTypes: schedule.namespace.clusterTypes.keys.sorted(), targets: targets,
                    deployments: deployments, files: tree?.files ?? [:], isPushed: tree?.isPushed ?? false, errors: blocking))
        }
        return FleetSnapshot(environments: environments)
    }
}
