import KalcDiagnostics
import KalcSyntax

/// What a name declared in a kalc project stands for.
public enum SymbolKind: String, Sendable, Hashable, CaseIterable {
    case repository
    case environment
    case clusterType
    case policy
    case config
    case schema
    case template
    case registration
    case workload
    case deploymentTarget
    case gitOpsRepo
    case baseRepo

    /// How the kind is named in messages and hovers.
    public var displayName: String {
        switch self {
        case .repository: "repository"
        case .environment: "environment"
        case .clusterType: "cluster type"
        case .policy: "policy"
        case .config: "config"
        case .schema: "schema"
        case .template: "template"
        case .registration: "registration"
        case .workload: "workload"
        case .deploymentTarget: "deployment target"
        case .gitOpsRepo: "GitOps repository"
        case .baseRepo: "base repository"
        }
    }

    /// The kind a declaration keyword declares.
    public init?(declarationKeyword keyword: Keyword) {
        switch keyword {
        case .environment: self = .environment
        case .clusterType: self = .clusterType
        case .policy: self = .policy
        case .config: self = .config
        case .schema: self = .schema
        case .template: self = .template
        case .registration: self = .registration
        case .workload: self = .workload
        case .target: self = .deploymentTarget
        default: return nil
        }
    }
}

/// A name as it is declared: `environment qa`, `template arc-flux`, `repo cp = "..."`.
public struct SymbolDeclaration: Sendable, Hashable {
    /// What the name declares.
    public var kind: SymbolKind
    /// The name, its escapes decoded.
    public var name: String
    /// The name token.
    public var nameLocation: Location
    /// The whole declaration.
    public var location: Location
    /// The branch the declaration belongs to.
    public var branch: Branch
    /// The workload of a deployment target.
    public var workload: String?
    /// Whether a workload registers itself (it sets `workspace` or `source`), and so also
    /// declares the registration of its name.
    public var registersItself: Bool
}

/// A use of a declared name: a template after `reconciler =`, an environment after `in`,
/// a repository before `@`, a registration after `registration =`, a workload in a
/// `workload` label or selector, a cluster type in a config's `cluster-type` label.
public struct SymbolReference: Sendable, Hashable {
    /// The kind of what it names.
    public var kind: SymbolKind
    /// The name, its escapes decoded.
    public var name: String
    /// The token that names it.
    public var location: Location
    /// The branch the reference is written in (it decides which template it means).
    public var branch: Branch
    /// Where it is written: the property, label or keyword before it (`reconciler`, `in`, `workload`).
    public var role: String
}

/// Which of a policy's selectors a selector term belongs to.
public enum SelectorSide: String, Sendable, Hashable {
    case targets
    case clusterTypes
}

/// A label: written on a declaration (`[region: westus]`), or required by a selector term
/// (`region == westus`, `tier in (a, b)`, `!legacy`).
public struct LabelUse: Sendable, Hashable {
    /// Where a label is written.
    public enum Site: Sendable, Hashable {
        /// In the label list of a declaration.
        case declaration(SymbolKind, name: String, location: Location)
        /// In a `targets where` or `clusterTypes where` clause of a policy.
        case selector(policy: String, side: SelectorSide)
    }

    /// The label's key.
    public var key: Located<String>
    /// The value of a declared label or of `==`, the values of `in` and `notin`, none for
    /// `key` and `!key`.
    public var values: [Located<String>]
    /// Where it is written.
    public var site: Site
    /// The branch of the declaration it is written in.
    public var branch: Branch
}

/// A config key: set in a `config` declaration, or required in a `requires` block.
public struct ConfigKeyUse: Sendable, Hashable {
    /// Where a config key is written.
    public enum Site: Sendable, Hashable {
        /// A key of the config named here.
        case config(String)
        /// A requirement of a workload, a deployment target (with its workload) or a schema.
        case requirement(SymbolKind, name: String, workload: String?)
    }

    /// The key.
    public var key: Located<String>
    /// Where it is written.
    public var site: Site
    /// The branch of the declaration it is written in.
    public var branch: Branch
}

/// Every declaration, reference, label and config key of a project, by place: what editors
/// need to go to a definition, find references, rename, and explain what is under the cursor.
///
/// The index reads syntax trees only, so it also covers files that do not parse.
public struct SymbolIndex: Sendable {
    /// Every declared name, in source order, file by file.
    public private(set) var declarations: [SymbolDeclaration] = []
    /// Every use of a declared name.
    public private(set) var references: [SymbolReference] = []
    /// Every label written on a declaration or required by a selector term.
    public private(set) var labels: [LabelUse] = []
    /// Every config key set by a config or required by a `requires` block.
    public private(set) var configKeys: [ConfigKeyUse] = []
    /// The declarations of each name, so that resolving a reference does not scan them all.
    private var declarationsByName: [String: [SymbolDeclaration]] = [:]

