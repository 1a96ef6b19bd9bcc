import KalcDiagnostics
import KalcScheduling
import KalcSemantics

/// The text of a hover and the name it is about.
public struct HoverText: Sendable {
    /// Markdown.
    public var markdown: String
    /// The name the hover is about.
    public var location: Location
}

/// Hovers: what the name under the cursor is and what Kalypso does with it — where a
/// workload's targets are scheduled, what a policy selects, what runs on a cluster type,
/// which value a config key has in each deployment, which objects carry a label.
extension ProjectSnapshot {
    /// The hover for the name at a place, nil when there is no name there.
    public func hover(in path: String, at offset: Int) -> HoverText? {
        guard let occurrence = index.occurrence(in: path, at: offset) else { return nil }
        let markdown: String
        switch occurrence {
        case .declaration(let declaration):
            markdown = describe(declaration)
        case .reference(let reference):
            let declarations = index.declarations(for: reference)
            guard let first = declarations.first else {
                markdown = "No \(reference.kind.displayName) is named \(Markdown.code(reference.name))."
                break
            }
            markdown = describe(first) + (declarations.count > 1 ? "\n\n\(declarations.count) declarations have this name." : "")
        case .labelKey(let use):
            markdown = labelHover(use, value: nil)
        case .labelValue(let use, let value):
            markdown = labelHover(use, value: value.value)
        case .configKey(let use):
            markdown = configKeyHover(use)
        }
        return HoverText(markdown: markdown, location: occurrence.location)
    }

    private var plane: ControlPlane { analysis.controlPlane }

    private func title(_ declaration: SymbolDeclaration) -> String {
        var title = "**\(declaration.kind.displayName)** \(Markdown.code(declaration.name))"
        if case .environment(let environment) = declaration.branch {
            title += " in environment \(Markdown.code(environment))"
        }
        if declaration.nameLocation.file.hasPrefix("<") {
            title += " — standard library \(Markdown.code(String(declaration.nameLocation.file.dropFirst().dropLast())))"
        }
        return title
    }

    private func describe(_ declaration: SymbolDeclaration) -> String {
        var lines = [title(declaration)]
        switch declaration.kind {
        case .workload: lines += workloadLines(declaration)
        case .deploymentTarget: lines += targetLines(declaration)
        case .policy: lines += policyLines(declaration)
        case .clusterType: lines += clusterTypeLines(declaration)
        case .environment: lines += environmentLines(declaration)
        case .template: lines += templateLines(declaration)
        case .registration: lines += registrationLines(declaration)
        case .config: lines += configLines(declaration)
        case .schema:
            if let schema = plane.configSchemas.first(where: { $0.header.name.location == declaration.nameLocation }), !schema.header.labels.entries.isEmpty {
                lines.append("Labels: \(Markdown.labels(schema.header.labels))")
            }
        case .repository, .gitOpsRepo, .baseRepo:
            if let source = source(declaration.location.file) {
                lines.append("```kalc\n\(source.text(declaration.location.span))\n```")
            }
        }
        return lines.joined(separator: "\n\n")
    }

    /// The schedules of the environments a declaration reaches: its own environment's, or,
    /// for the main branch, those of the environments whose namespace holds it.
    private func schedules(reaching declaration: SymbolDeclaration, holds: (EnvironmentSchedule) -> Bool) -> [EnvironmentSchedule] {
        switch declaration.branch {
        case .environment(let environment): schedules.filter { $0.environment.header.name.value == environment }
        case .main: schedules.filter(holds)
        }
    }

    // MARK: Workloads

    private func workloadLines(_ declaration: SymbolDeclaration) -> [String] {
        guard let workload = plane.workloads.first(where: { $0.header.name.location == declaration.nameLocation }) else { return [] }
        var lines: [String] = []
        if !workload.header.labels.entries.isEmpty {
            lines.append("Labels: \(Markdown.labels(workload.header.labels))")
        }
        if let registration = workload.registration {
            var line = "Registration \(Markdown.code(registration.value))"
            if let object = plane.registrations.first(where: { $0.header.name.value == registration.value }), let workspace = object.workspace {
                line += ", workspace \(Markdown.code(workspace.value))"
            }
            lines.append(line)
        }
        if workload.deploymentTargets.isEmpty {
            lines.append("No deployment targets.")
        } else {
            lines.append("Deployment targets:\n" + workload.deploymentTargets.map { "- " + targetSummary(workload, $0) }.joined(separator: "\n"))
        }
        return lines
    }

