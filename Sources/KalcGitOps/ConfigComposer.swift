import KalcDiagnostics
import KalcScheduling
import KalcSemantics
import KalcTemplate
import KalcGo

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
    /// A number for what the config is made of: compositions through one `ConfigMerger`
    /// with the same identity have the same data.
    public var identity: Int
    /// The keys more than one config sets, in order.
    public var overriddenKeys: [String] = []
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
}

/// The platform ConfigMaps of a namespace, prepared once for composing the config of each
/// of its assignments: in name order, entries sorted as Kalypso applies them.
public struct NamespaceConfig: Sendable {
    struct PlatformMap: Sendable {
        var name: String
        var labels: [String: String]
        var entries: [ConfigEntry]
    }

    struct AzureEntry: Sendable {
        var configMap: String
        var entry: ConfigEntry
        var labels: [String: String]
        var key: String
    }

    let platformMaps: [PlatformMap]
    let azureEntries: [AzureEntry]
    let environment: String

    public init(_ namespace: Namespace) {
        environment = namespace.environment
        let names = namespace.configMaps.keys.sorted()
        var platformMaps: [PlatformMap] = []
        var azureEntries: [AzureEntry] = []
        for name in names {
            guard let configMap = namespace.configMaps[name] else { continue }
            let labels = configMap.header.labels.dictionary
            if labels["platform-config"] == "true" {
                platformMaps.append(PlatformMap(name: name, labels: labels, entries: configMap.data.sorted { $0.key.value < $1.key.value }))
            }
        }
        for name in names where name.hasPrefix("azure-app-config") {
            guard let configMap = namespace.configMaps[name] else { continue }
            let entries = configMap.data.sorted { ($0.key.value.utf8.count, $0.key.value) < ($1.key.value.utf8.count, $1.key.value) }
            for entry in entries {
                let (labels, key) = ConfigComposer.azureKey(entry.key.value)
                azureEntries.append(AzureEntry(configMap: name, entry: entry, labels: labels, key: key))
            }
        }
        self.platformMaps = platformMaps
        self.azureEntries = azureEntries
        var plans: [String: ClusterTypePlan] = [:]
        for (name, clusterType) in namespace.clusterTypes {
            plans[name] = Self.plan(clusterType: name, labels: namespace.labels(of: clusterType), platformMaps: platformMaps, azureEntries: azureEntries)
        }
        self.plans = plans
    }

    private static func plan(clusterType: String, labels: [String: String], platformMaps: [PlatformMap], azureEntries: [AzureEntry]) -> ClusterTypePlan {
        ClusterTypePlan(
            platformMaps: platformMaps.enumerated().compactMap { index, map in
                conditions(map.labels, clusterType: clusterType, clusterTypeLabels: labels).map { (index, $0) }
            },
            azureEntries: azureEntries.enumerated().compactMap { index, entry in
                conditions(entry.labels, clusterType: clusterType, clusterTypeLabels: labels).map { (index, $0) }
            })
    }

    /// What decides, for one cluster type, which maps apply to each of its deployment
    /// targets: the maps the cluster type does not rule out, each with what the target must
    /// satisfy (`conditions`).
    struct ClusterTypePlan: Sendable {
        var platformMaps: [(index: Int, conditions: [TargetCondition])]
        var azureEntries: [(index: Int, conditions: [TargetCondition])]
    }

    enum TargetCondition: Sendable, Hashable {
        case name(String)
        case workload(String)
        case label(key: String, value: String)

        func holds(for target: DeploymentTarget) -> Bool {
            switch self {
            case .name(let name): return target.name == name
            case .workload(let workload): return target.labels["workload"] == workload
            case .label(let key, let value): return target.labels[key] == value
            }
        }
    }

    private let plans: [String: ClusterTypePlan]

    /// Every condition on targets that some plan has.
    var conditions: [TargetCondition] {
        plans.values.flatMap { $0.platformMaps.flatMap(\.conditions) + $0.azureEntries.flatMap(\.conditions) }
    }

