/// Go's `regexp` package: RE2 syntax compiled to Go's instruction program and run by
/// Go's bit-state backtracker, which gives leftmost-first matches exactly as Go's
/// engines do; plus the `Find`, `ReplaceAll` and `Split` operations sprig uses.
public struct GoRegexp: Sendable {
    enum Op: Sendable {
        case fail, match, alt, capture, emptyWidth, nop, rune1, runeClass, runeAny, runeAnyNotNL
    }

    struct EmptyOp: OptionSet, Sendable {
        let rawValue: UInt8
        static let beginLine = EmptyOp(rawValue: 1)
        static let endLine = EmptyOp(rawValue: 2)
        static let beginText = EmptyOp(rawValue: 4)
        static let endText = EmptyOp(rawValue: 8)
        static let wordBoundary = EmptyOp(rawValue: 16)
        static let noWordBoundary = EmptyOp(rawValue: 32)
    }

    struct Inst: Sendable {
        var op: Op
        var out = 0
        var arg = 0
        var rune: UInt32 = 0
        var empty: EmptyOp = []
    }

    public let expression: String
    private(set) var insts: [Inst] = []
    private(set) var classes: [GoCharClass] = []
    private(set) var start = 0
    private(set) var numCap = 2
    /// Whether every match starts at the beginning of the text (`^` without `(?m)`, `\A`).
    private var anchoredStart = false
    public let captureNames: [String]

    /// `regexp.Compile`: Go's syntax and limits, Go's error when it would refuse the expression.
    public init(_ expression: String) throws(RegexSyntaxError) {
        self.expression = expression
        let (node, names) = try RegexParser.parse(expression)
        captureNames = names
        insts.append(Inst(op: .fail))
        let f = compile(simplify(GoRegexNode(node)))
        let matchIndex = emit(Inst(op: .match))
        patch(f.outs, matchIndex)
        start = f.start
        var pc = start
        while insts[pc].op == .capture || insts[pc].op == .nop { pc = insts[pc].out }
        anchoredStart = insts[pc].op == .emptyWidth && insts[pc].empty.contains(.beginText)
    }

    // MARK: Compilation (regexp/syntax/compile.go)

    private struct Hole { var inst: Int; var isArg: Bool }
    private struct Frag { var start: Int; var outs: [Hole]; var nullable: Bool }

    private mutating func emit(_ inst: Inst) -> Int {
        insts.append(inst)
        return insts.count - 1
    }

    private mutating func patch(_ holes: [Hole], _ target: Int) {
        for hole in holes {
            if hole.isArg { insts[hole.inst].arg = target } else { insts[hole.inst].out = target }
        }
    }

    private mutating func instFrag(_ inst: Inst, nullable: Bool) -> Frag {
        let i = emit(inst)
        return Frag(start: i, outs: [Hole(inst: i, isArg: false)], nullable: nullable)
    }

    private func failFrag() -> Frag { Frag(start: 0, outs: [], nullable: false) }

    private mutating func cat(_ f1: Frag, _ f2: Frag) -> Frag {
        if f1.start == 0 || f2.start == 0 { return failFrag() }
        patch(f1.outs, f2.start)
        return Frag(start: f1.start, outs: f2.outs, nullable: f1.nullable && f2.nullable)
    }

    private mutating func alt(_ f1: Frag, _ f2: Frag) -> Frag {
        if f1.start == 0 { return f2 }
        if f2.start == 0 { return f1 }
        let i = emit(Inst(op: .alt, out: f1.start, arg: f2.start))
        return Frag(start: i, outs: f1.outs + f2.outs, nullable: f1.nullable || f2.nullable)
    }

    private mutating func quest(_ f1: Frag, nonGreedy: Bool) -> Frag {
        let i = emit(Inst(op: .alt))
        var outs: [Hole]
        if nonGreedy {
            insts[i].arg = f1.start
            outs = [Hole(inst: i, isArg: false)]
        } else {
            insts[i].out = f1.start
            outs = [Hole(inst: i, isArg: true)]
        }
        outs += f1.outs
        return Frag(start: i, outs: outs, nullable: true)
    }

