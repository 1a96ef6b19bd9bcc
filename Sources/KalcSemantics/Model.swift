import KalcDiagnostics

/// Where a Kalypso object lives: the main branch of the control-plane repository, the
/// branch of one environment, or the repository of an application (the folder a workload
/// registration points to).
public enum Branch: Hashable, Sendable, Comparable {
    case main
    case environment(String)

    /// The folder name under `control-plane/`.
    public var folderName: String {
        switch self {
        case .main: "main"
        case .environment(let name): name
        }
    }
}

/// A value with the place in the source it came from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: Location

    public init(_ value: Value, at location: Location) {
        self.value = value
        self.location = location
    }
}

/// Labels as written: key and value, each with its place, in source order.
public struct Labels: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: Located<String>
        public var value: Located<String>

        public init(key: Located<String>, value: Located<String>) {
            self.key = key
            self.value = value
        }
    }

    public var entries: [Entry] = []

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// The labels as a dictionary (the last of duplicate keys wins).
    public var dictionary: [String: String] {
        var result: [String: String] = [:]
        for entry in entries { result[entry.key.value] = entry.value.value }
        return result
    }

    public subscript(key: String) -> String? {
        entries.last { $0.key.value == key }?.value.value
    }
}

/// A repository, branch and path (and, for a base repository, a promoted commit).
public struct RepoSpec: Sendable, Hashable {
    public var repo: String
    public var branch: String
    public var path: String
    public var commit: String?
    public var location: Location
    /// Where the branch is written, when it is known apart from the whole reference.
    public var branchLocation: Location?

    public init(repo: String, branch: String, path: String, commit: String? = nil, location: Location, branchLocation: Location? = nil) {
        self.repo = repo
        self.branch = branch
        self.path = path
        self.commit = commit
        self.location = location
        self.branchLocation = branchLocation
    }
}

/// What every Kalypso object has: a name, labels, a branch, and the declaration it came from.
public struct ObjectHeader: Sendable, Hashable {
    public var name: Located<String>
    public var labels: Labels
    public var branch: Branch
    /// The whole declaration.
    public var location: Location

    public init(name: Located<String>, labels: Labels, branch: Branch, location: Location) {
        self.name = name
        self.labels = labels
        self.branch = branch
        self.location = location
    }
}

/// Environment (main branch).
public struct EnvironmentObject: Sendable, Hashable {
    public var header: ObjectHeader
    public var controlPlane: RepoSpec?

    public init(header: ObjectHeader, controlPlane: RepoSpec?) {
        self.header = header
        self.controlPlane = controlPlane
    }
}

/// ClusterType: which templates render its deployments.
public struct ClusterTypeObject: Sendable, Hashable {
    public var header: ObjectHeader
    public var reconciler: Located<String>?
    public var namespaceService: Located<String>?
    public var configType: Located<String>?

    public init(header: ObjectHeader, reconciler: Located<String>?, namespaceService: Located<String>?, configType: Located<String>?) {
        self.header = header
        self.reconciler = reconciler
        self.namespaceService = namespaceService
        self.configType = configType
    }
}

/// A Kubernetes label selector requirement of `matchExpressions`.
public struct SelectorExpression: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    public var key: Located<String>
    public var `operator`: Operator
    public var values: [Located<String>]
    public var location: Location

    public init(key: Located<String>, operator: Operator, values: [Located<String>], location: Location) {
        self.key = key
        self.operator = `operator`
        self.values = values
        self.location = location
    }
}

/// A Kubernetes label selector: `matchLabels` and `matchExpressions`.
public struct LabelSelector: Sendable, Hashable {
    public var matchLabelEntries: [Labels.Entry] = []
    public var matchExpressions: [SelectorExpression] = []
    /// The clause it was written in, if any.
    public var location: Location?

    public init() {}

    /// Whether the selector selects everything.
    public var isEmpty: Bool { matchLabelEntries.isEmpty && matchExpressions.isEmpty }
}

/// SchedulingPolicy.
public struct SchedulingPolicyObject: Sendable, Hashable {
    public var header: ObjectHeader
    public var workspace: Located<String>?
    public var deploymentTargetSelector: LabelSelector
    public var clusterTypeSelector: LabelSelector

    public init(header: ObjectHeader, workspace: Located<String>?, deploymentTargetSelector: LabelSelector, clusterTypeSelector: LabelSelector) {
        self.header = header
        self.workspace = workspace
        self.deploymentTargetSelector = deploymentTargetSelector
        self.clusterTypeSelector = clusterTypeSelector
    }
}

/// One key of a platform ConfigMap.
public struct ConfigEntry: Sendable, Hashable {
    public var key: Located<String>
    /// The string Kalypso reads (nested values are written as YAML text).
    public var value: String
    public var location: Location
    /// Whether the value was written as a map or list in the source.
    public var isStructured: Bool

    public init(key: Located<String>, value: String, location: Location, isStructured: Bool) {
        self.key = key
        self.value = value
        self.location = location
        self.isStructured = isStructured
    }
}

/// ConfigMap labelled `platform-config: "true"` (or named `azure-app-config...`).
public struct ConfigMapObject: Sendable, Hashable {
    public var header: ObjectHeader
    public var data: [ConfigEntry]

