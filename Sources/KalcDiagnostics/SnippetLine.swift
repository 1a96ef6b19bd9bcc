/// A stretch of columns on one displayed line, drawn under the text.
struct Underline {
    /// What the underline marks, which decides its character and colour.
    enum Kind {
        /// The diagnostic's own span: `^`.
        case primary
        /// A label's span: `-`.
        case secondary
        /// Text a fix-it inserts: `+`.
        case insertion
        /// Text a fix-it puts in place of other text: `~`.
        case replacement
        /// Text a fix-it removes: `-`.
        case removal

        var marker: Character {
            switch self {
            case .primary: "^"
            case .secondary, .removal: "-"
            case .insertion: "+"
            case .replacement: "~"
            }
        }

        func style(for severity: Severity) -> TerminalStyle {
            switch self {
            case .primary: TerminalStyle(severity)
            case .secondary: .gutter
            case .insertion, .replacement: .addition
            case .removal: .error
            }
        }
    }

    /// Terminal columns of the line, never empty.
    var columns: Range<Int>
    var kind: Kind
    /// The text written next to (or below) the underline, on one line.
    var message: String?
}

/// A source line to print with its 1-based number and the underlines beneath it.
struct SnippetLine {
    var number: Int
    var line: DisplayedLine
    var underlines: [Underline]
}

/// The lines of one file that a diagnostic quotes, collected span by span: the line each
/// span starts on and no other, so that a report never shows more of a file than the lines
/// its diagnostics point at (each cut to a window when long).
struct AnnotatedFile {
    let source: SourceFile
    let tabWidth: Int
    private var underlines: [Int: [Underline]] = [:]
    /// The bytes shown of each long line: a window around the first place annotated on it.
    private var windows: [Int: Range<Int>] = [:]

    init(source: SourceFile, tabWidth: Int) {
        self.source = source
        self.tabWidth = tabWidth
    }

    /// Whether nothing was annotated yet.
    var isEmpty: Bool { underlines.isEmpty }

    /// Underlines `span` (a span of `source`) on the line it starts on. A span that goes on
    /// past that line is underlined to the line's end; the lines after it are not shown.
    mutating func annotate(_ span: Span, kind: Underline.Kind, message: String?) {
        let lineIndex = source.lineIndex(of: span.start)
        if windows[lineIndex] == nil {
            windows[lineIndex] = DisplayedLine.window(of: source.bytes[source.lineRange(lineIndex)], around: span.start)
        }
        let line = displayedLine(lineIndex)
        let startColumn = line.column(atByte: span.start)
        let endsOnLine = source.lineIndex(of: span.end) == lineIndex
        let endColumn = endsOnLine ? line.column(afterByte: span.end) : line.width
        underlines[lineIndex, default: []].append(Underline(columns: startColumn..<max(endColumn, startColumn + 1), kind: kind, message: message))
    }

    /// The lines to print, in order.
    func snippetLines() -> [SnippetLine] {
        underlines.keys.sorted().map { SnippetLine(number: $0 + 1, line: displayedLine($0), underlines: underlines[$0] ?? []) }
    }

    private func displayedLine(_ index: Int) -> DisplayedLine {
        DisplayedLine(bytes: source.bytes[source.lineRange(index)], tabWidth: tabWidth, window: windows[index])
    }
}
