import KalcDiagnostics
import KalcSemantics

/// What a project does to the fleet, in the terms a reviewer compares: per environment,
/// where each deployment target lands and through which policy, the config values each
/// deployment gets and from which config, the GitOps files, and whether Kalypso would push.
public struct FleetSnapshot: Sendable {
    /// One config value of a deployment.
    public struct ConfigValue: Sendable, Hashable {
        /// The value as Kalypso reads it from the config that sets it last.
        public var value: String
        /// The config (ConfigMap) that sets it last.
        public var config: String

        public init(value: String, config: String) {
            self.value = value
            self.config = config
        }
    }

    /// A deployment target on one cluster type.
    public struct Deployment: Sendable, Hashable {
        public var deploymentTarget: String
        public var workload: String
        public var clusterType: String
        public var policy: String
        /// Key → value, for every key of the deployment's composed config.
        public var config: [String: ConfigValue]

        public init(deploymentTarget: String, workload: String, clusterType: String, policy: String, config: [String: ConfigValue]) {
            self.deploymentTarget = deploymentTarget
            self.workload = workload
            self.clusterType = clusterType
            self.policy = policy
            self.config = config
        }
    }

    /// A deployment target of an environment, scheduled or not.
    public struct Target: Sendable, Hashable {
        public var name: String
        public var workload: String
        public var workspace: String
        public var labels: [String: String]
        /// The JSON Schemas its config must meet: the target's own, then the workload's.
        public var requirements: [String]

        public init(name: String, workload: String, workspace: String, labels: [String: String], requirements: [String]) {
            self.name = name
            self.workload = workload
            self.workspace = workspace
            self.labels = labels
            self.requirements = requirements
        }
    }

    /// One environment.
    public struct Environment: Sendable {
        public var name: String
        /// Where its GitOps tree goes (`repo @ branch`), if anywhere.
        public var gitOps: String?
        public var clusterTypes: [String]
        public var targets: [Target]
        public var deployments: [Deployment]
        /// Path → content of the GitOps tree Kalypso would push.
        public var files: [String: String]
        /// Whether Kalypso would push the tree.
        public var isPushed: Bool
        /// The errors that keep it from being pushed, as `file:line:column: CODE message`.
        public var errors: [String]

        public init(
            name: String, gitOps: String? = nil, clusterTypes: [String] = [], targets: [Target] = [], deployments: [Deployment],
            files: [String: String], isPushed: Bool, errors: [String]
        ) {
            self.name = name
            self.gitOps = gitOps
            self.clusterTypes = clusterTypes
            self.targets = targets
            self.deployments = deployments
            self.files = files
            self.isPushed = isPushed
            self.errors = errors
        }
    }

    public var environments: [Environment]

    public init(environments: [Environment]) {
        self.environments = environments
    }
}

/// The difference between two snapshots of a fleet: the plan of a change.
public struct FleetChange: Sendable {
    /// A deployment target that lands elsewhere: the cluster types it left and those it
    /// reached, with the policies that place it now (and placed it before).
    public struct Move: Sendable, Hashable {
        public var deploymentTarget: String
        public var workload: String
        public var from: [String]
        public var to: [String]
        public var policies: [String]
        public var previousPolicies: [String]
    }

    /// A config value of a deployment that changes: on the cluster type it stays on, or, for a
    /// deployment target that moved from one cluster type to `clusterType`, a value that the
    /// same config sets on both (what another config sets there is the move's doing, which
    /// the move itself shows).
    public struct ValueChange: Sendable, Hashable {
        public var deploymentTarget: String
        public var clusterType: String
        public var key: String
        public var old: FleetSnapshot.ConfigValue?
        public var new: FleetSnapshot.ConfigValue?
    }

    /// How many GitOps files an environment's tree gains, loses and changes.
    public struct FileCounts: Sendable, Hashable {
        public var added = 0
        public var removed = 0
        public var changed = 0
        public var isEmpty: Bool { added == 0 && removed == 0 && changed == 0 }
    }

    /// What changes in one environment.
    public struct Environment: Sendable {
        public var name: String
        /// `added`, `removed` or `changed`.
        public var status: String
        public var wasPushed: Bool
        public var isPushed: Bool
        /// The errors that keep the environment from being pushed now, when it was before.
        public var errors: [String]
        public var added: [FleetSnapshot.Deployment]
        public var removed: [FleetSnapshot.Deployment]
        public var moved: [Move]
        public var values: [ValueChange]
        public var files: FileCounts