    private func targetLines(_ declaration: SymbolDeclaration) -> [String] {
        guard let workload = plane.workloads.first(where: { $0.header.name.value == declaration.workload }),
            let target = workload.deploymentTargets.first(where: { $0.name.location == declaration.nameLocation })
        else { return [] }
        var lines = ["Of workload \(Markdown.code(workload.header.name.value)): " + targetSummary(workload, target)]
        if !target.labels.entries.isEmpty {
            lines.append("Labels: \(Markdown.labels(target.labels))")
        }
        if !target.manifestEntries.isEmpty {
            lines.append("Manifests: " + target.manifestEntries.map { Markdown.code("\($0.key): \($0.value)") }.joined(separator: ", "))
        }
        return lines
    }

    /// Where one deployment target of a workload ends up: its environment, and the cluster
    /// types and policies that schedule it there.
    private func targetSummary(_ workload: WorkloadObject, _ target: DeploymentTargetSpec) -> String {
        let composed = "\(workload.header.name.value)-\(target.name.value)"
        var summary = Markdown.code(target.name.value)
        guard let environment = target.environment?.value else { return summary + ": no environment" }
        summary += " in environment \(Markdown.code(environment))"
        guard let schedule = schedule(of: environment) else { return summary + ": no environment is named \(Markdown.code(environment))" }
        guard let created = schedule.deploymentTargets[composed], created.workload.header.name.location == workload.header.name.location else {
            return summary + ": never reaches the environment"
        }
        let assignments = schedule.assignments.filter { $0.deploymentTarget == composed }
        guard !assignments.isEmpty else {
            return summary + (schedule.hasFailedPolicy ? ": not scheduled (a policy of the environment fails)" : ": not scheduled (no policy selects it)")
        }
        return summary + " as \(Markdown.code(composed)): "
            + assignments.map {
                "on cluster type \(Markdown.code($0.clusterType)) by policy \(Markdown.code($0.policy.header.name.value))"
            }.joined(separator: "; ")
    }

    // MARK: Policies and cluster types

    private func policyLines(_ declaration: SymbolDeclaration) -> [String] {
        let reached = schedules(reaching: declaration) { $0.namespace.policies[declaration.name]?.header.name.location == declaration.nameLocation }
        var lines: [String] = []
        for schedule in reached {
            guard let policy = schedule.namespace.policies[declaration.name] else { continue }
            let heading = reached.count > 1 || declaration.branch == .main ? "In environment \(Markdown.code(schedule.namespace.environment)): " : ""
            guard case .success(let targets) = CompiledSelector.compile(policy.deploymentTargetSelector),
                case .success(let clusterTypes) = CompiledSelector.compile(policy.clusterTypeSelector)
            else {
                lines.append(heading + "the selector is invalid, so Kalypso never schedules with this policy.")
                continue
            }
            let namespace = schedule.namespace
            let selectedTargets = schedule.deploymentTargets.keys.sorted().filter { name in
                guard let target = schedule.deploymentTargets[name] else { return false }
                if let workspace = policy.workspace?.value, !workspace.isEmpty, workspace != target.labels["workspace"] { return false }
                return targets.matches(target.labels)
            }
            let selectedTypes = namespace.clusterTypes.keys.sorted().filter { name in
                namespace.clusterTypes[name].map { clusterTypes.matches(namespace.labels(of: $0)) } ?? false
            }
            var targetClause = Self.describe(policy.deploymentTargetSelector).map { "deployment targets where \(Markdown.code($0))" } ?? "every deployment target"
            if let workspace = policy.workspace?.value, !workspace.isEmpty {
                targetClause += " of workspace \(Markdown.code(workspace))"
            }
            let typeClause = Self.describe(policy.clusterTypeSelector).map { "cluster types where \(Markdown.code($0))" } ?? "every cluster type"
            let made = schedule.assignments.filter { $0.policy.header.name.location == declaration.nameLocation }.map(\.name)
            lines.append(
                heading + "Selects \(targetClause): \(Markdown.names(selectedTargets))\n\n"
                    + "Selects \(typeClause): \(Markdown.names(selectedTypes))\n\n"
                    + "Assignments: \(Markdown.names(made))")
        }
        if lines.isEmpty { lines.append("Reaches no environment.") }
        return lines
    }

