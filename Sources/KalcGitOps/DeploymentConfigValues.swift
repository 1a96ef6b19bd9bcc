import KalcScheduling
import KalcSemantics

extension NamespaceConfig {
    /// The config values of each assignment of `schedule`, by assignment name, composed as
    /// Kalypso composes them: each key with the value written in the config that sets it
    /// last. An assignment whose configs do not merge has none.
    public static func values(of schedule: EnvironmentSchedule) -> [String: [String: FleetSnapshot.ConfigValue]] {
        let config = NamespaceConfig(schedule.namespace)
        var merger = ConfigMerger()
        var result: [String: [String: FleetSnapshot.ConfigValue]] = [:]
        for assignment in schedule.assignments {
            guard let clusterType = schedule.namespace.clusterTypes[assignment.clusterType],
                let target = schedule.deploymentTargets[assignment.deploymentTarget]
            else { continue }
            let plan = config.plan(for: assignment.clusterType, labels: schedule.namespace.labels(of: clusterType))
            guard case .success(let composed) = config.compose(plan, target: target, merger: &merger) else { continue }
            var values: [String: FleetSnapshot.ConfigValue] = [:]
            for (key, sources) in composed.sources {
                guard let last = sources.last else { continue }
                values[key] = FleetSnapshot.ConfigValue(value: last.entry.value, config: last.configMap)
            }
            result[assignment.name] = values
        }
        return result
    }
}
