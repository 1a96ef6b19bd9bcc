import KalcDiagnostics
import KalcScheduling
import KalcSemantics
import KalcSyntax

/// One completion offered to the editor.
public struct CompletionCandidate: Sendable, Hashable {
    /// What kind of thing it is, as the protocol's `CompletionItemKind` groups them.
    public enum Kind: Int, Sendable {
        case module = 9
        case property = 10
        case value = 12
        case keyword = 14
        case reference = 18
        case enumMember = 20
    }

    /// The text shown (and inserted, unless `insertText` says otherwise).
    public var label: String
    /// What kind of thing it is.
    public var kind: Kind
    /// A few words shown beside the label.
    public var detail: String?
    /// The text inserted, when it differs from the label.
    public var insertText: String?
}

/// Completions at a place, and the bytes they replace (the part of the word typed so far).
public struct Completions: Sendable {
    /// The part of the word typed so far, which a completion replaces.
    public var replacing: Span
    /// The completions, likeliest first.
    public var candidates: [CompletionCandidate]
}

/// Completion: the keywords valid where the cursor is, the names in scope where a name is
/// expected, and the label keys and values in use inside `where` clauses.
extension ProjectSnapshot {
    /// The completions at `offset` in a file.
    public func completions(in path: String, at offset: Int) -> Completions {
        guard let tree = trees[path] else { return Completions(replacing: .point(offset), candidates: []) }
        let start = tree.wordStart(before: offset)
        let replacing = Span(start: start, end: max(start, offset))
        let lineStart = tree.file.lineStarts[tree.file.lineIndex(of: start)]
        let before = tree.significantTokens().filter { $0.span.start >= lineStart && $0.span.end <= start }
        let chain = tree.enclosingDeclarations(at: start)
        let branch = EnclosingDeclaration.branch(of: chain)
        // The editor filters by what is typed; the server offers everything that fits here.
        var candidates = CompletionRules(snapshot: self, tree: tree, chain: chain, branch: branch).candidates(after: before)
        var seen = Set<String>()
        candidates = candidates.filter { seen.insert($0.label).inserted }
        return Completions(replacing: replacing, candidates: candidates)
    }
}

/// What may be written after the tokens before the cursor on its line.
private struct CompletionRules {
    let snapshot: ProjectSnapshot
    let tree: SyntaxTree
    let chain: [EnclosingDeclaration]
    let branch: Branch

    /// The keyword of the innermost declaration around the cursor (nil at the top level).
    var context: Keyword? { chain.last?.keyword }

    func candidates(after tokens: [Token]) -> [CompletionCandidate] {
        let words = tokens.map { tree.text($0) }
        guard let first = tokens.first else { return keywords() }
        let firstKeyword = tree.keyword(first)
        if firstKeyword == .import, tokens.count == 1 {
            return StandardLibrary.modules.keys.sorted().map { CompletionCandidate(label: $0, kind: .module, detail: "standard library module") }
        }
        if firstKeyword == .target, tokens.count == 3, words[2] == "in" {
            return names(of: .environment)
        }
        if let keyword = firstKeyword, let kind = SymbolKind(declarationKeyword: keyword), let labels = labelListCandidates(tokens, kind: kind) {
            return labels
        }
        if firstKeyword == .targets || firstKeyword == .clusterTypes {
            return selectorCandidates(tokens, side: firstKeyword == .targets ? .targets : .clusterTypes)
        }
        if let last = tokens.last, last.kind == .equals, tokens.count == 2 || tokens.count == 3 {
            return valueCandidates(forKey: words[0])
        }
        if firstKeyword == .requires, tokens.count == 1 {
            return [CompletionCandidate(label: "json", kind: .keyword, detail: "a raw JSON Schema")]
        }
        if [.workload, .target, .schema].contains(context), let requirement = requirementCandidates(tokens) {
            return requirement
        }
        if tokens.contains(where: { $0.kind == .at }), let last = tokens.last, last.kind == .string || last.kind == .word, firstKeyword == .base {
            return [CompletionCandidate(label: "commit", kind: .keyword, detail: "the promoted commit")]
        }
        return []
    }

