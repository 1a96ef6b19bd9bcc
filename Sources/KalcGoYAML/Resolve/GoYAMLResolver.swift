import KalcGo

/// The value a scalar resolves to: the resolver functions of yaml.v2 and yaml.v3
/// (`resolve.go`), which decide what a plain scalar means.
public enum GoYAMLResolved: Equatable, Sendable {
    case null
    case bool(Bool)
    /// Go's `int`: every integer in the int64 range (Go's int is 64-bit).
    case int(Int)
    case uint64(UInt64)
    case float(Double)
    /// A timestamp: decoded into `interface{}` it stays the original string.
    case timestamp
    case string(String)

    public static func == (lhs: GoYAMLResolved, rhs: GoYAMLResolved) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null), (.timestamp, .timestamp): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.uint64(a), .uint64(b)): return a == b
        case let (.float(a), .float(b)): return a.bitPattern == b.bitPattern
        case let (.string(a), .string(b)): return a == b
        default: return false
        }
    }
}

/// The YAML tags the resolvers know, in yaml.v2's long form.
public enum GoYAMLTag {
    public static let prefix = "tag:yaml.org,2002:"
    public static let null = prefix + "null"
    public static let bool = prefix + "bool"
    public static let str = prefix + "str"
    public static let int = prefix + "int"
    public static let float = prefix + "float"
    public static let timestamp = prefix + "timestamp"
    public static let seq = prefix + "seq"
    public static let map = prefix + "map"
    public static let binary = prefix + "binary"
    public static let merge = prefix + "merge"

    /// yaml.v2's `shortTag`: `tag:yaml.org,2002:x` → `!!x`.
    public static func short(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}

public enum GoYAMLResolver {
    private enum Hint {
        case none, sign, digit, inMap, dot, empty
    }

    private static func hint(_ s: [UInt8]) -> Hint {
        guard let first = s.first else { return .empty }
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return .sign
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return .inMap
        case UInt8(ascii: "."): return .dot
        default: return .none
        }
    }

    /// yaml.v2's table of words with a fixed meaning (YAML 1.1 booleans included).
    private static let v2Words: [String: GoYAMLResolved] = {
        var words: [String: GoYAMLResolved] = [:]
        for w in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { words[w] = .bool(true) }
        for w in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { words[w] = .bool(false) }
        for w in ["", "~", "null", "Null", "NULL"] { words[w] = .null }
        for w in [".nan", ".NaN", ".NAN"] { words[w] = .float(.nan) }
        for w in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { words[w] = .float(.infinity) }
        for w in ["-.inf", "-.Inf", "-.INF"] { words[w] = .float(-.infinity) }
        return words
    }()

    /// yaml.v3's table: YAML 1.2 booleans only.
    private static let v3Words: Set<String> = [
        "true", "True", "TRUE", "false", "False", "FALSE", "", "~", "null", "Null", "NULL",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ]

