/// The labels Flux's kustomize-controller stamps on every object it applies; Kalypso copies
/// them into deployment target labels, where templates and selectors see them.
public enum FluxLabels {
    public static let name = "kustomize.toolkit.fluxcd.io/name"
    public static let namespace = "kustomize.toolkit.fluxcd.io/namespace"
    public static let namespaceValue = "flux-system"

    /// `labels` with the two Flux labels of the kustomization `kustomization` (they win
    /// over labels of the same keys).
    public static func applied(_ labels: [String: String], kustomization: String) -> [String: String] {
        var result = labels
        result[name] = kustomization
        result[namespace] = namespaceValue
        return result
    }
}

/// What reaches one environment's Kubernetes namespace, as Flux applies it: the objects of
/// the environment's branch; the main branch, if the environment has a base repository;
/// and the workloads of every registration that reaches the namespace. Where two objects
/// of a kind share a name, the first applied wins (environment branch, then main, then
/// workloads).
public struct Namespace: Sendable {
    public private(set) var environment: String
    /// The name of the Flux kustomization that applies each branch's objects.
    public private(set) var mainKustomization: String?
    public var clusterTypes: [String: ClusterTypeObject] = [:]
    public var policies: [String: SchedulingPolicyObject] = [:]
    public var configMaps: [String: ConfigMapObject] = [:]
    public var configSchemas: [String: ConfigSchemaObject] = [:]
    public var templates: [String: TemplateObject] = [:]
    public var gitOpsRepos: [String: GitOpsRepoObject] = [:]
    public var baseRepos: [String: BaseRepoObject] = [:]
    public var registrations: [String: WorkloadRegistrationObject] = [:]
    /// Workloads with the registration that delivered them.
    public var workloads: [String: (workload: WorkloadObject, registration: String)] = [:]

    /// The namespace of environment `environment` in `plane`.
    public init(environment: String, plane: ControlPlane) {
        self.environment = environment
        let own = Branch.environment(environment)
        func add<Object>(_ objects: [Object], header: (Object) -> ObjectHeader, into map: inout [String: Object], branch: Branch) {
            for object in objects where header(object).branch == branch && map[header(object).name.value] == nil {
                map[header(object).name.value] = object
            }
        }
        func addBranch(_ branch: Branch, into namespace: inout Namespace) {
            add(plane.clusterTypes, header: \.header, into: &namespace.clusterTypes, branch: branch)
            add(plane.policies, header: \.header, into: &namespace.policies, branch: branch)
            add(plane.configMaps, header: \.header, into: &namespace.configMaps, branch: branch)
            add(plane.configSchemas, header: \.header, into: &namespace.configSchemas, branch: branch)
            add(plane.templates, header: \.header, into: &namespace.templates, branch: branch)
            add(plane.gitOpsRepos, header: \.header, into: &namespace.gitOpsRepos, branch: branch)
            add(plane.baseRepos, header: \.header, into: &namespace.baseRepos, branch: branch)
            add(plane.registrations, header: \.header, into: &namespace.registrations, branch: branch)
        }
        var namespace = self
        addBranch(own, into: &namespace)
        var mainKustomization: String?
        if !namespace.baseRepos.isEmpty {
            let baseName = namespace.baseRepos["main"] != nil ? "main" : namespace.baseRepos.keys.sorted()[0]
            mainKustomization = "\(environment)-\(baseName)"
            addBranch(.main, into: &namespace)
        }
        let byRegistration = Dictionary(grouping: plane.workloads, by: { $0.registration?.value ?? "" })
        for registration in namespace.registrations.keys.sorted() {
            for workload in byRegistration[registration] ?? [] where namespace.workloads[workload.header.name.value] == nil {
                namespace.workloads[workload.header.name.value] = (workload, registration)
            }
        }
        self = namespace
        self.mainKustomization = mainKustomization
    }

    /// The Flux kustomization that applied an object of `branch` to this namespace.
    public func kustomization(for branch: Branch) -> String {
        switch branch {
        case .main: mainKustomization ?? "\(environment)-main"
        case .environment(let name): name
        }
    }

    /// A cluster type's labels as Kalypso sees them (with Flux's labels).
    public func labels(of clusterType: ClusterTypeObject) -> [String: String] {
        FluxLabels.applied(clusterType.header.labels.dictionary, kustomization: kustomization(for: clusterType.header.branch))
    }

    /// A workload's labels as Kalypso sees them (with Flux's labels, naming its registration).
    public func labels(of workload: WorkloadObject, registration: String) -> [String: String] {
        FluxLabels.applied(workload.header.labels.dictionary, kustomization: "\(environment)-\(registration)")
    }
}