    /// In a `requires` block: the types after `key:`, the constraints after a type.
    private func requirementCandidates(_ tokens: [Token]) -> [CompletionCandidate]? {
        guard let colon = tokens.firstIndex(where: { $0.kind == .colon }), colon >= 1, colon <= 2,
            tokens[0].kind == .word || tokens[0].kind == .string
        else { return nil }
        let after = tokens[(colon + 1)...]
        if after.isEmpty {
            return ["string", "integer", "number", "boolean", "object", "array"].map {
                CompletionCandidate(label: $0, kind: .keyword, detail: "requirement type")
            }
        }
        guard let last = after.last, last.kind == .word || last.kind == .string, after.count == 1 || after.count % 2 == 1 else { return [] }
        return ["format", "pattern", "min", "max"].map { CompletionCandidate(label: $0, kind: .keyword, detail: "constraint") }
    }

    // MARK: Keywords

    private func keywords() -> [CompletionCandidate] {
        let declarations: [String]
        let properties: [String]
        switch context {
        case nil:
            declarations = ["environment", "workload", "template", "registration", "clusterType", "policy", "config", "schema"]
            properties = ["import", "repo"]
        case .environment?:
            declarations = ["clusterType", "policy", "config", "schema", "template", "registration"]
            properties = ["controlPlane", "gitops", "base"]
        case .clusterType?:
            declarations = []
            properties = ["reconciler", "namespace", "config"]
        case .policy?:
            declarations = []
            properties = ["workspace"]
        case .template?:
            declarations = []
            properties = ["type", "contentType", "manifest"]
        case .registration?:
            declarations = []
            properties = ["workspace", "source"]
        case .workload?:
            declarations = ["target"]
            properties = ["registration", "workspace", "source", "requires"]
        case .target?:
            declarations = []
            properties = ["manifests", "requires"]
        case .schema?:
            declarations = []
            properties = ["requires"]
        default:
            return []
        }
        let present = Set(chain.last?.syntax.items.compactMap(PropertySyntax.init).map { tree.text($0.key) } ?? [])
        var result = properties.filter { !present.contains($0) || $0 == "import" || $0 == "repo" }.map {
            CompletionCandidate(label: $0, kind: .property, detail: nil)
        }
        result += declarations.map { CompletionCandidate(label: $0, kind: .keyword, detail: "declaration") }
        if context == .policy {
            let clauses = Set(chain.last?.syntax.items.compactMap(SelectorSyntax.init).map { tree.text($0.clause) } ?? [])
            for clause in ["targets", "clusterTypes"] where !clauses.contains(clause) {
                result.append(CompletionCandidate(label: "\(clause) where", kind: .keyword, detail: "selector", insertText: "\(clause) where "))
            }
        }
        return result
    }

    // MARK: Values

    private func valueCandidates(forKey key: String) -> [CompletionCandidate] {
        switch (context, key) {
        case (.clusterType?, "reconciler"): return templates(of: .reconciler)
        case (.clusterType?, "namespace"): return templates(of: .namespace)
        case (.clusterType?, "config"): return templates(of: .config)
        case (.template?, "type"):
            return TemplateType.allCases.map { CompletionCandidate(label: $0.rawValue, kind: .enumMember, detail: "template type") }
        case (.workload?, "registration"):
            return names(of: .registration)
        case (.environment?, "controlPlane"), (.environment?, "gitops"), (.environment?, "base"),
            (.workload?, "source"), (.registration?, "source"), (.target?, "manifests"):
            return names(of: .repository)
        default:
            return []
        }
    }

    /// The templates of a type visible from the cursor's branch: any other would be refused
    /// there (K0305).
    private func templates(of type: TemplateType) -> [CompletionCandidate] {
        let visible = snapshot.index.visibleDeclarations(of: .template, from: branch).sorted { $0.name < $1.name }
        let types = Dictionary(snapshot.analysis.controlPlane.templates.map { ($0.header.name.location, $0.type?.value) }, uniquingKeysWith: { first, _ in first })
        return visible.filter { types[$0.nameLocation] == type.rawValue }.map { declaration in
            CompletionCandidate(label: declaration.name, kind: .reference, detail: "\(type.rawValue) template")
        }
    }

    private func names(of kind: SymbolKind) -> [CompletionCandidate] {
        snapshot.index.visibleDeclarations(of: kind, from: branch)
            .map(\.name).sorted()
            .map { CompletionCandidate(label: $0, kind: .reference, detail: kind.displayName) }
    }

    // MARK: Labels

