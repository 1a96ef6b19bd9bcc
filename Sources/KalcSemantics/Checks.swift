import KalcDiagnostics

/// The static checks over the whole model: names and their uniqueness, references between
/// objects, Kubernetes naming rules, and what each environment needs to be pushed.
struct ModelChecks {
    let plane: ControlPlane
    private(set) var diagnostics: [Diagnostic] = []

    init(plane: ControlPlane) {
        self.plane = plane
    }

    mutating func run() {
        checkEnvironments()
        checkGitOpsBranches()
        checkDuplicates()
        checkObjectNames()
        checkLabels()
        checkWorkloads()
        checkTemplateReferences()
        checkConfigMaps()
    }

    private mutating func report(_ problem: SemanticProblem) {
        diagnostics.append(problem.diagnostic)
    }

    private var environmentNames: [String] { plane.environments.map(\.header.name.value) }

    // MARK: Environments

    private mutating func checkEnvironments() {
        for environment in plane.environments {
            let name = environment.header.name
            if name.value.contains("-") {
                let references = plane.workloads.flatMap(\.deploymentTargets).compactMap(\.environment).filter { $0.value == name.value }
                report(.environmentNameWithDash(name.value, at: name.location, references: references.map(\.location)))
            }
            if name.value == "main" {
                report(.environmentNamedMain(at: name.location))
            }
            let branch = Branch.environment(name.value)
            let repos = plane.gitOpsRepos.filter { $0.header.branch == branch }
            if repos.isEmpty {
                report(.missingGitOpsRepo(name))
            } else if repos.count > 1 {
                report(.multipleGitOpsRepos(environment: name.value, repos))
            }
        }
    }

    /// A GitOps branch git refuses is one Kalypso can never push to.
    private mutating func checkGitOpsBranches() {
        for repo in plane.gitOpsRepos {
            guard let problem = GitBranchNames.problem(repo.spec.branch) else { continue }
            let environment: String? = if case .environment(let name) = repo.header.branch { name } else { nil }
            report(.invalidBranchName(repo, problem: problem, environment: environment))
        }
    }

    // MARK: Duplicates

    private mutating func checkDuplicates() {
        duplicates(plane.environments.map(\.header), kind: "environment")
        duplicates(plane.clusterTypes.map(\.header), kind: "cluster type")
        duplicates(plane.policies.map(\.header), kind: "policy")
        duplicates(plane.configMaps.map(\.header), kind: "config")
        duplicates(plane.configSchemas.map(\.header), kind: "schema")
        duplicates(plane.templates.map(\.header), kind: "template")
        duplicates(plane.gitOpsRepos.map(\.header), kind: "GitOps repository")
        duplicates(plane.baseRepos.map(\.header), kind: "base repository")
        duplicates(plane.registrations.map(\.header), kind: "registration")
        var workloadsByName: [String: WorkloadObject] = [:]
        for workload in plane.workloads {
            if let first = workloadsByName[workload.header.name.value] {
                report(.duplicateWorkload(workload.header.name, first: first.header.name.location))
            } else {
                workloadsByName[workload.header.name.value] = workload
            }
        }
    }

    private mutating func duplicates(_ headers: [ObjectHeader], kind: String) {
        var first: [Branch: [String: ObjectHeader]] = [:]
        for header in headers {
            if let previous = first[header.branch]?[header.name.value] {
                let place = header.branch == .main ? "at the top level" : "in environment `\(header.branch.folderName)`"
                report(.duplicateObject(kind: kind, header, place: place, first: previous.name.location, environment: Self.environment(of: header)))
            } else {
                first[header.branch, default: [:]][header.name.value] = header
            }
        }
        guard kind != "environment" else { return }
        for (branch, names) in first where branch != .main {
            guard environmentHasBaseRepo(branch.folderName) else { continue }
            for (name, header) in names {
                if let hidden = first[.main]?[name] {
                    report(.shadowedObject(kind: kind, name, environment: branch.folderName, at: header.name.location, hidden: hidden.name.location))
                }
            }
        }
    }

    /// The environment an object declared in an environment's branch concerns (nil for the
    /// main branch, whose objects reach every environment with a base repository).
    static func environment(of header: ObjectHeader) -> String? {
        if case .environment(let name) = header.branch { return name }
        return nil
    }

    private func environmentHasBaseRepo(_ environment: String) -> Bool {
        plane.baseRepos.contains { $0.header.branch == .environment(environment) }
    }

    // MARK: Names and labels

    private var allHeaders: [ObjectHeader] {
        plane.environments.map(\.header) + plane.clusterTypes.map(\.header) + plane.policies.map(\.header)
            + plane.configMaps.map(\.header) + plane.configSchemas.map(\.header) + plane.templates.map(\.header)
            + plane.gitOpsRepos.map(\.header) + plane.baseRepos.map(\.header)
            + plane.registrations.filter { !$0.isImplicit }.map(\.header) + plane.workloads.map(\.header)
    }

    private mutating func checkObjectNames() {
        for header in allHeaders {
            let problems = KubernetesNames.subdomainProblems(header.name.value)
            if !problems.isEmpty {
                report(.invalidObjectName(header.name, problems: problems, environment: Self.environment(of: header)))
            }
        }
    }

    private mutating func checkLabels() {
        for header in allHeaders {
            checkLabels(header.labels, environment: Self.environment(of: header))
        }
        for workload in plane.workloads {
            for target in workload.deploymentTargets { checkLabels(target.labels, environment: target.environment?.value) }
        }
    }