    public init(header: ObjectHeader, data: [ConfigEntry]) {
        self.header = header
        self.data = data
    }
}

/// ConfigSchema: a JSON Schema that the config of matching deployments must satisfy.
public struct ConfigSchemaObject: Sendable, Hashable {
    public var header: ObjectHeader
    public var schema: Located<String>?

    public init(header: ObjectHeader, schema: Located<String>?) {
        self.header = header
        self.schema = schema
    }
}

/// The kinds of templates a cluster type refers to.
public enum TemplateType: String, Sendable, Hashable, CaseIterable {
    case reconciler
    case namespace
    case config
}

/// Template: Go template text rendered for every deployment.
public struct TemplateObject: Sendable, Hashable {
    public var header: ObjectHeader
    public var type: Located<String>?
    public var contentType: Located<String>?
    public var manifests: [Located<String>]

    public init(header: ObjectHeader, type: Located<String>?, contentType: Located<String>?, manifests: [Located<String>]) {
        self.header = header
        self.type = type
        self.contentType = contentType
        self.manifests = manifests
    }
}

/// GitOpsRepo: where an environment's GitOps tree is pushed.
public struct GitOpsRepoObject: Sendable, Hashable {
    public var header: ObjectHeader
    public var spec: RepoSpec

    public init(header: ObjectHeader, spec: RepoSpec) {
        self.header = header
        self.spec = spec
    }
}

/// BaseRepo: brings the main branch into an environment, with an optional promoted commit.
public struct BaseRepoObject: Sendable, Hashable {
    public var header: ObjectHeader
    public var spec: RepoSpec

    public init(header: ObjectHeader, spec: RepoSpec) {
        self.header = header
        self.spec = spec
    }
}

/// WorkloadRegistration: where a workload's definition lives, and its workspace.
public struct WorkloadRegistrationObject: Sendable, Hashable {
    public var header: ObjectHeader
    public var workspace: Located<String>?
    public var workload: RepoSpec?
    /// Whether it was written as part of a `workload` declaration rather than on its own.
    public var isImplicit: Bool

    public init(header: ObjectHeader, workspace: Located<String>?, workload: RepoSpec?, isImplicit: Bool) {
        self.header = header
        self.workspace = workspace
        self.workload = workload
        self.isImplicit = isImplicit
    }
}

/// One deployment target of a workload.
public struct DeploymentTargetSpec: Sendable, Hashable {
    public var name: Located<String>
    public var labels: Labels
    public var environment: Located<String>?
    public var manifestEntries: [ManifestEntry]
    /// Whether `manifests` is null (`manifests:` with no value in YAML, `manifests = null` in
    /// kalc): Go reads it as a nil map, which templates tell from an empty one (`toJson`
    /// gives `null`, `printf "%#v"` `map[string]string(nil)`). `manifestEntries` is empty then.
    public var manifestsAreNull: Bool
    public var manifestsLocation: Location?
    public var configSchemas: [Located<String>]
    public var location: Location

    public struct ManifestEntry: Sendable, Hashable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public init(
        name: Located<String>, labels: Labels, environment: Located<String>?, manifestEntries: [ManifestEntry], manifestsAreNull: Bool = false,
        manifestsLocation: Location?, configSchemas: [Located<String>], location: Location
    ) {
        self.name = name
        self.labels = labels
        self.environment = environment
        self.manifestEntries = manifestEntries
        self.manifestsAreNull = manifestsAreNull
        self.manifestsLocation = manifestsLocation
        self.configSchemas = configSchemas
        self.location = location
    }
}

/// Workload: the deployment targets of an application.
public struct WorkloadObject: Sendable, Hashable {
    public var header: ObjectHeader
    /// The registration that delivers it.
    public var registration: Located<String>?
    public var deploymentTargets: [DeploymentTargetSpec]
    public var configSchemas: [Located<String>]

    public init(header: ObjectHeader, registration: Located<String>?, deploymentTargets: [DeploymentTargetSpec], configSchemas: [Located<String>]) {
        self.header = header
        self.registration = registration
        self.deploymentTargets = deploymentTargets
        self.configSchemas = configSchemas
    }
}

/// The whole control plane: every Kalypso object kalc compiles, with where it came from.
public struct ControlPlane: Sendable {
    public var environments: [EnvironmentObject] = []
    public var clusterTypes: [ClusterTypeObject] = []
    public var policies: [SchedulingPolicyObject] = []
    public var configMaps: [ConfigMapObject] = []
    public var configSchemas: [ConfigSchemaObject] = []
    public var templates: [TemplateObject] = []
    public var gitOpsRepos: [GitOpsRepoObject] = []
    public var baseRepos: [BaseRepoObject] = []
    public var registrations: [WorkloadRegistrationObject] = []
    public var workloads: [WorkloadObject] = []

    public init() {}

    /// Adds the objects of `other` after this plane's.
    mutating func append(_ other: ControlPlane) {
        environments += other.environments
        clusterTypes += other.clusterTypes
        policies += other.policies
        configMaps += other.configMaps
        configSchemas += other.configSchemas
        templates += other.templates
        gitOpsRepos += other.gitOpsRepos
        baseRepos += other.baseRepos
        registrations += other.registrations
        workloads += other.workloads
    }
}