    /// Indexes the trees of a project (and of the standard library modules it imports).
    public init(_ trees: [SyntaxTree]) {
        for tree in trees {
            var walker = IndexWalker(tree: tree)
            for item in tree.items {
                walker.visit(item, branch: .main, owner: nil)
            }
            declarations += walker.declarations
            references += walker.references
            labels += walker.labels
            configKeys += walker.configKeys
        }
        declarationsByName = Dictionary(grouping: declarations, by: \.name)
    }

    /// What is at a place in a file.
    public enum Occurrence: Sendable, Hashable {
        case declaration(SymbolDeclaration)
        case reference(SymbolReference)
        case labelKey(LabelUse)
        case labelValue(LabelUse, Located<String>)
        case configKey(ConfigKeyUse)

        /// The place of the name under the cursor.
        public var location: Location {
            switch self {
            case .declaration(let declaration): declaration.nameLocation
            case .reference(let reference): reference.location
            case .labelKey(let use): use.key.location
            case .labelValue(_, let value): value.location
            case .configKey(let use): use.key.location
            }
        }
    }

    /// The name at `offset` in `file`: the one covering the byte, or else the one ending
    /// just before it (a cursor right after a word).
    public func occurrence(in file: String, at offset: Int) -> Occurrence? {
        let all = occurrences(in: file)
        if let covering = all.first(where: { $0.location.span.contains(offset) }) { return covering }
        return all.first { $0.location.span.end == offset && !$0.location.span.isEmpty }
    }

    /// Every occurrence in a file, references before labels, so that a label value that
    /// names a workload is seen as a reference.
    private func occurrences(in file: String) -> [Occurrence] {
        var result: [Occurrence] = []
        result += declarations.filter { $0.nameLocation.file == file }.map(Occurrence.declaration)
        result += references.filter { $0.location.file == file }.map(Occurrence.reference)
        for use in labels where use.key.location.file == file {
            result.append(.labelKey(use))
            result += use.values.map { .labelValue(use, $0) }
        }
        result += configKeys.filter { $0.key.location.file == file }.map(Occurrence.configKey)
        return result
    }

    /// The declarations a reference names. A template or cluster type is looked up in the
    /// reference's own branch first, then in the main branch, then anywhere; a registration
    /// may be declared on its own or by a workload that registers itself.
    public func declarations(for reference: SymbolReference) -> [SymbolDeclaration] {
        let named = declarationsByName[reference.name] ?? []
        switch reference.kind {
        case .template, .clusterType:
            let candidates = named.filter { $0.kind == reference.kind }
            let own = candidates.filter { $0.branch == reference.branch }
            if !own.isEmpty { return own }
            let main = candidates.filter { $0.branch == .main }
            return main.isEmpty ? candidates : main
        case .registration:
            return named.filter { $0.kind == .registration || ($0.kind == .workload && $0.registersItself) }
        default:
            return named.filter { $0.kind == reference.kind }
        }
    }

    /// The references that name any of `targets`.
    public func references(to targets: [SymbolDeclaration]) -> [SymbolReference] {
        let wanted = Set(targets)
        let names = Set(targets.map(\.name))
        return references.filter { reference in
            names.contains(reference.name) && declarations(for: reference).contains { wanted.contains($0) }
        }
    }

    /// The declarations a name at a place stands for: the declaration itself, or what a
    /// reference names.
    public func declarations(at occurrence: Occurrence) -> [SymbolDeclaration] {
        switch occurrence {
        case .declaration(let declaration): [declaration]
        case .reference(let reference): declarations(for: reference)
        default: []
        }
    }

    /// The declarations of a kind that a name written in `branch` can mean: for templates and
    /// cluster types, those of the branch and of the main branch; for other kinds, all.
    public func visibleDeclarations(of kind: SymbolKind, from branch: Branch) -> [SymbolDeclaration] {
        let ofKind = declarations.filter { $0.kind == kind }
        switch kind {
        case .template, .clusterType: return ofKind.filter { $0.branch == branch || $0.branch == .main }
        case .registration: return ofKind + declarations.filter { $0.kind == .workload && $0.registersItself }
        default: return ofKind
        }
    }
}

/// Collects the index entries of one tree.
private struct IndexWalker {
    let tree: SyntaxTree
    var declarations: [SymbolDeclaration] = []
    var references: [SymbolReference] = []
    var labels: [LabelUse] = []
    var configKeys: [ConfigKeyUse] = []

    /// The declaration an item stands in.
    struct Owner {
        var kind: SymbolKind
        var name: String
        /// The workload of a deployment target.
        var workload: String?
    }

    init(tree: SyntaxTree) {
        self.tree = tree
    }

    private func location(_ span: Span) -> Location { Location(file: tree.file.path, span: span) }

    private func located(_ token: Token) -> Located<String> { Located(tree.value(token), at: location(token.span)) }