    private mutating func loop(_ f1: Frag, nonGreedy: Bool) -> Frag {
        let i = emit(Inst(op: .alt))
        var outs: [Hole]
        if nonGreedy {
            insts[i].arg = f1.start
            outs = [Hole(inst: i, isArg: false)]
        } else {
            insts[i].out = f1.start
            outs = [Hole(inst: i, isArg: true)]
        }
        patch(f1.outs, i)
        return Frag(start: i, outs: outs, nullable: true)
    }

    private mutating func star(_ f1: Frag, nonGreedy: Bool) -> Frag {
        if f1.nullable { return quest(plus(f1, nonGreedy: nonGreedy), nonGreedy: nonGreedy) }
        return loop(f1, nonGreedy: nonGreedy)
    }

    private mutating func plus(_ f1: Frag, nonGreedy: Bool) -> Frag {
        Frag(start: f1.start, outs: loop(f1, nonGreedy: nonGreedy).outs, nullable: f1.nullable)
    }

    private mutating func compile(_ node: GoRegexNode) -> Frag {
        switch node {
        case .noMatch: return failFrag()
        case .empty: return instFrag(Inst(op: .nop), nullable: true)
        case .literal(let r):
            return instFrag(Inst(op: .rune1, rune: r), nullable: false)
        case .charClass(let cls):
            classes.append(cls)
            return instFrag(Inst(op: .runeClass, arg: classes.count - 1), nullable: false)
        case .anyChar: return instFrag(Inst(op: .runeAny), nullable: false)
        case .anyCharNotNL: return instFrag(Inst(op: .runeAnyNotNL), nullable: false)
        case .beginLine: return instFrag(Inst(op: .emptyWidth, empty: .beginLine), nullable: true)
        case .endLine: return instFrag(Inst(op: .emptyWidth, empty: .endLine), nullable: true)
        case .beginText: return instFrag(Inst(op: .emptyWidth, empty: .beginText), nullable: true)
        case .endText: return instFrag(Inst(op: .emptyWidth, empty: .endText), nullable: true)
        case .wordBoundary: return instFrag(Inst(op: .emptyWidth, empty: .wordBoundary), nullable: true)
        case .noWordBoundary: return instFrag(Inst(op: .emptyWidth, empty: .noWordBoundary), nullable: true)
        case .capture(let index, let sub):
            let bra = instFrag(Inst(op: .capture, arg: index << 1), nullable: true)
            numCap = max(numCap, (index << 1) + 2)
            let body = compile(sub)
            let ket = instFrag(Inst(op: .capture, arg: index << 1 | 1), nullable: true)
            return cat(cat(bra, body), ket)
        case .star(let sub, let nonGreedy): return star(compile(sub), nonGreedy: nonGreedy)
        case .plus(let sub, let nonGreedy): return plus(compile(sub), nonGreedy: nonGreedy)
        case .quest(let sub, let nonGreedy): return quest(compile(sub), nonGreedy: nonGreedy)
        case .repeat: return compile(simplify(node))
        case .concat(let subs):
            var f: Frag? = nil
            for sub in subs {
                let next = compile(sub)
                f = f.map { cat($0, next) } ?? next
            }
            return f ?? instFrag(Inst(op: .nop), nullable: true)
        case .alternate(let subs):
            var f = failFrag()
            for sub in subs { f = alt(f, compile(sub)) }
            return f
        }
    }

