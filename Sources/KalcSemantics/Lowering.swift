import KalcDiagnostics
import KalcSyntax

/// Turns the syntax trees of a project into the Kalypso objects they declare.
///
/// Every problem of shape — an unknown or missing property, a value of the wrong kind, a
/// declaration in the wrong place, an unknown repository name — becomes a diagnostic, and
/// lowering goes on with what it could read.
struct Lowering: Sendable {
    private(set) var plane = ControlPlane()
    private(set) var diagnostics: [Diagnostic] = []
    private var repositories: [String: Located<String>] = [:]
    private var tree: SyntaxTree

    init(firstTree: SyntaxTree) {
        tree = firstTree
    }

    /// Lowers every tree; `repo` names are visible in every file. Top-level items are
    /// lowered in parts on up to `threads` threads (each item on its own gives its objects
    /// and problems), which are then taken in the order of the items.
    mutating func lower(_ trees: [SyntaxTree], threads: Int = Parallel.defaultThreads) {
        for tree in trees {
            self.tree = tree
            collectRepositories()
        }
        let items = trees.flatMap { tree in tree.items.map { (tree, $0) } }
        let partCount = items.count < Self.itemsPerPart * 2 ? 1 : min(threads * 4, items.count / Self.itemsPerPart)
        let base = self
        let parts = Parallel.map(partCount, threads: threads) { part in
            var lowering = base
            lowering.plane = ControlPlane()
            lowering.diagnostics = []
            for (tree, item) in items[(part * items.count / partCount)..<((part + 1) * items.count / partCount)] {
                lowering.tree = tree
                lowering.lowerTopLevel(item)
            }
            return lowering
        }
        for part in parts {
            plane.append(part.plane)
            diagnostics += part.diagnostics
        }
    }

    /// How many top-level items make a part worth lowering on its own.
    static let itemsPerPart = 64

    // MARK: Helpers

    private func location(_ span: Span) -> Location { Location(file: tree.file.path, span: span) }

    private func located(_ token: Token) -> Located<String> { Located(tree.value(token), at: location(token.span)) }

    private mutating func report(_ problem: SemanticProblem) {
        diagnostics.append(problem.diagnostic)
    }

    private func header(_ declaration: DeclarationSyntax, branch: Branch) -> ObjectHeader? {
        guard let name = declaration.name else { return nil }
        return ObjectHeader(name: located(name), labels: labels(declaration.labels), branch: branch, location: location(declaration.node.span))
    }

    private func labels(_ syntax: LabelListSyntax?) -> Labels {
        guard let syntax else { return Labels() }
        return Labels(
            entries: syntax.entries.compactMap { entry in
                guard let value = entry.value else { return nil }
                return Labels.Entry(key: located(entry.key), value: located(value))
            })
    }

    /// The string a literal value stands for; reports any other kind of value.
    private mutating func scalar(_ value: SyntaxNode?, of what: String) -> Located<String>? {
        guard let value else { return nil }
        guard value.kind == .literal, let token = value.significantTokens.first else {
            report(.notSingleValue(what: what, found: describe(value), at: location(value.span)))
            return nil
        }
        return located(token)
    }

    private func describe(_ value: SyntaxNode) -> String {
        switch value.kind {
        case .mapLiteral: "a map"
        case .listLiteral: "a list"
        case .repoReference: "a repository reference"
        default: "this"
        }
    }

    /// A repository reference `repo @ branch / path commit sha`, the repository written as
    /// a URL string or the name of a `repo`.
    private mutating func repoSpec(_ value: SyntaxNode?, of what: String, allowCommit: Bool) -> RepoSpec? {
        guard let value else { return nil }
        guard let reference = RepoReferenceSyntax(value) else {
            report(.notRepositoryReference(what: what, at: location(value.span)))
            return nil
        }
        guard let repositoryToken = reference.repository, let branchToken = reference.branch else { return nil }
        var repository = tree.value(repositoryToken)
        if repositoryToken.kind == .word {
            if let alias = repositories[repository] {
                repository = alias.value
            } else {
                report(.unknownRepository(repository, at: location(repositoryToken.span), declared: Array(repositories.keys)))
            }
        }
        var commit: String?
        if let commitToken = reference.commit {
            if allowCommit {
                commit = tree.value(commitToken)
            } else {
                report(.commitOutsideBase(at: location(commitToken.span)))
            }
        }
        return RepoSpec(
            repo: repository, branch: tree.value(branchToken), path: reference.path.map(tree.value) ?? ".", commit: commit, location: location(value.span),
            branchLocation: location(branchToken.span))
    }

