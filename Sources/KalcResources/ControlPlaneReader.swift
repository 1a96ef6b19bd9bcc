import KalcDiagnostics
import KalcSemantics
import KalcYAML

/// Reads an existing Kalypso control plane from YAML files into kalc's model, as Kalypso
/// would see it: any file names, any number of documents per file, dispatched on `kind`.
///
/// Paths are relative to the folder imported: `control-plane/<branch>/...` (the main branch
/// and one folder per environment branch) and `workloads/<registration>/...` (what each
/// registration points to). Every problem points into the YAML file it comes from.
public struct ControlPlaneReader {
    public private(set) var plane = ControlPlane()
    public private(set) var diagnostics: [Diagnostic] = []
    /// The first object of each apiVersion, kind and name, per branch or workload folder.
    private var seen: [String: Location] = [:]
    /// The environments to read, or nil for all.
    private var environments: Set<String>?

    /// Reads `files`, in path order; their paths start with `root` (the folder imported),
    /// and what follows decides where each file's objects belong. With `environments`, only
    /// those environments' branches are read, with the main branch and the Workloads their
    /// registrations reach: a problem in another environment's branch does not stop them.
    public static func read(_ files: [SourceFile], root: String = "", environments: Set<String>? = nil) -> ControlPlaneReader {
        var reader = ControlPlaneReader()
        reader.environments = environments
        let prefix = root.isEmpty || root.hasSuffix("/") ? root : root + "/"
        for file in files.sorted(by: { $0.path < $1.path }) {
            let relative = file.path.hasPrefix(prefix) ? String(file.path.dropFirst(prefix.count)) : file.path
            reader.read(file, relative: relative)
        }
        reader.keepSelectedEnvironments()
        reader.dropEnvironmentBranchesWithoutEnvironment()
        reader.dropWorkloadsWithoutRegistration()
        return reader
    }

    /// Where a file's objects belong, from its path.
    enum Place: Equatable, CustomStringConvertible {
        case branch(Branch)
        case workloads(registration: String)

        var description: String {
            switch self {
            case .branch(let branch): "branch `\(branch.folderName)`"
            case .workloads(let registration): "the Workload folder of registration `\(registration)`"
            }
        }

        /// What Flux does when one file of the place is refused.
        var unappliedNote: String {
            switch self {
            case .branch(.main):
                "Flux applies a branch as a whole: nothing of branch `main` is applied, so Kalypso pushes no environment."
            case .branch(let branch):
                "Flux applies a branch as a whole: nothing of branch `\(branch.folderName)` is applied, so Kalypso never pushes environment `\(branch.folderName)`; `kalc import --env` imports the other environments without it."
            case .workloads(let registration):
                "Flux applies a folder as a whole: no Workload of registration `\(registration)` is applied, so none of its deployment targets is scheduled."
            }
        }
    }

