/// A compiled regular expression: instructions over Unicode scalars run by a Pike VM,
/// which answers "is there a match anywhere" in time linear in the input.
struct RegexProgram {
    enum Instruction {
        case runes([UInt32])            // a clean class of ranges
        case foldedRune(UInt32, [UInt32])  // a rune and its case-folding orbit
        case anyChar
        case anyCharNotNL
        case assertion(Assertion)
        case split(Int, Int)
        case jump(Int)
        case match
        case fail
    }

    enum Assertion { case beginLine, endLine, beginText, endText, wordBoundary, noWordBoundary }

    private(set) var instructions: [Instruction] = []

    /// Compiles a parse tree, or returns nil when the program would exceed Go's size limit.
    init?(_ root: RegexNode) {
        guard compile(root) else { return nil }
        instructions.append(.match)
    }

    private mutating func emit(_ instruction: Instruction) -> Int {
        instructions.append(instruction)
        return instructions.count - 1
    }

    /// Appends the code for `node`; false when the program grows past the size limit.
    private mutating func compile(_ node: RegexNode) -> Bool {
        guard instructions.count <= Int(RegexParser.maxSize) else { return false }
        switch node.operation {
        case .noMatch:
            _ = emit(.fail)
        case .emptyMatch:
            break
        case .literal(let runes, let foldCase):
            for rune in runes {
                if foldCase {
                    var orbit: [UInt32] = []
                    var r = UnicodeClassTables.simpleFold(rune)
                    while r != rune {
                        orbit.append(r)
                        r = UnicodeClassTables.simpleFold(r)
                    }
                    _ = emit(orbit.isEmpty ? .runes([rune, rune]) : .foldedRune(rune, orbit))
                } else {
                    _ = emit(.runes([rune, rune]))
                }
            }
        case .charClass(let ranges):
            _ = emit(ranges.isEmpty ? .fail : .runes(ranges))
        case .anyChar:
            _ = emit(.anyChar)
        case .anyCharNotNL:
            _ = emit(.anyCharNotNL)
        case .beginLine: _ = emit(.assertion(.beginLine))
        case .endLine: _ = emit(.assertion(.endLine))
        case .beginText: _ = emit(.assertion(.beginText))
        case .endText: _ = emit(.assertion(.endText))
        case .wordBoundary: _ = emit(.assertion(.wordBoundary))
        case .noWordBoundary: _ = emit(.assertion(.noWordBoundary))
        case .capture:
            return compile(node.children[0])
        case .concat:
            for child in node.children where !compile(child) { return false }
        case .alternate:
            var jumps: [Int] = []
            for (index, child) in node.children.enumerated() {
                if index < node.children.count - 1 {
                    let split = emit(.split(0, 0))
                    guard compile(child) else { return false }
                    jumps.append(emit(.jump(0)))
                    instructions[split] = .split(split + 1, instructions.count)
                } else {
                    guard compile(child) else { return false }
                }
            }
            for jump in jumps { instructions[jump] = .jump(instructions.count) }
        case .star:
            return compileStar(node.children[0])
        case .plus:
            let start = instructions.count
            guard compile(node.children[0]) else { return false }
            _ = emit(.split(start, instructions.count + 1))
        case .quest:
            return compileQuest(node.children[0])
        case .repeat(let min, let max):
            let child = node.children[0]
            if max == -1 {
                for _ in 0..<min where !compile(child) { return false }
                return compileStar(child)
            }
            for _ in 0..<min where !compile(child) { return false }
            // x{n,m} = n copies, then nested optional copies: (x(x)?)?
            var splits: [Int] = []
            for _ in min..<max {
                splits.append(emit(.split(0, 0)))
                guard compile(child) else { return false }
            }
            for split in splits { instructions[split] = .split(split + 1, instructions.count) }
        }
        return instructions.count <= Int(RegexParser.maxSize)
    }