    // MARK: Repositories

    private mutating func collectRepositories() {
        for item in tree.items {
            guard let property = PropertySyntax(item), tree.text(property.key) == "repo" else { continue }
            guard let name = property.name else {
                report(.unnamedRepository(at: location(property.key.span)))
                continue
            }
            let nameText = tree.value(name)
            if let previous = repositories[nameText] {
                report(.duplicateRepository(nameText, at: location(name.span), first: previous.location))
                continue
            }
            guard let url = scalar(property.value, of: "a repository") else { continue }
            repositories[nameText] = Located(url.value, at: location(name.span))
        }
    }

    // MARK: Declarations

    private mutating func lowerTopLevel(_ item: SyntaxNode) {
        switch item.kind {
        case .importDecl, .error:
            return
        case .property:
            guard let property = PropertySyntax(item) else { return }
            let key = tree.text(property.key)
            if key != "repo" {
                report(.propertyAtTopLevel(key, at: location(property.key.span)))
            }
        case .declaration:
            guard let declaration = DeclarationSyntax(item) else { return }
            switch tree.keyword(declaration.keyword) {
            case .environment?: lowerEnvironment(declaration)
            case .workload?: lowerWorkload(declaration)
            case .target?:
                report(.targetOutsideWorkload(at: location(declaration.keyword.span)))
            default: lowerBranchObject(declaration, branch: .main)
            }
        default:
            report(.clauseOutsideDeclaration(at: location(item.significantTokens.first?.span ?? item.span)))
        }
    }

    /// Declarations that may stand in the main branch or in an environment's branch.
    private mutating func lowerBranchObject(_ declaration: DeclarationSyntax, branch: Branch) {
        switch tree.keyword(declaration.keyword) {
        case .clusterType?: lowerClusterType(declaration, branch: branch)
        case .policy?: lowerPolicy(declaration, branch: branch)
        case .config?: lowerConfig(declaration, branch: branch)
        case .schema?: lowerSchema(declaration, branch: branch)
        case .template?: lowerTemplate(declaration, branch: branch)
        case .registration?: lowerRegistration(declaration, branch: branch)
        default:
            report(
                .misplacedDeclaration(
                    tree.text(declaration.keyword), at: location(declaration.keyword.span),
                    topLevel: tree.keyword(declaration.keyword) == .environment || tree.keyword(declaration.keyword) == .workload))
        }
    }

    /// The properties of a body, checked against the keys allowed there. Other items are
    /// returned for the caller.
    private mutating func properties(of declaration: DeclarationSyntax, allowed: [String], what: String) -> (values: [String: PropertySyntax], others: [SyntaxNode]) {
        var values: [String: PropertySyntax] = [:]
        let (properties, others) = Self.propertiesAndOthers(declaration)
        for property in properties {
            let key = tree.text(property.key)
            guard allowed.contains(key) else {
                report(.unknownProperty(key, of: what, at: location(property.key.span), allowed: allowed))
                continue
            }
            if let previous = values[key] {
                report(.propertySetTwice(key, at: location(property.key.span), first: location(previous.key.span)))
                continue
            }
            if property.name != nil && !["gitops", "base"].contains(key) {
                report(.propertyTakesNoName(key: location(property.key.span), keyText: key, name: location(property.name!.span)))
            }
            values[key] = property
        }
        return (values, others)
    }

    /// The items of a body that are properties, and the others, each in order.
    private static func propertiesAndOthers(_ declaration: DeclarationSyntax) -> (properties: [PropertySyntax], others: [SyntaxNode]) {
        var properties: [PropertySyntax] = []
        var others: [SyntaxNode] = []
        for item in declaration.items {
            if let property = PropertySyntax(item) {
                properties.append(property)
            } else {
                others.append(item)
            }
        }
        return (properties, others)
    }

    private mutating func require(_ property: PropertySyntax?, _ key: String, in declaration: DeclarationSyntax, what: String) {
        if property == nil {
            report(.missingProperty(key, of: what, at: location(declaration.name?.span ?? declaration.keyword.span)))
        }
    }

    private mutating func unexpectedItems(_ items: [SyntaxNode], in what: String) {
        for item in items where item.kind != .error {
            let token = item.significantTokens.first ?? item.firstToken
            report(.cannotHold(what, token.map { tree.text($0) }, at: location(token?.span ?? item.span)))
        }
    }

