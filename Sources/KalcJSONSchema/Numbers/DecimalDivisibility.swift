extension DecimalNumber {
    /// Whether `self / divisor` is a whole number, computed exactly (as gojsonschema's
    /// `big.Rat` quotient test does). The divisor must not be zero.
    func isMultiple(of divisor: DecimalNumber) -> Bool {
        guard !isZero else { return true }
        guard !divisor.isZero else { return false }
        // self / divisor = (A / B) × 10^d with A, B the significands.
        let d = exponent - divisor.exponent
        var divisorCore = BigUInt(decimalDigits: divisor.digits)
        let divisorTwos = divisorCore.trailingZeroBitCount
        divisorCore = divisorCore >> divisorTwos
        var divisorFives = 0
        while divisorCore.remainder(dividingBy: 5) == 0 {
            _ = divisorCore.divide(by: 5)
            divisorFives += 1
        }
        let dividend = BigUInt(decimalDigits: digits)
        // Powers of two and five may come from 10^d; the rest of the divisor must divide A.
        let dividendTwos = dividend.trailingZeroBitCount
        guard dividendTwos + d >= divisorTwos else { return false }
        let dividendFives = dividend.multiplicity(of: 5, limit: max(divisorFives - d, 0))
        guard dividendFives + d >= divisorFives else { return false }
        return dividend.quotientAndRemainder(dividingBy: divisorCore).remainder.isZero
    }
}
