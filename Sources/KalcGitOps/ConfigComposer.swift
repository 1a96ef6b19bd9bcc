import KalcDiagnostics
import KalcScheduling
import KalcSemantics
import KalcTemplate

/// Where one value of a deployment's config data came from.
public struct ConfigSource: Sendable {
    /// The ConfigMap's name.
    public var configMap: String
    /// The key as written (for `azure-app-config` maps, with its label parts).
    public var key: String
    public var entry: ConfigEntry
}

/// The config data of one assignment, as Kalypso composes it, with where each key came from.
public struct ComposedConfig: Sendable {
    /// `map[string]interface{}`: the `.ConfigData` of templates.
    public var data: GoValue
    /// Each key's contributions, in the order Kalypso applied them.
    public var sources: [String: [ConfigSource]]
}

/// A Go panic in Kalypso's merge of config values (the assignment then stays stuck).
public struct ConfigMergeFailure: Error, Sendable {
    public var key: String
    public var message: String
    public var sources: [ConfigSource]
}

/// Kalypso's `getConfigData`: the platform ConfigMaps of the namespace that apply to a
/// cluster type and deployment target, in name order, values parsed as YAML and merged.
public enum ConfigComposer {
    static let ignoredLabels: Set<String> = [FluxLabels.name, FluxLabels.namespace, "platform-config"]

    /// Whether an object with `labels` applies to a cluster type and a deployment target:
    /// each of its labels (but Flux's and `platform-config`) is `cluster-type`,
    /// `deployment-target` or `workload` naming them, or equals the same label on the cluster
    /// type or on the deployment target.
    public static func applies(_ labels: [String: String], clusterType: String, clusterTypeLabels: [String: String], target: DeploymentTarget) -> Bool {
        for (key, value) in labels where !ignoredLabels.contains(key) {
            switch key {
            case "cluster-type":
                if value != clusterType { return false }
            case "deployment-target":
                if value != target.name { return false }
            case "workload":
                if value != target.labels["workload"] { return false }
            default:
                if clusterTypeLabels[key] != value && target.labels[key] != value { return false }
            }
        }
        return true
    }

    /// `l1.v1.l2.v2.key` → labels `{l1: v1, l2: v2}` and key `key`; with an even number of
    /// parts the part before the key is dropped, as Kalypso drops it.
    public static func azureKey(_ key: String) -> (labels: [String: String], key: String) {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var labels: [String: String] = [:]
        var index = 1
        while index < parts.count - 1 {
            labels[parts[index - 1]] = parts[index]
            index += 2
        }
        return (labels, parts.last ?? key)
    }

    /// The config data of `target` on `clusterType` in `namespace`.
    public static func compose(namespace: Namespace, clusterType: ClusterTypeObject, target: DeploymentTarget) -> Result<ComposedConfig, ConfigMergeFailure> {
        let clusterTypeName = clusterType.header.name.value
        let clusterTypeLabels = namespace.labels(of: clusterType)
        var order: [String] = []
        var sources: [String: [ConfigSource]] = [:]
        func put(_ key: String, _ source: ConfigSource) {
            if sources[key] == nil { order.append(key) }
            sources[key, default: []].append(source)
        }
        let names = namespace.configMaps.keys.sorted()
        for name in names {
            guard let configMap = namespace.configMaps[name] else { continue }
            let labels = configMap.header.labels.dictionary
            guard labels["platform-config"] == "true",
                  applies(labels, clusterType: clusterTypeName, clusterTypeLabels: clusterTypeLabels, target: target) else { continue }
            for entry in configMap.data.sorted(by: { $0.key.value < $1.key.value }) {
                put(entry.key.value, ConfigSource(configMap: name, key: entry.key.value, entry: entry))
            }
        }
        for name in names where name.hasPrefix("azure-app-config") {
            guard let configMap = namespace.configMaps[name] else { continue }
            let entries = configMap.data.sorted { ($0.key.value.utf8.count, $0.key.value) < ($1.key.value.utf8.count, $1.key.value) }
            for entry in entries {
                let (labels, key) = azureKey(entry.key.value)
                if applies(labels, clusterType: clusterTypeName, clusterTypeLabels: clusterTypeLabels, target: target) {
                    put(key, ConfigSource(configMap: name, key: entry.key.value, entry: entry))
                }
            }
        }
        var entries: [GoValue: GoValue] = [:]
        for key in order {
            let contributions = sources[key] ?? []
            do {
                entries[.string(key)] = try KalypsoConfigValue.merged(contributions.map(\.entry.value))
            } catch {
                return .failure(ConfigMergeFailure(key: key, message: error.message, sources: contributions))
            }
        }
        return .success(ComposedConfig(data: .map(GoMap(keyType: .string, valueType: .interface, entries: entries)), sources: sources))
    }
}
