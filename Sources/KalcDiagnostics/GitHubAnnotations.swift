/// The GitHub Actions report: one workflow command per diagnostic, which the runner turns
/// into an annotation on the file:
///
/// ```
/// ::error file=envs/qa.kal,line=3,col=16,endLine=3,endColumn=23,title=K0011::unexpected token `arc-flx`%0Ahelp: did you mean `arc-flux`?
/// ```
///
/// Errors use `::error`, warnings `::warning`, notes `::notice`. Columns count UTF-16 code
/// units, `endColumn` exclusive, and are given only for a span on one line (GitHub ignores
/// them otherwise). A file that is not among the sources, or a span outside its file, gives
/// the file without lines; an empty path gives no file. Notes and the hint follow the
/// message on lines of their own; other control characters print as control pictures, and
/// characters that show nothing (a byte order mark, a zero-width space) as their code point.
struct GitHubAnnotations {
    let lookup: SourceLookup

    func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { command(for: $0) + "\n" }.joined()
    }

    private func command(for diagnostic: Diagnostic) -> String {
        let name =
            switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
        var properties: [(String, String)] = []
        if !diagnostic.location.file.isEmpty {
            properties.append(("file", ReportPath.normalized(diagnostic.location.file)))
            if let range = lookup.range(of: diagnostic.location) {
                properties.append(("line", String(range.start.line)))
                if range.start.line == range.end.line { properties.append(("col", String(range.start.utf16Column))) }
                properties.append(("endLine", String(range.end.line)))
                if range.start.line == range.end.line { properties.append(("endColumn", String(range.end.utf16Column))) }
            }
        }
        properties.append(("title", diagnostic.code.rawValue))
        let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(name) \(list)::\(Self.escapeData(Self.printable(diagnostic.textWithNotesAndHint)))"
    }

    /// `text` with control characters other than tab, carriage return and line feed shown
    /// as control pictures, so that a message cannot drive the terminal a log is read on.
    static func printable(_ text: String) -> String {
        var printable = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t", "\n", "\r":
                printable.unicodeScalars.append(scalar)
            default:
                printable += TerminalText.display(scalar).text
            }
        }
        return printable
    }

    /// Escapes the message of a workflow command: `%`, carriage return and line feed.
    static func escapeData(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Escapes a property value of a workflow command: as data, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        var escaped = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": escaped += "%3A"
            case ",": escaped += "%2C"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
