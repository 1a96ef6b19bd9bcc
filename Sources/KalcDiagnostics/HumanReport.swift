/// The annotated-source report of diagnostics, for people at a terminal:
///
/// ```
/// error[K0011]: unexpected token `arc-flx`
///  --> envs/qa.kal:3:16
///   |
/// 2 |     clusterType west-us {
///   |                 ------- in this cluster type
/// 3 |         reconciler = arc-flx
///   |                      ^^^^^^^
///   |
///   = note: templates are declared with `template`.
///   = help: did you mean `arc-flux`?
/// ```
///
/// Columns in `-->` lines count UTF-8 bytes, like the JSON report's `column`.
struct HumanReport {
    let lookup: SourceLookup
    let color: Bool
    let tabWidth: Int
    let maximumLineWidth: Int

    /// Every diagnostic's report, each followed by an empty line.
    func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { render($0).joined(separator: "\n") + "\n\n" }.joined()
    }

    /// The lines of one diagnostic's report, without trailing white space.
    func render(_ diagnostic: Diagnostic) -> [String] {
        var files: [(path: String, start: SourceLocation, annotated: AnnotatedFile)] = []
        var remarks: [(kind: String, text: String)] = []

        func annotate(_ location: Location, kind: Underline.Kind, message: String?) -> Bool {
            guard let (source, span) = lookup.resolve(location) else { return false }
            let index: Int
            if let existing = files.firstIndex(where: { $0.path == location.file }) {
                index = existing
            } else {
                files.append((location.file, source.location(of: span.start), AnnotatedFile(source: source, tabWidth: tabWidth)))
                index = files.count - 1
            }
            files[index].annotated.annotate(span, kind: kind, message: message)
            return true
        }

        let primaryResolves = annotate(diagnostic.location, kind: .primary, message: nil)
        for label in diagnostic.labels {
            let message = Self.singleLine(label.message)
            if !annotate(label.location, kind: .secondary, message: message) {
                remarks.append(("note", label.location.file.isEmpty ? message : "\(message) (\(label.location.file))"))
            }
        }
        remarks += diagnostic.notes.map { ("note", $0) }
        if let hint = diagnostic.hint { remarks.append(("help", hint)) }
        var previews: [(title: String, preview: FixItPreview)] = []
        for fixIt in diagnostic.fixIts {
            if let preview = FixItPreview(fixIt, lookup: lookup, tabWidth: tabWidth) {
                previews.append((fixIt.title, preview))
            } else {
                remarks.append(("help", describe(fixIt, in: diagnostic.location.file)))
            }
        }

        let snippets = files.map { $0.annotated.snippetLines() }
        let widestNumber =
            (snippets.joined() + previews.flatMap { $0.preview.files.flatMap(\.lines) })
            .map(\.number).max() ?? 1
        let printer = SnippetPrinter(
            gutterWidth: String(widestNumber).count, maximumLineWidth: maximumLineWidth,
            severity: diagnostic.severity, color: color)
        let indent = String(repeating: " ", count: printer.gutterWidth)

        var output = [header(of: diagnostic)]
        if !primaryResolves, !diagnostic.location.file.isEmpty {
            output.append(indent + TerminalStyle.gutter.apply("-->", color: color) + " " + Self.singleLine(diagnostic.location.file))
        }
        for (index, file) in files.enumerated() {
            if index > 0 || !primaryResolves { output.append(printer.emptyGutter) }
            let arrow = index == 0 && primaryResolves ? "-->" : ":::"
            output.append(indent + TerminalStyle.gutter.apply(arrow, color: color) + " " + Self.position(file.path, file.start))
            output.append(printer.emptyGutter)
            printer.print(snippets[index], into: &output)
        }
        if !remarks.isEmpty, !files.isEmpty { output.append(printer.emptyGutter) }
        for remark in remarks {
            output += remarkLines(kind: remark.kind, text: remark.text, gutterWidth: printer.gutterWidth)
        }
        for (title, preview) in previews {
            output.append(TerminalStyle.help.apply("help", color: color) + ": " + Self.singleLine(title))
            for (index, file) in preview.files.enumerated() {
                if index > 0 {
                    output.append(printer.emptyGutter)
                    output.append(indent + TerminalStyle.gutter.apply(":::", color: color) + " " + Self.position(file.path, file.firstEdit))
                } else if file.path != diagnostic.location.file || !primaryResolves {
                    output.append(indent + TerminalStyle.gutter.apply("-->", color: color) + " " + Self.position(file.path, file.firstEdit))
                }
                output.append(printer.emptyGutter)
                printer.print(file.lines, into: &output)
            }
        }
        return output.map { line in
            var line = line
            while line.last == " " || line.last == "\t" { line.removeLast() }
            return line
        }
    }

    /// `= note: text` under the gutter, further lines of the text aligned with its first.
    private func remarkLines(kind: String, text: String, gutterWidth: Int) -> [String] {
        let prefix =
            String(repeating: " ", count: gutterWidth + 1) + TerminalStyle.gutter.apply("=", color: color) + " "
            + TerminalStyle.emphasis.apply(kind + ":", color: color) + " "
        let continuation = String(repeating: " ", count: gutterWidth + 1 + "= ".count + kind.count + ": ".count)
        let lines = TerminalText.sanitized(text).split(separator: "\n", omittingEmptySubsequences: false)
        return [prefix + (lines.first ?? "")] + lines.dropFirst().map { $0.isEmpty ? "" : continuation + $0 }
    }

    /// `error[K0010]: message`, in the severity's colour with the message in bold.
    private func header(of diagnostic: Diagnostic) -> String {
        let title = "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]"
        return TerminalStyle(diagnostic.severity).apply(title, color: color)
            + TerminalStyle.emphasis.apply(": " + TerminalText.sanitized(diagnostic.message), color: color)
    }

    /// A fix-it that cannot be previewed, in words: its title and what each edit writes.
    private func describe(_ fixIt: FixIt, in primaryFile: String) -> String {
        let edits = fixIt.edits.map { edit in
            var replacement = ""
            for scalar in edit.replacement.unicodeScalars {
                switch scalar {
                case "\n": replacement += "\\n"
                case "\r": replacement += "\\r"
                default: replacement.unicodeScalars.append(scalar)
                }
            }
            replacement = TerminalText.sanitized(replacement)
            var text =
                wholeLines(edit).map { lines in
                    edit.replacement.isEmpty
                        ? (lines.count == 1 ? "remove line \(lines.lowerBound)" : "remove lines \(lines.lowerBound) to \(lines.upperBound)")
                        : "insert the line `\(Self.singleLine(String(edit.replacement.dropLast())))` as line \(lines.lowerBound)"
                }
                ?? (edit.replacement.isEmpty
                    ? "remove the text"
                    : edit.location.span.isEmpty ? "insert `\(replacement)`" : "replace with `\(replacement)`")
            if edit.location.file != primaryFile, !edit.location.file.isEmpty { text += " in \(edit.location.file)" }
            return text
        }
        return edits.isEmpty ? fixIt.title : fixIt.title + ": " + edits.joined(separator: ", ")
    }

    /// The 1-based lines an edit removes whole, or before which it inserts one whole line;
    /// nil for any other edit.
    private func wholeLines(_ edit: TextEdit) -> ClosedRange<Int>? {
        guard let (source, span) = lookup.resolve(edit.location) else { return nil }
        let atLineStart = { (offset: Int) in offset == 0 || source.bytes[offset - 1] == UInt8(ascii: "\n") }
        guard atLineStart(span.start) else { return nil }
        let first = source.lineIndex(of: span.start) + 1
        if edit.replacement.isEmpty, !span.isEmpty, source.bytes[span.end - 1] == UInt8(ascii: "\n") {
            return first...source.lineIndex(of: span.end - 1) + 1
        }
        let lines = edit.replacement.split(separator: "\n", omittingEmptySubsequences: false)
        guard span.isEmpty, lines.count == 2, lines[1].isEmpty, !lines[0].contains("\r") else { return nil }
        return first...first
    }

    /// `path:line:column`, the column in UTF-8 bytes.
    private static func position(_ path: String, _ location: SourceLocation) -> String {
        "\(singleLine(path)):\(location.line):\(location.utf8Column)"
    }

    /// A message made safe to print on one line.
    private static func singleLine(_ text: String) -> String {
        String(TerminalText.sanitized(text).map { $0 == "\n" || $0 == "\t" ? " " : $0 })
    }
}
