import KalcScheduling
import KalcSemantics

/// Which platform configs reach a deployment, as Kalypso picks them: the ConfigMaps of the
/// environment labelled `platform-config: "true"`, in name order, each applying when every
/// other label of it is `cluster-type`, `deployment-target` or `workload` naming this
/// deployment, or equals the same label on the cluster type or the deployment target.
///
/// Hovers use it to tell where a config key's value comes from; later ConfigMaps override
/// earlier ones key by key. (Structured values merge in Kalypso; a hover shows the value
/// written in the ConfigMap that applies last.)
struct PlatformConfigView {
    let schedule: EnvironmentSchedule

    /// The value a key gets in one deployment, and the ConfigMaps that set it.
    struct KeyValue: Hashable {
        var value: String
        /// The ConfigMap whose value wins.
        var configMap: String
        /// Earlier ConfigMaps that set the key too.
        var overridden: [String]
    }

    /// The ConfigMaps that apply to an assignment, in the order Kalypso applies them.
    func configMaps(for assignment: Assignment) -> [ConfigMapObject] {
        let namespace = schedule.namespace
        guard let clusterType = namespace.clusterTypes[assignment.clusterType],
            let target = schedule.deploymentTargets[assignment.deploymentTarget]
        else { return [] }
        let clusterTypeLabels = namespace.labels(of: clusterType)
        return namespace.configMaps.keys.sorted().compactMap { name in
            guard let configMap = namespace.configMaps[name], configMap.header.labels["platform-config"] == "true" else { return nil }
            let applies = configMap.header.labels.dictionary.allSatisfy { key, value in
                switch key {
                case "platform-config", FluxLabels.name, FluxLabels.namespace: true
                case "cluster-type": value == assignment.clusterType
                case "deployment-target": value == assignment.deploymentTarget
                case "workload": value == target.labels["workload"]
                default: clusterTypeLabels[key] == value || target.labels[key] == value
                }
            }
            return applies ? configMap : nil
        }
    }

    /// The value of `key` in one deployment, nil when no applicable ConfigMap sets it.
    func value(of key: String, for assignment: Assignment) -> KeyValue? {
        var result: KeyValue?
        for configMap in configMaps(for: assignment) {
            guard let entry = configMap.data.last(where: { $0.key.value == key }) else { continue }
            let overridden = result.map { $0.overridden + [$0.configMap] } ?? []
            result = KeyValue(value: entry.value, configMap: configMap.header.name.value, overridden: overridden)
        }
        return result
    }
}
