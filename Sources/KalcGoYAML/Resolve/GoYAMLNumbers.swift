import KalcGo

/// The part of Go's `strconv` package that yaml.v2 and yaml.v3 use to read numbers, with
/// Go's exact acceptance rules; they write them with `GoFloat.formatShortest`.
public enum GoYAMLStrconv {
    private static func lower(_ c: UInt8) -> UInt8 { c | 0x20 }

    /// `strconv.ParseFloat(s, 64)` for decimal input (what the YAML resolvers hand it);
    /// nil on a syntax error, on overflow to infinity, and for the hexadecimal and
    /// `Inf`/`NaN` spellings, which the resolvers never pass.
    public static func parseDecimalFloat(_ s: [UInt8]) -> Double? {
        var i = 0
        if i < s.count && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) {
            i += 1
        }
        if i + 2 < s.count && s[i] == UInt8(ascii: "0") && lower(s[i + 1]) == UInt8(ascii: "x") {
            return nil
        }
        var sawDot = false
        var sawDigits = false
        var underscores = false
        mantissa: while i < s.count {
            let c = s[i]
            switch c {
            case UInt8(ascii: "_"):
                underscores = true
            case UInt8(ascii: "."):
                if sawDot {
                    break mantissa
                }
                sawDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigits = true
            default:
                break mantissa
            }
            i += 1
        }
        guard sawDigits else { return nil }
        if i < s.count && lower(s[i]) == UInt8(ascii: "e") {
            i += 1
            guard i < s.count else { return nil }
            if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                i += 1
            }
            guard i < s.count, s[i] >= UInt8(ascii: "0"), s[i] <= UInt8(ascii: "9") else { return nil }
            while i < s.count && ((s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9")) || s[i] == UInt8(ascii: "_")) {
                if s[i] == UInt8(ascii: "_") {
                    underscores = true
                }
                i += 1
            }
        }
        guard i == s.count else { return nil }
        if underscores && !GoStrconv.underscoreOK(s) {
            return nil
        }
        let text = String(decoding: s.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
