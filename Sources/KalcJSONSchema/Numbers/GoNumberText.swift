import KalcGo
import KalcJSON

/// Number texts as gojsonschema produces them: the canonical JSON of a number after its
/// round trip through `float64` (used to compare `enum`, `const` and `uniqueItems` values),
/// and the `big.Float` form printed in `minimum`, `maximum` and `multipleOf` messages.
enum GoNumberText {
    /// Why a number has no `float64` form: Go's `json.Unmarshal` error text.
    struct Float64RangeError: Error, Hashable {
        let message: String
    }

    /// The number as `json.Marshal(float64)` writes it after `json.Unmarshal` read it,
    /// or Go's error when the value is beyond `float64`'s range.
    static func canonicalFloat64(_ number: JSONNumber) -> Result<String, Float64RangeError> {
        guard let value = Double(number.text), value.isFinite else {
            return .failure(Float64RangeError(message: "json: cannot unmarshal number \(number.text) into Go value of type float64"))
        }
        return .success(float64JSON(value))
    }

    /// `encoding/json`'s encoding of a `float64`: shortest digits, `%f` style between 1e-6
    /// and 1e21, `%e` style (with a one-digit negative exponent allowed) outside.
    static func float64JSON(_ value: Double) -> String {
        let sign = value.sign == .minus ? "-" : ""
        let magnitude = Swift.abs(value)
        if magnitude == 0 { return sign + "0" }
        let (ascii, pointPosition) = GoFloat.shortestDigits(magnitude)
        let digits = ascii.map { $0 - UInt8(ascii: "0") }
        let decimal = GoDecimalDigits(digits: digits, exponent: pointPosition)
        if magnitude < 1e-6 || magnitude >= 1e21 {
            var text = decimal.formatE(digitsAfterPoint: digits.count - 1)
            // Go cleans up `e-09` to `e-9`.
            let bytes = Array(text.utf8)
            let n = bytes.count
            if n >= 4 && bytes[n - 4] == UInt8(ascii: "e") && bytes[n - 3] == UInt8(ascii: "-") && bytes[n - 2] == UInt8(ascii: "0") {
                text = String(decoding: bytes[0..<(n - 2)] + [bytes[n - 1]], as: UTF8.self)
            }
            return sign + text
        }
        return sign + decimal.formatF(digitsAfterPoint: max(digits.count - pointPosition, 0))
    }

    /// The value as gojsonschema prints it in messages: `fmt.Sprint(new(big.Float).SetRat(r))`,
    /// that is the value rounded to max(64, bits of numerator, bits of denominator) bits and
    /// printed in `%g` form with the shortest digits that identify it (`1e+06`, `0.1`).
    static func bigFloatDisplay(_ number: DecimalNumber) -> String {
        guard !number.isZero else { return "0" }
        let sign = number.isNegative ? "-" : ""
        let digits: GoDecimalDigits
        if let exact = GoBigFloat(number)?.shortestDecimal() {
            digits = exact
        } else {
            // Values of thousands of digits are shown with their exact digits.
            digits = GoDecimalDigits(digits: number.digits, exponent: number.digits.count + number.exponent)
        }
        return sign + digits.formatGShortest()
    }
}

/// A decimal as Go's `math/big` formats it: value = 0.d₁d₂…dₙ × 10^exponent, no trailing zeros.
struct GoDecimalDigits {
    var digits: [UInt8]
    var exponent: Int

    func digit(at index: Int) -> UInt8 { index >= 0 && index < digits.count ? digits[index] : 0 }

    /// `%g` with the shortest precision (big.Float's `Append` with 'g' and prec -1).
    func formatGShortest() -> String {
        let precision = digits.count
        let eprec = 6
        let exp = exponent - 1
        if exp < -4 || exp >= eprec {
            return formatE(digitsAfterPoint: precision - 1)
        }
        let fixedPrecision = precision > exponent ? digits.count : precision
        return formatF(digitsAfterPoint: max(fixedPrecision - exponent, 0))
    }

    /// Go's `fmtE`: d.ddde±XX.
    func formatE(digitsAfterPoint: Int) -> String {
        var text = String(digits.first ?? 0)
        if digitsAfterPoint > 0 {
            text += "."
            for index in 1...digitsAfterPoint { text += String(digit(at: index)) }
        }
        var exp = digits.isEmpty ? 0 : exponent - 1
        text += exp < 0 ? "e-" : "e+"
        exp = Swift.abs(exp)
        if exp < 10 { text += "0" }
        return text + String(exp)
    }

    /// Go's `fmtF`: the integer part padded with zeros, then the requested fraction digits.
    func formatF(digitsAfterPoint: Int) -> String {
        var text = ""
        if exponent > 0 {
            for index in 0..<exponent { text += String(digit(at: index)) }
        } else {
            text = "0"
        }
        if digitsAfterPoint > 0 {
            text += "."
            for index in 0..<digitsAfterPoint { text += String(digit(at: exponent + index)) }
        }
        return text
    }

