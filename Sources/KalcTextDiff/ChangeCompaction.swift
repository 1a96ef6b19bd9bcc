/// Slides each group of changed lines to the place git shows it.
///
/// A group of added or removed lines can often move up or down without changing the result:
/// when the line before it equals its last line, or the line after it equals its first. git
/// first moves every group as far as it goes, merging groups that touch; then a group that
/// can line up with a change in the other text is moved there, and any other group is moved
/// to the position its indentation heuristic scores best (git's default since 2.14).
enum ChangeCompaction {
    /// A group of changed lines, `start..<end`; an empty group marks the place between two
    /// unchanged lines (or before the first, or after the last).
    private struct Group {
        var start: Int
        var end: Int
        var isEmpty: Bool { start == end }
    }

    /// How far a group is slid at most when looking for its best-scoring position.
    private static let maximumSliding = 100

    /// Compacts the changes of `side`, keeping `other` (the other text) in step.
    static func compact(_ side: inout ChangedLines, against other: inout ChangedLines, lines: Lines) {
        var group = firstGroup(side)
        var otherGroup = firstGroup(other)
        let indentation = Indentation(lines: lines)
        while true {
            if !group.isEmpty {
                var size: Int
                var earliestEnd: Int
                var endMatchingOther: Int?
                repeat {
                    size = group.end - group.start
                    endMatchingOther = nil
                    while slideUp(&side, &group) {
                        _ = previous(other, &otherGroup)
                    }
                    earliestEnd = group.end
                    if !otherGroup.isEmpty { endMatchingOther = group.end }
                    while slideDown(&side, &group) {
                        _ = next(other, &otherGroup)
                        if !otherGroup.isEmpty { endMatchingOther = group.end }
                    }
                } while size != group.end - group.start

                if group.end == earliestEnd {
                    // The group cannot move.
                } else if endMatchingOther != nil {
                    while otherGroup.isEmpty {
                        _ = slideUp(&side, &group)
                        _ = previous(other, &otherGroup)
                    }
                } else {
                    var shift = max(earliestEnd, group.end - size - 1, group.end - maximumSliding)
                    var bestShift: Int?
                    var bestScore = SplitScore()
                    while shift <= group.end {
                        var score = SplitScore()
                        score.add(indentation.measure(splitAt: shift))
                        score.add(indentation.measure(splitAt: shift - size))
                        if bestShift == nil || score.compare(to: bestScore) <= 0 {
                            bestScore = score
                            bestShift = shift
                        }
                        shift += 1
                    }
                    while let bestShift, group.end > bestShift {
                        _ = slideUp(&side, &group)
                        _ = previous(other, &otherGroup)
                    }
                }
            }
            guard next(side, &group) else { break }
            _ = next(other, &otherGroup)
        }
    }

    private static func firstGroup(_ side: ChangedLines) -> Group {
        var group = Group(start: 0, end: 0)
        while side.isChanged(group.end) { group.end += 1 }
        return group
    }

    /// Moves to the next group; false at the end of the text.
    private static func next(_ side: ChangedLines, _ group: inout Group) -> Bool {
        guard group.end < side.count else { return false }
        group.start = group.end + 1
        group.end = group.start
        while side.isChanged(group.end) { group.end += 1 }
        return true
    }

    /// Moves to the previous group; false at the start of the text.
    private static func previous(_ side: ChangedLines, _ group: inout Group) -> Bool {
        guard group.start > 0 else { return false }
        group.end = group.start - 1
        group.start = group.end
        while side.isChanged(group.start - 1) { group.start -= 1 }
        return true
    }

    /// Slides the group one line down when its first line equals the line after it, merging
    /// with a group it runs into.
    private static func slideDown(_ side: inout ChangedLines, _ group: inout Group) -> Bool {
        guard group.end < side.count, side.numbers[group.start] == side.numbers[group.end] else { return false }
        side.mark(group.start, changed: false)
        side.mark(group.end)
        group.start += 1
        group.end += 1
        while side.isChanged(group.end) { group.end += 1 }
        return true
    }

    /// Slides the group one line up when its last line equals the line before it, merging
    /// with a group it runs into.
    private static func slideUp(_ side: inout ChangedLines, _ group: inout Group) -> Bool {
        guard group.start > 0, side.numbers[group.start - 1] == side.numbers[group.end - 1] else { return false }
        group.start -= 1
        group.end -= 1
        side.mark(group.start)
        side.mark(group.end, changed: false)
        while side.isChanged(group.start - 1) { group.start -= 1 }
        return true
    }
}