    /// Integers and floats as yaml.v2 and yaml.v3 read them from a scalar starting with a
    /// digit or a sign (after the timestamp check); nil when it is neither.
    private static func number(_ s: [UInt8], octalO: Bool) -> GoYAMLResolved? {
        let plain = s.filter { $0 != UInt8(ascii: "_") }
        if let i = GoYAMLResolver.parseInt(plain) {
            return .int(Int(i))
        }
        if let u = GoYAMLResolver.parseUint(plain) {
            return .uint64(u)
        }
        if isYAMLStyleFloat(plain), let f = GoYAMLStrconv.parseDecimalFloat(plain) {
            return .float(f)
        }
        if plain.starts(with: Array("0b".utf8)) {
            if let i = GoYAMLResolver.parseInt(Array(plain.dropFirst(2)), base: 2) {
                return .int(Int(i))
            }
            if let u = GoYAMLResolver.parseUint(Array(plain.dropFirst(2)), base: 2) {
                return .uint64(u)
            }
        } else if plain.starts(with: Array("-0b".utf8)) {
            if let i = GoYAMLResolver.parseInt(Array("-".utf8) + plain.dropFirst(3), base: 2) {
                return .int(Int(i))
            }
        }
        if octalO {
            if plain.starts(with: Array("0o".utf8)) {
                if let i = GoYAMLResolver.parseInt(Array(plain.dropFirst(2)), base: 8) {
                    return .int(Int(i))
                }
                if let u = GoYAMLResolver.parseUint(Array(plain.dropFirst(2)), base: 8) {
                    return .uint64(u)
                }
            } else if plain.starts(with: Array("-0o".utf8)) {
                if let i = GoYAMLResolver.parseInt(Array("-".utf8) + plain.dropFirst(3), base: 8) {
                    return .int(Int(i))
                }
            }
        }
        return nil
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    public static func isYAMLStyleFloat(_ s: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < s.count && s[i] >= 0x30 && s[i] <= 0x39 {
                i += 1
            }
            return i - start
        }
        if i < s.count && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) {
            i += 1
        }
        if i < s.count && s[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if i < s.count && s[i] == UInt8(ascii: ".") {
                i += 1
                _ = digits()
            }
        }
        if i < s.count && (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
            i += 1
            if i < s.count && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) {
                i += 1
            }
            guard digits() > 0 else { return false }
        }
        return i == s.count
    }

    /// yaml.v2's `resolve(tag, in)` for the tags it can resolve; a tag it cannot resolve
    /// (`!!binary`, `!!map` on a scalar, local tags) leaves the text a string. Throws the
    /// "cannot decode" error yaml.v2 raises when an explicit tag does not fit the text.
    public static func resolveV2(tag: String, _ text: String) throws(GoYAMLError) -> (tag: String, value: GoYAMLResolved) {
        switch tag {
        case "", GoYAMLTag.str, GoYAMLTag.bool, GoYAMLTag.int, GoYAMLTag.float, GoYAMLTag.null, GoYAMLTag.timestamp:
            break
        default:
            return (tag, .string(text))
        }
        let (rtag, out) = plainV2(tag: tag, text)
        switch tag {
        case "", rtag, GoYAMLTag.str:
            return (rtag, out)
        case GoYAMLTag.float where rtag == GoYAMLTag.int:
            if case .int(let i) = out {
                return (GoYAMLTag.float, .float(Double(i)))
            }
        default:
            break
        }
        throw GoYAMLError(message: "yaml: cannot decode \(GoYAMLTag.short(rtag)) `\(text)` as a \(GoYAMLTag.short(tag))")
    }

    private static func plainV2(tag: String, _ text: String) -> (String, GoYAMLResolved) {
        let s = Array(text.utf8)
        let h = hint(s)
        guard h != .none && tag != GoYAMLTag.str else { return (GoYAMLTag.str, .string(text)) }
        if let word = v2Words[text] {
            return (tagOf(word), word)
        }
        switch h {
        case .dot:
            if let f = GoYAMLStrconv.parseDecimalFloat(s) {
                return (GoYAMLTag.float, .float(f))
            }
        case .digit, .sign:
            if tag == "" || tag == GoYAMLTag.timestamp, GoYAMLTimestamp.isTimestamp(s) {
                return (GoYAMLTag.timestamp, .timestamp)
            }
            if let n = number(s, octalO: false) {
                return (tagOf(n), n)
            }
        default:
            break
        }
        return (GoYAMLTag.str, .string(text))
    }

    private static func tagOf(_ value: GoYAMLResolved) -> String {
        switch value {
        case .null: return GoYAMLTag.null
        case .bool: return GoYAMLTag.bool
        case .int, .uint64: return GoYAMLTag.int
        case .float: return GoYAMLTag.float
        case .timestamp: return GoYAMLTag.timestamp
        case .string: return GoYAMLTag.str
        }
    }

    /// Whether yaml.v3's `resolve("", s)` gives `!!str`, i.e. whether the text would read
    /// back as a string when written plain.
    public static func resolvesToStringV3(_ s: [UInt8]) -> Bool {
        let h = hint(s)
        guard h != .none else { return true }
        if v3Words.contains(String(decoding: s, as: UTF8.self)) {
            return false
        }
        switch h {
        case .dot:
            return GoYAMLStrconv.parseDecimalFloat(s) == nil
        case .digit, .sign:
            if GoYAMLTimestamp.isTimestamp(s) {
                return false
            }
            return number(s, octalO: true) == nil
        default:
            return true
        }
    }

    /// yaml.v3's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`,
    /// YAML 1.1 sexagesimal numbers, which yaml.v3 quotes for older parsers.
    public static func isBase60Float(_ s: [UInt8]) -> Bool {
        guard let first = s.first,
            first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39),
            s.contains(UInt8(ascii: ":"))
        else { return false }
        func isDigit(_ k: Int) -> Bool { k < s.count && s[k] >= 0x30 && s[k] <= 0x39 }
        var i = 0
        if s[0] == UInt8(ascii: "+") || s[0] == UInt8(ascii: "-") {
            i += 1
        }
        guard isDigit(i) else { return false }
        i += 1
        while isDigit(i) || (i < s.count && s[i] == UInt8(ascii: "_")) {
            i += 1
        }
        var groups = 0
        while i < s.count && s[i] == UInt8(ascii: ":") {
            i += 1
            guard isDigit(i) else { return false }
            if s[i] <= UInt8(ascii: "5") && isDigit(i + 1) {
                i += 2
            } else {
                i += 1
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < s.count && s[i] == UInt8(ascii: ".") {
            i += 1
            while isDigit(i) || (i < s.count && s[i] == UInt8(ascii: "_")) {
                i += 1
            }
        }
        return i == s.count
    }

    /// yaml.v3's `isOldBool`: YAML 1.1 boolean words, which yaml.v3 quotes.
    public static func isOldBool(_ s: String) -> Bool {
        switch s {
        case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF":
            return true
        default:
            return false
        }
    }

    /// `strconv.ParseInt(s, base, 64)`; nil on any error.
    private static func parseInt(_ s: [UInt8], base: Int = 0) -> Int64? {
        try? GoStrconv.parseInt(bytes: s[...], base: base).get()
    }

    /// `strconv.ParseUint(s, base, 64)`; nil on any error.
    private static func parseUint(_ s: [UInt8], base: Int = 0) -> UInt64? {
        try? GoStrconv.parseUint(bytes: s[...], base: base).get()
    }
}
