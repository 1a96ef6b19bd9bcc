import KalcDiagnostics
import KalcJSON

/// The text of an open document as the editor edits it: its bytes and where each line
/// starts, both brought up to date edit by edit, so that a keystroke costs time in the size
/// of the edit (and a shift of the later line starts), not in the size of the file. The
/// `SourceFile` the pipeline reads is made from it by the checker, off the message thread.
struct DocumentText: Sendable, Equatable {
    /// The document's UTF-8 bytes.
    private(set) var bytes: [UInt8]
    /// The offset of the first byte of each line (after each `\n`).
    private(set) var lineStarts: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        lineStarts = Self.lineStarts(of: bytes[...], from: 0)
    }

    init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// The source file the pipeline reads.
    func sourceFile(path: String) -> SourceFile {
        SourceFile(path: path, bytes: bytes)
    }

    /// The byte offset of an LSP `Position`; nil when it is not one or its line is past the
    /// end of the text. A character past the end of its line is the end of the line, as the
    /// protocol says; the start of the line after the last (which some clients send to mean
    /// the end of a text without a final newline) is the end of the text.
    func offset(of position: JSONValue?, encoding: PositionEncoding) -> Int? {
        guard let line = position?["line"]?.integerValue, let character = position?["character"]?.integerValue,
            line >= 0, character >= 0
        else { return nil }
        if line == lineStarts.count && character == 0 { return bytes.count }
        guard line < lineStarts.count else { return nil }
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        switch encoding {
        case .utf8:
            return min(start + character, end)
        case .utf16:
            var offset = start
            var units = 0
            while offset < end, units < character {
                let byte = bytes[offset]
                let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                units += length == 4 ? 2 : 1
                offset = min(offset + length, end)
            }
            return offset
        }
    }

    /// Applies one `TextDocumentContentChangeEvent`: a range replaced, or the whole text when
    /// there is no range. False, and the text unchanged, when the change has no text or its
    /// range does not lie in the text.
    mutating func apply(_ change: JSONValue, encoding: PositionEncoding) -> Bool {
        guard let text = change["text"]?.stringValue else { return false }
        guard let range = change["range"] else {
            self = DocumentText(text)
            return true
        }
        guard let start = offset(of: range["start"], encoding: encoding), let end = offset(of: range["end"], encoding: encoding) else {
            return false
        }
        replace(start..<max(start, end), with: Array(text.utf8))
        return true
    }

    /// Replaces a byte range, moving the starts of the lines after it.
    mutating func replace(_ range: Range<Int>, with replacement: [UInt8]) {
        bytes.replaceSubrange(range, with: replacement)
        // The lines starting inside the replaced range are found again in the replacement.
        let firstAfter = firstLine(startingAfter: range.lowerBound)
        let firstBeyond = firstLine(startingAfter: range.upperBound)
        let delta = replacement.count - range.count
        let inserted = Self.lineStarts(of: replacement[...], from: range.lowerBound).dropFirst()
        if delta != 0 {
            for index in firstBeyond..<lineStarts.count {
                lineStarts[index] += delta
            }
        }
        lineStarts.replaceSubrange(firstAfter..<firstBeyond, with: inserted)
    }

    /// The index of the first line that starts after `offset`.
    private func firstLine(startingAfter offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The starts of the lines of `bytes` placed at `base`: `base`, then the offset after
    /// each `\n`.
    private static func lineStarts(of bytes: ArraySlice<UInt8>, from base: Int) -> [Int] {
        var starts = [base]
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            starts.append(base + index - bytes.startIndex + 1)
        }
        return starts
    }
}
