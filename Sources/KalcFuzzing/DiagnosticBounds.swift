import KalcDiagnostics

/// Every span of `diagnostics` in `file` (primary spans, labels and fix-it edits) lies inside
/// the file; the problems found otherwise.
func spansOutside(_ file: SourceFile, in diagnostics: [Diagnostic]) -> [String] {
    var problems: [String] = []
    func check(_ location: Location, _ what: String, of diagnostic: Diagnostic) {
        guard location.file == file.path else { return }
        let span = location.span
        if span.start < 0 || span.start > span.end || span.end > file.bytes.count {
            problems.append("\(diagnostic.code) has \(what) span \(span.start)..<\(span.end) outside the file of \(file.bytes.count) bytes")
        }
    }
    for diagnostic in diagnostics {
        check(diagnostic.location, "its primary", of: diagnostic)
        for label in diagnostic.labels { check(label.location, "a label", of: diagnostic) }
        for fixIt in diagnostic.fixIts {
            for edit in fixIt.edits { check(edit.location, "a fix-it", of: diagnostic) }
        }
    }
    return problems
}

/// The most diagnostics of one input rendered: each is rendered on its own, so more only
/// slow the fuzzer down.
let maximumRenderedDiagnostics = 20

/// Renders the first of `diagnostics` in every format, as `kalc check` prints them, so that
/// rendering runs on whatever the input made of them.
func renderEveryFormat(_ diagnostics: [Diagnostic], sources: [SourceFile]) {
    let renderer = DiagnosticRenderer(sources: sources, toolVersion: "fuzz")
    let rendered = Array(diagnostics.prefix(maximumRenderedDiagnostics))
    for format in [DiagnosticFormat.human, .json, .sarif, .github] {
        _ = renderer.render(rendered, format: format)
    }
}