    private mutating func lowerEnvironment(_ declaration: DeclarationSyntax) {
        guard let header = header(declaration, branch: .main) else { return }
        let name = header.name.value
        let branch = Branch.environment(name)
        var controlPlane: RepoSpec?
        var controlPlaneSeen: PropertySyntax?
        let (properties, others) = Self.propertiesAndOthers(declaration)
        for property in properties {
            let key = tree.text(property.key)
            switch key {
            case "controlPlane":
                if let previous = controlPlaneSeen {
                    report(.propertySetTwice("controlPlane", at: location(property.key.span), first: location(previous.key.span)))
                    continue
                }
                controlPlaneSeen = property
                controlPlane = repoSpec(property.value, of: "`controlPlane`", allowCommit: false)
            case "gitops":
                let repoName = property.name.map(located) ?? Located(name, at: location(property.key.span))
                if let spec = repoSpec(property.value, of: "`gitops`", allowCommit: false) {
                    plane.gitOpsRepos.append(
                        GitOpsRepoObject(header: ObjectHeader(name: repoName, labels: Labels(), branch: branch, location: location(property.node.span)), spec: spec))
                }
            case "base":
                let repoName = property.name.map(located) ?? Located("main", at: location(property.key.span))
                if let spec = repoSpec(property.value, of: "`base`", allowCommit: true) {
                    plane.baseRepos.append(
                        BaseRepoObject(header: ObjectHeader(name: repoName, labels: Labels(), branch: branch, location: location(property.node.span)), spec: spec))
                }
            default:
                report(.unknownEnvironmentProperty(key, at: location(property.key.span)))
            }
        }
        if controlPlane == nil && controlPlaneSeen == nil {
            report(.missingControlPlane(environment: name, at: header.name.location))
        }
        plane.environments.append(EnvironmentObject(header: header, controlPlane: controlPlane))
        for item in others {
            guard let inner = DeclarationSyntax(item) else {
                if item.kind != .error {
                    report(.clauseInEnvironment(at: location(item.significantTokens.first?.span ?? item.span)))
                }
                continue
            }
            lowerBranchObject(inner, branch: branch)
        }
    }

    private mutating func lowerClusterType(_ declaration: DeclarationSyntax, branch: Branch) {
        guard let header = header(declaration, branch: branch) else { return }
        let what = "a cluster type"
        let (values, others) = properties(of: declaration, allowed: ["reconciler", "namespace", "config"], what: what)
        unexpectedItems(others, in: what)
        for key in ["reconciler", "namespace", "config"] { require(values[key], key, in: declaration, what: what) }
        plane.clusterTypes.append(
            ClusterTypeObject(
                header: header,
                reconciler: scalar(values["reconciler"]?.value, of: "`reconciler`"),
                namespaceService: scalar(values["namespace"]?.value, of: "`namespace`"),
                configType: scalar(values["config"]?.value, of: "`config`")
            ))
    }

    private mutating func lowerPolicy(_ declaration: DeclarationSyntax, branch: Branch) {
        guard let header = header(declaration, branch: branch) else { return }
        let what = "a policy"
        let (values, others) = properties(of: declaration, allowed: ["workspace"], what: what)
        var targets: LabelSelector?
        var clusterTypes: LabelSelector?
        for item in others {
            guard let selector = SelectorSyntax(item) else {
                unexpectedItems([item], in: what)
                continue
            }
            let lowered = labelSelector(selector)
            if tree.keyword(selector.clause) == .targets {
                if targets != nil {
                    report(.repeatedSelectorClause("targets where", at: location(selector.clause.span)))
                } else {
                    targets = lowered
                }
            } else {
                if clusterTypes != nil {
                    report(.repeatedSelectorClause("clusterTypes where", at: location(selector.clause.span)))
                } else {
                    clusterTypes = lowered
                }
            }
        }
        plane.policies.append(
            SchedulingPolicyObject(
                header: header,
                workspace: scalar(values["workspace"]?.value, of: "`workspace`"),
                deploymentTargetSelector: targets ?? LabelSelector(),
                clusterTypeSelector: clusterTypes ?? LabelSelector()
            ))
    }