        /// Whether Kalypso would no longer push the environment.
        public var stopsBeingPushed: Bool { wasPushed && !isPushed }
        var isEmpty: Bool {
            status == "changed" && wasPushed == isPushed && added.isEmpty && removed.isEmpty && moved.isEmpty && values.isEmpty && files.isEmpty
        }
    }

    /// The revision the change is measured from.
    public var base: String
    /// The environments where something changes, by name.
    public var environments: [Environment]

    /// Whether the change does nothing to the fleet.
    public var isEmpty: Bool { environments.isEmpty }

    /// Compares the fleet at `base` with the fleet `head` describes.
    public static func compare(_ old: FleetSnapshot, _ new: FleetSnapshot, base: String) -> FleetChange {
        let before = Dictionary(old.environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.environments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let empty = FleetSnapshot.Environment(name: "", deployments: [], files: [:], isPushed: false, errors: [])
        var environments: [Environment] = []
        for name in Set(before.keys).union(after.keys).sorted() {
            let status = before[name] == nil ? "added" : after[name] == nil ? "removed" : "changed"
            let change = compare(before[name] ?? empty, after[name] ?? empty, name: name, status: status)
            if !change.isEmpty { environments.append(change) }
        }
        return FleetChange(base: base, environments: environments)
    }

    private static func compare(_ old: FleetSnapshot.Environment, _ new: FleetSnapshot.Environment, name: String, status: String) -> Environment {
        func key(_ deployment: FleetSnapshot.Deployment) -> String { deployment.deploymentTarget + "\u{0}" + deployment.clusterType }
        let before = Dictionary(old.deployments.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.deployments.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let gone = old.deployments.filter { after[key($0)] == nil }
        let came = new.deployments.filter { before[key($0)] == nil }
        // A target that loses cluster types and gains others has moved.
        let movedTargets = Set(gone.map(\.deploymentTarget)).intersection(came.map(\.deploymentTarget))
        let moved = movedTargets.sorted().map { target in
            let left = gone.filter { $0.deploymentTarget == target }
            let reached = came.filter { $0.deploymentTarget == target }
            return Move(
                deploymentTarget: target, workload: reached.first?.workload ?? "",
                from: left.map(\.clusterType).sorted(), to: reached.map(\.clusterType).sorted(),
                policies: Array(Set(reached.map(\.policy))).sorted(), previousPolicies: Array(Set(left.map(\.policy))).sorted())
        }
        var values: [ValueChange] = []
        // A target that left a single cluster type compares its values there with those of
        // every cluster type it reached.
        var leftSingle: [String: FleetSnapshot.Deployment] = [:]
        for target in movedTargets {
            let left = gone.filter { $0.deploymentTarget == target }
            if left.count == 1 { leftSingle[target] = left[0] }
        }
        for deployment in new.deployments {
            guard let previous = before[key(deployment)] ?? leftSingle[deployment.deploymentTarget] else { continue }
            for configKey in Set(previous.config.keys).union(deployment.config.keys).sorted() {
                let was = previous.config[configKey]
                let now = deployment.config[configKey]
                guard was?.value != now?.value else { continue }
                if before[key(deployment)] == nil && was?.config != now?.config { continue }
                values.append(ValueChange(deploymentTarget: deployment.deploymentTarget, clusterType: deployment.clusterType, key: configKey, old: was, new: now))
            }
        }
        var files = FileCounts()
        for (path, content) in new.files {
            if let previous = old.files[path] {
                if previous != content { files.changed += 1 }
            } else {
                files.added += 1
            }
        }
        files.removed = old.files.keys.filter { new.files[$0] == nil }.count
        let order: (FleetSnapshot.Deployment, FleetSnapshot.Deployment) -> Bool = { ($0.deploymentTarget, $0.clusterType) < ($1.deploymentTarget, $1.clusterType) }
        return Environment(
            name: name, status: status, wasPushed: old.isPushed, isPushed: new.isPushed,
            errors: old.isPushed && !new.isPushed ? new.errors : [],
            added: came.filter { !movedTargets.contains($0.deploymentTarget) }.sorted(by: order),
            removed: gone.filter { !movedTargets.contains($0.deploymentTarget) }.sorted(by: order),
            moved: moved, values: values, files: files)
    }
}