    /// Go's `decimal.init`: the exact decimal of mantissa × 2^shift.
    init(mantissa: BigUInt, binaryExponent shift: Int) {
        var value = mantissa
        var scaleDown = 0
        if shift >= 0 {
            value = value << shift
        } else {
            value = value * BigUInt.power(5, -shift)
            scaleDown = -shift
        }
        var all = value.decimalDigits
        let exponent = all.count - scaleDown
        while let last = all.last, last == 0, all.count > 1 { all.removeLast() }
        if all == [0] { all = [] }
        self.digits = all
        self.exponent = all.isEmpty ? 0 : exponent
    }

    init(digits: [UInt8], exponent: Int) {
        self.digits = digits
        self.exponent = exponent
    }

    mutating func roundUp(_ count: Int) {
        guard count >= 0, count < digits.count else { return }
        var n = count
        while n > 0 && digits[n - 1] >= 9 { n -= 1 }
        if n == 0 {
            digits = [1]
            exponent += 1
            return
        }
        digits[n - 1] += 1
        digits.removeSubrange(n...)
    }

    mutating func roundDown(_ count: Int) {
        guard count >= 0, count < digits.count else { return }
        digits.removeSubrange(count...)
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty { exponent = 0 }
    }

    mutating func round(_ count: Int) {
        guard count >= 0, count < digits.count else { return }
        let roundsUp: Bool
        if digits[count] == 5 && count + 1 == digits.count {
            roundsUp = count > 0 && digits[count - 1] & 1 != 0
        } else {
            roundsUp = digits[count] >= 5
        }
        if roundsUp { roundUp(count) } else { roundDown(count) }
    }
}

/// A positive value rounded to nearest-even at a binary precision, as `big.Float.SetRat` makes it.
struct GoBigFloat {
    /// The significand, with exactly `precision` bits.
    let mantissa: BigUInt
    /// The value is mantissa × 2^binaryExponent.
    let binaryExponent: Int
    let precision: Int

    /// Numbers past this many decimal digits (including the exponent's reach) are not
    /// converted, to keep the arithmetic bounded.
    static let digitLimit = 4000

    init?(_ number: DecimalNumber) {
        guard !number.isZero, number.digits.count + Swift.abs(number.exponent) <= GoBigFloat.digitLimit else { return nil }
        // The reduced fraction numerator / denominator of the decimal.
        var numerator = BigUInt(decimalDigits: number.digits)
        var denominator = BigUInt(1)
        if number.exponent >= 0 {
            numerator = numerator * BigUInt.power(10, number.exponent)
        } else {
            let k = -number.exponent
            let twos = numerator.multiplicity(of: 2, limit: k)
            let fives = numerator.multiplicity(of: 5, limit: k)
            numerator = numerator >> twos
            for _ in 0..<fives { _ = numerator.divide(by: 5) }
            denominator = BigUInt.power(5, k - fives) << (k - twos)
        }
        let precision = max(64, numerator.bitLength, denominator.bitLength)
        self.precision = precision
        // Choose a scale giving a quotient of precision + 2 or + 3 bits, then round to precision bits.
        var scale = numerator.bitLength - denominator.bitLength - precision - 2
        let scaledNumerator = scale < 0 ? numerator << -scale : numerator
        let scaledDenominator = scale > 0 ? denominator << scale : denominator
        let (quotient, remainder) = scaledNumerator.quotientAndRemainder(dividingBy: scaledDenominator)
        let extra = quotient.bitLength - precision
        var significand = quotient >> extra
        let half = extra > 0 && quotient.bit(extra - 1)
        let sticky = quotient.hasBits(below: extra - 1) || !remainder.isZero
        if half && (sticky || !significand.isEven) {
            significand = significand + BigUInt(1)
            if significand.bitLength > precision {
                significand = significand >> 1
                scale += 1
            }
        }
        scale += extra
        self.mantissa = significand
        self.binaryExponent = scale
    }

    /// Go's `roundShortest` on the exact decimal of the value.
    func shortestDecimal() -> GoDecimalDigits {
        var decimal = GoDecimalDigits(mantissa: mantissa, binaryExponent: binaryExponent)
        let doubled = mantissa << 1
        let exponent = binaryExponent - 1
        let lower = GoDecimalDigits(mantissa: doubled - BigUInt(1), binaryExponent: exponent)
        let upper = GoDecimalDigits(mantissa: doubled + BigUInt(1), binaryExponent: exponent)
        let inclusive = mantissa.isEven
        // Like Go, the digits are compared position by position without aligning exponents.
        let lowerDigits = lower
        let upperDigits = upper
        for (index, m) in decimal.digits.enumerated() {
            let l = lowerDigits.digit(at: index)
            let u = upperDigits.digit(at: index)
            let okDown = l != m || (inclusive && index + 1 == lowerDigits.digits.count)
            let okUp = m != u && (inclusive || m + 1 < u || index + 1 < upperDigits.digits.count)
            if okDown && okUp {
                decimal.round(index + 1)
                return decimal
            } else if okDown {
                decimal.roundDown(index + 1)
                return decimal
            } else if okUp {
                decimal.roundUp(index + 1)
                return decimal
            }
        }
        return decimal
    }
}