    /// What a deployment target must satisfy for an object with `labels` to apply to it on a
    /// cluster type, or nil when the cluster type rules the object out. Kalypso applies an
    /// object when each of its labels (but Flux's and `platform-config`) is `cluster-type`,
    /// `deployment-target` or `workload` naming them, or equals the same label on the cluster
    /// type or on the deployment target.
    static func conditions(_ labels: [String: String], clusterType: String, clusterTypeLabels: [String: String]) -> [TargetCondition]? {
        var conditions: [TargetCondition] = []
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) where !ConfigComposer.ignoredLabels.contains(key) {
            switch key {
            case "cluster-type":
                if value != clusterType { return nil }
            case "deployment-target":
                conditions.append(.name(value))
            case "workload":
                conditions.append(.workload(value))
            default:
                if clusterTypeLabels[key] != value { conditions.append(.label(key: key, value: value)) }
            }
        }
        return conditions
    }

    /// The plan of a cluster type (whose labels, the namespace's view of them, are `labels`).
    func plan(for clusterType: String, labels: [String: String]) -> ClusterTypePlan {
        plans[clusterType] ?? Self.plan(clusterType: clusterType, labels: labels, platformMaps: platformMaps, azureEntries: azureEntries)
    }

    /// The config data of `target` on the cluster type of `plan`; values are parsed and merged
    /// through `merger`.
    func compose(_ plan: ClusterTypePlan, target: DeploymentTarget, merger: inout ConfigMerger) -> Result<ComposedConfig, ConfigMergeFailure> {
        var key = CompositionKey(environment: environment, platformMaps: [], azureEntries: [])
        for (index, conditions) in plan.platformMaps where conditions.allSatisfy({ $0.holds(for: target) }) {
            key.platformMaps.append(index)
        }
        for (index, conditions) in plan.azureEntries where conditions.allSatisfy({ $0.holds(for: target) }) {
            key.azureEntries.append(index)
        }
        if let known = merger.compositions[key] { return known }
        let result = compose(key, merger: &merger)
        merger.compositions[key] = result
        return result
    }

    /// The config made of the ConfigMaps and entries `key` names.
    private func compose(_ key: CompositionKey, merger: inout ConfigMerger) -> Result<ComposedConfig, ConfigMergeFailure> {
        var order: [String] = []
        var sources: [String: [ConfigSource]] = [:]
        func put(_ key: String, _ source: ConfigSource) {
            if sources[key] == nil { order.append(key) }
            sources[key, default: []].append(source)
        }
        for index in key.platformMaps {
            let configMap = platformMaps[index]
            for entry in configMap.entries {
                put(entry.key.value, ConfigSource(configMap: configMap.name, key: entry.key.value, entry: entry))
            }
        }
        for index in key.azureEntries {
            let azure = azureEntries[index]
            put(azure.key, ConfigSource(configMap: azure.configMap, key: azure.entry.key.value, entry: azure.entry))
        }
        var entries: [GoValue: GoValue] = [:]
        entries.reserveCapacity(order.count)
        for key in order {
            let contributions = sources[key] ?? []
            switch merger.merged(contributions.map(\.entry.value)) {
            case .success(let value): entries[.string(key)] = value
            case .failure(let error): return .failure(ConfigMergeFailure(key: key, message: error.message, sources: contributions))
            }
        }
        return .success(
            ComposedConfig(
                data: .map(GoMap(keyType: .string, valueType: .interface, entries: entries)), sources: sources,
                identity: merger.compositions.count, overriddenKeys: order.filter { (sources[$0]?.count ?? 0) > 1 }.sorted()))
    }
}

/// Which ConfigMaps (and `azure-app-config` entries) of an environment apply to an
/// assignment: all its config depends on.
struct CompositionKey: Hashable, Sendable {
    var environment: String
    var platformMaps: [Int]
    var azureEntries: [Int]
}

/// Kalypso's parsing and merging of config values, remembered: the same values written in
/// many ConfigMaps, or merged for many assignments, are parsed and merged once.
public struct ConfigMerger: Sendable {
    private var parsed: [ExactString: GoValue] = [:]
    private var merges: [[ExactString]: Result<GoValue, KalypsoConfigMergeError>] = [:]
    /// Every composition made, by what it is made of.
    var compositions: [CompositionKey: Result<ComposedConfig, ConfigMergeFailure>] = [:]

    public init() {}

    /// `KalypsoConfigValue.parse`.
    public mutating func parse(_ raw: String) -> GoValue {
        if let value = parsed[ExactString(raw)] { return value }
        let value = KalypsoConfigValue.parse(raw)
        parsed[ExactString(raw)] = value
        return value
    }

    /// `KalypsoConfigValue.merged`.
    public mutating func merged(_ rawValues: [String]) -> Result<GoValue, KalypsoConfigMergeError> {
        let key = rawValues.map(ExactString.init)
        if let result = merges[key] { return result }
        let result: Result<GoValue, KalypsoConfigMergeError>
        do throws(KalypsoConfigMergeError) {
            result = .success(try KalypsoConfigValue.merged(rawValues))
        } catch {
            result = .failure(error)
        }
        merges[key] = result
        return result
    }
}