    /// In the label list of a declaration: the keys written on declarations of the same
    /// kind after `[` or `,`, and the values written for a key after `key:`.
    private func labelListCandidates(_ tokens: [Token], kind: SymbolKind) -> [CompletionCandidate]? {
        guard let open = tokens.firstIndex(where: { $0.kind == .leftBracket }), !tokens[open...].contains(where: { $0.kind == .rightBracket }),
            let last = tokens.last
        else { return nil }
        var labels: [String: Set<String>] = [:]
        for use in snapshot.index.labels {
            guard case .declaration(let other, _, _) = use.site, other == kind else { continue }
            for value in use.values { labels[use.key.value, default: []].insert(value.value) }
        }
        switch last.kind {
        case .leftBracket, .comma:
            return keyCandidates(labels)
        case .colon where tokens.count >= 2:
            return valueCandidates(labels, key: tree.value(tokens[tokens.count - 2]))
        default:
            return []
        }
    }

    // MARK: Selectors

    /// After `where` or `,`: label keys; after `==`, or inside `( )` after `in`/`notin`: the
    /// values of the key in use.
    private func selectorCandidates(_ tokens: [Token], side: SelectorSide) -> [CompletionCandidate] {
        guard tokens.count >= 2, tree.keyword(tokens[1]) == .where, let last = tokens.last else {
            return tokens.count == 1 ? [CompletionCandidate(label: "where", kind: .keyword, detail: nil)] : []
        }
        let labels = labelsInUse(side)
        switch last.kind {
        case .word where tokens.count == 2:
            return keyCandidates(labels)
        case .comma, .bang:
            if let setStart = openValueSet(tokens) {
                return valueCandidates(labels, key: setStart)
            }
            return keyCandidates(labels)
        case .equalsEquals:
            guard tokens.count >= 2 else { return [] }
            return valueCandidates(labels, key: tree.value(tokens[tokens.count - 2]))
        case .leftParen:
            guard let key = openValueSet(tokens) else { return [] }
            return valueCandidates(labels, key: key)
        default:
            return []
        }
    }

    /// The key of a `key in (` / `key notin (` whose set is still open at the end of `tokens`.
    private func openValueSet(_ tokens: [Token]) -> String? {
        guard let open = tokens.lastIndex(where: { $0.kind == .leftParen }),
            !tokens[open...].contains(where: { $0.kind == .rightParen }), open >= 2
        else { return nil }
        let operatorKeyword = tree.keyword(tokens[open - 1])
        guard operatorKeyword == .in || operatorKeyword == .notin else { return nil }
        return tree.value(tokens[open - 2])
    }

    private func keyCandidates(_ labels: [String: Set<String>]) -> [CompletionCandidate] {
        labels.keys.sorted().map { CompletionCandidate(label: $0, kind: .property, detail: "label key") }
    }

    private func valueCandidates(_ labels: [String: Set<String>], key: String) -> [CompletionCandidate] {
        (labels[key] ?? []).sorted().map { CompletionCandidate(label: $0, kind: .value, detail: "\(key) label value") }
    }

    /// The labels that the deployment targets (or cluster types) the policy can see carry,
    /// as Kalypso sees them (with `workload`, `workspace` and Flux's labels), plus those
    /// written on their declarations.
    private func labelsInUse(_ side: SelectorSide) -> [String: Set<String>] {
        var labels: [String: Set<String>] = [:]
        func add(_ key: String, _ value: String) { labels[key, default: []].insert(value) }
        let reached = branch == .main ? snapshot.schedules : snapshot.schedules.filter { .environment($0.namespace.environment) == branch }
        for schedule in reached {
            switch side {
            case .targets:
                for target in schedule.deploymentTargets.values {
                    for (key, value) in target.labels { add(key, value) }
                }
            case .clusterTypes:
                for clusterType in schedule.namespace.clusterTypes.values {
                    for (key, value) in schedule.namespace.labels(of: clusterType) { add(key, value) }
                }
            }
        }
        let kinds: Set<SymbolKind> = side == .targets ? [.workload, .deploymentTarget] : [.clusterType]
        for use in snapshot.index.labels {
            guard case .declaration(let kind, _, _) = use.site, kinds.contains(kind) else { continue }
            for value in use.values { add(use.key.value, value.value) }
        }
        if side == .targets {
            for workload in snapshot.analysis.controlPlane.workloads {
                add("workload", workload.header.name.value)
            }
        }
        return labels
    }
}
