/// A run of changed lines: `oldCount` lines of the old text from `oldStart` give way to
/// `newCount` lines of the new text from `newStart` (0-based line indexes).
public struct LineChange: Hashable, Sendable {
    public var oldStart: Int
    public var oldCount: Int
    public var newStart: Int
    public var newCount: Int

    public init(oldStart: Int, oldCount: Int, newStart: Int, newCount: Int) {
        self.oldStart = oldStart
        self.oldCount = oldCount
        self.newStart = newStart
        self.newCount = newCount
    }
}

/// Finds which lines two texts do not share, the way `git diff` does by default, so that the
/// hunks kalc prints are the ones git prints for the same change.
///
/// The steps: lines both texts start or end with are set aside; lines that do not occur in
/// the other text are changed for certain and left out of the search, as are lines that
/// occur very often in the other text when they sit among such lines; Myers' O(ND) search,
/// from both ends toward the middle, finds the changed lines among the rest, and gives up
/// minimality for a good-enough split once the cost grows large; finally each group of
/// changed lines is slid to where git puts it (see `ChangeCompaction`).
public enum LineDiff {
    /// The changes that turn `old` into `new`, in order.
    public static func changes(old: Lines, new: Lines) -> [LineChange] {
        let numbering = LineNumbering(old: old, new: new)
        var oldSide = ChangedLines(numbers: numbering.old)
        var newSide = ChangedLines(numbers: numbering.new)
        var search = MyersSearch(old: &oldSide, new: &newSide)
        search.run(old: &oldSide, new: &newSide)
        ChangeCompaction.compact(&oldSide, against: &newSide, lines: old)
        ChangeCompaction.compact(&newSide, against: &oldSide, lines: new)
        return script(oldSide, newSide)
    }

    /// The runs of changed lines, walking both texts in step over their unchanged lines.
    private static func script(_ old: ChangedLines, _ new: ChangedLines) -> [LineChange] {
        var changes: [LineChange] = []
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            if old.isChanged(oldIndex) || new.isChanged(newIndex) {
                let oldStart = oldIndex
                let newStart = newIndex
                while old.isChanged(oldIndex) { oldIndex += 1 }
                while new.isChanged(newIndex) { newIndex += 1 }
                changes.append(LineChange(oldStart: oldStart, oldCount: oldIndex - oldStart, newStart: newStart, newCount: newIndex - newStart))
            } else {
                oldIndex += 1
                newIndex += 1
            }
        }
        return changes
    }
}

/// The lines of one text, by number, with a mark on each changed line.
struct ChangedLines {
    /// Each line's number; equal lines have equal numbers.
    let numbers: [Int]
    /// The marks, with an unmarked sentinel before the first line and after the last.
    private var marks: [Bool]

    init(numbers: [Int]) {
        self.numbers = numbers
        marks = Array(repeating: false, count: numbers.count + 2)
    }

    var count: Int { numbers.count }

    /// Whether line `index` is changed; false outside the text.
    func isChanged(_ index: Int) -> Bool {
        index >= -1 && index <= numbers.count ? marks[index + 1] : false
    }

    mutating func mark(_ index: Int, changed: Bool = true) {
        marks[index + 1] = changed
    }
}