    static func place(of path: String) -> Place? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3 else { return nil }
        switch parts[0] {
        case "control-plane": return .branch(parts[1] == "main" ? .main : .environment(parts[1]))
        case "workloads": return .workloads(registration: parts[1])
        default: return nil
        }
    }

    private mutating func report(_ problem: ImportProblem, in file: SourceFile) {
        diagnostics.append(problem.diagnostic(in: file))
    }

    /// Whether the objects of `place` are read: with `environments`, the other environments'
    /// branches are not, nor the folders of registrations that none of the selected branches has.
    private func isSelected(_ place: Place) -> Bool {
        guard let environments else { return true }
        switch place {
        case .branch(.main): return true
        case .branch(.environment(let name)): return environments.contains(name)
        case .workloads(let registration): return plane.registrations.contains { $0.header.name.value == registration }
        }
    }

    private mutating func read(_ file: SourceFile, relative: String) {
        guard let place = Self.place(of: relative), isSelected(place) else { return }
        let reported = diagnostics.count
        defer { noteUnappliedBranch(place, from: reported) }
        let documents: [YAMLNode]
        do {
            documents = try YAMLReader.documents(utf8: file.bytes)
        } catch {
            report(.invalidYAML(error.message, start: error.mark.offset, end: nil), in: file)
            return
        }
        let hasMergeKeys = file.bytes.indices.dropLast().contains { file.bytes[$0] == UInt8(ascii: "<") && file.bytes[$0 + 1] == UInt8(ascii: "<") }
        for var document in documents {
            if case .scalar(let text, _) = document.content, text.isEmpty || document.tag == YAMLTag.null { continue }
            if hasMergeKeys {
                do {
                    document = try MergeKeys.expand(document)
                } catch {
                    report(.invalidYAML(error.message, start: error.node.start.offset, end: error.node.end.offset), in: file)
                    continue
                }
            }
            var object = ObjectReader(file: file, node: document)
            object.checkShape()
            guard let kind = object.kind() else {
                diagnostics += object.diagnostics
                continue
            }
            let apiVersion = object.apiVersion()
            if let name = object.name(), let apiVersion, isFirst(apiVersion: apiVersion, kind: kind, name: name, place: place) {
                if let expected = KalypsoAPI.apiVersion(ofKind: kind.value), apiVersion.value != expected {
                    object.reportForeignAPIVersion(apiVersion, kind: kind, expected: expected)
                } else {
                    readObject(kind: kind, name: name, object: &object, place: place)
                }
            }
            diagnostics += object.diagnostics
        }
    }

    /// Whether this is the first object of its apiVersion, kind and name in its branch or
    /// folder; a second one is an error, as kustomize refuses to build the branch.
    private mutating func isFirst(apiVersion: Located<String>, kind: Located<String>, name: Located<String>, place: Place) -> Bool {
        let key = "\(place)/\(apiVersion.value)/\(kind.value)/\(name.value)"
        if let previous = seen[key] {
            diagnostics.append(ImportProblem.duplicateObject(kind: kind.value, name, place: place.description, first: previous).diagnostic)
            return false
        }
        seen[key] = name.location
        return true
    }

    /// Adds to the errors reported since `start` that Flux then applies nothing of the branch.
    private mutating func noteUnappliedBranch(_ place: Place, from start: Int) {
        for index in diagnostics.indices.dropFirst(start) where Self.failsBranch.contains(diagnostics[index].code) {
            diagnostics[index].notes.append(place.unappliedNote)
        }
    }

    /// The problems for which Flux's kustomize-controller applies nothing of the branch: it
    /// cannot build it, or the API server refuses one of its objects.
    static let failsBranch: Set<DiagnosticCode> = [.invalidYAML, .invalidObjectName, .missingField, .wrongFieldType, .duplicateObject, .duplicateKey, .nonStringKey]

    private mutating func readObject(kind: Located<String>, name: Located<String>, object: inout ObjectReader, place: Place) {
        let branch: Branch
        switch place {
        case .branch(let found): branch = found
        case .workloads: branch = .main
        }
        let header = ObjectHeader(name: name, labels: object.labels(), branch: branch, location: object.location(object.node))
        switch (kind.value, place) {
        case ("Workload", .workloads(let registration)):
            plane.workloads.append(object.workload(header, registration: Located(registration, at: kind.location)))
            return
        case (_, .workloads(let registration)):
            diagnostics.append(ImportProblem.notAWorkload(kind, registration: registration).diagnostic)
            return
        case ("Environment", .branch(.main)):
            plane.environments.append(EnvironmentObject(header: header, controlPlane: object.repoSpec(at: ["spec", "controlPlane"], withCommit: false)))
        case ("Environment", _):
            diagnostics.append(ImportProblem.environmentOutsideMain(at: kind.location).diagnostic)
            return
        case ("ClusterType", _):
            plane.clusterTypes.append(
                ClusterTypeObject(
                    header: header, reconciler: object.string(at: ["spec", "reconciler"], required: true),
                    namespaceService: object.string(at: ["spec", "namespaceService"], required: true),
                    configType: object.string(at: ["spec", "configType"], required: true)))
        case ("SchedulingPolicy", _):
            plane.policies.append(
                SchedulingPolicyObject(
                    header: header, workspace: object.string(at: ["spec", "deploymentTargetSelector", "workspace"], required: false),
                    deploymentTargetSelector: object.selector(at: ["spec", "deploymentTargetSelector", "labelSelector"]),
                    clusterTypeSelector: object.selector(at: ["spec", "clusterTypeSelector", "labelSelector"])))
        case ("ConfigMap", _):
            // The data of every ConfigMap counts: the API server refuses one with a value that
            // is not a string, and with it the whole branch.
            let data = object.configData()
            let platform = header.labels["platform-config"]
            if platform == nil && !name.value.hasPrefix("azure-app-config") {
                diagnostics.append(ImportProblem.configMapWithoutPlatformLabel(name).diagnostic)
                return
            }
            plane.configMaps.append(ConfigMapObject(header: header, data: data))
        case ("ConfigSchema", _):
            plane.configSchemas.append(ConfigSchemaObject(header: header, schema: object.string(at: ["spec", "schema"], required: true)))
        case ("Template", _):
            plane.templates.append(
                TemplateObject(
                    header: header, type: object.string(at: ["spec", "type"], required: true),
                    contentType: object.string(at: ["spec", "contentType"], required: false),
                    manifests: object.strings(at: ["spec", "manifests"], required: true)))
        case ("GitOpsRepo", .branch(.environment)):
            object.warnDroppedLabels(header, kind: kind.value)
            if let spec = object.repoSpec(at: ["spec"], withCommit: false) { plane.gitOpsRepos.append(GitOpsRepoObject(header: header, spec: spec)) }
        case ("BaseRepo", .branch(.environment)):
            object.warnDroppedLabels(header, kind: kind.value)
            if let spec = object.repoSpec(at: ["spec"], withCommit: true) { plane.baseRepos.append(BaseRepoObject(header: header, spec: spec)) }
        case ("GitOpsRepo", _), ("BaseRepo", _):
            diagnostics.append(ImportProblem.environmentKindInMain(kind).diagnostic)
            return
        case ("WorkloadRegistration", _):
            plane.registrations.append(
                WorkloadRegistrationObject(
                    header: header, workspace: object.string(at: ["spec", "workspace"], required: false),
                    workload: object.repoSpec(at: ["spec", "workload"], withCommit: false), isImplicit: false))
        case ("Workload", _):
            diagnostics.append(ImportProblem.workloadOutsideItsFolder(at: kind.location).diagnostic)
            return
        default:
            diagnostics.append(ImportProblem.unknownKind(kind).diagnostic)
        }
    }

    /// With `environments`, the Environments of the others are left out of the main branch,
    /// and so are the deployment targets of the others in every Workload.
    private mutating func keepSelectedEnvironments() {
        guard let environments else { return }
        plane.environments.removeAll { !environments.contains($0.header.name.value) }
        for index in plane.workloads.indices {
            plane.workloads[index].deploymentTargets.removeAll { target in
                target.environment.map { !environments.contains($0.value) } ?? false
            }
        }
    }

    /// Kalypso applies the folder `workloads/<name>/` only for a WorkloadRegistration named
    /// `<name>`; the Workloads of any other folder never reach it.
    private mutating func dropWorkloadsWithoutRegistration() {
        let registrations = Set(plane.registrations.map(\.header.name.value))
        plane.workloads = plane.workloads.filter { workload in
            guard let registration = workload.registration, !registrations.contains(registration.value) else { return true }
            diagnostics.append(ImportProblem.folderWithoutRegistration(registration.value, workload: workload.header.name.location).diagnostic)
            return false
        }
    }

    /// Kalypso never creates the namespace of a branch with no Environment in main.
    private mutating func dropEnvironmentBranchesWithoutEnvironment() {
        let environments = Set(plane.environments.map(\.header.name.value))
        func keep(_ header: ObjectHeader) -> Bool {
            guard case .environment(let name) = header.branch else { return true }
            return environments.contains(name)
        }
        var dropped: [String: Location] = [:]
        func note(_ header: ObjectHeader) -> Bool {
            if keep(header) { return true }
            dropped[header.branch.folderName] = dropped[header.branch.folderName] ?? header.name.location
            return false
        }
        plane.clusterTypes = plane.clusterTypes.filter { note($0.header) }
        plane.policies = plane.policies.filter { note($0.header) }
        plane.configMaps = plane.configMaps.filter { note($0.header) }
        plane.configSchemas = plane.configSchemas.filter { note($0.header) }
        plane.templates = plane.templates.filter { note($0.header) }
        plane.gitOpsRepos = plane.gitOpsRepos.filter { note($0.header) }
        plane.baseRepos = plane.baseRepos.filter { note($0.header) }
        plane.registrations = plane.registrations.filter { note($0.header) }
        for (branch, location) in dropped.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(ImportProblem.branchWithoutEnvironment(branch, at: location).diagnostic)
        }
    }
}

