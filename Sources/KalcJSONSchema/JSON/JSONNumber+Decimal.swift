import KalcJSON

extension JSONNumber {
    /// The exact value of the number.
    var decimal: DecimalNumber { DecimalNumber(jsonText: text) }
}