    /// A selector as kalc writes it, nil when it selects everything.
    static func describe(_ selector: LabelSelector) -> String? {
        var terms = selector.matchLabelEntries.map { "\($0.key.value) == \($0.value.value)" }
        for expression in selector.matchExpressions {
            let values = expression.values.map(\.value).joined(separator: ", ")
            switch expression.operator {
            case .in: terms.append("\(expression.key.value) in (\(values))")
            case .notIn: terms.append("\(expression.key.value) notin (\(values))")
            case .exists: terms.append(expression.key.value)
            case .doesNotExist: terms.append("!\(expression.key.value)")
            }
        }
        return terms.isEmpty ? nil : terms.joined(separator: ", ")
    }

    private func clusterTypeLines(_ declaration: SymbolDeclaration) -> [String] {
        var lines: [String] = []
        if let clusterType = plane.clusterTypes.first(where: { $0.header.name.location == declaration.nameLocation }) {
            if !clusterType.header.labels.entries.isEmpty {
                lines.append("Labels: \(Markdown.labels(clusterType.header.labels))")
            }
            let templates = [("reconciler", clusterType.reconciler), ("namespace", clusterType.namespaceService), ("config", clusterType.configType)]
                .compactMap { role, name in name.map { "\(role) \(Markdown.code($0.value))" } }
            if !templates.isEmpty { lines.append("Templates: " + templates.joined(separator: ", ")) }
        }
        let reached = schedules(reaching: declaration) { $0.namespace.clusterTypes[declaration.name]?.header.name.location == declaration.nameLocation }
        for schedule in reached {
            let assignments = schedule.assignments.filter { $0.clusterType == declaration.name }
            let heading = "Deployments in environment \(Markdown.code(schedule.namespace.environment))"
            if assignments.isEmpty {
                lines.append(heading + ": none")
            } else {
                var items = assignments.prefix(Markdown.listLimit).map {
                    "- \(Markdown.code($0.deploymentTarget)) by policy \(Markdown.code($0.policy.header.name.value))"
                }
                if assignments.count > Markdown.listLimit { items.append("- and \(assignments.count - Markdown.listLimit) more") }
                lines.append(heading + ":\n" + items.joined(separator: "\n"))
            }
        }
        return lines
    }

    // MARK: Environments, templates, registrations, configs

    private func environmentLines(_ declaration: SymbolDeclaration) -> [String] {
        var lines: [String] = []
        let branch = Branch.environment(declaration.name)
        if let environment = plane.environments.first(where: { $0.header.name.location == declaration.nameLocation }), let controlPlane = environment.controlPlane {
            lines.append("Control plane: \(Self.describe(controlPlane))")
        }
        for repo in plane.gitOpsRepos where repo.header.branch == branch {
            lines.append("GitOps: \(Self.describe(repo.spec))")
        }
        for repo in plane.baseRepos where repo.header.branch == branch {
            lines.append("Base: \(Self.describe(repo.spec))")
        }
        if let schedule = schedule(of: declaration.name), schedule.environment.header.name.location == declaration.nameLocation {
            let namespace = schedule.namespace
            lines.append(
                [
                    Markdown.count(namespace.clusterTypes.count, "cluster type"), Markdown.count(namespace.policies.count, "policy", plural: "policies"),
                    Markdown.count(namespace.configMaps.count, "config"),
                ].joined(separator: ", ") + "; " + Markdown.count(schedule.deploymentTargets.count, "deployment target") + ", "
                    + Markdown.count(schedule.assignments.count, "assignment"))
            if schedule.hasFailedPolicy {
                lines.append("A policy of this environment fails: Kalypso never pushes it.")
            }
        }
        return lines
    }

