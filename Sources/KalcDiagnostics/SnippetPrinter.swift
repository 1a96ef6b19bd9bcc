/// Prints quoted source lines under a line-number gutter, each followed by its underlines
/// and their messages, in the style of rustc:
///
/// ```
/// 3 |     reconciler = arc-flx
///   |     ----------   ^^^^^^^ unknown template
///   |     |
///   |     property declared here
/// ```
///
/// A line wider than `maximumLineWidth` columns is cut to a window around its underlines,
/// with `...` where text was left out.
struct SnippetPrinter {
    let gutterWidth: Int
    let maximumLineWidth: Int
    let severity: Severity
    let color: Bool

    /// The marker of left-out text at either end of a cut line.
    static let ellipsis = "..."

    /// The gutter without a line number: `  |`.
    var emptyGutter: String {
        String(repeating: " ", count: gutterWidth + 1) + TerminalStyle.gutter.apply("|", color: color)
    }

    /// Appends the rows of `lines` to `output`, with `...` between lines that are not adjacent.
    func print(_ lines: [SnippetLine], into output: inout [String]) {
        var previous: Int?
        for snippetLine in lines {
            if let previous, snippetLine.number > previous + 1 {
                output.append(TerminalStyle.gutter.apply(Self.ellipsis, color: color))
            }
            previous = snippetLine.number
            let (text, underlines) = visiblePart(of: snippetLine)
            let number = String(snippetLine.number)
            let padding = String(repeating: " ", count: max(0, gutterWidth - number.count))
            let gutter = TerminalStyle.gutter.apply(padding + number + " |", color: color)
            output.append(text.isEmpty ? gutter : gutter + " " + text)
            for row in underlineRows(underlines) {
                output.append(emptyGutter + " " + row.text)
            }
        }
    }

    /// The printed text of a line (cut when too wide, trailing spaces dropped) and its
    /// underlines moved to the printed columns.
    private func visiblePart(of snippetLine: SnippetLine) -> (String, [Underline]) {
        let line = snippetLine.line
        let segments = visibleSegments(of: snippetLine)
        var text = ""
        var column = 0
        var shifts: [Int] = []
        for (index, segment) in segments.enumerated() {
            if index > 0 || segment.lowerBound > 0 {
                text += Self.ellipsis
                column += Self.ellipsis.count
            }
            shifts.append(column - segment.lowerBound)
            text += line.text(in: segment)
            column += segment.count
        }
        if let last = segments.last, last.upperBound < line.width { text += Self.ellipsis }
        while text.last == " " { text.removeLast() }
        let underlines = snippetLine.underlines.compactMap { underline -> Underline? in
            guard let index = segments.firstIndex(where: { $0.contains(underline.columns.lowerBound) }) else { return nil }
            let upper = min(underline.columns.upperBound, segments[index].upperBound)
            var moved = underline
            moved.columns = underline.columns.lowerBound + shifts[index]..<upper + shifts[index]
            return moved
        }
        return (text, underlines)
    }

