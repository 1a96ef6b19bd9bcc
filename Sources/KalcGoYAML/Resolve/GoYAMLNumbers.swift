import KalcGo

/// The parts of Go's `strconv` package that yaml.v2 and yaml.v3 use to read and write
/// numbers, with Go's exact acceptance rules and output format.
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

    /// `strconv.FormatFloat(f, 'g', -1, 64)`: the shortest decimal that reads back as `f`,
    /// in exponent form when the decimal exponent is below -4 or at least 6 (`1e+06`,
    /// `1e-05`, `123456`, `0.0001`).
    public static func formatFloat(_ f: Double) -> String {
        if f.isNaN {
            return "NaN"
        }
        if f.isInfinite {
            return f < 0 ? "-Inf" : "+Inf"
        }
        let negative = f.sign == .minus
        let (digits, decimalPoint) = shortestDigits(abs(f))
        var out = negative ? "-" : ""
        let exponent = decimalPoint - 1
        if exponent < -4 || exponent >= 6 {
            out += formatExponent(digits, exponent: exponent)
        } else {
            out += formatFixed(digits, decimalPoint: decimalPoint)
        }
        return out
    }

    private static func formatExponent(_ digits: [UInt8], exponent: Int) -> String {
        var out = String(UnicodeScalar(digits[0]))
        if digits.count > 1 {
            out += "." + String(decoding: digits[1...], as: UTF8.self)
        }
        out += exponent < 0 ? "e-" : "e+"
        let magnitude = abs(exponent)
        out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        return out
    }

    private static func formatFixed(_ digits: [UInt8], decimalPoint: Int) -> String {
        var out = ""
        if decimalPoint > 0 {
            for k in 0..<decimalPoint {
                out.append(k < digits.count ? Character(UnicodeScalar(digits[k])) : "0")
            }
        } else {
            out = "0"
        }
        if digits.count > decimalPoint {
            out += "."
            for k in decimalPoint..<digits.count {
                out.append(k < 0 ? "0" : Character(UnicodeScalar(digits[k])))
            }
        }
        return out
    }

    /// The shortest round-tripping decimal digits of a finite, non-negative `f` and the
    /// position of the decimal point (value = 0.d1d2... × 10^decimalPoint).
    public static func shortestDigits(_ f: Double) -> (digits: [UInt8], decimalPoint: Int) {
        if f == 0 {
            return ([UInt8(ascii: "0")], 1)
        }
        // Swift's description is the shortest round-tripping representation, closest to
        // the exact value, like Go's; only its layout differs.
        let text = Array(f.description.utf8)
        var mantissa: [UInt8] = []
        var pointIndex: Int?
        var exponent = 0
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == UInt8(ascii: ".") {
                pointIndex = mantissa.count
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                let rest = String(decoding: text[(i + 1)...], as: UTF8.self)
                exponent = Int(rest.hasPrefix("+") ? String(rest.dropFirst()) : rest) ?? 0
                break
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                mantissa.append(c)
            }
            i += 1
        }
        var decimalPoint = (pointIndex ?? mantissa.count) + exponent
        while let first = mantissa.first, first == UInt8(ascii: "0") {
            mantissa.removeFirst()
            decimalPoint -= 1
        }
        while let last = mantissa.last, last == UInt8(ascii: "0") {
            mantissa.removeLast()
        }
        if mantissa.isEmpty {
            return ([UInt8(ascii: "0")], 1)
        }
        return (mantissa, decimalPoint)
    }
}
