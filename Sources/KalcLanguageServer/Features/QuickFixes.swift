import KalcDiagnostics
import KalcSyntax

/// A fix the editor offers for a diagnostic.
public struct QuickFix: Sendable {
    /// What the fix does, as the editor's menu shows it.
    public var title: String
    /// The edits, in any files.
    public var edits: [TextEdit]
    /// The diagnostic it fixes.
    public var diagnostic: Diagnostic
    /// Whether it is the one obvious fix (a single "did you mean").
    public var isPreferred: Bool
}

/// Code actions: each diagnostic's fix-its, and each "did you mean `x`?" hint as an edit
/// that puts `x` in place of the misspelt name.
extension ProjectSnapshot {
    /// The fixes for the diagnostics of a file that touch `span`.
    public func quickFixes(in path: String, touching span: Span) -> [QuickFix] {
        guard let tree = trees[path] else { return [] }
        var fixes: [QuickFix] = []
        for diagnostic in diagnostics[path] ?? [] {
            let place = diagnostic.location.span
            guard place.start <= span.end && place.end >= span.start else { continue }
            for fixIt in diagnostic.fixIts where !fixIt.edits.isEmpty {
                fixes.append(QuickFix(title: fixIt.title, edits: fixIt.edits, diagnostic: diagnostic, isPreferred: diagnostic.fixIts.count == 1))
            }
            if let suggestion = diagnostic.hint.flatMap(Self.suggestion), let edit = Self.edit(for: suggestion, at: diagnostic.location, in: tree) {
                fixes.append(QuickFix(title: "Replace with `\(suggestion)`", edits: [edit], diagnostic: diagnostic, isPreferred: diagnostic.fixIts.isEmpty))
            }
        }
        return fixes
    }

    /// `x` of a hint "did you mean `x`?".
    static func suggestion(in hint: String) -> String? {
        let prefix = "did you mean `"
        let suffix = "`?"
        guard hint.hasPrefix(prefix), hint.hasSuffix(suffix), hint.count > prefix.count + suffix.count else { return nil }
        let inner = hint.dropFirst(prefix.count).dropLast(suffix.count)
        return inner.contains("`") ? nil : String(inner)
    }

    /// The edit that writes `suggestion` where the diagnostic points: in place of the one
    /// token it covers, or, for `key == value` in a selector, in place of that term.
    static func edit(for suggestion: String, at location: Location, in tree: SyntaxTree) -> TextEdit? {
        let tokens = tree.significantTokens()
        if let separator = suggestion.range(of: " == ") {
            let key = String(suggestion[..<separator.lowerBound])
            guard let term = selectorTerms(in: tree.root).first(where: { term in
                term.span.start >= location.span.start && term.span.end <= location.span.end
                    && SelectorTermSyntax(term).key.map(tree.value) == key
            }),
                let first = term.firstToken, let last = term.allTokens().last(where: { !$0.kind.isTrivia })
            else { return nil }
            return TextEdit(Location(file: location.file, span: Span(start: first.span.start, end: last.span.end)), replacement: suggestion)
        }
        guard tokens.contains(where: { $0.span == location.span && ($0.kind == .word || $0.kind == .string) }) else { return nil }
        return TextEdit(location, replacement: suggestion)
    }

    private static func selectorTerms(in node: SyntaxNode) -> [SyntaxNode] {
        node.kind == .selectorTerm ? [node] : node.childNodes.flatMap(selectorTerms)
    }
}