    /// `Regexp.Simplify`: counted repetitions become stars, pluses, quests and copies.
    private func simplify(_ node: GoRegexNode) -> GoRegexNode {
        switch node {
        case .capture(let index, let sub): return .capture(index: index, simplify(sub))
        case .concat(let subs): return .concat(subs.map(simplify))
        case .alternate(let subs): return .alternate(subs.map(simplify))
        case .star(let sub, let g): return .star(simplify(sub), nonGreedy: g)
        case .plus(let sub, let g): return .plus(simplify(sub), nonGreedy: g)
        case .quest(let sub, let g): return .quest(simplify(sub), nonGreedy: g)
        case .repeat(let raw, let min, let max, let g):
            if min == 0 && max == 0 { return .empty }
            let sub = simplify(raw)
            if max == -1 {
                if min == 0 { return .star(sub, nonGreedy: g) }
                if min == 1 { return .plus(sub, nonGreedy: g) }
                return .concat(Array(repeating: sub, count: min - 1) + [.plus(sub, nonGreedy: g)])
            }
            if min == 1 && max == 1 { return sub }
            var prefix: [GoRegexNode] = min > 0 ? Array(repeating: sub, count: min) : []
            if max > min {
                var suffix = GoRegexNode.quest(sub, nonGreedy: g)
                if max - min > 1 {
                    for _ in (min + 1)..<max { suffix = .quest(.concat([sub, suffix]), nonGreedy: g) }
                }
                prefix.append(suffix)
            }
            if prefix.count == 1 { return prefix[0] }
            return prefix.isEmpty ? .noMatch : .concat(prefix)
        default:
            return node
        }
    }

    // MARK: Matching (regexp/backtrack.go)

    /// The text being searched, as UTF-8 with rune decoding.
    struct Input {
        let bytes: [UInt8]
        func step(_ pos: Int) -> (UInt32, Int) {
            if pos >= bytes.count { return (UInt32.max, 0) }
            if bytes[pos] < 0x80 { return (UInt32(bytes[pos]), 1) }
            return GoStrconv.decodeRune(bytes[pos...])
        }
        func previous(_ pos: Int) -> UInt32 {
            if pos <= 0 { return UInt32.max }
            var start = pos - 1
            while start > 0 && pos - start < 4 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
            let (r, w) = GoStrconv.decodeRune(bytes[start..<pos])
            return start + w == pos ? r : 0xFFFD
        }
        static func isWordChar(_ r: UInt32) -> Bool {
            (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A) || r == 0x5F
        }
        func context(_ pos: Int) -> EmptyOp {
            let r1 = previous(pos)
            let r2 = step(pos).0
            var op: EmptyOp = []
            if r1 == UInt32.max { op.formUnion([.beginText, .beginLine]) } else if r1 == 0x0A { op.insert(.beginLine) }
            if r2 == UInt32.max { op.formUnion([.endText, .endLine]) } else if r2 == 0x0A { op.insert(.endLine) }
            if Self.isWordChar(r1 == UInt32.max ? 0 : r1) != Self.isWordChar(r2 == UInt32.max ? 0 : r2) {
                op.insert(.wordBoundary)
            } else {
                op.insert(.noWordBoundary)
            }
            return op
        }
    }

    /// The most states the backtracker may track (Go switches engines instead; kalc refuses larger inputs).
    static let maxVisited = 64 << 20

