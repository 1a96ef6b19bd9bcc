/// The lines of one file as a fix-it leaves them, underlined where it changes them: `+`
/// under inserted text, `~` under replacing text, and, on a line where the fix only removes
/// text, `-` under the removed text of the original line.
///
/// A preview exists only when every edit lies within a known file, stays on one line and
/// inserts no line break, and the edits of a line do not overlap; otherwise the fix-it is
/// described in words.
struct FixItPreview {
    /// The previewed lines of one file.
    struct File {
        var path: String
        /// Where the first edit starts, for the `-->` line.
        var firstEdit: SourceLocation
        var lines: [SnippetLine]
    }

    let files: [File]

    init?(_ fixIt: FixIt, lookup: SourceLookup, tabWidth: Int) {
        var paths: [String] = []
        var editsByPath: [String: [(source: SourceFile, span: Span, replacement: String)]] = [:]
        for edit in fixIt.edits {
            guard let (source, span) = lookup.resolve(edit.location),
                !edit.replacement.contains(where: \.isNewline)
            else { return nil }
            if editsByPath[edit.location.file] == nil { paths.append(edit.location.file) }
            editsByPath[edit.location.file, default: []].append((source, span, edit.replacement))
        }
        var files: [File] = []
        for path in paths {
            guard let edits = editsByPath[path], let source = edits.first?.source else { continue }
            var byLine: [Int: [(span: Span, replacement: String)]] = [:]
            for edit in edits {
                let line = source.lineIndex(of: edit.span.start)
                let lineEnd = line + 1 < source.lineStarts.count ? source.lineStarts[line + 1] : source.bytes.count
                guard edit.span.end <= lineEnd else { return nil }
                byLine[line, default: []].append((edit.span, edit.replacement))
            }
            var lines: [SnippetLine] = []
            for (line, lineEdits) in byLine.sorted(by: { $0.key < $1.key }) {
                let ordered = lineEdits.enumerated()
                    .sorted { ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset) }
                    .map(\.element)
                guard zip(ordered, ordered.dropFirst()).allSatisfy({ $0.span.end <= $1.span.start }) else { return nil }
                lines.append(Self.preview(of: line, in: source, edits: ordered, tabWidth: tabWidth))
            }
            let first = edits.map(\.span.start).min() ?? 0
            files.append(File(path: path, firstEdit: source.location(of: first), lines: lines))
        }
        guard !files.isEmpty else { return nil }
        self.files = files
    }

    private static func preview(
        of lineIndex: Int, in source: SourceFile, edits: [(span: Span, replacement: String)], tabWidth: Int
    ) -> SnippetLine {
        let range = source.lineRange(lineIndex)
        if edits.allSatisfy({ $0.replacement.isEmpty }) {
            let line = DisplayedLine(bytes: source.bytes[range], tabWidth: tabWidth)
            let underlines = edits.map { edit in
                let start = line.column(atByte: edit.span.start)
                return Underline(columns: start..<max(line.column(afterByte: edit.span.end), start + 1), kind: .removal, message: nil)
            }
            return SnippetLine(number: lineIndex + 1, line: line, underlines: underlines)
        }
        var bytes: [UInt8] = []
        var inserted: [(bytes: Range<Int>, kind: Underline.Kind)] = []
        var cursor = range.lowerBound
        for edit in edits {
            bytes += source.bytes[cursor..<max(cursor, min(edit.span.start, range.upperBound))]
            let start = bytes.count
            bytes += Array(edit.replacement.utf8)
            if !edit.replacement.isEmpty {
                inserted.append((start..<bytes.count, edit.span.isEmpty ? .insertion : .replacement))
            }
            cursor = max(cursor, edit.span.end)
        }
        if cursor < range.upperBound { bytes += source.bytes[cursor..<range.upperBound] }
        let line = DisplayedLine(bytes: bytes[...], tabWidth: tabWidth)
        let underlines = inserted.map { insertion in
            let start = line.column(atByte: insertion.bytes.lowerBound)
            return Underline(columns: start..<max(line.column(afterByte: insertion.bytes.upperBound), start + 1), kind: insertion.kind, message: nil)
        }
        return SnippetLine(number: lineIndex + 1, line: line, underlines: underlines)
    }
}
