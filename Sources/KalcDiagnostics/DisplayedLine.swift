/// One line of source text as a terminal shows it: each character's bytes, printed text
/// and columns, with tabs expanded to tab stops and unprintable characters made visible.
///
/// Columns here are terminal columns counted from 0 at the start of the line; they are what
/// carets line up with.
struct DisplayedLine {
    /// One character of the line.
    struct Cell {
        var bytes: Range<Int>
        var text: String
        var column: Int
        var width: Int

        var endColumn: Int { column + width }
    }

    let cells: [Cell]
    let bytes: Range<Int>

    /// The line's columns.
    var width: Int { cells.last?.endColumn ?? 0 }

    /// A line longer than this many bytes is shown through a window of this many bytes
    /// around the place a diagnostic points at, the rest as `...`: showing one place on a
    /// huge line (a generated template, a hostile input) then costs no pass over the line,
    /// however many diagnostics point into it.
    static let maximumBytes = 1024

    /// The bytes of the line `bytes` to show so that byte `focus` is shown: all of them, or
    /// a window of `maximumBytes` around it that starts and ends between characters.
    static func window(of bytes: ArraySlice<UInt8>, around focus: Int) -> Range<Int> {
        let line = bytes.startIndex..<bytes.endIndex
        guard line.count > maximumBytes else { return line }
        let focus = min(max(focus, line.lowerBound), line.upperBound)
        var upper = min(line.upperBound, max(focus, line.lowerBound + maximumBytes / 2) + maximumBytes / 2)
        var lower = max(line.lowerBound, upper - maximumBytes)
        let isContinuation = { (index: Int) in index < line.upperBound && bytes[index] & 0xC0 == 0x80 }
        for _ in 0..<3 where isContinuation(lower) { lower += 1 }
        for _ in 0..<3 where isContinuation(upper) { upper += 1 }
        return lower..<upper
    }

    /// The line `bytes`, showing the bytes of `window` (by default all) and `...` for the rest.
    init(bytes: ArraySlice<UInt8>, tabWidth: Int, window: Range<Int>? = nil) {
        self.bytes = bytes.startIndex..<bytes.endIndex
        let window = window?.clamped(to: self.bytes) ?? self.bytes
        var cells: [Cell] = []
        var column = 0
        if window.lowerBound > bytes.startIndex {
            cells.append(Cell(bytes: bytes.startIndex..<window.lowerBound, text: "...", column: 0, width: 3))
            column = 3
        }
        for decoded in DecodedScalars(bytes[window]) {
            let cell: Cell
            if decoded.scalar == "\t" {
                let width = tabWidth - column % tabWidth
                cell = Cell(bytes: decoded.bytes, text: String(repeating: " ", count: width), column: column, width: width)
            } else {
                let shown = TerminalText.display(decoded.scalar)
                cell = Cell(bytes: decoded.bytes, text: shown.text, column: column, width: shown.width)
            }
            cells.append(cell)
            column += cell.width
        }
        if window.upperBound < bytes.endIndex {
            cells.append(Cell(bytes: window.upperBound..<bytes.endIndex, text: "...", column: column, width: 3))
        }
        self.cells = cells
    }

    /// The column where the character holding byte `offset` starts; the line's width for an
    /// offset at or after its end.
    func column(atByte offset: Int) -> Int {
        guard let index = cellIndex(containing: offset) else { return offset < bytes.lowerBound ? 0 : width }
        return cells[index].column
    }

    /// The column just after the character that ends before byte `offset`: like
    /// `column(atByte:)`, but an offset inside a character counts the whole character.
    func column(afterByte offset: Int) -> Int {
        guard let index = cellIndex(containing: offset) else { return offset < bytes.lowerBound ? 0 : width }
        let cell = cells[index]
        return cell.bytes.lowerBound == offset ? cell.column : cell.endColumn
    }

    /// The printed text of the characters that lie entirely within `columns`.
    func text(in columns: Range<Int>) -> String {
        var text = ""
        for cell in cells where cell.column >= columns.lowerBound && cell.endColumn <= columns.upperBound {
            text += cell.text
        }
        return text
    }

    /// The first column at or after `column` where a character starts (or the width).
    func cellBoundary(atOrAfter column: Int) -> Int {
        cells.first { $0.column >= column }?.column ?? max(column, width)
    }

    /// The last column at or before `column` where a character ends (or 0).
    func cellBoundary(atOrBefore column: Int) -> Int {
        cells.last { $0.endColumn <= column }?.endColumn ?? 0
    }

    private func cellIndex(containing offset: Int) -> Int? {
        var low = 0
        var high = cells.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = cells[mid].bytes
            if offset < range.lowerBound {
                high = mid - 1
            } else if offset >= range.upperBound {
                low = mid + 1
            } else {
                return mid
            }
        }
        return nil
    }
}