    private mutating func compileStar(_ child: RegexNode) -> Bool {
        let split = emit(.split(0, 0))
        guard compile(child) else { return false }
        _ = emit(.jump(split))
        instructions[split] = .split(split + 1, instructions.count)
        return true
    }

    private mutating func compileQuest(_ child: RegexNode) -> Bool {
        let split = emit(.split(0, 0))
        guard compile(child) else { return false }
        instructions[split] = .split(split + 1, instructions.count)
        return true
    }

    // MARK: Matching

    /// Whether the program matches anywhere in `text` (Go's `MatchString`).
    func matches(_ text: String) -> Bool {
        let input = Array(text.unicodeScalars.map(\.value))
        var current = ThreadList(capacity: instructions.count)
        var next = ThreadList(capacity: instructions.count)
        var position = 0
        while true {
            // Unanchored search: a new thread starts at every position.
            if addThread(&current, 0, position, input) { return true }
            guard position < input.count else { return false }
            let rune = input[position]
            next.clear()
            for pc in current.items {
                let advances: Bool
                switch instructions[pc] {
                case .runes(let ranges): advances = RegexCharacterClass.contains(ranges, rune)
                case .foldedRune(let r, let orbit): advances = rune == r || orbit.contains(rune)
                case .anyChar: advances = true
                case .anyCharNotNL: advances = rune != 0x0A
                default: advances = false
                }
                if advances && addThread(&next, pc + 1, position + 1, input) { return true }
            }
            swap(&current, &next)
            position += 1
        }
    }

    /// Adds the thread at `start` and everything reachable without consuming input;
    /// returns true when a match instruction is reached.
    private func addThread(_ list: inout ThreadList, _ start: Int, _ position: Int, _ input: [UInt32]) -> Bool {
        var work = [start]
        while let pc = work.popLast() {
            guard list.insert(pc) else { continue }
            switch instructions[pc] {
            case .match:
                return true
            case .fail:
                break
            case .jump(let target):
                work.append(target)
            case .split(let first, let second):
                work.append(second)
                work.append(first)
            case .assertion(let assertion):
                if holds(assertion, position, input) { work.append(pc + 1) }
            case .runes, .foldedRune, .anyChar, .anyCharNotNL:
                list.keep(pc)
            }
        }
        return false
    }

    private func holds(_ assertion: Assertion, _ position: Int, _ input: [UInt32]) -> Bool {
        let before: UInt32? = position > 0 ? input[position - 1] : nil
        let after: UInt32? = position < input.count ? input[position] : nil
        switch assertion {
        case .beginText: return position == 0
        case .endText: return position == input.count
        case .beginLine: return before == nil || before == 0x0A
        case .endLine: return after == nil || after == 0x0A
        case .wordBoundary: return isWordRune(before) != isWordRune(after)
        case .noWordBoundary: return isWordRune(before) == isWordRune(after)
        }
    }

    private func isWordRune(_ rune: UInt32?) -> Bool {
        guard let r = rune else { return false }
        return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A) || r == 0x5F
    }
}

/// A sparse set of instruction indices: which instructions have been visited at the
/// current position, and the rune-consuming ones in the order they were reached.
private struct ThreadList {
    private var dense: [Int]
    private var sparse: [Int]
    private var visitedCount = 0
    private(set) var items: [Int] = []

    init(capacity: Int) {
        dense = [Int](repeating: 0, count: capacity)
        sparse = [Int](repeating: 0, count: capacity)
    }

    /// Marks `pc` visited; false when it already was.
    mutating func insert(_ pc: Int) -> Bool {
        let slot = sparse[pc]
        if slot < visitedCount && dense[slot] == pc { return false }
        sparse[pc] = visitedCount
        dense[visitedCount] = pc
        visitedCount += 1
        return true
    }

    mutating func keep(_ pc: Int) { items.append(pc) }

    mutating func clear() {
        visitedCount = 0
        items.removeAll(keepingCapacity: true)
    }
}