/// Typed access to the fields of one object's YAML, reporting what is missing or mistyped.
struct ObjectReader {
    let file: SourceFile
    let node: YAMLNode
    private(set) var diagnostics: [Diagnostic] = []

    init(file: SourceFile, node: YAMLNode) {
        self.file = file
        self.node = node
    }

    func location(_ node: YAMLNode) -> Location {
        Location(file: file.path, span: Span(start: node.start.offset, end: node.end.offset))
    }

    private mutating func report(_ problem: ImportProblem) {
        diagnostics.append(problem.diagnostic(in: file))
    }

    /// The value at a path of mapping keys, if every step is a mapping with that key.
    func value(at path: [String]) -> YAMLNode? {
        var current = node
        for key in path {
            guard case .mapping(let entries) = current.content,
                let entry = entries.first(where: { if case .scalar(key, _) = $0.key.content { true } else { false } })
            else { return nil }
            current = entry.value
        }
        return current
    }

    /// Whether a scalar is a string as Go's yaml.v3 resolves it.
    static func isString(_ node: YAMLNode) -> Bool {
        guard case .scalar(let text, let style) = node.content else { return false }
        if let tag = node.tag { return tag == YAMLTag.str }
        if style != .plain { return true }
        return !YAMLCore.resolvesToNonString(text)
    }

