/// A text cut into lines, each keeping its `\n`; the last line may lack one.
public struct Lines: Sendable {
    /// The text.
    public let text: [UInt8]
    /// Where each line starts and ends in `text`, its `\n` included.
    public let ranges: [Range<Int>]

    public init(_ text: [UInt8]) {
        self.text = text
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in text.enumerated() where byte == UInt8(ascii: "\n") {
            ranges.append(start..<(index + 1))
            start = index + 1
        }
        if start < text.count {
            ranges.append(start..<text.count)
        }
        self.ranges = ranges
    }

    public var count: Int { ranges.count }

    public subscript(index: Int) -> ArraySlice<UInt8> {
        text[ranges[index]]
    }

    /// Whether the line ends with `\n`.
    public func isTerminated(_ index: Int) -> Bool {
        text[ranges[index].upperBound - 1] == UInt8(ascii: "\n")
    }
}

/// Numbers the distinct lines of two texts, so that lines compare as integers.
struct LineNumbering {
    /// The number of each line of the old text.
    let old: [Int]
    /// The number of each line of the new text.
    let new: [Int]

    init(old: Lines, new: Lines) {
        var numbers: [ArraySlice<UInt8>: Int] = [:]
        func number(_ line: ArraySlice<UInt8>) -> Int {
            if let known = numbers[line] { return known }
            let next = numbers.count
            numbers[line] = next
            return next
        }
        self.old = (0..<old.count).map { number(old[$0]) }
        self.new = (0..<new.count).map { number(new[$0]) }
    }
}
