/// A port of Go's `regexp/syntax` parser (Perl flags): the same syntax accepted and
/// refused, with Go's error codes, repetition limit (1000), nesting limit (height 1000)
/// and size limits.
struct RegexParser {
    private enum StackItem {
        case node(RegexNode)
        case leftParen(savedFlags: RegexFlags, captureIndex: Int?)
        case verticalBar

        var node: RegexNode? {
            if case .node(let node) = self { return node }
            return nil
        }

        var isPseudo: Bool { node == nil }
    }

    /// Go's limits: maxHeight, maxSize (instructions in 128 MB) and maxRunes (runes in 128 MB).
    static let maxHeight = 1000
    static let maxSize: Int64 = (128 << 20) / 40
    static let maxRunes = (128 << 20) / 4

    private let pattern: [UInt8]
    private var flags: RegexFlags
    private var stack: [StackItem] = []
    private var numRegexp = 0
    private var numRunes = 0
    private var repeats: Int64 = 0
    private var trackingSize = false
    /// The names of the captures by number (`""` for the whole match and unnamed ones).
    private var captureNames: [String] = [""]

    private init(pattern: [UInt8], flags: RegexFlags) {
        self.pattern = pattern
        self.flags = flags
    }

    /// Parses a pattern as `regexp.Compile` does; also gives the captures' names by number
    /// (`SubexpNames`).
    static func parse(_ pattern: String) throws(RegexSyntaxError) -> (RegexNode, captureNames: [String]) {
        var parser = RegexParser(pattern: Array(pattern.utf8), flags: .perl)
        let node = try parser.run()
        return (node, parser.captureNames)
    }

