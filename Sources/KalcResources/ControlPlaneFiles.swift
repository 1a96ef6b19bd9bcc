import KalcSemantics
import KalcYAML

/// The Kalypso objects of a control plane as YAML files, laid out as in the control-plane
/// repository (one folder per branch) and the applications' repositories:
///
///     control-plane/main/.environments/<env>.yaml       Environment
///     control-plane/<branch>/templates/<name>.yaml      Template
///     control-plane/<branch>/workloads/<name>.yaml      WorkloadRegistration
///     control-plane/<branch>/cluster-types/<name>.yaml  ClusterType
///     control-plane/<branch>/scheduling-policies/...    SchedulingPolicy
///     control-plane/<branch>/configs/<name>.yaml        ConfigMap
///     control-plane/<branch>/config-schemas/<name>.yaml ConfigSchema
///     control-plane/<env>/gitops-repo.yaml              GitOpsRepo (gitops-repos/<name>.yaml if several)
///     control-plane/<env>/base-repo.yaml                BaseRepo (base-repos/<name>.yaml if several)
///     workloads/<registration>/workload.yaml            Workload (<workload>.yaml if several)
///
/// One object per file; keys in the conventional order (apiVersion, kind, metadata with
/// name then labels, spec).
public enum ControlPlaneFiles {
    static let apiVersion = KalypsoAPI.scheduler

    /// Relative path to YAML text, for every object of `plane` (in `environments` only, when given).
    public static func files(of plane: ControlPlane, environments: Set<String>? = nil) throws(YAMLError) -> [String: String] {
        var files: [String: String] = [:]
        func included(_ branch: Branch) -> Bool {
            guard let environments, case .environment(let name) = branch else { return true }
            return environments.contains(name)
        }
        func put(_ path: String, _ node: YAMLNode) throws(YAMLError) {
            files[path] = try YAMLWriter.string([node])
        }
        for environment in plane.environments where environments?.contains(environment.header.name.value) ?? true {
            try put("control-plane/main/.environments/\(environment.header.name.value).yaml", ObjectYAML.environment(environment))
        }
        for template in plane.templates where included(template.header.branch) {
            try put(path(template.header, "templates"), ObjectYAML.template(template))
        }
        for registration in plane.registrations where included(registration.header.branch) {
            try put(path(registration.header, "workloads"), ObjectYAML.registration(registration))
        }
        for clusterType in plane.clusterTypes where included(clusterType.header.branch) {
            try put(path(clusterType.header, "cluster-types"), ObjectYAML.clusterType(clusterType))
        }
        for policy in plane.policies where included(policy.header.branch) {
            try put(path(policy.header, "scheduling-policies"), ObjectYAML.policy(policy))
        }
        for configMap in plane.configMaps where included(configMap.header.branch) {
            try put(path(configMap.header, "configs"), ObjectYAML.configMap(configMap))
        }
        for schema in plane.configSchemas where included(schema.header.branch) {
            try put(path(schema.header, "config-schemas"), ObjectYAML.configSchema(schema))
        }
        let gitOpsByBranch = Dictionary(grouping: plane.gitOpsRepos.filter { included($0.header.branch) }, by: \.header.branch)
        for (branch, repos) in gitOpsByBranch {
            for repo in repos {
                let file = repos.count == 1 ? "gitops-repo.yaml" : "gitops-repos/\(repo.header.name.value).yaml"
                try put("control-plane/\(branch.folderName)/\(file)", ObjectYAML.repo("GitOpsRepo", repo.header, repo.spec))
            }
        }
        let baseByBranch = Dictionary(grouping: plane.baseRepos.filter { included($0.header.branch) }, by: \.header.branch)
        for (branch, repos) in baseByBranch {
            for repo in repos {
                let file = repos.count == 1 ? "base-repo.yaml" : "base-repos/\(repo.header.name.value).yaml"
                try put("control-plane/\(branch.folderName)/\(file)", ObjectYAML.repo("BaseRepo", repo.header, repo.spec))
            }
        }
        let byRegistration = Dictionary(grouping: plane.workloads, by: { $0.registration?.value ?? $0.header.name.value })
        for (registration, workloads) in byRegistration {
            for workload in workloads {
                let file = workloads.count == 1 ? "workload.yaml" : "\(workload.header.name.value).yaml"
                try put("workloads/\(registration)/\(file)", ObjectYAML.workload(workload))
            }
        }
        return files
    }

