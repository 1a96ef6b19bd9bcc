import KalcDiagnostics
import KalcTextDiff

/// The line replacements that turn one text into another, found by the line diff git uses,
/// so that formatting touches only the lines it changes and the editor keeps its marks,
/// folds and cursors everywhere else.
enum LineEdits {
    /// One replacement: the byte span of whole lines of the old text, and their new text.
    struct Edit: Equatable {
        var span: Span
        var replacement: String
    }

    /// The edits that turn `old` into `new`, in order, not overlapping.
    static func edits(from old: [UInt8], to new: [UInt8]) -> [Edit] {
        let oldLines = Lines(old)
        let newLines = Lines(new)
        return LineDiff.changes(old: oldLines, new: newLines).map { change in
            let start = change.oldStart < oldLines.count ? oldLines.ranges[change.oldStart].lowerBound : old.count
            let end = change.oldCount > 0 ? oldLines.ranges[change.oldStart + change.oldCount - 1].upperBound : start
            let added = newLines.ranges[change.newStart..<(change.newStart + change.newCount)]
            let text = added.isEmpty ? [] : new[added.first!.lowerBound..<added.last!.upperBound]
            return Edit(span: Span(start: start, end: end), replacement: String(decoding: text, as: UTF8.self))
        }
    }
}
