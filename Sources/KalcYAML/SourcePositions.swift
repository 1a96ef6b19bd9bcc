/// Turns libyaml's positions into `YAMLMark`s.
///
/// libyaml counts its `index` in Unicode scalars (a `\r\n` pair counts two) and its columns in
/// scalars too, so a mark after `é` is one further on, not two. This type walks the UTF-8 bytes
/// to find the byte offset of a scalar index, and finds lines from a table of line starts.
/// Marks arrive almost in order, so a cursor that moves from the last answer keeps the walk short.
struct SourcePositions {
    private let bytes: [UInt8]
    /// The byte offset where each line starts; the first is 0.
    private let lineStarts: [Int]
    private var cursorScalar = 0
    private var cursorByte = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.lineStarts = Self.lineStarts(of: bytes)
    }

    /// The mark of the Unicode scalar at `scalarIndex` (clamped to the text).
    mutating func mark(scalarIndex: Int) -> YAMLMark {
        let offset = byteOffset(scalarIndex: max(0, scalarIndex))
        return mark(byteOffset: offset)
    }

    /// The mark of a byte offset (clamped to the text).
    func mark(byteOffset: Int) -> YAMLMark {
        let offset = min(max(0, byteOffset), bytes.count)
        let line = lineIndex(containing: offset)
        return YAMLMark(offset: offset, line: line, column: offset - lineStarts[line])
    }

    private mutating func byteOffset(scalarIndex: Int) -> Int {
        while cursorScalar < scalarIndex && cursorByte < bytes.count {
            cursorByte += 1
            while cursorByte < bytes.count && Self.isContinuation(bytes[cursorByte]) {
                cursorByte += 1
            }
            cursorScalar += 1
        }
        while cursorScalar > scalarIndex && cursorByte > 0 {
            cursorByte -= 1
            while cursorByte > 0 && Self.isContinuation(bytes[cursorByte]) {
                cursorByte -= 1
            }
            cursorScalar -= 1
        }
        return cursorByte
    }

    /// The index of the last line that starts at or before `offset`.
    private func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }

    private static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0b1100_0000 == 0b1000_0000
    }

    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                starts.append(index + 1)
            case UInt8(ascii: "\r"):
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                starts.append(index + 1)
            default:
                break
            }
            index += 1
        }
        return starts
    }
}