    static func path(_ header: ObjectHeader, _ folder: String) -> String {
        "control-plane/\(header.branch.folderName)/\(folder)/\(header.name.value).yaml"
    }
}

/// One Kalypso object as a YAML node.
enum ObjectYAML {
    static func object(
        apiVersion: String = ControlPlaneFiles.apiVersion, kind: String, _ header: ObjectHeader, extraLabels: [(String, String)] = [], body: [(key: String, value: YAMLNode)]
    ) -> YAMLNode {
        var metadata: [(key: String, value: YAMLNode)] = [("name", .string(header.name.value))]
        let labels = labelEntries(header.labels)
        if !labels.isEmpty {
            metadata.append(("labels", .mapping(labels)))
        }
        return .mapping([("apiVersion", .string(apiVersion)), ("kind", .string(kind)), ("metadata", .mapping(metadata))] + body)
    }

    static func labelEntries(_ labels: Labels) -> [(key: String, value: YAMLNode)] {
        var seen = Set<String>()
        var result: [(key: String, value: YAMLNode)] = []
        for entry in labels.entries.reversed() where seen.insert(entry.key.value).inserted {
            result.insert((entry.key.value, .string(entry.value.value)), at: 0)
        }
        return result
    }

    static func repoSpec(_ spec: RepoSpec, withCommit: Bool) -> [(key: String, value: YAMLNode)] {
        var entries: [(key: String, value: YAMLNode)] = [("repo", .string(spec.repo)), ("branch", .string(spec.branch)), ("path", .string(spec.path))]
        if withCommit, let commit = spec.commit { entries.append(("commit", .string(commit))) }
        return entries
    }

    static func text(_ value: String) -> YAMLNode {
        .string(value, style: value.contains("\n") ? .literal : .plain)
    }

    static func environment(_ environment: EnvironmentObject) -> YAMLNode {
        var spec: [(key: String, value: YAMLNode)] = []
        if let controlPlane = environment.controlPlane {
            spec.append(("controlPlane", .mapping(repoSpec(controlPlane, withCommit: false))))
        }
        return object(kind: "Environment", environment.header, body: [("spec", .mapping(spec))])
    }

    static func template(_ template: TemplateObject) -> YAMLNode {
        var spec: [(key: String, value: YAMLNode)] = []
        if let type = template.type { spec.append(("type", .string(type.value))) }
        if let contentType = template.contentType { spec.append(("contentType", .string(contentType.value))) }
        spec.append(("manifests", .sequence(template.manifests.map { text($0.value) })))
        return object(kind: "Template", template.header, body: [("spec", .mapping(spec))])
    }

    static func registration(_ registration: WorkloadRegistrationObject) -> YAMLNode {
        var spec: [(key: String, value: YAMLNode)] = []
        if let workload = registration.workload { spec.append(("workload", .mapping(repoSpec(workload, withCommit: false)))) }
        if let workspace = registration.workspace { spec.append(("workspace", .string(workspace.value))) }
        return object(kind: "WorkloadRegistration", registration.header, body: [("spec", .mapping(spec))])
    }

    static func clusterType(_ clusterType: ClusterTypeObject) -> YAMLNode {
        var spec: [(key: String, value: YAMLNode)] = []
        if let reconciler = clusterType.reconciler { spec.append(("reconciler", .string(reconciler.value))) }
        if let namespace = clusterType.namespaceService { spec.append(("namespaceService", .string(namespace.value))) }
        if let config = clusterType.configType { spec.append(("configType", .string(config.value))) }
        return object(kind: "ClusterType", clusterType.header, body: [("spec", .mapping(spec))])
    }