    private func labelSelector(_ syntax: SelectorSyntax) -> LabelSelector {
        var selector = LabelSelector()
        selector.location = location(syntax.node.span)
        for term in syntax.terms {
            guard let key = term.key else { continue }
            let locatedKey = located(key)
            switch term.resolvedOperator(in: tree) {
            case .equals:
                if let value = term.values.first {
                    selector.matchLabelEntries.append(Labels.Entry(key: locatedKey, value: located(value)))
                }
            case .in:
                selector.matchExpressions.append(SelectorExpression(key: locatedKey, operator: .in, values: term.values.map(located), location: location(term.node.span)))
            case .notIn:
                selector.matchExpressions.append(SelectorExpression(key: locatedKey, operator: .notIn, values: term.values.map(located), location: location(term.node.span)))
            case .exists:
                selector.matchExpressions.append(SelectorExpression(key: locatedKey, operator: .exists, values: [], location: location(term.node.span)))
            case .doesNotExist:
                selector.matchExpressions.append(SelectorExpression(key: locatedKey, operator: .doesNotExist, values: [], location: location(term.node.span)))
            }
        }
        return selector
    }

    private mutating func lowerConfig(_ declaration: DeclarationSyntax, branch: Branch) {
        guard var header = header(declaration, branch: branch) else { return }
        var data: [ConfigEntry] = []
        var seen: [String: Location] = [:]
        for item in declaration.items {
            guard let property = PropertySyntax(item) else {
                unexpectedItems([item], in: "a config")
                continue
            }
            let key = located(property.key)
            if let previous = seen[key.value] {
                report(.configKeySetTwice(key.value, at: location(property.key.span), first: previous))
                continue
            }
            seen[key.value] = key.location
            guard let value = property.value else { continue }
            guard let text = configText(value) else { continue }
            data.append(ConfigEntry(key: key, value: text, location: location(property.node.span), isStructured: value.kind == .mapLiteral || value.kind == .listLiteral))
        }
        let name = header.name.value
        if header.labels["platform-config"] == nil && !name.hasPrefix("azure-app-config") {
            header.labels.entries.append(Labels.Entry(key: Located("platform-config", at: header.name.location), value: Located("true", at: header.name.location)))
        }
        plane.configMaps.append(ConfigMapObject(header: header, data: data))
    }

    /// The string of a config value: a scalar as written, a map or list as YAML text.
    private mutating func configText(_ value: SyntaxNode) -> String? {
        switch value.kind {
        case .literal:
            return value.significantTokens.first.map(tree.value)
        case .mapLiteral, .listLiteral:
            return ConfigYAML.flowText(value, in: tree)
        default:
            report(.invalidConfigValue(found: describe(value), at: location(value.span)))
            return nil
        }
    }

    private mutating func lowerSchema(_ declaration: DeclarationSyntax, branch: Branch) {
        guard let header = header(declaration, branch: branch) else { return }
        var schema: Located<String>?
        for item in declaration.items {
            guard let requires = RequiresSyntax(item) else {
                unexpectedItems([item], in: "a schema")
                continue
            }
            if schema != nil {
                report(.repeatedRequires(at: location(item.significantTokens.first?.span ?? item.span)))
                continue
            }
            schema = schemaText(requires)
        }
        if schema == nil {
            report(.missingRequires(schema: header.name.value, at: header.name.location))
        }
        plane.configSchemas.append(ConfigSchemaObject(header: header, schema: schema))
    }

    /// The JSON Schema text of a `requires` clause.
    private mutating func schemaText(_ requires: RequiresSyntax) -> Located<String>? {
        if let requirements = requires.requirements {
            let (text, problems) = RequirementSchema.json(requirements, in: tree)
            diagnostics += problems
            return Located(text, at: location(requires.node.span))
        }
        guard let json = requires.json else { return nil }
        guard let text = scalar(json, of: "a JSON Schema") else { return nil }
        return text
    }

    private mutating func lowerTemplate(_ declaration: DeclarationSyntax, branch: Branch) {
        guard let header = header(declaration, branch: branch) else { return }
        let what = "a template"
        let (values, others) = properties(of: declaration, allowed: ["type", "contentType"], what: what)
        require(values["type"], "type", in: declaration, what: what)
        var manifests: [Located<String>] = []
        for item in others {
            guard item.kind == .manifestClause else {
                unexpectedItems([item], in: what)
                continue
            }
            if let manifest = scalar(item.childNodes.first, of: "a manifest") {
                manifests.append(manifest)
            }
        }
        let type = scalar(values["type"]?.value, of: "`type`")
        if let type, TemplateType(rawValue: type.value) == nil {
            report(.unknownTemplateType(type.value, at: type.location))
        }
        plane.templates.append(TemplateObject(header: header, type: type, contentType: scalar(values["contentType"]?.value, of: "`contentType`"), manifests: manifests))
    }