    /// The leftmost-first match at or after `pos`: capture positions (byte offsets, -1 when unset).
    func execute(_ input: Input, from pos: Int) throws(GoRegexpTextTooLong) -> [Int]? {
        let end = input.bytes.count
        let visitedCount = insts.count * (end + 1)
        if visitedCount > Self.maxVisited {
            throw GoRegexpTextTooLong()
        }
        var visited = [UInt64](repeating: 0, count: (visitedCount + 63) / 64)
        var cap = [Int](repeating: -1, count: numCap)
        var matchcap = [Int](repeating: -1, count: numCap)
        var jobs: [(pc: Int, pos: Int, arg: Bool)] = []

        func shouldVisit(_ pc: Int, _ pos: Int) -> Bool {
            let n = pc * (end + 1) + pos
            let bit = UInt64(1) << UInt64(n & 63)
            if visited[n >> 6] & bit != 0 { return false }
            visited[n >> 6] |= bit
            return true
        }
        func push(_ pc: Int, _ pos: Int, _ arg: Bool) {
            if insts[pc].op != .fail && (arg || shouldVisit(pc, pos)) { jobs.append((pc, pos, arg)) }
        }
        func tryBacktrack(_ startPC: Int, _ startPos: Int) -> Bool {
            push(startPC, startPos, false)
            while let job = jobs.popLast() {
                var pc = job.pc
                var pos = job.pos
                var arg = job.arg
                var first = true
                while true {
                    if !first && !shouldVisit(pc, pos) { break }
                    first = false
                    let inst = insts[pc]
                    var advance = false
                    switch inst.op {
                    case .fail:
                        break
                    case .alt:
                        if arg {
                            arg = false
                            pc = inst.arg
                        } else {
                            push(pc, pos, true)
                            pc = inst.out
                        }
                        advance = true
                    case .rune1:
                        let (r, w) = input.step(pos)
                        if r == inst.rune {
                            pos += w
                            pc = inst.out
                            advance = true
                        }
                    case .runeClass:
                        let (r, w) = input.step(pos)
                        if r != UInt32.max && classes[inst.arg].contains(r) {
                            pos += w
                            pc = inst.out
                            advance = true
                        }
                    case .runeAny:
                        let (r, w) = input.step(pos)
                        if r != UInt32.max {
                            pos += w
                            pc = inst.out
                            advance = true
                        }
                    case .runeAnyNotNL:
                        let (r, w) = input.step(pos)
                        if r != UInt32.max && r != 0x0A {
                            pos += w
                            pc = inst.out
                            advance = true
                        }
                    case .capture:
                        if arg {
                            cap[inst.arg] = pos
                        } else {
                            if inst.arg < cap.count {
                                push(pc, cap[inst.arg], true)
                                cap[inst.arg] = pos
                            }
                            pc = inst.out
                            advance = true
                        }
                        if arg { arg = false }
                    case .emptyWidth:
                        if input.context(pos).isSuperset(of: inst.empty) {
                            pc = inst.out
                            advance = true
                        }
                    case .nop:
                        pc = inst.out
                        advance = true
                    case .match:
                        if cap.count > 1 { cap[1] = pos }
                        matchcap = cap
                        return true
                    }
                    if !advance { break }
                }
            }
            return false
        }

        var pos = pos
        var width = -1
        while pos <= end && width != 0 {
            cap[0] = pos
            if tryBacktrack(start, pos) { return matchcap }
            width = input.step(pos).1
            pos += width
        }
        return nil
    }

    // MARK: Operations (regexp/regexp.go)

    /// `MatchString`, run as Go's Pike VM without captures: linear in the text for any length.
    public func matches(_ s: String) -> Bool {
        let input = Input(bytes: Array(s.utf8))
        let end = input.bytes.count
        var current = ThreadList(capacity: insts.count)
        var next = ThreadList(capacity: insts.count)
        var work: [Int] = []
        var pos = 0
        while true {
            // Unanchored search: a new thread starts at every position, unless no match can start past the beginning.
            if anchoredStart && pos > 0 && current.items.isEmpty { return false }
            if addThread(&current, start, pos, input, &work) { return true }
            guard pos < end else { return false }
            let (r, w) = input.step(pos)
            next.clear()
            for pc in current.items {
                let inst = insts[pc]
                let advances: Bool
                switch inst.op {
                case .rune1: advances = r == inst.rune
                case .runeClass: advances = classes[inst.arg].contains(r)
                case .runeAny: advances = true
                case .runeAnyNotNL: advances = r != 0x0A
                default: advances = false
                }
                if advances && addThread(&next, inst.out, pos + w, input, &work) { return true }
            }
            swap(&current, &next)
            pos += w
        }
    }

    /// Adds the thread at `pc` and every instruction reachable from it without reading a rune;
    /// true when that reaches the match instruction.
    private func addThread(_ list: inout ThreadList, _ pc: Int, _ pos: Int, _ input: Input, _ work: inout [Int]) -> Bool {
        work.removeAll(keepingCapacity: true)
        work.append(pc)
        var context: EmptyOp? = nil
        while let pc = work.popLast() {
            guard list.insert(pc) else { continue }
            let inst = insts[pc]
            switch inst.op {
            case .match:
                return true
            case .fail:
                break
            case .alt:
                work.append(inst.arg)
                work.append(inst.out)
            case .capture, .nop:
                work.append(inst.out)
            case .emptyWidth:
                if context == nil { context = input.context(pos) }
                if context!.isSuperset(of: inst.empty) { work.append(inst.out) }
            case .rune1, .runeClass, .runeAny, .runeAnyNotNL:
                list.keep(pc)
            }
        }
        return false
    }