    static func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let text, .plain) = node.content, node.tag == nil || node.tag == YAMLTag.null else { return node.tag == YAMLTag.null }
        return YAMLCore.nullWords.contains(text)
    }

    /// Reports the keys Kubernetes refuses anywhere in the object (see `ObjectShape`).
    mutating func checkShape() {
        for problem in ObjectShape.problems(in: node) {
            report(.shape(problem))
        }
    }

    /// The object's `apiVersion`; Flux refuses to apply a branch with an object without one.
    mutating func apiVersion() -> Located<String>? {
        guard let apiVersion = string(at: ["apiVersion"], required: false), !apiVersion.value.isEmpty else {
            report(.missingField("apiVersion", node))
            return nil
        }
        return apiVersion
    }

    /// A Kalypso kind under another API: not one of Kalypso's objects, so it is left out.
    mutating func reportForeignAPIVersion(_ apiVersion: Located<String>, kind: Located<String>, expected: String) {
        report(.foreignAPIVersion(apiVersion, kind: kind, expected: expected))
    }

    mutating func kind() -> Located<String>? {
        guard case .mapping = node.content else {
            report(.notAMapping(node))
            return nil
        }
        guard let kind = string(at: ["kind"], required: false) else {
            report(.missingField("kind", node))
            return nil
        }
        return kind
    }

    mutating func name() -> Located<String>? {
        guard let name = string(at: ["metadata", "name"], required: false), !name.value.isEmpty else {
            report(.missingField("metadata.name", value(at: ["metadata"]) ?? node))
            return nil
        }
        return validObjectName(name)
    }

    /// A field naming an object (a deployment target, an environment); reports a missing
    /// required one, a non-string, and a name the Kubernetes API server refuses.
    mutating func objectName(at path: [String], required: Bool) -> Located<String>? {
        string(at: path, required: required).flatMap { validObjectName($0) }
    }

    /// The name, unless the Kubernetes API server refuses it (then no such object can be in
    /// a cluster for Kalypso to read, and kal has no way to spell it): that is reported.
    private mutating func validObjectName(_ name: Located<String>) -> Located<String>? {
        let problems = KubernetesNames.subdomainProblems(name.value)
        guard problems.isEmpty else {
            diagnostics.append(ImportProblem.invalidObjectName(name, problems: problems).diagnostic)
            return nil
        }
        return name
    }

    /// A string field; reports a missing required one or a non-string.
    mutating func string(at path: [String], required: Bool) -> Located<String>? {
        guard let found = value(at: path), !Self.isNull(found) else {
            if required { report(.missingPath(path, value(at: Array(path.dropLast())) ?? node)) }
            return nil
        }
        guard Self.isString(found), case .scalar(let text, _) = found.content else {
            report(.notAString(path, found))
            return nil
        }
        return Located(text, at: location(found))
    }

    mutating func strings(at path: [String], required: Bool) -> [Located<String>] {
        guard let found = value(at: path), !Self.isNull(found) else {
            if required { report(.missingPath(path, value(at: Array(path.dropLast())) ?? node)) }
            return []
        }
        guard case .sequence(let items) = found.content else {
            report(.notAStringList(path, found))
            return []
        }
        return items.compactMap { item in
            guard Self.isString(item), case .scalar(let text, _) = item.content else {
                report(.notOnlyStrings(path, item))
                return nil
            }
            return Located(text, at: location(item))
        }
    }

    /// A map of strings (labels, manifests, data), in source order.
    mutating func stringMap(_ found: YAMLNode?, what: String) -> [(key: Located<String>, value: Located<String>)] {
        guard let found, !Self.isNull(found) else { return [] }
        guard case .mapping(let entries) = found.content else {
            report(.notAStringMap(what, found))
            return []
        }
        var result: [(key: Located<String>, value: Located<String>)] = []
        for entry in entries {
            // A key that is not a string is reported with the object's shape.
            guard case .scalar(let key, _) = entry.key.content else { continue }
            guard Self.isString(entry.value), case .scalar(let value, _) = entry.value.content else {
                switch entry.value.content {
                case .scalar: report(.scalarNotString(what: what, key: key, entry.value))
                case .sequence, .mapping: report(.structureNotString(what: what, key: key, entry.value))
                }
                continue
            }
            result.removeAll { $0.key.value == key }
            result.append((Located(key, at: location(entry.key)), Located(value, at: location(entry.value))))
        }
        return result
    }

    mutating func labels() -> Labels {
        Labels(entries: stringMap(value(at: ["metadata", "labels"]), what: "metadata.labels").map { Labels.Entry(key: $0.key, value: $0.value) })
    }

    mutating func repoSpec(at path: [String], withCommit: Bool) -> RepoSpec? {
        let prefix = path.isEmpty ? [] : path
        guard let found = value(at: prefix), case .mapping = found.content else {
            report(.missingPath(path, node))
            return nil
        }
        let repo = string(at: prefix + ["repo"], required: true)
        let branch = string(at: prefix + ["branch"], required: true)
        let repoPath = string(at: prefix + ["path"], required: true)
        let commit = withCommit ? string(at: prefix + ["commit"], required: false) : nil
        guard let repo, let branch else { return nil }
        return RepoSpec(repo: repo.value, branch: branch.value, path: repoPath?.value ?? ".", commit: commit?.value, location: location(found))
    }

    mutating func selector(at path: [String]) -> LabelSelector {
        var selector = LabelSelector()
        guard let found = value(at: path), !Self.isNull(found) else { return selector }
        selector.location = location(found)
        selector.matchLabelEntries = stringMap(value(at: path + ["matchLabels"]), what: (path + ["matchLabels"]).joined(separator: ".")).map {
            Labels.Entry(key: $0.key, value: $0.value)
        }
        guard let expressions = value(at: path + ["matchExpressions"]), !Self.isNull(expressions) else { return selector }
        guard case .sequence(let items) = expressions.content else {
            report(.notAList("matchExpressions", expressions))
            return selector
        }
        for item in items {
            var reader = ObjectReader(file: file, node: item)
            defer { diagnostics += reader.diagnostics }
            guard let key = reader.string(at: ["key"], required: true), let op = reader.string(at: ["operator"], required: true) else { continue }
            guard let parsed = SelectorExpression.Operator(rawValue: op.value) else {
                diagnostics.append(ImportProblem.invalidOperator(op).diagnostic)
                continue
            }
            let values = reader.strings(at: ["values"], required: false)
            if (parsed == .exists || parsed == .doesNotExist) && !values.isEmpty {
                diagnostics.append(ImportProblem.operatorWithValues(op).diagnostic)
                continue
            }
            selector.matchExpressions.append(SelectorExpression(key: key, operator: parsed, values: values, location: location(item)))
        }
        return selector
    }

    mutating func configData() -> [ConfigEntry] {
        stringMap(value(at: ["data"]), what: "data").map { ConfigEntry(key: $0.key, value: $0.value.value, location: $0.value.location, isStructured: false) }
    }

    mutating func warnDroppedLabels(_ header: ObjectHeader, kind: String) {
        if !header.labels.entries.isEmpty {
            diagnostics.append(ImportProblem.droppedLabels(kind: kind, at: header.labels.entries[0].key.location).diagnostic)
        }
    }

    mutating func workload(_ header: ObjectHeader, registration: Located<String>) -> WorkloadObject {
        var targets: [DeploymentTargetSpec] = []
        if let list = value(at: ["spec", "deploymentTargets"]), !Self.isNull(list) {
            if case .sequence(let items) = list.content {
                for item in items {
                    var reader = ObjectReader(file: file, node: item)
                    defer { diagnostics += reader.diagnostics }
                    guard let name = reader.objectName(at: ["name"], required: true) else { continue }
                    let environment = reader.objectName(at: ["environment"], required: true)
                    let manifestsNode = reader.value(at: ["manifests"])
                    if manifestsNode == nil {
                        diagnostics.append(ImportProblem.missingManifests(at: name.location).diagnostic)
                    }
                    let manifests = reader.stringMap(manifestsNode, what: "manifests").map { DeploymentTargetSpec.ManifestEntry(key: $0.key.value, value: $0.value.value) }
                    let labels = Labels(entries: reader.stringMap(reader.value(at: ["labels"]), what: "labels").map { Labels.Entry(key: $0.key, value: $0.value) })
                    targets.append(
                        DeploymentTargetSpec(
                            name: name, labels: labels, environment: environment, manifestEntries: manifests,
                            manifestsAreNull: manifestsNode.map(Self.isNull) ?? false, manifestsLocation: manifestsNode.map(location),
                            configSchemas: reader.strings(at: ["configSchemas"], required: false),
                            location: location(item)))
                }
            } else {
                report(.notAList("spec.deploymentTargets", list))
            }
        }
        return WorkloadObject(header: header, registration: registration, deploymentTargets: targets, configSchemas: strings(at: ["spec", "configSchemas"], required: false))
    }
}