    private mutating func openCapture(named name: String) {
        stack.append(.leftParen(savedFlags: flags, captureIndex: captureNames.count))
        captureNames.append(name)
        numRegexp += 1
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: pattern[range], as: UTF8.self)
    }

    private func fail(_ code: String, _ range: Range<Int>) -> RegexSyntaxError {
        RegexSyntaxError(code: code, expression: text(range))
    }

    private var whole: String { text(0..<pattern.count) }

    // MARK: Node creation and limits

    private mutating func make(_ operation: RegexNode.Operation, _ children: [RegexNode] = []) throws(RegexSyntaxError) -> RegexNode {
        numRegexp += 1
        let node = RegexNode(operation, children)
        try checkLimits(node)
        return node
    }

    private mutating func checkLimits(_ node: RegexNode) throws(RegexSyntaxError) {
        if numRunes > RegexParser.maxRunes {
            throw RegexSyntaxError(code: RegexSyntaxError.internalError, expression: whole)
        }
        if !trackingSize {
            if repeats == 0 { repeats = 1 }
            if case .repeat(let min, let max) = node.operation {
                var n = max == -1 ? min : max
                if n <= 0 { n = 1 }
                if Int64(n) > RegexParser.maxSize / repeats {
                    repeats = RegexParser.maxSize
                } else {
                    repeats *= Int64(n)
                }
            }
            if Int64(numRegexp) >= RegexParser.maxSize / repeats { trackingSize = true }
        }
        if trackingSize && node.size > RegexParser.maxSize {
            throw RegexSyntaxError(code: RegexSyntaxError.internalError, expression: whole)
        }
        if numRegexp >= RegexParser.maxHeight && node.height > RegexParser.maxHeight {
            throw RegexSyntaxError(code: RegexSyntaxError.nestingDepth, expression: whole)
        }
    }

    private mutating func push(_ node: RegexNode) {
        if case .literal(let runes, _) = node.operation { numRunes += runes.count }
        if case .charClass(let runes) = node.operation { numRunes += runes.count }
        stack.append(.node(node))
    }

    private mutating func pushNew(_ operation: RegexNode.Operation, _ children: [RegexNode] = []) throws(RegexSyntaxError) {
        let node = try make(operation, children)
        push(node)
    }

    private mutating func literal(_ rune: UInt32) throws(RegexSyntaxError) {
        let foldCase = flags.contains(.foldCase)
        try pushNew(.literal([foldCase ? RegexParser.minFoldRune(rune) : rune], foldCase: foldCase))
    }

    static func minFoldRune(_ rune: UInt32) -> UInt32 {
        guard rune >= UnicodeClassTables.minFold && rune <= UnicodeClassTables.maxFold else { return rune }
        var minimum = rune
        var r = UnicodeClassTables.simpleFold(rune)
        while r != rune {
            minimum = min(minimum, r)
            r = UnicodeClassTables.simpleFold(r)
        }
        return minimum
    }

    // MARK: Parsing

    private mutating func run() throws(RegexSyntaxError) -> RegexNode {
        var i = 0
        var lastRepeat: Int? = nil  // start of the previous repetition operator
        while i < pattern.count {
            var repeatStart: Int? = nil
            switch pattern[i] {
            case UInt8(ascii: "("):
                if i + 1 < pattern.count && pattern[i + 1] == UInt8(ascii: "?") {
                    i = try parsePerlFlags(i)
                    break
                }
                openCapture(named: "")
                i += 1
            case UInt8(ascii: "|"):
                try parseVerticalBar()
                i += 1
            case UInt8(ascii: ")"):
                try parseRightParen()
                i += 1
            case UInt8(ascii: "^"):
                try pushNew(flags.contains(.oneLine) ? .beginText : .beginLine)
                i += 1
            case UInt8(ascii: "$"):
                try pushNew(flags.contains(.oneLine) ? .endText : .endLine)
                i += 1
            case UInt8(ascii: "."):
                try pushNew(flags.contains(.dotNL) ? .anyChar : .anyCharNotNL)
                i += 1
            case UInt8(ascii: "["):
                i = try parseClass(i)
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                let operation: RegexNode.Operation
                switch pattern[i] {
                case UInt8(ascii: "*"): operation = .star
                case UInt8(ascii: "+"): operation = .plus
                default: operation = .quest
                }
                let after = try applyRepeat(operation, before: i, after: i + 1, lastRepeat: lastRepeat)
                repeatStart = i
                i = after
            case UInt8(ascii: "{"):
                guard let (min, max, after) = parseRepeat(i) else {
                    try literal(UInt32(UInt8(ascii: "{")))
                    i += 1
                    break
                }
                if min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max) {
                    throw fail(RegexSyntaxError.invalidRepeatSize, i..<after)
                }
                let next = try applyRepeat(.repeat(min: min, max: max), before: i, after: after, lastRepeat: lastRepeat)
                repeatStart = i
                i = next
            case UInt8(ascii: "\\"):
                i = try parseBackslash(i)
            default:
                let (rune, width) = decodeRune(at: i)
                try literal(rune)
                i += width
            }
            lastRepeat = repeatStart
        }
        try concat()
        if swapVerticalBar() { stack.removeLast() }
        try alternate()
        guard stack.count == 1, let root = stack[0].node else {
            throw RegexSyntaxError(code: RegexSyntaxError.missingParen, expression: whole)
        }
        return root
    }

    private func decodeRune(at index: Int) -> (UInt32, Int) {
        let (scalar, width) = GoUTF8.decodeRune(pattern, at: index)
        return (scalar.value, width)
    }

    private mutating func parseBackslash(_ start: Int) throws(RegexSyntaxError) -> Int {
        if start + 1 < pattern.count {
            switch pattern[start + 1] {
            case UInt8(ascii: "A"):
                try pushNew(.beginText)
                return start + 2
            case UInt8(ascii: "b"):
                try pushNew(.wordBoundary)
                return start + 2
            case UInt8(ascii: "B"):
                try pushNew(.noWordBoundary)
                return start + 2
            case UInt8(ascii: "C"):
                throw fail(RegexSyntaxError.invalidEscape, start..<(start + 2))
            case UInt8(ascii: "Q"):
                var end = pattern.count
                var resume = pattern.count
                var j = start + 2
                while j + 1 < pattern.count {
                    if pattern[j] == UInt8(ascii: "\\") && pattern[j + 1] == UInt8(ascii: "E") {
                        end = j
                        resume = j + 2
                        break
                    }
                    j += 1
                }
                var k = start + 2
                while k < end {
                    let (rune, width) = decodeRune(at: k)
                    try literal(rune)
                    k += width
                }
                return resume
            case UInt8(ascii: "z"):
                try pushNew(.endText)
                return start + 2
            default:
                break
            }
        }
        if start + 1 < pattern.count && (pattern[start + 1] == UInt8(ascii: "p") || pattern[start + 1] == UInt8(ascii: "P")) {
            var runes: [UInt32] = []
            if let rest = try parseUnicodeClass(start, into: &runes) {
                try pushNew(.charClass(runes))
                return rest
            }
        }
        var runes: [UInt32] = []
        if let rest = parsePerlClassEscape(start, into: &runes) {
            try pushNew(.charClass(runes))
            return rest
        }
        numRegexp += 1
        let (rune, rest) = try parseEscape(start)
        try literal(rune)
        return rest
    }

    /// Parses `{min}`, `{min,}` or `{min,max}` at `start`; `min` is -1 when a number is too big.
    private func parseRepeat(_ start: Int) -> (Int, Int, Int)? {
        var i = start + 1
        guard let (min, afterMin) = parseInt(i) else { return nil }
        i = afterMin
        guard i < pattern.count else { return nil }
        var minimum = min
        var maximum: Int
        if pattern[i] != UInt8(ascii: ",") {
            maximum = min
        } else {
            i += 1
            guard i < pattern.count else { return nil }
            if pattern[i] == UInt8(ascii: "}") {
                maximum = -1
            } else {
                guard let (max, afterMax) = parseInt(i) else { return nil }
                i = afterMax
                maximum = max
                if max < 0 { minimum = -1 }
            }
        }
        guard i < pattern.count, pattern[i] == UInt8(ascii: "}") else { return nil }
        return (minimum, maximum, i + 1)
    }

    /// A decimal integer without leading zeros; -1 when it reaches 10⁸.
    private func parseInt(_ start: Int) -> (Int, Int)? {
        guard start < pattern.count, pattern[start] >= 0x30, pattern[start] <= 0x39 else { return nil }
        if start + 1 < pattern.count && pattern[start] == 0x30 && pattern[start + 1] >= 0x30 && pattern[start + 1] <= 0x39 {
            return nil
        }
        var i = start
        while i < pattern.count && pattern[i] >= 0x30 && pattern[i] <= 0x39 { i += 1 }
        var n = 0
        for j in start..<i {
            if n >= 100_000_000 {
                n = -1
                break
            }
            n = n * 10 + Int(pattern[j] - 0x30)
        }
        return (n, i)
    }

    /// Replaces the top of the stack with its repetition; returns where parsing resumes.
    private mutating func applyRepeat(_ operation: RegexNode.Operation, before: Int, after: Int, lastRepeat: Int?) throws(RegexSyntaxError) -> Int {
        var after = after
        var nonGreedy = flags.contains(.nonGreedy)
        if flags.contains(.perlX) {
            if after < pattern.count && pattern[after] == UInt8(ascii: "?") {
                after += 1
                nonGreedy.toggle()
            }
            if let lastRepeat {
                throw fail(RegexSyntaxError.invalidRepeatOp, lastRepeat..<after)
            }
        }
        guard let top = stack.last, let sub = top.node else {
            throw fail(RegexSyntaxError.missingRepeatArgument, before..<after)
        }
        let node = try make(operation, [sub])
        node.nonGreedy = nonGreedy
        stack[stack.count - 1] = .node(node)
        if case .repeat(let min, let max) = operation, min >= 2 || max >= 2, !RegexParser.repeatIsValid(node, 1000) {
            throw fail(RegexSyntaxError.invalidRepeatSize, before..<after)
        }
        return after
    }

    /// Whether nested repetitions multiply to at most `n` copies of the innermost expression.
    private static func repeatIsValid(_ node: RegexNode, _ limit: Int) -> Bool {
        var n = limit
        if case .repeat(let min, let max) = node.operation {
            var m = max
            if m == 0 { return true }
            if m < 0 { m = min }
            if m > n { return false }
            if m > 0 { n /= m }
        }
        return node.children.allSatisfy { repeatIsValid($0, n) }
    }

    private mutating func concat() throws(RegexSyntaxError) {
        var i = stack.count
        while i > 0 && !stack[i - 1].isPseudo { i -= 1 }
        let subs = stack[i...].compactMap(\.node)
        stack.removeSubrange(i...)
        if subs.isEmpty {
            try pushNew(.emptyMatch)
        } else {
            push(try collapse(subs, isConcat: true))
        }
    }

    private mutating func alternate() throws(RegexSyntaxError) {
        var i = stack.count
        while i > 0 && !stack[i - 1].isPseudo { i -= 1 }
        let subs = stack[i...].compactMap(\.node)
        stack.removeSubrange(i...)
        if subs.isEmpty {
            try pushNew(.noMatch)
        } else {
            push(try collapse(subs, isConcat: false))
        }
    }

    /// One node for several; nested nodes of the same kind are flattened.
    private mutating func collapse(_ subs: [RegexNode], isConcat: Bool) throws(RegexSyntaxError) -> RegexNode {
        if subs.count == 1 { return subs[0] }
        var children: [RegexNode] = []
        for sub in subs {
            switch (sub.operation, isConcat) {
            case (.concat, true), (.alternate, false):
                children.append(contentsOf: sub.children)
            default:
                children.append(sub)
            }
        }
        return try make(isConcat ? .concat : .alternate, children)
    }

    private mutating func parseVerticalBar() throws(RegexSyntaxError) {
        try concat()
        if !swapVerticalBar() {
            stack.append(.verticalBar)
            numRegexp += 1
        }
    }

    /// Go's `swapVerticalBar`: keeps a pending `|` on top of the stack.
    private mutating func swapVerticalBar() -> Bool {
        let n = stack.count
        if n >= 3, case .verticalBar = stack[n - 2], let above = stack[n - 1].node, let below = stack[n - 3].node,
            above.isCharClassLike, below.isCharClassLike
        {
            stack[n - 3] = .node(RegexNode(.alternate, [below, above]))
            stack.removeLast()
            return true
        }
        if n >= 2, case .verticalBar = stack[n - 2] {
            let top = stack[n - 1]
            stack[n - 2] = top
            stack[n - 1] = .verticalBar
            return true
        }
        return false
    }

    private mutating func parseRightParen() throws(RegexSyntaxError) {
        try concat()
        if swapVerticalBar() { stack.removeLast() }
        try alternate()
        let n = stack.count
        guard n >= 2, let inner = stack[n - 1].node, case .leftParen(let savedFlags, let captureIndex) = stack[n - 2] else {
            throw RegexSyntaxError(code: RegexSyntaxError.unexpectedParen, expression: whole)
        }
        stack.removeLast(2)
        flags = savedFlags
        if let captureIndex {
            let capture = try make(.capture, [inner])
            capture.captureIndex = captureIndex
            push(capture)
        } else {
            push(inner)
        }
    }

    /// Parses `(?flags)`, `(?flags:`, `(?:` or `(?P<name>` at `start`; returns where parsing resumes.
    private mutating func parsePerlFlags(_ start: Int) throws(RegexSyntaxError) -> Int {
        let t = start
        if pattern.count - t > 4 && pattern[t + 2] == UInt8(ascii: "P") && pattern[t + 3] == UInt8(ascii: "<") {
            guard let end = pattern[t...].firstIndex(of: UInt8(ascii: ">")) else {
                throw fail(RegexSyntaxError.invalidNamedCapture, start..<pattern.count)
            }
            let name = pattern[(t + 4)..<end]
            let valid =
                !name.isEmpty
                && name.allSatisfy { c in
                    c == UInt8(ascii: "_") || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                }
            guard valid else { throw fail(RegexSyntaxError.invalidNamedCapture, t..<(end + 1)) }
            openCapture(named: String(decoding: name, as: UTF8.self))
            return end + 1
        }
        var i = t + 2
        var newFlags = flags
        var negated = false
        var sawFlag = false
        while i < pattern.count {
            let (c, width) = decodeRune(at: i)
            i += width
            switch c {
            case UInt32(UInt8(ascii: "i")):
                if negated { newFlags.remove(.foldCase) } else { newFlags.insert(.foldCase) }
                sawFlag = true
            case UInt32(UInt8(ascii: "m")):
                if negated { newFlags.insert(.oneLine) } else { newFlags.remove(.oneLine) }
                sawFlag = true
            case UInt32(UInt8(ascii: "s")):
                if negated { newFlags.remove(.dotNL) } else { newFlags.insert(.dotNL) }
                sawFlag = true
            case UInt32(UInt8(ascii: "U")):
                if negated { newFlags.remove(.nonGreedy) } else { newFlags.insert(.nonGreedy) }
                sawFlag = true
            case UInt32(UInt8(ascii: "-")):
                if negated { throw fail(RegexSyntaxError.invalidPerlOp, start..<i) }
                negated = true
                sawFlag = false
            case UInt32(UInt8(ascii: ":")), UInt32(UInt8(ascii: ")")):
                if negated && !sawFlag { throw fail(RegexSyntaxError.invalidPerlOp, start..<i) }
                if c == UInt32(UInt8(ascii: ":")) {
                    stack.append(.leftParen(savedFlags: flags, captureIndex: nil))
                    numRegexp += 1
                }
                flags = newFlags
                return i
            default:
                throw fail(RegexSyntaxError.invalidPerlOp, start..<i)
            }
        }
        throw fail(RegexSyntaxError.invalidPerlOp, start..<i)
    }

    /// Parses an escape standing for one rune (`\n`, `\x41`, `\101`, `\.`); returns it and where parsing resumes.
    private func parseEscape(_ start: Int) throws(RegexSyntaxError) -> (UInt32, Int) {
        var i = start + 1
        guard i < pattern.count else { throw RegexSyntaxError(code: RegexSyntaxError.trailingBackslash, expression: "") }
        let (c, width) = decodeRune(at: i)
        i += width
        func isOctal(_ at: Int) -> Bool { at < pattern.count && pattern[at] >= 0x30 && pattern[at] <= 0x37 }
        switch c {
        case 0x31...0x37 where isOctal(i), 0x30:
            var r = c - 0x30
            for _ in 1..<3 {
                guard isOctal(i) else { break }
                r = r * 8 + UInt32(pattern[i] - 0x30)
                i += 1
            }
            return (r, i)
        case UInt32(UInt8(ascii: "x")):
            guard i < pattern.count else { break }
            let (c1, w1) = decodeRune(at: i)
            i += w1
            if c1 == UInt32(UInt8(ascii: "{")) {
                var digits = 0
                var r: UInt32 = 0
                while true {
                    guard i < pattern.count else { throw fail(RegexSyntaxError.invalidEscape, start..<i) }
                    let (d, w) = decodeRune(at: i)
                    i += w
                    if d == UInt32(UInt8(ascii: "}")) { break }
                    guard let v = RegexParser.unhex(d) else { throw fail(RegexSyntaxError.invalidEscape, start..<i) }
                    r = r * 16 + v
                    if r > 0x10FFFF { throw fail(RegexSyntaxError.invalidEscape, start..<i) }
                    digits += 1
                }
                guard digits > 0 else { throw fail(RegexSyntaxError.invalidEscape, start..<i) }
                return (r, i)
            }
            guard i < pattern.count else { throw fail(RegexSyntaxError.invalidEscape, start..<i) }
            let (c2, w2) = decodeRune(at: i)
            i += w2
            guard let x = RegexParser.unhex(c1), let y = RegexParser.unhex(c2) else { break }
            return (x * 16 + y, i)
        case UInt32(UInt8(ascii: "a")): return (0x07, i)
        case UInt32(UInt8(ascii: "f")): return (0x0C, i)
        case UInt32(UInt8(ascii: "n")): return (0x0A, i)
        case UInt32(UInt8(ascii: "r")): return (0x0D, i)
        case UInt32(UInt8(ascii: "t")): return (0x09, i)
        case UInt32(UInt8(ascii: "v")): return (0x0B, i)
        default:
            let isAlphanumeric = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            if c < 0x80 && !isAlphanumeric { return (c, i) }
        }
        throw fail(RegexSyntaxError.invalidEscape, start..<i)
    }

    private static func unhex(_ c: UInt32) -> UInt32? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }

    private func appendGroup(_ runes: inout [UInt32], sign: Int, _ group: [UInt32]) {
        if !flags.contains(.foldCase) {
            if sign < 0 {
                RegexCharacterClass.appendNegatedClass(&runes, group)
            } else {
                RegexCharacterClass.appendClass(&runes, group)
            }
        } else {
            var folded: [UInt32] = []
            RegexCharacterClass.appendFoldedClass(&folded, group)
            let clean = RegexCharacterClass.clean(folded)
            if sign < 0 {
                RegexCharacterClass.appendNegatedClass(&runes, clean)
            } else {
                RegexCharacterClass.appendClass(&runes, clean)
            }
        }
    }

    /// `\d \s \w` and negations at `start`; returns where parsing resumes, or nil when absent.
    private func parsePerlClassEscape(_ start: Int, into runes: inout [UInt32]) -> Int? {
        guard flags.contains(.perlX), start + 1 < pattern.count, pattern[start] == UInt8(ascii: "\\") else { return nil }
        guard let group = RegexCharacterClass.perlGroups[text(start..<(start + 2))] else { return nil }
        appendGroup(&runes, sign: group.sign, group.class)
        return start + 2
    }

    /// `[:alpha:]` and the like at `start`; returns where parsing resumes, or nil when absent.
    private func parseNamedClass(_ start: Int, into runes: inout [UInt32]) throws(RegexSyntaxError) -> Int? {
        guard start + 1 < pattern.count, pattern[start] == UInt8(ascii: "["), pattern[start + 1] == UInt8(ascii: ":") else { return nil }
        var j = start + 2
        var end: Int? = nil
        while j + 1 < pattern.count {
            if pattern[j] == UInt8(ascii: ":") && pattern[j + 1] == UInt8(ascii: "]") {
                end = j + 2
                break
            }
            j += 1
        }
        guard let end else { return nil }
        let name = text(start..<end)
        guard let group = RegexCharacterClass.posixGroups[name] else {
            throw RegexSyntaxError(code: RegexSyntaxError.invalidCharRange, expression: name)
        }
        appendGroup(&runes, sign: group.sign, group.class)
        return end
    }

    /// `\pL`, `\p{Greek}`, `\P{^Lu}` at `start`; returns where parsing resumes, or nil when absent.
    private func parseUnicodeClass(_ start: Int, into runes: inout [UInt32]) throws(RegexSyntaxError) -> Int? {
        guard flags.contains(.unicodeGroups), start + 1 < pattern.count, pattern[start] == UInt8(ascii: "\\"),
            pattern[start + 1] == UInt8(ascii: "p") || pattern[start + 1] == UInt8(ascii: "P")
        else { return nil }
        var sign = pattern[start + 1] == UInt8(ascii: "P") ? -1 : 1
        var i = start + 2
        var c: UInt32 = 0xFFFD
        if i < pattern.count {
            let (rune, width) = decodeRune(at: i)
            c = rune
            i += width
        }
        var name: String
        let sequence: Range<Int>
        if c != UInt32(UInt8(ascii: "{")) {
            sequence = start..<i
            name = text((start + 2)..<i)
        } else {
            guard let end = pattern[start...].firstIndex(of: UInt8(ascii: "}")) else {
                throw fail(RegexSyntaxError.invalidCharRange, start..<pattern.count)
            }
            sequence = start..<(end + 1)
            name = text((start + 3)..<end)
            i = end + 1
        }
        if name.hasPrefix("^") {
            sign = -sign
            name.removeFirst()
        }
        guard let (table, fold) = UnicodeClassTables.table(named: name) else {
            throw fail(RegexSyntaxError.invalidCharRange, sequence)
        }
        if !flags.contains(.foldCase) || fold == nil {
            if sign > 0 && runes.isEmpty {
                runes = table
            } else if sign > 0 {
                RegexCharacterClass.appendClass(&runes, table)
            } else {
                RegexCharacterClass.appendNegatedTable(&runes, table)
            }
        } else {
            var merged = table
            merged.append(contentsOf: fold ?? [])
            let clean = RegexCharacterClass.clean(merged)
            if sign > 0 {
                RegexCharacterClass.appendClass(&runes, clean)
            } else {
                RegexCharacterClass.appendNegatedClass(&runes, clean)
            }
        }
        return i
    }

    /// Parses a bracketed class at `start`; returns where parsing resumes.
    private mutating func parseClass(_ start: Int) throws(RegexSyntaxError) -> Int {
        var t = start + 1
        var runes: [UInt32] = []
        var negated = false
        if t < pattern.count && pattern[t] == UInt8(ascii: "^") {
            negated = true
            t += 1
            if !flags.contains(.classNL) { runes.append(contentsOf: [0x0A, 0x0A]) }
        }
        var first = true
        while t >= pattern.count || pattern[t] != UInt8(ascii: "]") || first {
            first = false
            if pattern.count - t > 2 && pattern[t] == UInt8(ascii: "[") && pattern[t + 1] == UInt8(ascii: ":") {
                if let rest = try parseNamedClass(t, into: &runes) {
                    t = rest
                    continue
                }
            }
            if let rest = try parseUnicodeClass(t, into: &runes) {
                t = rest
                continue
            }
            if let rest = parsePerlClassEscape(t, into: &runes) {
                t = rest
                continue
            }
            let rangeStart = t
            let (lo, afterLo) = try parseClassChar(t, classStart: start)
            t = afterLo
            var hi = lo
            if pattern.count - t >= 2 && pattern[t] == UInt8(ascii: "-") && pattern[t + 1] != UInt8(ascii: "]") {
                t += 1
                let (high, afterHi) = try parseClassChar(t, classStart: start)
                t = afterHi
                hi = high
                if hi < lo { throw fail(RegexSyntaxError.invalidCharRange, rangeStart..<t) }
            }
            if flags.contains(.foldCase) {
                RegexCharacterClass.appendFoldedRange(&runes, lo, hi)
            } else {
                RegexCharacterClass.appendRange(&runes, lo, hi)
            }
        }
        t += 1
        var clean = RegexCharacterClass.clean(runes)
        if negated { clean = RegexCharacterClass.negate(clean) }
        try pushNew(.charClass(clean))
        return t
    }

    private func parseClassChar(_ at: Int, classStart: Int) throws(RegexSyntaxError) -> (UInt32, Int) {
        guard at < pattern.count else { throw fail(RegexSyntaxError.missingBracket, classStart..<pattern.count) }
        if pattern[at] == UInt8(ascii: "\\") { return try parseEscape(at) }
        let (rune, width) = decodeRune(at: at)
        return (rune, at + width)
    }
}