    /// `FindString`.
    public func find(_ s: String) throws(GoRegexpTextTooLong) -> String {
        let input = Input(bytes: Array(s.utf8))
        guard let m = try execute(input, from: 0) else { return "" }
        return GoStrings.string(input.bytes[m[0]..<m[1]])
    }

    /// `FindAllIndex`-style match positions, at most `n` (all when negative).
    func allMatches(_ input: Input, _ limit: Int) throws(GoRegexpTextTooLong) -> [[Int]] {
        let end = input.bytes.count
        let n = limit < 0 ? end + 1 : limit
        var result: [[Int]] = []
        var pos = 0
        var prevMatchEnd = -1
        while result.count < n && pos <= end {
            guard let m = try execute(input, from: pos) else { break }
            var accept = true
            if m[1] == pos {
                if m[0] == prevMatchEnd { accept = false }
                let w = input.step(pos).1
                pos = w > 0 ? pos + w : end + 1
            } else {
                pos = m[1]
            }
            prevMatchEnd = m[1]
            if accept { result.append(m) }
        }
        return result
    }

    /// `FindAllString(s, n)`; nil when nothing matches.
    public func findAll(_ s: String, _ n: Int) throws(GoRegexpTextTooLong) -> [String]? {
        let input = Input(bytes: Array(s.utf8))
        let matches = try allMatches(input, n)
        if matches.isEmpty { return nil }
        return matches.map { GoStrings.string(input.bytes[$0[0]..<$0[1]]) }
    }

    /// `Split(s, n)`.
    public func split(_ s: String, _ n: Int) throws(GoRegexpTextTooLong) -> [String]? {
        if n == 0 { return nil }
        if !expression.isEmpty && s.isEmpty { return [""] }
        let input = Input(bytes: Array(s.utf8))
        let matches = try allMatches(input, n)
        var strings: [String] = []
        var beg = 0, end = 0
        for match in matches {
            if n > 0 && strings.count == n - 1 { break }
            end = match[0]
            if match[1] != 0 { strings.append(GoStrings.string(input.bytes[beg..<end])) }
            beg = match[1]
        }
        if end != input.bytes.count { strings.append(GoStrings.string(input.bytes[beg...])) }
        return strings
    }

    /// `ReplaceAllString` (with `$1`, `${name}` expansion) or `ReplaceAllLiteralString`, or
    /// nil when the result would be longer than `limit` bytes.
    public func replaceAll(_ src: String, _ repl: String, literal: Bool, limit: Int = .max) throws(GoRegexpTextTooLong) -> String? {
        let input = Input(bytes: Array(src.utf8))
        let bytes = input.bytes
        var buf: [UInt8] = []
        var lastMatchEnd = 0
        var searchPos = 0
        while searchPos <= bytes.count {
            if buf.count > limit { return nil }
            guard let a = try execute(input, from: searchPos) else { break }
            buf.append(contentsOf: bytes[lastMatchEnd..<a[0]])
            if a[1] > lastMatchEnd || a[0] == 0 {
                if literal { buf.append(contentsOf: Array(repl.utf8)) } else { expand(&buf, Array(repl.utf8), bytes, a, limit: limit) }
            }
            lastMatchEnd = a[1]
            let width = input.step(searchPos).1
            if searchPos + width > a[1] {
                searchPos += width
            } else if searchPos + 1 > a[1] {
                searchPos += 1
            } else {
                searchPos = a[1]
            }
        }
        if buf.count + (bytes.count - lastMatchEnd) > limit { return nil }
        buf.append(contentsOf: bytes[lastMatchEnd...])
        return GoStrings.string(buf)
    }

