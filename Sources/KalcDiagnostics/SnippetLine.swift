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

/// The lines of one file that a diagnostic quotes, collected span by span.
struct AnnotatedFile {
    let source: SourceFile
    let tabWidth: Int
    private var underlines: [Int: [Underline]] = [:]
    private var contextLines: Set<Int> = []
    /// The bytes shown of each long line: a window around the first place annotated on it.
    private var windows: [Int: Range<Int>] = [:]

    /// A multi-line span shows the lines between its first and last when there are at most this many.
    static let maximumInnerLines = 3

    init(source: SourceFile, tabWidth: Int) {
        self.source = source
        self.tabWidth = tabWidth
    }

    /// Whether nothing was annotated yet.
    var isEmpty: Bool { underlines.isEmpty }

    /// Underlines `span` (a span of `source`). A span over several lines is drawn as an
    /// underline from its start to the end of its first line and one from the indentation of
    /// its last line to its end, the message beside the last; a span that ends just after a
    /// line break ends on the line before.
    mutating func annotate(_ span: Span, kind: Underline.Kind, message: String?) {
        let firstIndex = source.lineIndex(of: span.start)
        var lastIndex = source.lineIndex(of: span.end)
        if span.end > span.start, lastIndex > firstIndex, source.lineStarts[lastIndex] == span.end {
            lastIndex -= 1
        }
        showWindow(of: firstIndex, around: span.start)
        showWindow(of: lastIndex, around: span.end)
        let first = displayedLine(firstIndex)
        let startColumn = first.column(atByte: span.start)
        if firstIndex == lastIndex {
            let endColumn = max(first.column(afterByte: span.end), startColumn + 1)
            add(Underline(columns: startColumn..<endColumn, kind: kind, message: message), on: firstIndex)
            return
        }
        add(Underline(columns: startColumn..<max(first.width, startColumn + 1), kind: kind, message: nil), on: firstIndex)
        let last = displayedLine(lastIndex)
        let endColumn = last.column(afterByte: span.end)
        let indentation = last.indentationWidth < endColumn ? last.indentationWidth : 0
        add(Underline(columns: indentation..<max(endColumn, indentation + 1), kind: kind, message: message), on: lastIndex)
        if lastIndex - firstIndex - 1 <= Self.maximumInnerLines {
            contextLines.formUnion(firstIndex + 1..<lastIndex)
        }
    }

    /// The lines to print, in order; a single line between two printed lines is printed too.
    func snippetLines() -> [SnippetLine] {
        var indexes: [Int] = []
        for index in Set(underlines.keys).union(contextLines).sorted() {
            if let previous = indexes.last, index - previous == 2 { indexes.append(previous + 1) }
            indexes.append(index)
        }
        return indexes.map { SnippetLine(number: $0 + 1, line: displayedLine($0), underlines: underlines[$0] ?? []) }
    }

    private mutating func add(_ underline: Underline, on line: Int) {
        underlines[line, default: []].append(underline)
    }

    private mutating func showWindow(of line: Int, around offset: Int) {
        if windows[line] == nil {
            windows[line] = DisplayedLine.window(of: source.bytes[source.lineRange(line)], around: offset)
        }
    }

    private func displayedLine(_ index: Int) -> DisplayedLine {
        DisplayedLine(bytes: source.bytes[source.lineRange(index)], tabWidth: tabWidth, window: windows[index])
    }
}