    private mutating func checkLabels(_ labels: Labels, environment: String?) {
        for entry in labels.entries {
            let keyProblems = KubernetesNames.labelKeyProblems(entry.key.value)
            if !keyProblems.isEmpty {
                report(.invalidLabelKey(entry.key, problems: keyProblems, environment: environment))
            }
            let valueProblems = KubernetesNames.labelValueProblems(entry.value.value)
            if !valueProblems.isEmpty {
                report(.invalidLabelValue(entry.value, problems: valueProblems, environment: environment))
            }
        }
    }

    // MARK: Workloads

    private mutating func checkWorkloads() {
        let registrationNames = Set(plane.registrations.map(\.header.name.value))
        for workload in plane.workloads {
            if let registration = workload.registration, !registrationNames.contains(registration.value) {
                report(.unknownRegistration(registration.value, at: registration.location, declared: Array(registrationNames)))
            }
            // Kalypso creates each target in its environment only, so one name may serve
            // several environments.
            var seenTargets: [String: DeploymentTargetSpec] = [:]
            for target in workload.deploymentTargets {
                let key = "\(target.name.value) in \(target.environment?.value ?? "")"
                if let first = seenTargets[key] {
                    report(.duplicateTarget(target, workload: workload.header.name.value, first: first.name.location))
                }
                seenTargets[key] = target
                if let environment = target.environment, !environmentNames.contains(environment.value) {
                    report(.unknownEnvironment(environment.value, at: environment.location, declared: environmentNames))
                }
                let composed = "\(workload.header.name.value)-\(target.name.value)"
                var problems = KubernetesNames.subdomainProblems(composed)
                if composed.utf8.count > 63 {
                    problems.append("it is \(composed.utf8.count) characters long, and Kalypso puts it in a label value, which holds at most 63")
                }
                if !problems.isEmpty {
                    report(.invalidTargetName(composed, problems: problems, at: target.name.location))
                }
            }
        }
    }

    // MARK: Templates

    private mutating func checkTemplateReferences() {
        for clusterType in plane.clusterTypes {
            let environments: [String]
            switch clusterType.header.branch {
            case .environment(let name): environments = [name]
            case .main: environments = environmentNames.filter(environmentHasBaseRepo)
            }
            let references: [(Located<String>?, TemplateType, String)] = [
                (clusterType.reconciler, .reconciler, "reconciler"),
                (clusterType.namespaceService, .namespace, "namespace"),
                (clusterType.configType, .config, "config"),
            ]
            for (reference, expectedType, role) in references {
                guard let reference else { continue }
                var reported = false
                for environment in environments where !reported {
                    reported = checkTemplate(reference, expectedType: expectedType, role: role, clusterType: clusterType, environment: environment)
                }
            }
        }
    }

    /// Checks one template reference as seen from one environment; true when it reported.
    /// A problem of a cluster type declared in an environment concerns that environment only.
    private mutating func checkTemplate(_ reference: Located<String>, expectedType: TemplateType, role: String, clusterType: ClusterTypeObject, environment: String) -> Bool {
        let first = diagnostics.count
        defer {
            if let name = Self.environment(of: clusterType.header) {
                for index in first..<diagnostics.count { diagnostics[index].environment = name }
            }
        }
        let hasBase = environmentHasBaseRepo(environment)
        let visible = plane.templates.filter { $0.header.branch == .environment(environment) || ($0.header.branch == .main && hasBase) }
        guard let template = visible.first(where: { $0.header.name.value == reference.value }) else {
            if !hasBase, let unreachable = plane.templates.first(where: { $0.header.branch == .main && $0.header.name.value == reference.value }) {
                // A warning while nothing is assigned to the cluster type, as for K0101.
                report(.templateNotInEnvironment(reference, environment: environment, declared: unreachable.header.name.location, clusterType: clusterType.header.name.value))
                return true
            }
            let candidates = visible.filter { TemplateType(rawValue: $0.type?.value ?? "") == expectedType }.map(\.header.name.value)
            // A warning while nothing is assigned to the cluster type: Kalypso still pushes.
            // The compile of the deployments reports the error where something is, at the
            // same place, and the two become one (`mergingRepeats`).
            report(
                .unknownTemplate(
                    reference.value, at: reference.location, clusterType: clusterType.header.name.value,
                    candidates: candidates.isEmpty ? visible.map(\.header.name.value) : candidates,
                    templatesDeclared: !plane.templates.isEmpty,
                    importable: SemanticProblem.standardTemplateNames.contains(reference.value)
                        && !SemanticProblem.importsStandardTemplates(plane.templates)))
            return true
        }
        if let type = template.type, let actual = TemplateType(rawValue: type.value), actual != expectedType {
            report(.templateOfWrongType(reference, role: role, actual: actual, typeAt: type.location))
            return true
        }
        return false
    }

    // MARK: Config maps

    private mutating func checkConfigMaps() {
        for configMap in plane.configMaps {
            for entry in configMap.data {
                if entry.value.contains("{{") {
                    report(.configValueIsTemplate(key: entry.key.value, at: entry.location))
                }
                let problems = KubernetesNames.configMapKeyProblems(entry.key.value)
                if !problems.isEmpty {
                    report(.invalidConfigKey(entry.key, problems: problems))
                }
            }
        }
    }
}
