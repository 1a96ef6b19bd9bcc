/// The text of one input file, with the line table that turns byte offsets into
/// line and column positions.
///
/// Offsets everywhere in kalc are UTF-8 byte offsets into `bytes`. Columns are reported
/// both in UTF-8 bytes (terminal and JSON reports) and in UTF-16 code units (the Language
/// Server Protocol's default, SARIF and GitHub annotations). UTF-16 columns count invalid
/// UTF-8 the way `String(decoding:as:)` repairs it: one U+FFFD per maximal invalid sequence.
public struct SourceFile: Sendable {
    /// The path the file was read from, as given to kalc (used in every report).
    public let path: String
    /// The file's content, exactly as read (it may hold invalid UTF-8 or NUL bytes).
    public let bytes: [UInt8]
    /// The byte offset at which each line starts; the first is always 0.
    public let lineStarts: [Int]
    /// For each line, the offset of its first byte that is not ASCII (or of its end): up to
    /// there a UTF-16 column is the byte column, so that the positions of many diagnostics
    /// on one long line cost no pass over the line each.
    private let asciiEnds: [Int]
    /// For each long line with text that is not ASCII, the UTF-16 length of its text up to
    /// a character boundary every `checkpointDistance` bytes or so, counted from its first
    /// byte that is not ASCII: a column there costs a pass over at most that many bytes.
    private let checkpoints: [Int: [(offset: Int, units: Int)]]

    /// How far apart the checkpoints of a long line are, and how long a line must be to have them.
    static let checkpointDistance = 256

    /// Makes a source file from raw bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        var asciiEnds: [Int] = []
        var asciiEnd: Int? = nil
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") {
                asciiEnds.append(asciiEnd ?? index)
                asciiEnd = nil
                starts.append(index + 1)
            } else if byte >= 0x80 && asciiEnd == nil {
                asciiEnd = index
            }
        }
        asciiEnds.append(asciiEnd ?? bytes.count)
        var checkpoints: [Int: [(offset: Int, units: Int)]] = [:]
        for line in starts.indices {
            let end = line + 1 < starts.count ? starts[line + 1] : bytes.count
            guard end - asciiEnds[line] > 4 * Self.checkpointDistance else { continue }
            var marks: [(offset: Int, units: Int)] = [(asciiEnds[line], 0)]
            var units = 0
            for decoded in DecodedScalars(bytes[asciiEnds[line]..<end]) {
                if decoded.bytes.lowerBound - marks[marks.count - 1].offset >= Self.checkpointDistance {
                    marks.append((decoded.bytes.lowerBound, units))
                }
                units += decoded.utf16Length
            }
            checkpoints[line] = marks
        }
        self.lineStarts = starts
        self.asciiEnds = asciiEnds
        self.checkpoints = checkpoints
    }

    /// Makes a source file from text.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The number of lines (a file that ends with a newline has an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// The 0-based line holding `offset` (an offset at the end of the file is on the last line).
    public func lineIndex(of offset: Int) -> Int {
        let offset = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The byte range of the 0-based line `index`, without its line terminator; an empty
    /// range at the start or end of the file for an index before the first or after the last line.
    public func lineRange(_ index: Int) -> Range<Int> {
        guard index >= 0 else { return 0..<0 }
        guard index < lineStarts.count else { return bytes.count..<bytes.count }
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// The text of the 0-based line `index`, invalid UTF-8 replaced by U+FFFD.
    public func lineText(_ index: Int) -> String {
        String(decoding: bytes[lineRange(index)], as: UTF8.self)
    }

    /// The position of `offset`: 1-based line, 1-based columns in UTF-8 bytes and UTF-16 units.
    public func location(of offset: Int) -> SourceLocation {
        let offset = min(max(offset, 0), bytes.count)
        let line = lineIndex(of: offset)
        let start = lineStarts[line]
        let ascii = min(asciiEnds[line], offset)
        var mark = (offset: ascii, units: 0)
        if let marks = checkpoints[line] {
            // The last checkpoint at or before the offset.
            var low = 0
            var high = marks.count
            while low < high {
                let middle = (low + high) / 2
                if marks[middle].offset <= offset { low = middle + 1 } else { high = middle }
            }
            if low > 0 { mark = marks[low - 1] }
        }
        let utf16 = ascii - start + mark.units + Self.utf16Length(bytes[mark.offset..<offset])
        return SourceLocation(offset: offset, line: line + 1, utf8Column: offset - start + 1, utf16Column: utf16 + 1)
    }

    /// The byte offset of a 0-based line and a 0-based UTF-16 column (as the LSP sends them),
    /// clamped to the line.
    public func offset(line: Int, utf16Column: Int) -> Int {
        guard line < lineStarts.count else { return bytes.count }
        guard line >= 0 else { return 0 }
        let range = lineRange(line)
        var units = 0
        for decoded in DecodedScalars(bytes[range]) {
            if units >= utf16Column { return decoded.bytes.lowerBound }
            units += decoded.utf16Length
        }
        return range.upperBound
    }

    /// The byte offset of a 0-based line and a 0-based UTF-8 column, clamped to the line.
    public func offset(line: Int, utf8Column: Int) -> Int {
        guard line < lineStarts.count else { return bytes.count }
        guard line >= 0 else { return 0 }
        let range = lineRange(line)
        return min(range.lowerBound + max(utf8Column, 0), range.upperBound)
    }

    /// The text of a byte range, invalid UTF-8 replaced by U+FFFD.
    public func text(_ span: Span) -> String {
        let lower = min(max(span.start, 0), bytes.count)
        let upper = min(max(span.end, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    static func utf16Length(_ slice: ArraySlice<UInt8>) -> Int {
        DecodedScalars(slice).reduce(0) { $0 + $1.utf16Length }
    }
}

/// A resolved position in a source file.
public struct SourceLocation: Sendable, Hashable {
    /// UTF-8 byte offset.
    public var offset: Int
    /// 1-based line.
    public var line: Int
    /// 1-based column counted in UTF-8 bytes.
    public var utf8Column: Int
    /// 1-based column counted in UTF-16 code units.
    public var utf16Column: Int
}

/// A half-open range of UTF-8 byte offsets in one file.
public struct Span: Sendable, Hashable, Comparable {
    /// The offset of the first byte.
    public var start: Int
    /// The offset just after the last byte (equal to `start` for an empty span).
    public var end: Int

    /// Makes a span; an `end` before `start` gives an empty span at `start`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// An empty span at `offset`, for things that are missing.
    public static func point(_ offset: Int) -> Span { Span(start: offset, end: offset) }

    /// Whether the span covers no bytes.
    public var isEmpty: Bool { start == end }
    /// The number of bytes covered.
    public var length: Int { end - start }

    /// The smallest span covering both.
    public func union(_ other: Span) -> Span { Span(start: min(start, other.start), end: max(end, other.end)) }

    /// Whether `offset` is one of the covered bytes.
    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }

    /// Orders spans by start, then by end.
    public static func < (lhs: Span, rhs: Span) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}

/// A span in a named file: where a diagnostic or a declaration is.
public struct Location: Sendable, Hashable, Comparable {
    /// The file's path, as in `SourceFile.path`.
    public var file: String
    /// The bytes of the file.
    public var span: Span

    /// Makes a location.
    public init(file: String, span: Span) {
        self.file = file
        self.span = span
    }

    /// Orders locations by file, then by start and end.
    public static func < (lhs: Location, rhs: Location) -> Bool {
        (lhs.file, lhs.span.start, lhs.span.end) < (rhs.file, rhs.span.start, rhs.span.end)
    }
}