    static func describe(_ spec: RepoSpec) -> String {
        var text = "\(Markdown.code(spec.repo)) @ \(Markdown.code(spec.branch))"
        if spec.path != "." { text += " / \(Markdown.code(spec.path))" }
        if let commit = spec.commit { text += ", promoted commit \(Markdown.code(commit))" }
        return text
    }

    private func templateLines(_ declaration: SymbolDeclaration) -> [String] {
        var lines: [String] = []
        if let template = plane.templates.first(where: { $0.header.name.location == declaration.nameLocation }) {
            var line = "Type \(Markdown.code(template.type?.value ?? "?")), \(Markdown.count(template.manifests.count, "manifest"))"
            if let contentType = template.contentType { line += ", content type \(Markdown.code(contentType.value))" }
            lines.append(line)
        }
        let uses = Set(index.references(to: [declaration]).map(\.location))
        let users = plane.clusterTypes.flatMap { clusterType in
            [("reconciler", clusterType.reconciler), ("namespace", clusterType.namespaceService), ("config", clusterType.configType)].compactMap { role, reference -> String? in
                guard let reference, uses.contains(reference.location) else { return nil }
                var text = "\(Markdown.code(clusterType.header.name.value)) (\(role))"
                if case .environment(let environment) = clusterType.header.branch { text += " in \(Markdown.code(environment))" }
                return text
            }
        }
        lines.append("Used by cluster types: " + Markdown.list(users))
        return lines
    }

    private func registrationLines(_ declaration: SymbolDeclaration) -> [String] {
        var lines: [String] = []
        if let registration = plane.registrations.first(where: { $0.header.name.location == declaration.nameLocation }) {
            if let workspace = registration.workspace { lines.append("Workspace \(Markdown.code(workspace.value))") }
            if let source = registration.workload { lines.append("Source: \(Self.describe(source))") }
        }
        let delivered = plane.workloads.filter { $0.registration?.value == declaration.name }.map(\.header.name.value)
        lines.append("Delivers workloads: \(Markdown.names(delivered))")
        return lines
    }

    private func configLines(_ declaration: SymbolDeclaration) -> [String] {
        var lines: [String] = []
        if let configMap = plane.configMaps.first(where: { $0.header.name.location == declaration.nameLocation }) {
            lines.append("Labels: \(Markdown.labels(configMap.header.labels))")
            lines.append("Keys: \(Markdown.names(configMap.data.map(\.key.value)))")
        }
        let reached = schedules(reaching: declaration) { $0.namespace.configMaps[declaration.name]?.header.name.location == declaration.nameLocation }
        for schedule in reached {
            let view = PlatformConfigView(schedule: schedule)
            let reaching = schedule.assignments.filter { assignment in
                view.configMaps(for: assignment).contains { $0.header.name.location == declaration.nameLocation }
            }
            lines.append(
                "Applies in environment \(Markdown.code(schedule.namespace.environment)) to: "
                    + (reaching.isEmpty ? "no deployment" : Markdown.list(reaching.map { "\(Markdown.code($0.deploymentTarget)) on \(Markdown.code($0.clusterType))" })))
        }
        return lines
    }

    // MARK: Config keys and labels

