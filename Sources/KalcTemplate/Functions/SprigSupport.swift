import KalcGo

/// Helpers shared by the sprig functions: sprig's conversions (`strval`, the v2 numeric
/// conversions, `empty`) and the Go runtime messages its panics produce.
enum Sprig {
    /// Go's message for a nil-pointer dereference (`reflect.TypeOf(nil).Kind()` and friends).
    static let nilDereference = "runtime error: invalid memory address or nil pointer dereference"

    /// `strval`: strings as they are, values with `String()` through it, the rest with `%v`.
    static func strval(_ v: GoValue) -> String {
        if case .string(let s) = v { return s }
        if let text = GoStringer.string(of: v) { return text }
        return GoFormat.string(of: v)
    }

    /// `reflect.Kind.String()` of the value's dynamic type.
    static func kindName(_ v: GoValue) -> String { v.kind.rawValue }

    /// The elements of a slice argument, or sprig's error for other types
    /// (`Cannot push on type string`; nil panics with a nil dereference).
    static func elements(_ v: GoValue, _ errorFormat: (String) -> String) throws(FunctionFailure) -> [GoValue] {
        switch v {
        case .nil: throw FunctionFailure(nilDereference)
        case .slice(let s): return s.elements
        default: throw FunctionFailure(errorFormat(kindName(v)))
        }
    }

    /// Go's `int64(f)` on amd64: truncation, and the minimum int64 for NaN and out-of-range values.
    static func truncatingInt64(_ f: Double) -> Int64 {
        guard f.isFinite, f > -9.223372036854775808e18 - 1, f < 9.223372036854775808e18 else { return Int64.min }
        return Int64(f)
    }

    /// sprig v2's `toInt64`: strings in base 10 (errors give 0), numbers converted, bools 0 or 1.
    static func toInt64(_ v: GoValue) -> Int64 {
        switch v {
        case .string(let s): return (try? GoStrconv.parseInt(s, base: 10)) ?? 0
        case .int(let i): return Int64(i)
        case .int64(let i): return i
        case .uint64(let u): return u > UInt64(Int64.max) ? Int64.max : Int64(u)
        case .float64(let f): return truncatingInt64(f)
        case .bool(let b): return b ? 1 : 0
        default: return 0
        }
    }

    /// sprig v2's `toFloat64`.
    static func toFloat64(_ v: GoValue) -> Double {
        switch v {
        case .string(let s): return (try? GoFloat.parse(s)) ?? 0
        case .int(let i): return Double(i)
        case .int64(let i): return Double(i)
        case .uint64(let u): return Double(u)
        case .float64(let f): return f
        case .bool(let b): return b ? 1 : 0
        default: return 0
        }
    }

    /// sprig's `empty`: the zero value of its type (structs are never empty).
    static func empty(_ v: GoValue) -> Bool {
        switch v {
        case .nil: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .int64(let i): return i == 0
        case .uint64(let u): return u == 0
        case .float64(let f): return f == 0
        case .string(let s): return s.isEmpty
        case .slice(let s): return s.elements.isEmpty
        case .map(let m): return m.entries.isEmpty
        case .structure(let s): return s.typeName.hasPrefix("*") ? false : false
        }
    }

    /// `reflect.DeepEqual` on kalc's values.
    static func deepEqual(_ a: GoValue, _ b: GoValue) -> Bool { a == b }

    /// An `[]interface{}` of the values.
    static func list(_ elements: [GoValue]) -> GoValue { .slice(GoSlice(elementType: .interface, elements: elements)) }

    /// A nil `[]interface{}`.
    static let nilList = GoValue.slice(GoSlice(elementType: .interface, elements: [], isNil: true))

    /// A `[]string` of the strings.
    static func stringList(_ strings: [String]) -> GoValue {
        .slice(GoSlice(elementType: .string, elements: strings.map { .string($0) }))
    }

    /// A `map[string]interface{}` of the entries.
    static func dict(_ entries: [String: GoValue]) -> GoValue {
        var map = GoMap(keyType: .string, valueType: .interface)
        for (key, value) in entries { map.entries[.string(key)] = value }
        return .map(map)
    }

    /// The string argument at `index` (signatures guarantee the type).
    static func string(_ args: [GoValue], _ index: Int) -> String {
        if case .string(let s) = args[index] { return s }
        return ""
    }

    /// The int argument at `index` (signatures guarantee the type).
    static func int(_ args: [GoValue], _ index: Int) -> Int {
        switch args[index] {
        case .int(let i): return i
        case .int64(let i): return Int(i)
        default: return 0
        }
    }

    /// The map argument at `index` (a nil map for nil).
    static func map(_ args: [GoValue], _ index: Int) -> GoMap {
        if case .map(let m) = args[index] { return m }
        return GoMap(keyType: .string, valueType: .interface, isNil: true)
    }

    /// The largest collection a function may build (Go has no bound; kalc needs one).
    static let maxElements = 1 << 20

    /// `s[low:high]` on the bytes of a Go string, with Go's panic messages.
    static func substring(_ s: String, _ low: Int?, _ high: Int?) throws(FunctionFailure) -> String {
        let bytes = Array(s.utf8)
        let lo = low ?? 0
        let hi = high ?? bytes.count
        if hi < 0 { throw FunctionFailure("runtime error: slice bounds out of range [:\(hi)]") }
        if hi > bytes.count {
            throw FunctionFailure("runtime error: slice bounds out of range [:\(hi)] with length \(bytes.count)")
        }
        if lo < 0 { throw FunctionFailure("runtime error: slice bounds out of range [\(lo):]") }
        if lo > hi { throw FunctionFailure("runtime error: slice bounds out of range [\(lo):\(hi)]") }
        return try exactString(bytes[lo..<hi])
    }

    /// The string of `bytes`, which must be valid UTF-8: Go keeps any bytes in a string (a
    /// cut multi-byte character, decoded binary data) and writes them out as they are, but
    /// kalc's strings are Unicode, so it refuses rather than write different bytes.
    static func exactString(_ bytes: some Collection<UInt8>) throws(FunctionFailure) -> String {
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw FunctionFailure.unsupported("the result is not valid UTF-8 (a multi-byte character cut apart, or binary data), and kalc cannot write such bytes exactly")
        }
        return string
    }
}
