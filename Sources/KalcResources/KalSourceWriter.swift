import KalcDiagnostics
import KalcSemantics
import KalcSyntax

/// Writes a control plane as `.kal` source in the canonical layout: what `kalc import`
/// prints. Compiling the source gives back the same Kalypso objects.
///
/// Bootstrap templates equal to the standard library's become `import std.templates`;
/// repository URLs used more than once get a `repo` name; a registration with a single
/// workload of the same name is written as part of that workload.
public struct KalSourceWriter {
    let plane: ControlPlane
    private var output = ""
    private var repositories: [String: String] = [:]

    /// The `.kal` source of `plane`.
    public static func source(of plane: ControlPlane) -> String {
        var writer = KalSourceWriter(plane: plane)
        writer.write()
        return writer.output
    }

    private init(plane: ControlPlane) {
        self.plane = plane
    }

    // MARK: Spelling

    /// Whether `text` reads back as one word token with the same text.
    static func isWord(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return false }
        func isStart(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
        }
        let startsWell = isStart(first) || (first == UInt8(ascii: "-") && bytes.count > 1 && bytes[1] >= 0x30 && bytes[1] <= 0x39)
        guard startsWell, !text.contains("//") else { return false }
        return bytes.dropFirst().allSatisfy { isStart($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") }
    }

    /// A word when it can be one, a quoted string otherwise.
    static func name(_ text: String) -> String { isWord(text) ? text : StringLiteral.quote(text) }

    /// A text block for multi-line text that one can spell, a quoted string otherwise.
    static func text(_ value: String, indent: Int) -> String {
        if value.contains("\n"), TextBlock.canSpell(value) {
            return TextBlock.spell(value, indent: String(repeating: "  ", count: indent + 1))
        }
        return StringLiteral.quote(value)
    }

    static func labels(_ labels: Labels) -> String {
        guard !labels.entries.isEmpty else { return "" }
        return " [" + labels.entries.map { "\(name($0.key.value)): \(value($0.value.value))" }.joined(separator: ", ") + "]"
    }

    /// A label value: a word, unless YAML would read the word as something else than a
    /// string (`"true"`, `"8080"`), which is quoted so that it reads as what it is.
    static func value(_ text: String) -> String {
        isWord(text) && !YAMLCore.resolvesToNonString(text) ? text : StringLiteral.quote(text)
    }

    private func reference(_ spec: RepoSpec, commit: Bool) -> String {
        var text = repositories[spec.repo] ?? StringLiteral.quote(spec.repo)
        text += " @ " + StringLiteral.quote(spec.branch)
        if spec.path != "." { text += " / " + StringLiteral.quote(spec.path) }
        if commit, let sha = spec.commit { text += " commit " + StringLiteral.quote(sha) }
        return text
    }

    private mutating func line(_ depth: Int, _ text: String) {
        output += String(repeating: "  ", count: depth) + text + "\n"
    }

    private mutating func blank() {
        if !output.isEmpty && !output.hasSuffix("\n\n") && !output.hasSuffix("{\n") { output += "\n" }
    }

    // MARK: The file

    private mutating func write() {
        let library = StandardLibrary.templates
        let mainTemplates = plane.templates.filter { $0.header.branch == .main }
        let usesLibrary =
            !library.isEmpty
            && library.allSatisfy { expected in
                mainTemplates.contains { Self.sameTemplate($0, expected) }
            }
        let skippedTemplates = usesLibrary ? Set(library.map(\.header.name.value)) : []
        if usesLibrary {
            line(0, "import std.templates")
        }
        nameRepositories()
        if !repositories.isEmpty {
            blank()
            for (url, alias) in repositories.sorted(by: { $0.value < $1.value }) {
                line(0, "repo \(alias) = \(StringLiteral.quote(url))")
            }
        }
        let folded = foldedRegistrations()
        for template in mainTemplates where !skippedTemplates.contains(template.header.name.value) {
            blank()
            write(template, depth: 0)
        }
        for registration in plane.registrations where registration.header.branch == .main && !folded.contains(registration.header.name.value) {
            blank()
            write(registration, depth: 0)
        }
        writeBranchObjects(.main, depth: 0, except: [])
        for environment in plane.environments {
            blank()
            write(environment)
        }
        for workload in plane.workloads {
            blank()
            write(
                workload,
                folded: folded.contains(workload.registration?.value ?? "")
                    ? plane.registrations.first { $0.header.name.value == workload.registration?.value && $0.header.branch == .main } : nil)
        }
    }

    /// Gives a `repo` name to every repository URL used more than once, after its last
    /// path segment.
    private mutating func nameRepositories() {
        var uses: [String: Int] = [:]
        let specs = plane.environments.compactMap(\.controlPlane) + plane.gitOpsRepos.map(\.spec) + plane.baseRepos.map(\.spec) + plane.registrations.compactMap(\.workload)
        for spec in specs { uses[spec.repo, default: 0] += 1 }
        for workload in plane.workloads {
            for target in workload.deploymentTargets where Self.isReference(target.manifestEntries) {
                uses[target.manifestEntries.first { $0.key == "repo" }?.value ?? "", default: 0] += 1
            }
        }
        var taken = Set<String>()
        for (url, count) in uses.sorted(by: { $0.key < $1.key }) where count > 1 && !url.isEmpty {
            var base = url.split(separator: "/").last.map(String.init) ?? "repo"
            if base.hasSuffix(".git") { base.removeLast(4) }
            base = String(base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
            while base.hasPrefix("-") { base.removeFirst() }
            if base.isEmpty || !Self.isWord(base) || Keyword(rawValue: base) != nil { base = "repo-" + base }
            var alias = base
            var number = 2
            while taken.contains(alias) || !Self.isWord(alias) {
                alias = "\(base)-\(number)"
                number += 1
            }
            taken.insert(alias)
            repositories[url] = alias
        }
    }

    /// Registrations written as part of their workload.
    private func foldedRegistrations() -> Set<String> {
        var result = Set<String>()
        for registration in plane.registrations where registration.header.branch == .main && registration.header.labels.entries.isEmpty && registration.workload != nil {
            let name = registration.header.name.value
            let workloads = plane.workloads.filter { $0.registration?.value == name }
            let sameName = plane.registrations.filter { $0.header.name.value == name }.count == 1
            if workloads.count == 1, workloads[0].header.name.value == name, sameName {
                result.insert(name)
            }
        }
        return result
    }

    static func sameTemplate(_ a: TemplateObject, _ b: TemplateObject) -> Bool {
        a.header.name.value == b.header.name.value && a.header.labels.dictionary == b.header.labels.dictionary
            && a.type?.value == b.type?.value && a.contentType?.value == b.contentType?.value
            && a.manifests.map(\.value) == b.manifests.map(\.value)
    }

    static func isReference(_ entries: [DeploymentTargetSpec.ManifestEntry]) -> Bool {
        entries.count == 3 && Set(entries.map(\.key)) == ["repo", "branch", "path"] && Set(entries.map(\.key)).count == 3
    }

    // MARK: Declarations

    private mutating func writeBranchObjects(_ branch: Branch, depth: Int, except: Set<String>) {
        for clusterType in plane.clusterTypes where clusterType.header.branch == branch {
            blank()
            line(depth, "clusterType \(Self.name(clusterType.header.name.value))\(Self.labels(clusterType.header.labels)) {")
            if let value = clusterType.reconciler { line(depth + 1, "reconciler = \(Self.name(value.value))") }
            if let value = clusterType.namespaceService { line(depth + 1, "namespace = \(Self.name(value.value))") }
            if let value = clusterType.configType { line(depth + 1, "config = \(Self.name(value.value))") }
            line(depth, "}")
        }
        for policy in plane.policies where policy.header.branch == branch {
            blank()
            write(policy, depth: depth)
        }
        for configMap in plane.configMaps where configMap.header.branch == branch {
            blank()
            write(configMap, depth: depth)
        }
        for schema in plane.configSchemas where schema.header.branch == branch {
            blank()
            line(depth, "schema \(Self.name(schema.header.name.value))\(Self.labels(schema.header.labels)) {")
            if let text = schema.schema { line(depth + 1, "requires json " + Self.text(text.value, indent: depth + 1)) }
            line(depth, "}")
        }
        if branch != .main {
            for template in plane.templates where template.header.branch == branch {
                blank()
                write(template, depth: depth)
            }
            for registration in plane.registrations where registration.header.branch == branch {
                blank()
                write(registration, depth: depth)
            }
        }
    }

    private mutating func write(_ environment: EnvironmentObject) {
        let name = environment.header.name.value
        let branch = Branch.environment(name)
        line(0, "environment \(Self.name(name))\(Self.labels(environment.header.labels)) {")
        if let controlPlane = environment.controlPlane { line(1, "controlPlane = \(reference(controlPlane, commit: false))") }
        for repo in plane.gitOpsRepos where repo.header.branch == branch {
            let label = repo.header.name.value == name ? "gitops" : "gitops \(Self.name(repo.header.name.value))"
            line(1, "\(label) = \(reference(repo.spec, commit: false))")
        }
        for repo in plane.baseRepos where repo.header.branch == branch {
            let label = repo.header.name.value == "main" ? "base" : "base \(Self.name(repo.header.name.value))"
            line(1, "\(label) = \(reference(repo.spec, commit: true))")
        }
        writeBranchObjects(branch, depth: 1, except: [])
        line(0, "}")
    }

    private mutating func write(_ template: TemplateObject, depth: Int) {
        line(depth, "template \(Self.name(template.header.name.value))\(Self.labels(template.header.labels)) {")
        if let type = template.type { line(depth + 1, "type = \(Self.name(type.value))") }
        if let contentType = template.contentType { line(depth + 1, "contentType = \(Self.name(contentType.value))") }
        for manifest in template.manifests {
            blank()
            line(depth + 1, "manifest " + Self.text(manifest.value, indent: depth + 1))
        }
        line(depth, "}")
    }

    private mutating func write(_ registration: WorkloadRegistrationObject, depth: Int) {
        line(depth, "registration \(Self.name(registration.header.name.value))\(Self.labels(registration.header.labels)) {")
        if let workspace = registration.workspace { line(depth + 1, "workspace = \(StringLiteral.quote(workspace.value))") }
        if let source = registration.workload { line(depth + 1, "source = \(reference(source, commit: false))") }
        line(depth, "}")
    }

    private mutating func write(_ policy: SchedulingPolicyObject, depth: Int) {
        var body: [String] = []
        if let workspace = policy.workspace { body.append("workspace = \(StringLiteral.quote(workspace.value))") }
        if let targets = Self.selector(policy.deploymentTargetSelector) { body.append("targets where " + targets) }
        if let types = Self.selector(policy.clusterTypeSelector) { body.append("clusterTypes where " + types) }
        let heading = "policy \(Self.name(policy.header.name.value))\(Self.labels(policy.header.labels))"
        if body.isEmpty {
            line(depth, heading + " {}")
            return
        }
        line(depth, heading + " {")
        for item in body { line(depth + 1, item) }
        line(depth, "}")
    }

    static func selector(_ selector: LabelSelector) -> String? {
        var terms = selector.matchLabelEntries.map { "\(name($0.key.value)) == \(value($0.value.value))" }
        for expression in selector.matchExpressions {
            let key = name(expression.key.value)
            let values = "(" + expression.values.map { value($0.value) }.joined(separator: ", ") + ")"
            switch expression.operator {
            case .in: terms.append("\(key) in \(values)")
            case .notIn: terms.append("\(key) notin \(values)")
            case .exists: terms.append(key)
            case .doesNotExist: terms.append("!" + key)
            }
        }
        return terms.isEmpty ? nil : terms.joined(separator: ", ")
    }

    private mutating func write(_ configMap: ConfigMapObject, depth: Int) {
        var labels = configMap.header.labels
        let implicit = !configMap.header.name.value.hasPrefix("azure-app-config")
        if implicit, labels["platform-config"] == "true", labels.entries.filter({ $0.key.value == "platform-config" }).count == 1 {
            labels.entries.removeAll { $0.key.value == "platform-config" }
        }
        let heading = "config \(Self.name(configMap.header.name.value))\(Self.labels(labels))"
        if configMap.data.isEmpty {
            line(depth, heading + " {}")
            return
        }
        line(depth, heading + " {")
        for entry in configMap.data {
            line(depth + 1, "\(Self.name(entry.key.value)) = \(Self.configValue(entry.value, indent: depth + 1))")
        }
        line(depth, "}")
    }

    /// Config values keep their exact text: single-line ones as quoted strings.
    static func configValue(_ value: String, indent: Int) -> String {
        text(value, indent: indent)
    }

    private mutating func write(_ workload: WorkloadObject, folded registration: WorkloadRegistrationObject?) {
        line(0, "workload \(Self.name(workload.header.name.value))\(Self.labels(workload.header.labels)) {")
        if let registration {
            if let workspace = registration.workspace { line(1, "workspace = \(StringLiteral.quote(workspace.value))") }
            if let source = registration.workload { line(1, "source = \(reference(source, commit: false))") }
        } else if let name = workload.registration {
            line(1, "registration = \(Self.name(name.value))")
        }
        for target in workload.deploymentTargets {
            blank()
            let environment = target.environment.map { " in \(Self.name($0.value))" } ?? ""
            line(1, "target \(Self.name(target.name.value))\(environment)\(Self.labels(target.labels)) {")
            if target.manifestsAreNull {
                line(2, "manifests = null")
            } else if Self.isReference(target.manifestEntries) {
                let value = { (key: String) in target.manifestEntries.first { $0.key == key }?.value ?? "" }
                let spec = RepoSpec(repo: value("repo"), branch: value("branch"), path: value("path"), location: target.location)
                line(2, "manifests = \(reference(spec, commit: false))")
            } else {
                let entries = target.manifestEntries.map { "\(Self.name($0.key)): \(StringLiteral.quote($0.value))" }
                line(2, "manifests = " + (entries.isEmpty ? "{}" : "{ " + entries.joined(separator: ", ") + " }"))
            }
            for schema in target.configSchemas {
                line(2, "requires json " + Self.text(schema.value, indent: 2))
            }
            line(1, "}")
        }
        if !workload.configSchemas.isEmpty { blank() }
        for schema in workload.configSchemas {
            line(1, "requires json " + Self.text(schema.value, indent: 1))
        }
        line(0, "}")
    }
}