    mutating func visit(_ node: SyntaxNode, branch: Branch, owner: Owner?) {
        switch node.kind {
        case .property:
            guard let property = PropertySyntax(node) else { return }
            visitProperty(property, branch: branch, owner: owner)
        case .declaration:
            guard let declaration = DeclarationSyntax(node) else { return }
            visitDeclaration(declaration, branch: branch, owner: owner)
        case .selectorClause:
            guard let selector = SelectorSyntax(node), let owner, owner.kind == .policy else { return }
            visitSelector(selector, branch: branch, policy: owner.name)
        case .requiresClause:
            guard let requires = RequiresSyntax(node), let owner else { return }
            for requirement in requires.requirements ?? [] {
                guard let key = requirement.key, key.kind == .word || key.kind == .string else { continue }
                configKeys.append(ConfigKeyUse(key: located(key), site: .requirement(owner.kind, name: owner.name, workload: owner.workload), branch: branch))
            }
        default:
            return
        }
    }

    private mutating func visitProperty(_ property: PropertySyntax, branch: Branch, owner: Owner?) {
        let key = tree.text(property.key)
        if let value = property.value, let reference = RepoReferenceSyntax(value),
            let repository = reference.repository, repository.kind == .word
        {
            references.append(SymbolReference(kind: .repository, name: tree.value(repository), location: location(repository.span), branch: branch, role: key))
        }
        guard let owner else {
            if key == "repo", let name = property.name {
                declarations.append(
                    SymbolDeclaration(
                        kind: .repository, name: tree.value(name), nameLocation: location(name.span),
                        location: location(property.node.span), branch: branch, workload: nil, registersItself: false))
            }
            return
        }
        let literal = property.value.flatMap { $0.kind == .literal ? $0.significantTokens.first : nil }
        switch (owner.kind, key) {
        case (.environment, "gitops"), (.environment, "base"):
            if let name = property.name {
                declarations.append(
                    SymbolDeclaration(
                        kind: key == "gitops" ? .gitOpsRepo : .baseRepo, name: tree.value(name), nameLocation: location(name.span),
                        location: location(property.node.span), branch: branch, workload: nil, registersItself: false))
            }
        case (.clusterType, "reconciler"), (.clusterType, "namespace"), (.clusterType, "config"):
            if let literal, literal.kind != .textBlock {
                references.append(SymbolReference(kind: .template, name: tree.value(literal), location: location(literal.span), branch: branch, role: key))
            }
        case (.workload, "registration"):
            if let literal, literal.kind != .textBlock {
                references.append(SymbolReference(kind: .registration, name: tree.value(literal), location: location(literal.span), branch: branch, role: key))
            }
        case (.config, _):
            configKeys.append(ConfigKeyUse(key: located(property.key), site: .config(owner.name), branch: branch))
        default:
            break
        }
    }

    private mutating func visitDeclaration(_ declaration: DeclarationSyntax, branch: Branch, owner: Owner?) {
        guard let keyword = tree.keyword(declaration.keyword), let kind = SymbolKind(declarationKeyword: keyword),
            let nameToken = declaration.name
        else { return }
        let name = tree.value(nameToken)
        let registersItself =
            kind == .workload
            && declaration.items.contains { item in
                guard let property = PropertySyntax(item) else { return false }
                let key = tree.text(property.key)
                return key == "workspace" || key == "source"
            }
        let symbol = SymbolDeclaration(
            kind: kind, name: name, nameLocation: location(nameToken.span), location: location(declaration.node.span),
            branch: branch, workload: kind == .deploymentTarget ? owner?.name : nil, registersItself: registersItself)
        declarations.append(symbol)
        if kind == .deploymentTarget, let environment = declaration.environment {
            references.append(SymbolReference(kind: .environment, name: tree.value(environment), location: location(environment.span), branch: branch, role: "in"))
        }
        for entry in declaration.labels?.entries ?? [] {
            let value = entry.value.map(located)
            labels.append(
                LabelUse(
                    key: located(entry.key), values: value.map { [$0] } ?? [],
                    site: .declaration(kind, name: name, location: symbol.nameLocation), branch: branch))
            guard kind == .config, let value, let valueToken = entry.value else { continue }
            switch tree.value(entry.key) {
            case "workload":
                references.append(SymbolReference(kind: .workload, name: value.value, location: location(valueToken.span), branch: branch, role: "workload"))
            case "cluster-type":
                references.append(SymbolReference(kind: .clusterType, name: value.value, location: location(valueToken.span), branch: branch, role: "cluster-type"))
            default:
                break
            }
        }
        let innerBranch = kind == .environment ? Branch.environment(name) : branch
        let inner = Owner(kind: kind, name: name, workload: symbol.workload)
        for item in declaration.items {
            visit(item, branch: innerBranch, owner: inner)
        }
    }

    private mutating func visitSelector(_ selector: SelectorSyntax, branch: Branch, policy: String) {
        let side: SelectorSide = tree.keyword(selector.clause) == .clusterTypes ? .clusterTypes : .targets
        for term in selector.terms {
            guard let key = term.key else { continue }
            let values = term.values.map(located)
            labels.append(LabelUse(key: located(key), values: values, site: .selector(policy: policy, side: side), branch: branch))
            let operation = term.resolvedOperator(in: tree)
            guard side == .targets, tree.value(key) == "workload", operation == .equals || operation == .in else { continue }
            for value in values {
                references.append(SymbolReference(kind: .workload, name: value.value, location: value.location, branch: branch, role: "workload"))
            }
        }
    }
}
