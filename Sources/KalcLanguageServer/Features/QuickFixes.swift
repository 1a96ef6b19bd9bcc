import KalcDiagnostics

/// A fix the editor offers for a diagnostic.
public struct QuickFix: Sendable {
    /// What the fix does, as the editor's menu shows it.
    public var title: String
    /// The edits, in any files.
    public var edits: [TextEdit]
    /// The diagnostic it fixes.
    public var diagnostic: Diagnostic
    /// Whether it is the one obvious fix: the only fix-it of its diagnostic.
    public var isPreferred: Bool
}

/// Code actions: one per fix-it of each diagnostic, the diagnostic's own data.
extension ProjectSnapshot {
    /// The fixes for the diagnostics of a file that touch `span`.
    public func quickFixes(in path: String, touching span: Span) -> [QuickFix] {
        var fixes: [QuickFix] = []
        for diagnostic in diagnostics[path] ?? [] {
            let place = diagnostic.location.span
            guard place.start <= span.end && place.end >= span.start else { continue }
            let fixIts = diagnostic.fixIts.filter { !$0.edits.isEmpty }
            for fixIt in fixIts {
                fixes.append(QuickFix(title: fixIt.title, edits: fixIt.edits, diagnostic: diagnostic, isPreferred: fixIts.count == 1))
            }
        }
        return fixes
    }
}