/// The API versions of the objects Kalypso reads.
enum KalypsoAPI {
    static let scheduler = "scheduler.kalypso.io/v1alpha1"
    static let kinds: Set<String> = ["Environment", "ClusterType", "SchedulingPolicy", "ConfigSchema", "Template", "GitOpsRepo", "BaseRepo", "WorkloadRegistration", "Workload"]

    /// The apiVersion Kalypso reads objects of `kind` under, if it reads that kind at all.
    static func apiVersion(ofKind kind: String) -> String? {
        kind == "ConfigMap" ? "v1" : kinds.contains(kind) ? scheduler : nil
    }
}

/// How Go's yaml.v3 resolves a plain scalar (YAML 1.2 core schema, plus yaml.v3's extra
/// number forms): whether it is anything but a string.
enum YAMLCore {
    static func resolvesToNonString(_ text: String) -> Bool {
        switch text {
        case "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
            ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return true
        default:
            break
        }
        return isNumber(text)
    }

    static func isNumber(_ text: String) -> Bool {
        var body = Substring(text.replacingUnderscores())
        if body.hasPrefix("+") || body.hasPrefix("-") { body = body.dropFirst() }
        guard !body.isEmpty else { return false }
        let lower = body.lowercased()
        if lower.hasPrefix("0x") { return lower.count > 2 && lower.dropFirst(2).allSatisfy(\.isHexDigit) }
        if lower.hasPrefix("0o") { return lower.count > 2 && lower.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
        if lower.hasPrefix("0b") { return lower.count > 2 && lower.dropFirst(2).allSatisfy { $0 == "0" || $0 == "1" } }
        // Decimal integer or float: digits, an optional fraction, an optional exponent.
        var index = lower.startIndex
        var digits = 0
        while index < lower.endIndex, lower[index].isASCII, lower[index].isNumber { index = lower.index(after: index); digits += 1 }
        if index < lower.endIndex, lower[index] == "." {
            index = lower.index(after: index)
            while index < lower.endIndex, lower[index].isASCII, lower[index].isNumber { index = lower.index(after: index); digits += 1 }
        }
        guard digits > 0 else { return false }
        if index < lower.endIndex, lower[index] == "e" {
            index = lower.index(after: index)
            if index < lower.endIndex, lower[index] == "+" || lower[index] == "-" { index = lower.index(after: index) }
            var exponentDigits = 0
            while index < lower.endIndex, lower[index].isASCII, lower[index].isNumber { index = lower.index(after: index); exponentDigits += 1 }
            guard exponentDigits > 0 else { return false }
        }
        return index == lower.endIndex
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