    /// `Regexp.expand`.
    private func expand(_ dst: inout [UInt8], _ template: [UInt8], _ src: [UInt8], _ match: [Int], limit: Int) {
        var t = template[...]
        while let dollar = t.firstIndex(of: UInt8(ascii: "$")), dst.count <= limit {
            dst.append(contentsOf: t[..<dollar])
            t = t[(dollar + 1)...]
            if t.first == UInt8(ascii: "$") {
                dst.append(UInt8(ascii: "$"))
                t = t.dropFirst()
                continue
            }
            guard let (name, num, rest) = Self.extract(t) else {
                dst.append(UInt8(ascii: "$"))
                continue
            }
            t = rest
            if num >= 0 {
                if 2 * num + 1 < match.count && match[2 * num] >= 0 { dst.append(contentsOf: src[match[2 * num]..<match[2 * num + 1]]) }
            } else {
                for (i, captureName) in captureNames.enumerated() where captureName == name && 2 * i + 1 < match.count && match[2 * i] >= 0 {
                    dst.append(contentsOf: src[match[2 * i]..<match[2 * i + 1]])
                    break
                }
            }
        }
        dst.append(contentsOf: t)
    }

    /// `extract`: `$name` / `${name}`; the number when the name is all digits.
    private static func extract(_ str: ArraySlice<UInt8>) -> (String, Int, ArraySlice<UInt8>)? {
        var s = str
        guard !s.isEmpty else { return nil }
        var brace = false
        if s.first == UInt8(ascii: "{") {
            brace = true
            s = s.dropFirst()
        }
        var i = s.startIndex
        while i < s.endIndex {
            let (r, w) = s[i] < 0x80 ? (UInt32(s[i]), 1) : GoStrconv.decodeRune(s[i...])
            guard let scalar = Unicode.Scalar(r), GoUnicode.isLetter(scalar) || GoUnicode.isDigit(scalar) || scalar == "_" else { break }
            i += w
        }
        if i == s.startIndex { return nil }
        let nameBytes = s[s.startIndex..<i]
        if brace {
            if i >= s.endIndex || s[i] != UInt8(ascii: "}") { return nil }
            i += 1
        }
        var num = 0
        for c in nameBytes {
            if c < UInt8(ascii: "0") || c > UInt8(ascii: "9") || num >= 100_000_000 {
                num = -1
                break
            }
            num = num * 10 + Int(c - UInt8(ascii: "0"))
        }
        if nameBytes.first == UInt8(ascii: "0") && nameBytes.count > 1 { num = -1 }
        return (GoStrings.string(nameBytes), num, s[i...])
    }
}

extension GoRegexp {
    /// `FindStringSubmatch`: the match and its groups ("" for groups that did not take part); nil without a match.
    public func findSubmatch(_ s: String) throws(GoRegexpTextTooLong) -> [String]? {
        let input = Input(bytes: Array(s.utf8))
        guard let m = try execute(input, from: 0) else { return nil }
        return Self.groups(m, input)
    }

    /// `FindAllStringSubmatch(s, -1)`.
    public func findAllSubmatches(_ s: String) throws(GoRegexpTextTooLong) -> [[String]] {
        let input = Input(bytes: Array(s.utf8))
        return try allMatches(input, -1).map { Self.groups($0, input) }
    }

    private static func groups(_ m: [Int], _ input: Input) -> [String] {
        stride(from: 0, to: m.count, by: 2).map { i in
            m[i] >= 0 && m[i + 1] >= m[i] ? GoStrings.string(input.bytes[m[i]..<m[i + 1]]) : ""
        }
    }
}

/// The text is longer than the backtracker may search with this expression (Go would switch
/// engines instead; kalc refuses the input).
public struct GoRegexpTextTooLong: Error, Sendable {
    /// Why the search was refused, in words.
    public var reason: String { "the text is too long for this regular expression" }
}

/// A sparse set of instruction indices: which instructions a step has visited, and the
/// rune-reading ones in the order they were reached.
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