    static func selector(_ selector: LabelSelector) -> YAMLNode {
        var entries: [(key: String, value: YAMLNode)] = []
        if !selector.matchLabelEntries.isEmpty {
            entries.append(("matchLabels", .mapping(labelEntries(Labels(entries: selector.matchLabelEntries)))))
        }
        if !selector.matchExpressions.isEmpty {
            entries.append(
                (
                    "matchExpressions",
                    .sequence(
                        selector.matchExpressions.map { expression in
                            var fields: [(key: String, value: YAMLNode)] = [("key", .string(expression.key.value)), ("operator", .string(expression.operator.rawValue))]
                            if !expression.values.isEmpty {
                                fields.append(("values", .sequence(expression.values.map { .string($0.value) })))
                            }
                            return .mapping(fields)
                        })
                ))
        }
        return .mapping(entries)
    }

    static func policy(_ policy: SchedulingPolicyObject) -> YAMLNode {
        var targets: [(key: String, value: YAMLNode)] = []
        if let workspace = policy.workspace { targets.append(("workspace", .string(workspace.value))) }
        targets.append(("labelSelector", selector(policy.deploymentTargetSelector)))
        let spec: [(key: String, value: YAMLNode)] = [
            ("deploymentTargetSelector", .mapping(targets)),
            ("clusterTypeSelector", .mapping([("labelSelector", selector(policy.clusterTypeSelector))])),
        ]
        return object(kind: "SchedulingPolicy", policy.header, body: [("spec", .mapping(spec))])
    }

    static func configMap(_ configMap: ConfigMapObject) -> YAMLNode {
        var body: [(key: String, value: YAMLNode)] = []
        if !configMap.data.isEmpty {
            body.append(("data", .mapping(configMap.data.map { ($0.key.value, text($0.value)) })))
        }
        return object(apiVersion: "v1", kind: "ConfigMap", configMap.header, body: body)
    }

    static func configSchema(_ schema: ConfigSchemaObject) -> YAMLNode {
        var spec: [(key: String, value: YAMLNode)] = []
        if let text = schema.schema { spec.append(("schema", self.text(text.value))) }
        return object(kind: "ConfigSchema", schema.header, body: [("spec", .mapping(spec))])
    }

    static func repo(_ kind: String, _ header: ObjectHeader, _ spec: RepoSpec) -> YAMLNode {
        object(kind: kind, header, body: [("spec", .mapping(repoSpec(spec, withCommit: kind == "BaseRepo")))])
    }

    static func workload(_ workload: WorkloadObject) -> YAMLNode {
        var spec: [(key: String, value: YAMLNode)] = []
        spec.append(
            (
                "deploymentTargets",
                .sequence(
                    workload.deploymentTargets.map { target in
                        var fields: [(key: String, value: YAMLNode)] = [("name", .string(target.name.value))]
                        let labels = labelEntries(target.labels)
                        if !labels.isEmpty { fields.append(("labels", .mapping(labels))) }
                        if let environment = target.environment { fields.append(("environment", .string(environment.value))) }
                        fields.append(("manifests", target.manifestsAreNull ? .null : .mapping(target.manifestEntries.map { ($0.key, .string($0.value)) })))
                        if !target.configSchemas.isEmpty {
                            fields.append(("configSchemas", .sequence(target.configSchemas.map { text($0.value) })))
                        }
                        return .mapping(fields)
                    })
            ))
        if !workload.configSchemas.isEmpty {
            spec.append(("configSchemas", .sequence(workload.configSchemas.map { text($0.value) })))
        }
        return object(kind: "Workload", workload.header, body: [("spec", .mapping(spec))])
    }
}
