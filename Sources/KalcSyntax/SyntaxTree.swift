import KalcDiagnostics

/// The kinds of nodes of the concrete syntax tree.
public enum SyntaxKind: UInt8, Sendable, Hashable, CaseIterable {
    case sourceFile
    /// `import std.templates` or `import "../shared"`.
    case importDecl
    /// `keyword name (in env)? [labels]? { ... }`: environment, clusterType, policy, config,
    /// schema, template, registration, workload, target.
    case declaration
    /// `key name? = value`.
    case property
    /// `manifest """..."""`.
    case manifestClause
    /// `requires { ... }` or `requires json """..."""`.
    case requiresClause
    /// `targets where ...` or `clusterTypes where ...`.
    case selectorClause
    /// One requirement of a selector: `key == value`, `key in (a, b)`, `key notin (a)`, `key`, `!key`.
    case selectorTerm
    /// `(a, b)` after `in` / `notin`.
    case valueSet
    /// `{ requirement* }` after `requires`.
    case requirementBlock
    /// `key?: type constraint* "description"?`.
    case requirement
    /// `string`, `integer`, ... or an enumeration `"a" | "b"`.
    case typeExpression
    /// `format uri`, `pattern "^x"`, `min 1`, `max 10`.
    case constraint
    /// `[key: value, ...]` after a declaration's name.
    case labelList
    case labelEntry
    /// `{ item* }`: the body of a declaration.
    case block
    /// `url @ branch / path commit sha`.
    case repoReference
    /// `{ key: value, ... }`.
    case mapLiteral
    case mapEntry
    /// `[value, ...]`.
    case listLiteral
    /// One token standing for a value: a string, a text block or a word.
    case literal
    /// Tokens the parser could not place.
    case error
}

/// A child of a syntax node: another node or a token.
public enum SyntaxElement: Sendable {
    case node(SyntaxNode)
    case token(Token)

    /// The bytes the element covers.
    public var span: Span {
        switch self {
        case .node(let node): node.span
        case .token(let token): token.span
        }
    }
}

/// A node of the lossless concrete syntax tree: its kind and its children, which cover
/// its bytes exactly, trivia included.
public final class SyntaxNode: Sendable {
    public let kind: SyntaxKind
    public let children: [SyntaxElement]
    public let span: Span

    public init(kind: SyntaxKind, children: [SyntaxElement], at offset: Int) {
        self.kind = kind
        self.children = children
        if let first = children.first, let last = children.last {
            self.span = Span(start: first.span.start, end: last.span.end)
        } else {
            self.span = .point(offset)
        }
    }

    /// The child nodes, in order.
    public var childNodes: [SyntaxNode] {
        children.compactMap { if case .node(let node) = $0 { node } else { nil } }
    }

    /// The tokens directly below this node, trivia excluded.
    public var significantTokens: [Token] {
        children.compactMap { if case .token(let token) = $0, !token.kind.isTrivia { token } else { nil } }
    }

    /// Every token of the subtree, trivia included, in source order.
    public func allTokens() -> [Token] {
        var result: [Token] = []
        collectTokens(into: &result)
        return result
    }

    private func collectTokens(into result: inout [Token]) {
        for child in children {
            switch child {
            case .node(let node): node.collectTokens(into: &result)
            case .token(let token): result.append(token)
            }
        }
    }

    /// The first child node of a kind.
    public func child(_ kind: SyntaxKind) -> SyntaxNode? {
        for case .node(let node) in children where node.kind == kind { return node }
        return nil
    }

    /// Every child node of a kind.
    public func children(_ kind: SyntaxKind) -> [SyntaxNode] {
        childNodes.filter { $0.kind == kind }
    }

    /// The first significant token of the subtree.
    public var firstToken: Token? {
        for child in children {
            switch child {
            case .token(let token) where !token.kind.isTrivia: return token
            case .node(let node): if let token = node.firstToken { return token }
            default: continue
            }
        }
        return nil
    }
}

/// A parsed file: its source, the syntax tree and the problems found while reading it.
public struct SyntaxTree: Sendable {
    public let file: SourceFile
    public let root: SyntaxNode
    public let diagnostics: [Diagnostic]

    /// Parses a file. Parsing never fails: problems become diagnostics and error nodes.
    public static func parse(_ file: SourceFile) -> SyntaxTree {
        Parser.parse(file)
    }

    /// The text of a token.
    public func text(_ token: Token) -> String { file.text(token.span) }

    /// The value of a literal token: decoded string, text block content, or the word itself.
    public func value(_ token: Token) -> String {
        switch token.kind {
        case .string: StringLiteral.value(of: file.bytes[token.span.start..<token.span.end])
        case .textBlock: TextBlock.value(file.bytes, tokenStart: token.span.start, tokenEnd: token.span.end)
        default: text(token)
        }
    }

    /// The keyword a word token spells, if any.
    public func keyword(_ token: Token) -> Keyword? {
        token.kind == .word ? Keyword(rawValue: text(token)) : nil
    }

    /// The source text the tree stands for, rebuilt from its tokens (equal to the input).
    public func printed() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(file.bytes.count)
        for token in root.allTokens() {
            output.append(contentsOf: file.bytes[token.span.start..<token.span.end])
        }
        return output
    }

    /// An indented outline of the tree for tests: node kinds and significant tokens with
    /// their text; trivia left out.
    public func debugDescription() -> String {
        var lines: [String] = []
        func visit(_ node: SyntaxNode, depth: Int) {
            lines.append(String(repeating: "  ", count: depth) + "\(node.kind)")
            for child in node.children {
                switch child {
                case .node(let inner): visit(inner, depth: depth + 1)
                case .token(let token) where !token.kind.isTrivia && token.kind != .endOfFile:
                    lines.append(String(repeating: "  ", count: depth + 1) + "\(token.kind) \(StringLiteral.quote(text(token)))")
                default: continue
                }
            }
        }
        visit(root, depth: 0)
        return lines.joined(separator: "\n") + "\n"
    }
}
