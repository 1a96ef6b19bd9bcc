import KalcDiagnostics
import KalcSemantics
import KalcSyntax

/// The protocol's `SymbolKind` numbers kalc uses.
enum ProtocolSymbolKind: Int {
    case module = 2
    case namespace = 3
    case package = 4
    case `class` = 5
    case property = 7
    case field = 8
    case interface = 11
    case function = 12
    case constant = 14
    case object = 19
    case key = 20
    case event = 24

    init(_ kind: SymbolKind) {
        switch kind {
        case .repository: self = .constant
        case .environment: self = .namespace
        case .clusterType: self = .class
        case .policy: self = .event
        case .config: self = .object
        case .schema: self = .interface
        case .template: self = .function
        case .registration: self = .package
        case .workload: self = .module
        case .deploymentTarget: self = .field
        case .gitOpsRepo, .baseRepo: self = .property
        }
    }
}

/// One entry of a document's outline.
public struct OutlineSymbol: Sendable {
    /// The declared name (or the key, for a config key).
    public var name: String
    /// A few words shown beside the name: the kind, a target's environment.
    public var detail: String
    /// What it declares; nil for a config key.
    public var kind: SymbolKind?
    /// The whole declaration.
    public var span: Span
    /// The name.
    public var selection: Span
    /// What it holds.
    public var children: [OutlineSymbol]

    var protocolKind: ProtocolSymbolKind { kind.map(ProtocolSymbolKind.init) ?? .key }
}

extension ProjectSnapshot {
    /// The outline of a file: repositories and declarations, each with what it holds
    /// (an environment its cluster types, policies and configs; a workload its targets; a
    /// config its keys).
    public func outline(of path: String) -> [OutlineSymbol] {
        guard let tree = trees[path] else { return [] }
        return tree.items.compactMap { outlineSymbol($0, in: tree, topLevel: true) }
    }

    private func outlineSymbol(_ node: SyntaxNode, in tree: SyntaxTree, topLevel: Bool) -> OutlineSymbol? {
        if let property = PropertySyntax(node) {
            let key = tree.text(property.key)
            if topLevel, key == "repo", let name = property.name {
                return OutlineSymbol(name: tree.value(name), detail: "repository", kind: .repository, span: node.span, selection: name.span, children: [])
            }
            if key == "gitops" || key == "base" {
                let kind: SymbolKind = key == "gitops" ? .gitOpsRepo : .baseRepo
                let name = property.name.map(tree.value) ?? key
                return OutlineSymbol(name: name, detail: kind.displayName, kind: kind, span: node.span, selection: (property.name ?? property.key).span, children: [])
            }
            return nil
        }
        guard let declaration = DeclarationSyntax(node), let keyword = tree.keyword(declaration.keyword),
            let kind = SymbolKind(declarationKeyword: keyword), let name = declaration.name
        else { return nil }
        var detail = kind.displayName
        if let environment = declaration.environment {
            detail += " in \(tree.value(environment))"
        }
        var children: [OutlineSymbol] = declaration.items.compactMap { outlineSymbol($0, in: tree, topLevel: false) }
        if kind == .config {
            children = declaration.items.compactMap(PropertySyntax.init).map { property in
                OutlineSymbol(name: tree.value(property.key), detail: "config key", kind: nil, span: property.node.span, selection: property.key.span, children: [])
            }
        }
        return OutlineSymbol(name: tree.value(name), detail: detail, kind: kind, span: node.span, selection: name.span, children: children)
    }

    /// The declarations of the whole project whose names match `query` (its characters in
    /// order, ignoring case; an empty query matches everything).
    public func workspaceSymbols(matching query: String) -> [SymbolDeclaration] {
        let wanted = Array(query.lowercased())
        return index.declarations.filter { declaration in
            guard files[declaration.nameLocation.file] != nil else { return false }
            var remaining = wanted[...]
            for character in declaration.name.lowercased() where character == remaining.first {
                remaining = remaining.dropFirst()
            }
            return remaining.isEmpty
        }
        .sorted { ($0.name, $0.nameLocation) < ($1.name, $1.nameLocation) }
    }
}
