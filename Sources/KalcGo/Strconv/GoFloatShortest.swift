/// The shortest form of `strconv.FormatFloat`, taken from Swift's own shortest
/// round-tripping description: the digits are the same as Go's, and reading them off the
/// description is much faster than the exact decimal `format` works with, which matters
/// where many numbers are written (YAML output, JSON values).
extension GoFloat {
    /// `strconv.FormatFloat(f, 'g', -1, 64)`: the shortest decimal that reads back as `f`,
    /// in exponent form when the decimal exponent is below -4 or at least 6 (`1e+06`,
    /// `1e-05`, `123456`, `0.0001`).
    public static func formatShortest(_ f: Double) -> String {
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
