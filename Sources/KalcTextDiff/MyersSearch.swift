/// Myers' search for the changed lines among the lines both texts might share.
struct MyersSearch {
    /// Past this many edits a split may be chosen by heuristics instead of exactly.
    private static let heuristicMinimumCost = 256
    /// The search gives up on minimality at `max(this, √diagonals)` edits.
    private static let minimumCostLimit = 256
    /// A run of this many equal lines counts as a good snake for the heuristics.
    private static let snakeLength = 20
    /// How far ahead of the edit cost a diagonal must be to be taken as a split.
    private static let heuristicFactor = 4
    /// Past this many occurrences a line is common enough to be left out of the search.
    private static let maximumOccurrenceLimit = 1024
    /// How far a common line looks for lines without a match around it.
    private static let commonLineWindow = 100

    /// The old lines in the search, by number, and where each is in the old text.
    private let old: [Int]
    private let oldIndexes: [Int]
    /// The same for the new lines.
    private let new: [Int]
    private let newIndexes: [Int]
    /// The furthest point reached on each diagonal, forward and backward, offset by `diagonalOffset`.
    private var forward: [Int]
    private var backward: [Int]
    private let diagonalOffset: Int
    private let costLimit: Int

    /// Prepares the search: marks the lines that are changed for certain and keeps the others.
    init(old oldSide: inout ChangedLines, new newSide: inout ChangedLines) {
        let oldCount = oldSide.count
        let newCount = newSide.count
        var prefix = 0
        let shorter = min(oldCount, newCount)
        while prefix < shorter, oldSide.numbers[prefix] == newSide.numbers[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < shorter - prefix, oldSide.numbers[oldCount - 1 - suffix] == newSide.numbers[newCount - 1 - suffix] { suffix += 1 }

        var occurrencesInOld: [Int: Int] = [:]
        var occurrencesInNew: [Int: Int] = [:]
        for number in oldSide.numbers { occurrencesInOld[number, default: 0] += 1 }
        for number in newSide.numbers { occurrencesInNew[number, default: 0] += 1 }

        (old, oldIndexes) = Self.searchedLines(&oldSide, range: prefix..<(oldCount - suffix), occurrencesInOther: occurrencesInNew)
        (new, newIndexes) = Self.searchedLines(&newSide, range: prefix..<(newCount - suffix), occurrencesInOther: occurrencesInOld)

        let diagonals = old.count + new.count + 3
        forward = Array(repeating: 0, count: diagonals)
        backward = Array(repeating: 0, count: diagonals)
        diagonalOffset = new.count + 1
        costLimit = max(Self.minimumCostLimit, Self.roughSquareRoot(diagonals))
    }

    /// A power of two near the square root, as git computes it.
    static func roughSquareRoot(_ value: Int) -> Int {
        var remaining = value
        var root = 1
        while remaining > 0 {
            root <<= 1
            remaining >>= 2
        }
        return root
    }

    /// How a line relates to the other text.
    private enum Occurrence {
        case none, some, many
    }

    /// The lines of `range` that take part in the search; the others are marked changed.
    private static func searchedLines(_ side: inout ChangedLines, range: Range<Int>, occurrencesInOther: [Int: Int]) -> ([Int], [Int]) {
        guard !range.isEmpty else { return ([], []) }
        let limit = min(roughSquareRoot(side.count), maximumOccurrenceLimit)
        var occurrence = [Occurrence](repeating: .some, count: side.count)
        for index in range {
            let count = occurrencesInOther[side.numbers[index], default: 0]
            occurrence[index] = count == 0 ? .none : count >= limit ? .many : .some
        }
        var numbers: [Int] = []
        var indexes: [Int] = []
        for index in range {
            let kept: Bool
            switch occurrence[index] {
            case .some: kept = true
            case .none: kept = false
            case .many: kept = !isAmongUnmatched(index, occurrence: occurrence, range: range)
            }
            if kept {
                numbers.append(side.numbers[index])
                indexes.append(index)
            } else {
                side.mark(index)
            }
        }
        return (numbers, indexes)
    }

    /// Whether a line that occurs many times in the other text sits in a run of lines that
    /// have no match there, with such lines on both sides, and is rare enough in that run
    /// to be treated like them.
    private static func isAmongUnmatched(_ index: Int, occurrence: [Occurrence], range: Range<Int>) -> Bool {
        let first = max(range.lowerBound, index - commonLineWindow)
        let last = min(range.upperBound - 1, index + commonLineWindow)
        var unmatchedBefore = 0
        var commonBefore = 1
        var cursor = index - 1
        scanBefore: while cursor >= first {
            switch occurrence[cursor] {
            case .none: unmatchedBefore += 1
            case .many: commonBefore += 1
            case .some: break scanBefore
            }
            cursor -= 1
        }
        guard unmatchedBefore > 0 else { return false }
        var unmatchedAfter = 0
        var commonAfter = 1
        cursor = index + 1
        scanAfter: while cursor <= last {
            switch occurrence[cursor] {
            case .none: unmatchedAfter += 1
            case .many: commonAfter += 1
            case .some: break scanAfter
            }
            cursor += 1
        }
        guard unmatchedAfter > 0 else { return false }
        let common = commonBefore + commonAfter
        let unmatched = unmatchedBefore + unmatchedAfter
        return common * 4 < common + unmatched
    }

    // MARK: The search

    /// A box of the edit graph still to be searched: old lines `oldStart..<oldEnd` against
    /// new lines `newStart..<newEnd`, and whether it must be searched minimally.
    private struct Box {
        var oldStart: Int
        var oldEnd: Int
        var newStart: Int
        var newEnd: Int
        var minimal: Bool
    }

    /// Where a box is split in two, and whether each half must be searched minimally.
    private struct Split {
        var old: Int
        var new: Int
        var minimalBefore: Bool
        var minimalAfter: Bool
    }

    /// Searches the whole graph, box by box, and marks the changed lines.
    mutating func run(old oldSide: inout ChangedLines, new newSide: inout ChangedLines) {
        var boxes = [Box(oldStart: 0, oldEnd: old.count, newStart: 0, newEnd: new.count, minimal: false)]
        while var box = boxes.popLast() {
            while box.oldStart < box.oldEnd, box.newStart < box.newEnd, old[box.oldStart] == new[box.newStart] {
                box.oldStart += 1
                box.newStart += 1
            }
            while box.oldStart < box.oldEnd, box.newStart < box.newEnd, old[box.oldEnd - 1] == new[box.newEnd - 1] {
                box.oldEnd -= 1
                box.newEnd -= 1
            }
            if box.oldStart == box.oldEnd {
                for index in box.newStart..<box.newEnd { newSide.mark(newIndexes[index]) }
            } else if box.newStart == box.newEnd {
                for index in box.oldStart..<box.oldEnd { oldSide.mark(oldIndexes[index]) }
            } else {
                let split = self.split(box)
                boxes.append(Box(oldStart: split.old, oldEnd: box.oldEnd, newStart: split.new, newEnd: box.newEnd, minimal: split.minimalAfter))
                boxes.append(Box(oldStart: box.oldStart, oldEnd: split.old, newStart: box.newStart, newEnd: split.new, minimal: split.minimalBefore))
            }
        }
    }

    private func forwardAt(_ diagonal: Int) -> Int { forward[diagonal + diagonalOffset] }
    private func backwardAt(_ diagonal: Int) -> Int { backward[diagonal + diagonalOffset] }
    private mutating func setForward(_ diagonal: Int, _ value: Int) { forward[diagonal + diagonalOffset] = value }
    private mutating func setBackward(_ diagonal: Int, _ value: Int) { backward[diagonal + diagonalOffset] = value }

    /// Finds where the paths from both corners of a non-empty box meet (diagonal `k` holds the
    /// points where old index − new index = k), or a good-enough split once the cost is high.
    private mutating func split(_ box: Box) -> Split {
        let lowestDiagonal = box.oldStart - box.newEnd
        let highestDiagonal = box.oldEnd - box.newStart
        let forwardMiddle = box.oldStart - box.newStart
        let backwardMiddle = box.oldEnd - box.newEnd
        let isOdd = (forwardMiddle - backwardMiddle) & 1 != 0
        var forwardLow = forwardMiddle
        var forwardHigh = forwardMiddle
        var backwardLow = backwardMiddle
        var backwardHigh = backwardMiddle
        setForward(forwardMiddle, box.oldStart)
        setBackward(backwardMiddle, box.oldEnd)

        var cost = 1
        while true {
            var foundSnake = false

            // Widen the band of diagonals by one each way, within the box; outside it the
            // band shrinks instead, keeping its diagonals of one parity.
            if forwardLow > lowestDiagonal {
                forwardLow -= 1
                setForward(forwardLow - 1, -1)
            } else {
                forwardLow += 1
            }
            if forwardHigh < highestDiagonal {
                forwardHigh += 1
                setForward(forwardHigh + 1, -1)
            } else {
                forwardHigh -= 1
            }
            var diagonal = forwardHigh
            while diagonal >= forwardLow {
                // Ties go to the step that consumes an old line.
                var oldIndex = forwardAt(diagonal - 1) >= forwardAt(diagonal + 1) ? forwardAt(diagonal - 1) + 1 : forwardAt(diagonal + 1)
                let before = oldIndex
                var newIndex = oldIndex - diagonal
                while oldIndex < box.oldEnd, newIndex < box.newEnd, old[oldIndex] == new[newIndex] {
                    oldIndex += 1
                    newIndex += 1
                }
                if oldIndex - before > Self.snakeLength { foundSnake = true }
                setForward(diagonal, oldIndex)
                if isOdd, backwardLow <= diagonal, diagonal <= backwardHigh, backwardAt(diagonal) <= oldIndex {
                    return Split(old: oldIndex, new: newIndex, minimalBefore: true, minimalAfter: true)
                }
                diagonal -= 2
            }

            if backwardLow > lowestDiagonal {
                backwardLow -= 1
                setBackward(backwardLow - 1, Int.max)
            } else {
                backwardLow += 1
            }
            if backwardHigh < highestDiagonal {
                backwardHigh += 1
                setBackward(backwardHigh + 1, Int.max)
            } else {
                backwardHigh -= 1
            }
            diagonal = backwardHigh
            while diagonal >= backwardLow {
                var oldIndex = backwardAt(diagonal - 1) < backwardAt(diagonal + 1) ? backwardAt(diagonal - 1) : backwardAt(diagonal + 1) - 1
                let before = oldIndex
                var newIndex = oldIndex - diagonal
                while oldIndex > box.oldStart, newIndex > box.newStart, old[oldIndex - 1] == new[newIndex - 1] {
                    oldIndex -= 1
                    newIndex -= 1
                }
                if before - oldIndex > Self.snakeLength { foundSnake = true }
                setBackward(diagonal, oldIndex)
                if !isOdd, forwardLow <= diagonal, diagonal <= forwardHigh, oldIndex <= forwardAt(diagonal) {
                    return Split(old: oldIndex, new: newIndex, minimalBefore: true, minimalAfter: true)
                }
                diagonal -= 2
            }

            if !box.minimal {
                if foundSnake, cost > Self.heuristicMinimumCost,
                    let split = promisingSplit(
                        box, cost: cost, forwardBand: forwardLow...forwardHigh, backwardBand: backwardLow...backwardHigh,
                        forwardMiddle: forwardMiddle, backwardMiddle: backwardMiddle)
                {
                    return split
                }
                if cost >= costLimit {
                    return furthestSplit(box, forwardBand: forwardLow...forwardHigh, backwardBand: backwardLow...backwardHigh)
                }
            }
            cost += 1
        }
    }

    /// A diagonal that got far ahead of the cost and ends in a long run of equal lines.
    private func promisingSplit(
        _ box: Box, cost: Int, forwardBand: ClosedRange<Int>, backwardBand: ClosedRange<Int>,
        forwardMiddle: Int, backwardMiddle: Int
    ) -> Split? {
        var best = 0
        var found: Split?
        var diagonal = forwardBand.upperBound
        while diagonal >= forwardBand.lowerBound {
            let oldIndex = forwardAt(diagonal)
            let newIndex = oldIndex - diagonal
            let progress = (oldIndex - box.oldStart) + (newIndex - box.newStart) - abs(diagonal - forwardMiddle)
            if progress > Self.heuristicFactor * cost, progress > best,
                box.oldStart + Self.snakeLength <= oldIndex, oldIndex < box.oldEnd,
                box.newStart + Self.snakeLength <= newIndex, newIndex < box.newEnd,
                (1...Self.snakeLength).allSatisfy({ old[oldIndex - $0] == new[newIndex - $0] })
            {
                best = progress
                found = Split(old: oldIndex, new: newIndex, minimalBefore: true, minimalAfter: false)
            }
            diagonal -= 2
        }
        if found != nil { return found }
        diagonal = backwardBand.upperBound
        while diagonal >= backwardBand.lowerBound {
            let oldIndex = backwardAt(diagonal)
            let newIndex = oldIndex - diagonal
            let progress = (box.oldEnd - oldIndex) + (box.newEnd - newIndex) - abs(diagonal - backwardMiddle)
            if progress > Self.heuristicFactor * cost, progress > best,
                box.oldStart < oldIndex, oldIndex <= box.oldEnd - Self.snakeLength,
                box.newStart < newIndex, newIndex <= box.newEnd - Self.snakeLength,
                (0..<Self.snakeLength).allSatisfy({ old[oldIndex + $0] == new[newIndex + $0] })
            {
                best = progress
                found = Split(old: oldIndex, new: newIndex, minimalBefore: false, minimalAfter: true)
            }
            diagonal -= 2
        }
        return found
    }

    /// The point, forward or backward, that got furthest into the box.
    private func furthestSplit(_ box: Box, forwardBand: ClosedRange<Int>, backwardBand: ClosedRange<Int>) -> Split {
        var forwardBest = -1
        var forwardBestOld = -1
        var diagonal = forwardBand.upperBound
        while diagonal >= forwardBand.lowerBound {
            var oldIndex = min(forwardAt(diagonal), box.oldEnd)
            var newIndex = oldIndex - diagonal
            if box.newEnd < newIndex {
                oldIndex = box.newEnd + diagonal
                newIndex = box.newEnd
            }
            if forwardBest < oldIndex + newIndex {
                forwardBest = oldIndex + newIndex
                forwardBestOld = oldIndex
            }
            diagonal -= 2
        }
        var backwardBest = Int.max
        var backwardBestOld = Int.max
        diagonal = backwardBand.upperBound
        while diagonal >= backwardBand.lowerBound {
            var oldIndex = max(box.oldStart, backwardAt(diagonal))
            var newIndex = oldIndex - diagonal
            if newIndex < box.newStart {
                oldIndex = box.newStart + diagonal
                newIndex = box.newStart
            }
            if oldIndex + newIndex < backwardBest {
                backwardBest = oldIndex + newIndex
                backwardBestOld = oldIndex
            }
            diagonal -= 2
        }
        if (box.oldEnd + box.newEnd) - backwardBest < forwardBest - (box.oldStart + box.newStart) {
            return Split(old: forwardBestOld, new: forwardBest - forwardBestOld, minimalBefore: true, minimalAfter: false)
        }
        return Split(old: backwardBestOld, new: backwardBest - backwardBestOld, minimalBefore: false, minimalAfter: true)
    }
}