/// What the indentation heuristic looks at around a possible split between two lines.
struct SplitMeasurement {
    /// The split is after the last line.
    var isEndOfFile: Bool
    /// The indentation of the line after the split; -1 when it is blank.
    var indent: Int
    /// Blank lines right before the split.
    var blankBefore: Int
    /// The indentation of the nearest non-blank line before the split; -1 when none.
    var indentBefore: Int
    /// Blank lines after the line after the split.
    var blankAfter: Int
    /// The indentation of the nearest non-blank line after the line after the split; -1 when none.
    var indentAfter: Int
}

/// The badness of a pair of splits: lower is better.
struct SplitScore {
    var effectiveIndent = 0
    var penalty = 0

    // Weights fitted by git's authors on a corpus of human-judged diffs.
    private static let startOfFilePenalty = 1
    private static let endOfFilePenalty = 21
    private static let totalBlankWeight = -30
    private static let blankAfterWeight = 6
    private static let relativeIndentPenalty = -4
    private static let relativeIndentWithBlankPenalty = 10
    private static let relativeOutdentPenalty = 24
    private static let relativeOutdentWithBlankPenalty = 17
    private static let relativeDedentPenalty = 23
    private static let relativeDedentWithBlankPenalty = 17
    private static let indentWeight = 60

    mutating func add(_ split: SplitMeasurement) {
        if split.indentBefore == -1 && split.blankBefore == 0 { penalty += Self.startOfFilePenalty }
        if split.isEndOfFile { penalty += Self.endOfFilePenalty }
        let blankAfter = split.indent == -1 ? 1 + split.blankAfter : 0
        let totalBlank = split.blankBefore + blankAfter
        penalty += Self.totalBlankWeight * totalBlank
        penalty += Self.blankAfterWeight * blankAfter
        let indent = split.indent != -1 ? split.indent : split.indentAfter
        let anyBlanks = totalBlank != 0
        effectiveIndent += indent
        guard indent != -1, split.indentBefore != -1 else { return }
        if indent > split.indentBefore {
            penalty += anyBlanks ? Self.relativeIndentWithBlankPenalty : Self.relativeIndentPenalty
        } else if indent < split.indentBefore {
            if split.indentAfter != -1 && split.indentAfter > indent {
                penalty += anyBlanks ? Self.relativeOutdentWithBlankPenalty : Self.relativeOutdentPenalty
            } else {
                penalty += anyBlanks ? Self.relativeDedentWithBlankPenalty : Self.relativeDedentPenalty
            }
        }
    }

    /// Negative when `self` is better than `other`, zero when as good.
    func compare(to other: SplitScore) -> Int {
        let indents = (effectiveIndent > other.effectiveIndent ? 1 : 0) - (effectiveIndent < other.effectiveIndent ? 1 : 0)
        return Self.indentWeight * indents + (penalty - other.penalty)
    }
}

/// The indentation of each line, as the heuristic counts it.
struct Indentation {
    /// Indentation past this is counted as this.
    private static let maximumIndent = 200
    /// Runs of blank lines longer than this are counted as this.
    private static let maximumBlanks = 20

    private let indents: [Int]

    init(lines: Lines) {
        indents = (0..<lines.count).map { Self.indent(of: lines[$0]) }
    }

    /// Columns of leading spaces and tabs (to the next multiple of 8); -1 for a blank line.
    private static func indent(of line: ArraySlice<UInt8>) -> Int {
        var columns = 0
        for byte in line {
            switch byte {
            case UInt8(ascii: " "): columns += 1
            case UInt8(ascii: "\t"): columns += 8 - columns % 8
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): break
            default: return columns
            }
            if columns >= maximumIndent { return maximumIndent }
        }
        return -1
    }

    /// The surroundings of a split before line `split`.
    func measure(splitAt split: Int) -> SplitMeasurement {
        var measurement = SplitMeasurement(isEndOfFile: split >= indents.count, indent: -1, blankBefore: 0, indentBefore: -1, blankAfter: 0, indentAfter: -1)
        if split < indents.count { measurement.indent = indents[split] }
        var index = split - 1
        while index >= 0 {
            measurement.indentBefore = indents[index]
            if measurement.indentBefore != -1 { break }
            measurement.blankBefore += 1
            if measurement.blankBefore == Self.maximumBlanks {
                measurement.indentBefore = 0
                break
            }
            index -= 1
        }
        index = split + 1
        while index < indents.count {
            measurement.indentAfter = indents[index]
            if measurement.indentAfter != -1 { break }
            measurement.blankAfter += 1
            if measurement.blankAfter == Self.maximumBlanks {
                measurement.indentAfter = 0
                break
            }
            index += 1
        }
        return measurement
    }
}
