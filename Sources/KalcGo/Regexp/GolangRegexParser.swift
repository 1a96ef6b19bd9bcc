/// Go's `regexp/syntax` parser for the Perl-like syntax `regexp.Compile` accepts (RE2),
/// with Go's error messages (`error parsing regexp: missing closing ): `(a``).

/// A parse error, printed as Go's `*syntax.Error`.
public struct GolangRegexError: Error, Sendable {
    public var code: String
    public var expression: String
    public var message: String { "error parsing regexp: \(code): `\(expression)`" }
    /// Set when the expression uses syntax kalc cannot evaluate (Unicode scripts).
    public var unsupported = false
}

/// A set of code points: ranges, Unicode general categories, and negation.
public struct GolangCharClass: Sendable {
    public enum Item: Sendable {
        case range(UInt32, UInt32)
        case categories(Set<Unicode.GeneralCategory>, negated: Bool)
        case any
    }
    public var items: [Item] = []
    public var negated = false
    /// Case-insensitive membership ((?i)).
    public var foldCase = false
    /// Nested classes (`\d`, `[:alpha:]`, `\pL` inside brackets), each with its own negation.
    public var members: [GolangCharClass] = []

    public func containsExactly(_ r: UInt32) -> Bool {
        for member in members where member.contains(r) { return true }
        for item in items {
            switch item {
            case .range(let lo, let hi): if r >= lo && r <= hi { return true }
            case .any: return true
            case .categories(let set, let negated):
                guard let scalar = Unicode.Scalar(r) else { if negated { return true } else { continue } }
                if set.contains(scalar.properties.generalCategory) != negated { return true }
            }
        }
        return false
    }

    public func contains(_ r: UInt32) -> Bool {
        var found = containsExactly(r)
        if !found && foldCase, let scalar = Unicode.Scalar(r) {
            for variant in GolangRegexFold.orbit(scalar) where variant.value != r && containsExactly(variant.value) {
                found = true
                break
            }
        }
        return found != negated
    }
}

/// Case folding for `(?i)`: the simple case variants of a character.
public enum GolangRegexFold {
    public static func orbit(_ r: Unicode.Scalar) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = [r]
        for variant in [GolangUnicode.toLower(r), GolangUnicode.toUpper(r), GolangUnicode.toTitle(r)] where !result.contains(variant) {
            result.append(variant)
        }
        // Characters whose lower case maps back to a different upper case (K and the Kelvin sign).
        let lower = GolangUnicode.toLower(r)
        for variant in [GolangUnicode.toUpper(lower), GolangUnicode.toTitle(lower)] where !result.contains(variant) {
            result.append(variant)
        }
        if r == "k" || r == "K" { result.append("\u{212A}") }
        if r == "s" || r == "S" { result.append("\u{017F}") }
        return result
    }

    public static func equal(_ a: UInt32, _ b: UInt32) -> Bool {
        if a == b { return true }
        guard let sa = Unicode.Scalar(a), let sb = Unicode.Scalar(b) else { return false }
        return orbit(sa).contains(sb)
    }
}

/// The syntax tree of a regular expression.
public indirect enum GolangRegexNode: Sendable {
    case empty
    case literal(UInt32, foldCase: Bool)
    case charClass(GolangCharClass)
    case anyChar
    case anyCharNotNL
    case beginLine, endLine, beginText, endText, wordBoundary, noWordBoundary
    case capture(index: Int, GolangRegexNode)
    case star(GolangRegexNode, nonGreedy: Bool)
    case plus(GolangRegexNode, nonGreedy: Bool)
    case quest(GolangRegexNode, nonGreedy: Bool)
    case `repeat`(GolangRegexNode, min: Int, max: Int, nonGreedy: Bool)
    case concat([GolangRegexNode])
    case alternate([GolangRegexNode])
    case noMatch
}

