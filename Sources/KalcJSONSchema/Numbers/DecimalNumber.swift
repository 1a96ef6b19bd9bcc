/// The exact value of a decimal number: `±significand × 10^exponent`, with the
/// significand's digits free of leading and trailing zeros (no digits for zero).
public struct DecimalNumber: Sendable, Hashable {
    /// Whether the number is below zero (never set for zero).
    public let isNegative: Bool
    /// The significant digits, most significant first, each 0...9.
    public let digits: [UInt8]
    /// The power of ten the significand is scaled by.
    public let exponent: Int
    /// Whether Go's `big.Rat.SetString` accepts the text this number was read from
    /// (it refuses exponents beyond about a million), which gojsonschema relies on.
    public let isRationalRepresentable: Bool

    /// Whether the number is zero.
    public var isZero: Bool { digits.isEmpty }

    /// Whether the number is a whole number.
    public var isInteger: Bool { exponent >= 0 || digits.isEmpty }

    /// The power of ten of the leading digit plus one (`123` and `1.5e2` have 3), 0 for zero.
    var magnitude: Int { digits.isEmpty ? 0 : digits.count + exponent }

    init(isNegative: Bool, digits: [UInt8], exponent: Int, isRationalRepresentable: Bool = true) {
        var trimmed = digits[...]
        while let first = trimmed.first, first == 0 { trimmed = trimmed.dropFirst() }
        var scale = exponent
        while let last = trimmed.last, last == 0 {
            trimmed = trimmed.dropLast()
            scale = DecimalNumber.saturatingAdd(scale, 1)
        }
        self.digits = Array(trimmed)
        self.isNegative = trimmed.isEmpty ? false : isNegative
        self.exponent = trimmed.isEmpty ? 0 : scale
        self.isRationalRepresentable = isRationalRepresentable
    }

    /// The value of text in JSON number syntax.
    init(jsonText: String) {
        var negative = false
        var mantissa: [UInt8] = []
        var fractionCount = 0
        var exponentDigits: [UInt8] = []
        var exponentNegative = false
        enum Part { case integer, fraction, exponent }
        var part = Part.integer
        for byte in jsonText.utf8 {
            switch byte {
            case UInt8(ascii: "-"):
                if part == .exponent { exponentNegative = true } else { negative = true }
            case UInt8(ascii: "+"):
                break
            case UInt8(ascii: "."):
                part = .fraction
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                part = .exponent
            default:
                let digit = byte &- 0x30
                guard digit <= 9 else { continue }
                switch part {
                case .integer: mantissa.append(digit)
                case .fraction:
                    mantissa.append(digit)
                    fractionCount += 1
                case .exponent: exponentDigits.append(digit)
                }
            }
        }
        // big.Rat parses the exponent as an int64 and refuses |exponent - fraction digits| > 1e6.
        var exponentValue = 0
        var exponentFits = true
        for digit in exponentDigits {
            if exponentValue > (Int.max - Int(digit)) / 10 {
                exponentFits = false
                exponentValue = Int.max / 4
                break
            }
            exponentValue = exponentValue * 10 + Int(digit)
        }
        if exponentNegative { exponentValue = -exponentValue }
        let mantissaIsZero = mantissa.allSatisfy { $0 == 0 }
        let scale = exponentValue - fractionCount
        let representable = exponentFits && (mantissaIsZero || (scale >= -1_000_000 && scale <= 1_000_000))
        self.init(isNegative: negative, digits: mantissa, exponent: scale, isRationalRepresentable: representable)
    }

    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max / 4 : Int.min / 4) : sum
    }
}

extension DecimalNumber: Comparable {
    /// Orders numbers by exact value.
    public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// -1, 0 or 1 as `lhs` is below, equal to or above `rhs`.
    static func compare(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> Int {
        let lhsSign = lhs.isZero ? 0 : (lhs.isNegative ? -1 : 1)
        let rhsSign = rhs.isZero ? 0 : (rhs.isNegative ? -1 : 1)
        if lhsSign != rhsSign { return lhsSign < rhsSign ? -1 : 1 }
        if lhsSign == 0 { return 0 }
        let magnitudeOrder = compareMagnitudes(lhs, rhs)
        return lhsSign > 0 ? magnitudeOrder : -magnitudeOrder
    }

    private static func compareMagnitudes(_ lhs: DecimalNumber, _ rhs: DecimalNumber) -> Int {
        if lhs.magnitude != rhs.magnitude { return lhs.magnitude < rhs.magnitude ? -1 : 1 }
        let length = max(lhs.digits.count, rhs.digits.count)
        for index in 0..<length {
            let a = index < lhs.digits.count ? lhs.digits[index] : 0
            let b = index < rhs.digits.count ? rhs.digits[index] : 0
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }
}