    /// The columns of a line to print: all of them when they fit; otherwise a window of
    /// `maximumLineWidth` columns that starts a little before the first underline, or, when
    /// the underlines lie too far apart for one window, a stretch around each of them.
    private func visibleSegments(of snippetLine: SnippetLine) -> [Range<Int>] {
        let line = snippetLine.line
        let underlines = snippetLine.underlines.map(\.columns)
        let extent = max(line.width, underlines.map(\.upperBound).max() ?? 0)
        guard extent > maximumLineWidth else { return [0..<extent] }
        let lowest = underlines.map(\.lowerBound).min() ?? 0
        let highest = underlines.map(\.upperBound).max() ?? 0
        if highest - lowest <= maximumLineWidth - context {
            var left = max(0, min(lowest - maximumLineWidth / 4, extent - maximumLineWidth))
            left = max(left, highest - maximumLineWidth)
            return [snapped(left..<min(extent, left + maximumLineWidth), in: line)]
        }
        var segments: [Range<Int>] = []
        for columns in underlines.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let upper = min(columns.upperBound, columns.lowerBound + maximumLineWidth / 2)
            let segment = snapped(max(0, columns.lowerBound - context)..<min(extent, upper + context), in: line)
            if let last = segments.last, segment.lowerBound <= last.upperBound + Self.ellipsis.count {
                segments[segments.count - 1] = last.lowerBound..<max(last.upperBound, segment.upperBound)
            } else {
                segments.append(segment)
            }
        }
        return segments
    }

    /// The columns shown before and after an underline of a cut line.
    private var context: Int { min(16, maximumLineWidth / 4) }

    /// `columns` shrunk to whole characters (columns past the end of the line stay).
    private func snapped(_ columns: Range<Int>, in line: DisplayedLine) -> Range<Int> {
        let lower = line.cellBoundary(atOrAfter: columns.lowerBound)
        let upper = columns.upperBound < line.width ? line.cellBoundary(atOrBefore: columns.upperBound) : columns.upperBound
        return lower..<max(lower, upper)
    }

    /// The rows under a line: the underlines with the last message beside them when nothing
    /// extends past it, then the other messages below, each hanging from a `|`.
    private func underlineRows(_ underlines: [Underline]) -> [StyledRow] {
        guard let end = underlines.map(\.columns.upperBound).max() else { return [] }
        var kinds = [Underline.Kind?](repeating: nil, count: end)
        for underline in underlines where underline.kind != .primary {
            for column in underline.columns { kinds[column] = underline.kind }
        }
        for underline in underlines where underline.kind == .primary {
            for column in underline.columns { kinds[column] = .primary }
        }
        var markers = StyledRow(color: color)
        var column = 0
        while column < end {
            let kind = kinds[column]
            var runEnd = column + 1
            while runEnd < end, kinds[runEnd] == kind { runEnd += 1 }
            if let kind {
                markers.pad(to: column)
                markers.append(String(repeating: kind.marker, count: runEnd - column), width: runEnd - column, style: kind.style(for: severity))
            }
            column = runEnd
        }

        var pending =
            underlines
            .filter { !($0.message ?? "").isEmpty }
            .sorted { ($0.columns.lowerBound, $0.columns.upperBound) < ($1.columns.lowerBound, $1.columns.upperBound) }
        if let last = pending.last,
            underlines.allSatisfy({ $0.columns.upperBound <= last.columns.upperBound && $0.columns.lowerBound <= last.columns.lowerBound })
        {
            markers.append(" " + (last.message ?? ""), width: 0, style: last.kind.style(for: severity))
            pending.removeLast()
        }
        var rows = [markers]
        guard !pending.isEmpty else { return rows }
        rows.append(bars(under: pending))
        for index in pending.indices.reversed() {
            let underline = pending[index]
            var row = bars(under: pending[..<index].filter { $0.columns.lowerBound < underline.columns.lowerBound })
            row.pad(to: underline.columns.lowerBound)
            row.append(underline.message ?? "", width: 0, style: underline.kind.style(for: severity))
            rows.append(row)
        }
        return rows
    }

    private func bars<Underlines: Sequence<Underline>>(under underlines: Underlines) -> StyledRow {
        var row = StyledRow(color: color)
        for underline in underlines where underline.columns.lowerBound >= row.width {
            row.pad(to: underline.columns.lowerBound)
            row.append("|", width: 1, style: underline.kind.style(for: severity))
        }
        return row
    }
}

/// A printed row built left to right, with styles applied only when colour is on.
struct StyledRow {
    let color: Bool
    private(set) var text = ""
    /// The columns used so far.
    private(set) var width = 0

    init(color: Bool) {
        self.color = color
    }

    /// Adds spaces up to `column`.
    mutating func pad(to column: Int) {
        guard column > width else { return }
        text += String(repeating: " ", count: column - width)
        width = column
    }

    /// Adds `piece`, which takes `width` columns, in `style`.
    mutating func append(_ piece: String, width pieceWidth: Int, style: TerminalStyle?) {
        text += style?.apply(piece, color: color) ?? piece
        width += pieceWidth
    }
}