    private mutating func lowerRegistration(_ declaration: DeclarationSyntax, branch: Branch) {
        guard let header = header(declaration, branch: branch) else { return }
        let what = "a registration"
        let (values, others) = properties(of: declaration, allowed: ["workspace", "source"], what: what)
        unexpectedItems(others, in: what)
        require(values["source"], "source", in: declaration, what: what)
        plane.registrations.append(
            WorkloadRegistrationObject(
                header: header,
                workspace: scalar(values["workspace"]?.value, of: "`workspace`"),
                workload: repoSpec(values["source"]?.value, of: "`source`", allowCommit: false),
                isImplicit: false
            ))
    }

    private mutating func lowerWorkload(_ declaration: DeclarationSyntax) {
        guard let header = header(declaration, branch: .main) else { return }
        let what = "a workload"
        let (values, others) = properties(of: declaration, allowed: ["registration", "workspace", "source"], what: what)
        var registration: Located<String>?
        if let explicit = values["registration"] {
            registration = scalar(explicit.value, of: "`registration`")
            for key in ["workspace", "source"] {
                if let conflicting = values[key] {
                    report(.registrationProperty(key, registration: registration?.value ?? "", at: location(conflicting.key.span)))
                }
            }
        } else if values["workspace"] != nil || values["source"] != nil {
            require(values["source"], "source", in: declaration, what: what)
            registration = header.name
            plane.registrations.append(
                WorkloadRegistrationObject(
                    header: ObjectHeader(name: header.name, labels: Labels(), branch: .main, location: header.location),
                    workspace: scalar(values["workspace"]?.value, of: "`workspace`"),
                    workload: repoSpec(values["source"]?.value, of: "`source`", allowCommit: false),
                    isImplicit: true
                ))
        } else {
            report(.unregisteredWorkload(header.name))
        }
        var targets: [DeploymentTargetSpec] = []
        var schemas: [Located<String>] = []
        for item in others {
            if let requires = RequiresSyntax(item) {
                if let schema = schemaText(requires) { schemas.append(schema) }
                continue
            }
            guard let inner = DeclarationSyntax(item), tree.keyword(inner.keyword) == .target else {
                unexpectedItems([item], in: what)
                continue
            }
            if let target = lowerTarget(inner) { targets.append(target) }
        }
        plane.workloads.append(WorkloadObject(header: header, registration: registration, deploymentTargets: targets, configSchemas: schemas))
    }

    private mutating func lowerTarget(_ declaration: DeclarationSyntax) -> DeploymentTargetSpec? {
        guard let name = declaration.name else { return nil }
        let what = "a deployment target"
        if declaration.environment == nil {
            report(.targetWithoutEnvironment(tree.value(name), at: location(name.span)))
        }
        let (values, others) = properties(of: declaration, allowed: ["manifests"], what: what)
        require(values["manifests"], "manifests", in: declaration, what: what)
        var manifests: [DeploymentTargetSpec.ManifestEntry] = []
        var manifestsAreNull = false
        if let value = values["manifests"]?.value {
            if value.kind == .literal, let word = value.significantTokens.first, word.kind == .word, tree.value(word) == "null" {
                // Kalypso's `manifests:` with no value: a nil map.
                manifestsAreNull = true
            } else if value.kind == .mapLiteral {
                for entry in value.children(.mapEntry) {
                    guard let key = entry.significantTokens.first, let text = scalar(entry.childNodes.first, of: "a manifests entry") else { continue }
                    manifests.append(.init(key: tree.value(key), value: text.value))
                }
            } else if let spec = repoSpec(value, of: "`manifests`", allowCommit: false) {
                manifests = [.init(key: "repo", value: spec.repo), .init(key: "branch", value: spec.branch), .init(key: "path", value: spec.path)]
            }
        }
        var schemas: [Located<String>] = []
        for item in others {
            if let requires = RequiresSyntax(item), let schema = schemaText(requires) {
                schemas.append(schema)
            } else if RequiresSyntax(item) == nil {
                unexpectedItems([item], in: what)
            }
        }
        return DeploymentTargetSpec(
            name: located(name), labels: labels(declaration.labels), environment: declaration.environment.map(located),
            manifestEntries: manifests, manifestsAreNull: manifestsAreNull, manifestsLocation: values["manifests"].map { location($0.node.span) },
            configSchemas: schemas, location: location(declaration.node.span)
        )
    }
}