    private func configKeyHover(_ use: ConfigKeyUse) -> String {
        let key = use.key.value
        var lines = ["**config key** \(Markdown.code(key))"]
        var relevant: [EnvironmentSchedule]
        var belongs: (Assignment, EnvironmentSchedule) -> Bool = { _, _ in true }
        switch use.site {
        case .config(let name):
            lines[0] += " of config \(Markdown.code(name))"
            switch use.branch {
            case .environment(let environment): relevant = schedules.filter { $0.namespace.environment == environment }
            case .main: relevant = schedules.filter { $0.namespace.configMaps[name]?.header.branch == .main }
            }
        case .requirement(let kind, let name, let workload):
            lines[0] += ", required by \(kind.displayName) \(Markdown.code(name))"
            switch kind {
            case .workload:
                relevant = schedules
                belongs = { assignment, schedule in schedule.deploymentTargets[assignment.deploymentTarget]?.workload.header.name.value == name }
            case .deploymentTarget:
                relevant = schedules
                belongs = { assignment, _ in assignment.deploymentTarget == "\(workload ?? "")-\(name)" }
            default:
                if case .environment(let environment) = use.branch {
                    relevant = schedules.filter { $0.namespace.environment == environment }
                } else {
                    relevant = schedules
                }
            }
        }
        var any = false
        for schedule in relevant {
            let view = PlatformConfigView(schedule: schedule)
            var byValue: [(value: PlatformConfigView.KeyValue?, deployments: [String])] = []
            for assignment in schedule.assignments where belongs(assignment, schedule) {
                let value = view.value(of: key, for: assignment)
                let deployment = "\(Markdown.code(assignment.deploymentTarget)) on \(Markdown.code(assignment.clusterType))"
                if let index = byValue.firstIndex(where: { $0.value == value }) {
                    byValue[index].deployments.append(deployment)
                } else {
                    byValue.append((value, [deployment]))
                }
            }
            guard !byValue.isEmpty else { continue }
            any = true
            if case .config(let name) = use.site,
                !schedule.assignments.contains(where: { assignment in
                    view.configMaps(for: assignment).contains { $0.header.name.value == name }
                })
            {
                lines.append("Config \(Markdown.code(name)) applies to no deployment in environment \(Markdown.code(schedule.namespace.environment)).")
            }
            let entries = byValue.map { entry -> String in
                guard let value = entry.value else { return "- not set, for \(Markdown.list(entry.deployments))" }
                var line = "- \(Markdown.code(value.value)) from config \(Markdown.code(value.configMap))"
                if !value.overridden.isEmpty { line += " (overriding \(Markdown.names(value.overridden)))" }
                return line + ", for \(Markdown.list(entry.deployments))"
            }
            lines.append("In environment \(Markdown.code(schedule.namespace.environment)):\n" + entries.joined(separator: "\n"))
        }
        if !any { lines.append("No deployment is scheduled where it applies.") }
        return lines.joined(separator: "\n\n")
    }

    private func labelHover(_ use: LabelUse, value: String?) -> String {
        let key = use.key.value
        let label = value.map { "\(key): \($0)" } ?? key
        var lines = ["**label** \(Markdown.code(label))"]
        let carriers = index.labels.compactMap { other -> String? in
            guard other.key.value == key, case .declaration(let kind, let name, _) = other.site else { return nil }
            if let value, !other.values.contains(where: { $0.value == value }) { return nil }
            var text = "\(kind.displayName) \(Markdown.code(name))"
            if value == nil, let written = other.values.first { text += " (\(Markdown.code(written.value)))" }
            if case .environment(let environment) = other.branch { text += " in \(Markdown.code(environment))" }
            return text
        }
        lines.append("Declared on: " + (carriers.isEmpty ? "nothing" : Markdown.list(carriers)))
        if case .selector(let policy, let side) = use.site {
            let reached = use.branch == .main ? schedules : schedules.filter { .environment($0.namespace.environment) == use.branch }
            for schedule in reached {
                let namespace = schedule.namespace
                let having: [String]
                switch side {
                case .targets:
                    having = schedule.deploymentTargets.keys.sorted().filter { name in
                        guard let labels = schedule.deploymentTargets[name]?.labels, let found = labels[key] else { return false }
                        return value == nil || found == value
                    }
                case .clusterTypes:
                    having = namespace.clusterTypes.keys.sorted().filter { name in
                        guard let clusterType = namespace.clusterTypes[name], let found = namespace.labels(of: clusterType)[key] else { return false }
                        return value == nil || found == value
                    }
                }
                let what = side == .targets ? "deployment targets" : "cluster types"
                lines.append("In environment \(Markdown.code(namespace.environment)), \(what) with it (policy \(Markdown.code(policy))): \(Markdown.names(having))")
            }
        }
        return lines.joined(separator: "\n\n")
    }
}
