import KalcDiagnostics

/// Typed views over the untyped syntax tree: each reads the parts of one kind of node,
/// and is nil for a node of another kind. Missing parts (in a broken file) are nil.

/// `keyword name (in environment)? [labels]? { ... }`.
public struct DeclarationSyntax: Sendable {
    public let node: SyntaxNode
    public let keyword: Token
    public let name: Token?
    /// `in ENV` of a `target`.
    public let environment: Token?
    public let labels: LabelListSyntax?
    public let body: SyntaxNode?

    public init?(_ node: SyntaxNode) {
        guard node.kind == .declaration else { return nil }
        let tokens = node.significantTokens
        guard let keyword = tokens.first else { return nil }
        self.node = node
        self.keyword = keyword
        self.name = tokens.count > 1 && tokens[1].kind == .word ? tokens[1] : nil
        self.environment = tokens.count > 3 && tokens[3].kind == .word ? tokens[3] : nil
        self.labels = node.child(.labelList).map(LabelListSyntax.init)
        self.body = node.child(.block)
    }

    /// The items of the body.
    public var items: [SyntaxNode] { body?.childNodes ?? [] }
}

/// `[key: value, ...]`.
public struct LabelListSyntax: Sendable {
    public let node: SyntaxNode

    public init(_ node: SyntaxNode) {
        self.node = node
    }

    /// Each entry's key and value tokens (the value is nil when missing).
    public var entries: [(key: Token, value: Token?, node: SyntaxNode)] {
        node.children(.labelEntry).compactMap { entry in
            let tokens = entry.significantTokens
            guard let key = tokens.first else { return nil }
            let value = tokens.dropFirst().first { $0.kind == .word || $0.kind == .string }
            return (key, value, entry)
        }
    }
}

/// `key name? = value`.
public struct PropertySyntax: Sendable {
    public let node: SyntaxNode
    public let key: Token
    public let name: Token?
    public let value: SyntaxNode?

    public init?(_ node: SyntaxNode) {
        guard node.kind == .property else { return nil }
        let tokens = node.significantTokens
        guard let key = tokens.first else { return nil }
        self.node = node
        self.key = key
        self.name = tokens.count > 1 && tokens[1].kind == .word ? tokens[1] : nil
        self.value = node.childNodes.first
    }
}

/// `url @ branch / path commit sha`.
public struct RepoReferenceSyntax: Sendable {
    public let node: SyntaxNode
    public let repository: Token?
    public let branch: Token?
    public let path: Token?
    public let commit: Token?

    public init?(_ node: SyntaxNode) {
        guard node.kind == .repoReference else { return nil }
        self.node = node
        var repository: Token?
        var branch: Token?
        var path: Token?
        var commit: Token?
        var slot = 0
        for child in node.children {
            switch child {
            case .token(let token):
                switch token.kind {
                case .at: slot = 1
                case .slash: slot = 2
                case .word: slot = 3
                default: break
                }
            case .node(let literal):
                guard let token = literal.significantTokens.first else { continue }
                switch slot {
                case 0: repository = token
                case 1: branch = token
                case 2: path = token
                default: commit = token
                }
            }
        }
        self.repository = repository
        self.branch = branch
        self.path = path
        self.commit = commit
    }
}

/// `requires { ... }` or `requires json value`.
public struct RequiresSyntax: Sendable {
    public let node: SyntaxNode
    /// The typed shorthand, if written that way.
    public let requirements: [RequirementSyntax]?
    /// The raw JSON Schema value, if written with `json`.
    public let json: SyntaxNode?

    public init?(_ node: SyntaxNode) {
        guard node.kind == .requiresClause else { return nil }
        self.node = node
        if let block = node.child(.requirementBlock) {
            requirements = block.children(.requirement).map(RequirementSyntax.init)
            json = nil
        } else {
            requirements = nil
            json = node.childNodes.first
        }
    }
}

/// `key?: type constraint* "description"?`.
public struct RequirementSyntax: Sendable {
    public let node: SyntaxNode
    public let key: Token?
    public let isOptional: Bool
    /// The type's tokens: one word, or strings of an enumeration.
    public let type: [Token]
    public let constraints: [(keyword: Token, value: Token?)]
    public let description: Token?

    public init(_ node: SyntaxNode) {
        self.node = node
        let tokens = node.significantTokens
        key = tokens.first
        isOptional = tokens.contains { $0.kind == .question }
        type = node.child(.typeExpression)?.significantTokens.filter { $0.kind != .pipe } ?? []
        constraints = node.children(.constraint).compactMap { constraint in
            let parts = constraint.significantTokens
            guard let keyword = parts.first else { return nil }
            return (keyword, parts.dropFirst().first)
        }
        // The description is a string after the colon that is not part of the type.
        let afterColon = tokens.drop { $0.kind != .colon }.dropFirst()
        description = afterColon.last { $0.kind == .string }
    }
}

/// `targets where ...` / `clusterTypes where ...`.
public struct SelectorSyntax: Sendable {
    public let node: SyntaxNode
    public let clause: Token
    public let terms: [SelectorTermSyntax]

    public init?(_ node: SyntaxNode) {
        guard node.kind == .selectorClause, let clause = node.significantTokens.first else { return nil }
        self.node = node
        self.clause = clause
        self.terms = node.children(.selectorTerm).map(SelectorTermSyntax.init)
    }
}

/// One requirement of a selector.
public struct SelectorTermSyntax: Sendable {
    public enum Operator: Sendable { case equals, `in`, notIn, exists, doesNotExist }

    public let node: SyntaxNode
    public let key: Token?
    public let `operator`: Operator
    /// The value after `==`, or the values of `in` / `notin`.
    public let values: [Token]

    public init(_ node: SyntaxNode) {
        self.node = node
        let tokens = node.significantTokens
        let negated = tokens.first?.kind == .bang
        let rest = negated ? Array(tokens.dropFirst()) : tokens
        key = rest.first.flatMap { $0.kind == .word || $0.kind == .string ? $0 : nil }
        if let set = node.child(.valueSet) {
            values = set.significantTokens.filter { $0.kind == .word || $0.kind == .string }
            // The operator word is the token right after the key.
            self.operator = .in
        } else if rest.count >= 2, rest[1].kind == .equalsEquals || rest[1].kind == .equals {
            values = rest.count >= 3 ? [rest[2]] : []
            self.operator = .equals
        } else {
            values = []
            self.operator = negated ? .doesNotExist : .exists
        }
    }

    /// The operator of a term with a value set: `in` or `notin`, read from the source text.
    public func resolvedOperator(in tree: SyntaxTree) -> Operator {
        guard self.operator == .in, let operatorToken = node.significantTokens.dropFirst(key == nil ? 0 : 1).first else { return self.operator }
        return tree.keyword(operatorToken) == .notin ? .notIn : .in
    }
}

extension SyntaxTree {
    /// The top-level items of the file.
    public var items: [SyntaxNode] { root.childNodes }
}