/// A recursive-descent parser over the expression's Unicode scalars.
public struct GolangRegexParser {
    public struct Flags {
        public var foldCase = false
        public var oneLine = true
        public var dotNL = false
        public var nonGreedy = false
    }

    private let s: [Unicode.Scalar]
    private let whole: String
    private var i = 0
    private var flags = Flags()
    private(set) var captureCount = 0
    private(set) var captureNames: [String] = [""]
    private var depth = 0

    public init(_ expression: String) {
        s = Array(expression.unicodeScalars)
        whole = expression
    }

    public static func parse(_ expression: String) throws(GolangRegexError) -> (GolangRegexNode, captureNames: [String]) {
        var parser = GolangRegexParser(expression)
        let node = try parser.parseAlternation()
        if parser.i < parser.s.count {
            // Only an unmatched ')' stops the top level.
            throw GolangRegexError(code: "unexpected )", expression: expression)
        }
        return (node, parser.captureNames)
    }

    private func text(_ from: Int, _ to: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: s[from..<min(to, s.count)])
        return String(view)
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < s.count ? s[i + offset] : nil }

    private mutating func parseAlternation() throws(GolangRegexError) -> GolangRegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > 1000 { throw GolangRegexError(code: "expression nests too deeply", expression: whole) }
        var branches = [try parseConcat()]
        while peek() == "|" {
            i += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    private mutating func parseConcat() throws(GolangRegexError) -> GolangRegexNode {
        var items: [GolangRegexNode] = []
        var lastRepeatStart: Int? = nil
        while let c = peek(), c != "|", c != ")" {
            let start = i
            switch c {
            case "*", "+", "?":
                i += 1
                var nonGreedy = flags.nonGreedy
                if peek() == "?" {
                    i += 1
                    nonGreedy.toggle()
                }
                if let last = lastRepeatStart { throw GolangRegexError(code: "invalid nested repetition operator", expression: text(last, i)) }
                guard let sub = items.popLast() else { throw GolangRegexError(code: "missing argument to repetition operator", expression: text(start, i)) }
                switch c {
                case "*": items.append(.star(sub, nonGreedy: nonGreedy))
                case "+": items.append(.plus(sub, nonGreedy: nonGreedy))
                default: items.append(.quest(sub, nonGreedy: nonGreedy))
                }
                lastRepeatStart = start
                continue
            case "{":
                if let (min, max, end) = parseRepeatBraces() {
                    i = end
                    var nonGreedy = flags.nonGreedy
                    if peek() == "?" {
                        i += 1
                        nonGreedy.toggle()
                    }
                    if min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max) {
                        throw GolangRegexError(code: "invalid repeat count", expression: text(start, end))
                    }
                    if let last = lastRepeatStart { throw GolangRegexError(code: "invalid nested repetition operator", expression: text(last, i)) }
                    guard let sub = items.popLast() else { throw GolangRegexError(code: "missing argument to repetition operator", expression: text(start, i)) }
                    let node = GolangRegexNode.repeat(sub, min: min, max: max, nonGreedy: nonGreedy)
                    if (min >= 2 || max >= 2) && !Self.repeatIsValid(node, 1000) {
                        throw GolangRegexError(code: "invalid repeat count", expression: text(start, i))
                    }
                    items.append(node)
                    lastRepeatStart = start
                    continue
                }
                i += 1
                items.append(.literal(UInt32(UInt8(ascii: "{")), foldCase: false))
            case "(":
                if peek(1) == "?" {
                    if let group = try parsePerlGroup() { items.append(group) }
                } else {
                    i += 1
                    captureCount += 1
                    let index = captureCount
                    captureNames.append("")
                    items.append(.capture(index: index, try parseGroupBody()))
                }
            case "^":
                i += 1
                items.append(flags.oneLine ? .beginText : .beginLine)
            case "$":
                i += 1
                items.append(flags.oneLine ? .endText : .endLine)
            case ".":
                i += 1
                items.append(flags.dotNL ? .anyChar : .anyCharNotNL)
            case "[":
                items.append(.charClass(try parseClass()))
            case "\\":
                if let node = try parseBackslash() {
                    for n in node { items.append(n) }
                }
            default:
                i += 1
                items.append(.literal(c.value, foldCase: flags.foldCase))
            }
            lastRepeatStart = nil
        }
        if items.isEmpty { return .empty }
        return items.count == 1 ? items[0] : .concat(items)
    }

    /// The body of a group after its opening; restores the flags on `)`.
    private mutating func parseGroupBody() throws(GolangRegexError) -> GolangRegexNode {
        let saved = flags
        let body = try parseAlternation()
        guard peek() == ")" else { throw GolangRegexError(code: "missing closing )", expression: whole) }
        i += 1
        flags = saved
        return body
    }

    private static func repeatIsValid(_ node: GolangRegexNode, _ limit: Int) -> Bool {
        var n = limit
        switch node {
        case .repeat(let sub, let min, let max, _):
            var m = max
            if m == 0 { return true }
            if m < 0 { m = min }
            if m > n { return false }
            if m > 0 { n /= m }
            return repeatIsValid(sub, n)
        case .capture(_, let sub), .star(let sub, _), .plus(let sub, _), .quest(let sub, _):
            return repeatIsValid(sub, n)
        case .concat(let subs), .alternate(let subs):
            return subs.allSatisfy { repeatIsValid($0, n) }
        default:
            return true
        }
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil when the braces are not a repetition (then `{` is literal).
    private func parseRepeatBraces() -> (Int, Int, Int)? {
        var j = i + 1
        func parseInt() -> Int? {
            guard j < s.count, s[j] >= "0", s[j] <= "9" else { return nil }
            if s[j] == "0" && j + 1 < s.count && s[j + 1] >= "0" && s[j + 1] <= "9" { return nil }
            var n = 0
            while j < s.count, s[j] >= "0", s[j] <= "9" {
                if n >= 100_000_000 { n = -1 } else if n >= 0 { n = n * 10 + Int(s[j].value - 48) }
                j += 1
            }
            return n
        }
        guard var min = parseInt(), j < s.count else { return nil }
        var max = min
        if s[j] == "," {
            j += 1
            guard j < s.count else { return nil }
            if s[j] == "}" {
                max = -1
            } else {
                guard let m = parseInt() else { return nil }
                max = m
                if max < 0 { min = -1 }
            }
        }
        guard j < s.count, s[j] == "}" else { return nil }
        return (min, max, j + 1)
    }

    /// `(?flags)`, `(?flags:re)`, `(?P<name>re)`.
    private mutating func parsePerlGroup() throws(GolangRegexError) -> GolangRegexNode? {
        let start = i
        if s.count - i > 4 && peek(2) == "P" && peek(3) == "<" {
            guard let end = s[i...].firstIndex(of: ">") else {
                throw GolangRegexError(code: "invalid named capture", expression: text(start, s.count))
            }
            let name = text(i + 4, end)
            let valid = !name.isEmpty && name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ($0 >= "0" && $0 <= "9"))) }
            if !valid { throw GolangRegexError(code: "invalid named capture", expression: text(start, end + 1)) }
            i = end + 1
            captureCount += 1
            let index = captureCount
            captureNames.append(name)
            return .capture(index: index, try parseGroupBody())
        }
        i += 2
        var newFlags = flags
        var negate = false
        var sawFlag = false
        while let c = peek() {
            i += 1
            switch c {
            case "i": newFlags.foldCase = !negate; sawFlag = true
            case "m": newFlags.oneLine = negate; sawFlag = true
            case "s": newFlags.dotNL = !negate; sawFlag = true
            case "U": newFlags.nonGreedy = !negate; sawFlag = true
            case "-":
                if negate { throw GolangRegexError(code: "invalid or unsupported Perl syntax", expression: text(start, i)) }
                negate = true
                sawFlag = false
            case ":", ")":
                if negate && !sawFlag { throw GolangRegexError(code: "invalid or unsupported Perl syntax", expression: text(start, i)) }
                if c == ":" {
                    let saved = flags
                    flags = newFlags
                    let body = try parseAlternation()
                    guard peek() == ")" else { throw GolangRegexError(code: "missing closing )", expression: whole) }
                    i += 1
                    flags = saved
                    return body
                }
                flags = newFlags
                return nil
            default:
                throw GolangRegexError(code: "invalid or unsupported Perl syntax", expression: text(start, i))
            }
        }
        throw GolangRegexError(code: "invalid or unsupported Perl syntax", expression: text(start, i))
    }

    // MARK: Escapes

    private static let perlClasses: [Unicode.Scalar: [ClosedRange<UInt32>]] = [
        "d": [0x30...0x39],
        "s": [0x9...0xA, 0xC...0xD, 0x20...0x20],
        "w": [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],
    ]

    private func perlClass(_ c: Unicode.Scalar) -> GolangCharClass? {
        let lower = Unicode.Scalar(c.value | 0x20) ?? c
        guard c.isASCII, let ranges = Self.perlClasses[lower] else { return nil }
        var cls = GolangCharClass(items: ranges.map { .range($0.lowerBound, $0.upperBound) })
        cls.negated = c != lower
        cls.foldCase = flags.foldCase
        return cls
    }

    private mutating func parseBackslash() throws(GolangRegexError) -> [GolangRegexNode]? {
        let start = i
        if let c = peek(1) {
            switch c {
            case "A": i += 2; return [.beginText]
            case "b": i += 2; return [.wordBoundary]
            case "B": i += 2; return [.noWordBoundary]
            case "z": i += 2; return [.endText]
            case "C": throw GolangRegexError(code: "invalid escape sequence", expression: text(start, start + 2))
            case "Q":
                i += 2
                var literals: [GolangRegexNode] = []
                while i < s.count {
                    if s[i] == "\\" && i + 1 < s.count && s[i + 1] == "E" {
                        i += 2
                        break
                    }
                    literals.append(.literal(s[i].value, foldCase: flags.foldCase))
                    i += 1
                }
                return literals
            case "p", "P":
                return [.charClass(try parseUnicodeClass())]
            default:
                if let cls = perlClass(c) {
                    i += 2
                    return [.charClass(cls)]
                }
            }
        }
        let r = try parseEscape()
        return [.literal(r, foldCase: flags.foldCase)]
    }

    private mutating func parseEscape() throws(GolangRegexError) -> UInt32 {
        let start = i
        i += 1
        guard let c = peek() else { throw GolangRegexError(code: "trailing backslash at end of expression", expression: "") }
        i += 1
        func fail() -> GolangRegexError { GolangRegexError(code: "invalid escape sequence", expression: text(start, i)) }
        func isOctal(_ x: Unicode.Scalar?) -> Bool { x.map { $0 >= "0" && $0 <= "7" } ?? false }
        switch c {
        case "1", "2", "3", "4", "5", "6", "7", "0":
            if c != "0" && !isOctal(peek()) { throw fail() }
            var r = c.value - 48
            for _ in 1..<3 {
                guard isOctal(peek()), let d = peek() else { break }
                r = r * 8 + d.value - 48
                i += 1
            }
            return r
        case "x":
            guard let first = peek() else { throw fail() }
            i += 1
            if first == "{" {
                var r: UInt32 = 0
                var digits = 0
                while true {
                    guard let d = peek() else { throw fail() }
                    i += 1
                    if d == "}" { break }
                    guard d.isASCII, let v = GolangStrconv.hexValue(UInt8(d.value)) else { throw fail() }
                    r = r * 16 + v
                    if r > 0x10FFFF { throw fail() }
                    digits += 1
                }
                if digits == 0 { throw fail() }
                return r
            }
            guard let second = peek() else { throw fail() }
            i += 1
            guard first.isASCII, second.isASCII, let x = GolangStrconv.hexValue(UInt8(first.value)),
                  let y = GolangStrconv.hexValue(UInt8(second.value)) else { throw fail() }
            return x * 16 + y
        case "a": return 7
        case "f": return 12
        case "n": return 10
        case "r": return 13
        case "t": return 9
        case "v": return 11
        default:
            if c.isASCII && !(c.properties.isAlphabetic || (c >= "0" && c <= "9")) { return c.value }
            throw fail()
        }
    }

    private static let categoryGroups: [String: Set<Unicode.GeneralCategory>] = [
        "L": [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter],
        "Lu": [.uppercaseLetter], "Ll": [.lowercaseLetter], "Lt": [.titlecaseLetter], "Lm": [.modifierLetter], "Lo": [.otherLetter],
        "M": [.nonspacingMark, .spacingMark, .enclosingMark],
        "Mn": [.nonspacingMark], "Mc": [.spacingMark], "Me": [.enclosingMark],
        "N": [.decimalNumber, .letterNumber, .otherNumber],
        "Nd": [.decimalNumber], "Nl": [.letterNumber], "No": [.otherNumber],
        "P": [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation],
        "Pc": [.connectorPunctuation], "Pd": [.dashPunctuation], "Ps": [.openPunctuation], "Pe": [.closePunctuation],
        "Pi": [.initialPunctuation], "Pf": [.finalPunctuation], "Po": [.otherPunctuation],
        "S": [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol],
        "Sm": [.mathSymbol], "Sc": [.currencySymbol], "Sk": [.modifierSymbol], "So": [.otherSymbol],
        "Z": [.spaceSeparator, .lineSeparator, .paragraphSeparator],
        "Zs": [.spaceSeparator], "Zl": [.lineSeparator], "Zp": [.paragraphSeparator],
        "C": [.control, .format, .privateUse, .surrogate],
        "Cc": [.control], "Cf": [.format], "Co": [.privateUse], "Cs": [.surrogate],
    ]

    /// Go's Unicode script names, which kalc cannot evaluate (Swift exposes no script property).
    private static let scripts: Set<String> = [
        "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah", "Batak",
        "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal", "Carian",
        "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform", "Cypriot",
        "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan", "Egyptian_Hieroglyphs",
        "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati", "Gunjala_Gondi",
        "Gurmukhi", "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Imperial_Aramaic",
        "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi", "Kannada", "Katakana",
        "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki", "Khudawadi", "Lao", "Latin", "Lepcha", "Limbu",
        "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani", "Makasar", "Malayalam", "Mandaic", "Manichaean",
        "Marchen", "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs",
        "Miao", "Modi", "Mongolian", "Mro", "Multani", "Myanmar", "Nabataean", "Nandinagari", "New_Tai_Lue", "Newa", "Nko",
        "Nushu", "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic", "Old_North_Arabian",
        "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic", "Old_Uyghur", "Oriya", "Osage",
        "Osmanya", "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang",
        "Runic", "Samaritan", "Saurashtra", "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian",
        "Sora_Sompeng", "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham",
        "Tai_Viet", "Takri", "Tamil", "Tangsa", "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta",
        "Toto", "Ugaritic", "Vai", "Vithkuqi", "Wancho", "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
    ]

    /// `\pN`, `\p{Name}`, `\PN`, `\P{^Name}`.
    private mutating func parseUnicodeClass() throws(GolangRegexError) -> GolangCharClass {
        let start = i
        var negated = s[i + 1] == "P"
        i += 2
        guard let c = peek() else { throw GolangRegexError(code: "invalid escape sequence", expression: text(start, i)) }
        var name: String
        if c != "{" {
            i += 1
            name = String(c)
        } else {
            guard let end = s[i...].firstIndex(of: "}") else {
                throw GolangRegexError(code: "invalid character class range", expression: text(start, s.count))
            }
            name = text(i + 1, end)
            i = end + 1
        }
        if name.hasPrefix("^") {
            negated.toggle()
            name = String(name.dropFirst())
        }
        var cls = GolangCharClass()
        if name == "Any" {
            cls.items = [.any]
        } else if let set = Self.categoryGroups[name] {
            cls.items = [.categories(set, negated: false)]
        } else if Self.scripts.contains(name) {
            var error = GolangRegexError(code: "Unicode script classes are not supported", expression: text(start, i))
            error.unsupported = true
            throw error
        } else {
            throw GolangRegexError(code: "invalid character class range", expression: text(start, i))
        }
        cls.negated = negated
        cls.foldCase = flags.foldCase
        return cls
    }

    // MARK: Character classes

    private static let posixClasses: [String: [ClosedRange<UInt32>]] = [
        "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A], "alpha": [0x41...0x5A, 0x61...0x7A], "ascii": [0x0...0x7F],
        "blank": [0x9...0x9, 0x20...0x20], "cntrl": [0x0...0x1F, 0x7F...0x7F], "digit": [0x30...0x39],
        "graph": [0x21...0x7E], "lower": [0x61...0x7A], "print": [0x20...0x7E],
        "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E], "space": [0x9...0xD, 0x20...0x20],
        "upper": [0x41...0x5A], "word": [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],
        "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
    ]

    private mutating func parseClass() throws(GolangRegexError) -> GolangCharClass {
        let start = i
        i += 1
        var result = GolangCharClass()
        result.foldCase = flags.foldCase
        if peek() == "^" {
            result.negated = true
            i += 1
        }
        var members: [GolangCharClass] = []
        var first = true
        while peek() != "]" || first {
            guard i < s.count else { throw GolangRegexError(code: "missing closing ]", expression: text(start, s.count)) }
            first = false
            if peek() == "[" && peek(1) == ":" {
                if let close = findPosixEnd() {
                    let name = text(i, close + 2)
                    var inner = String(name.dropFirst(2).dropLast(2))
                    var negated = false
                    if inner.hasPrefix("^") {
                        negated = true
                        inner.removeFirst()
                    }
                    guard let ranges = Self.posixClasses[inner] else {
                        throw GolangRegexError(code: "invalid character class range", expression: name)
                    }
                    var cls = GolangCharClass(items: ranges.map { .range($0.lowerBound, $0.upperBound) })
                    cls.negated = negated
                    cls.foldCase = flags.foldCase
                    members.append(cls)
                    i = close + 2
                    continue
                }
            }
            if peek() == "\\", let next = peek(1) {
                if next == "p" || next == "P" {
                    members.append(try parseUnicodeClass())
                    continue
                }
                if let cls = perlClass(next) {
                    i += 2
                    members.append(cls)
                    continue
                }
            }
            let rangeStart = i
            let lo = try parseClassChar(start)
            var hi = lo
            if peek() == "-", let after = peek(1), after != "]" {
                i += 1
                hi = try parseClassChar(start)
                if hi < lo { throw GolangRegexError(code: "invalid character class range", expression: text(rangeStart, i)) }
            }
            result.items.append(.range(lo, hi))
        }
        i += 1
        if !members.isEmpty {
            // Fold nested classes in as predicates.
            return GolangCharClass(items: result.items, negated: result.negated, foldCase: result.foldCase, members: members)
        }
        return result
    }

    private func findPosixEnd() -> Int? {
        var j = i + 2
        while j + 1 < s.count {
            if s[j] == ":" && s[j + 1] == "]" { return j }
            j += 1
        }
        return nil
    }

    private mutating func parseClassChar(_ classStart: Int) throws(GolangRegexError) -> UInt32 {
        guard let c = peek() else { throw GolangRegexError(code: "missing closing ]", expression: text(classStart, s.count)) }
        if c == "\\" { return try parseEscape() }
        i += 1
        return c.value
    }
}
