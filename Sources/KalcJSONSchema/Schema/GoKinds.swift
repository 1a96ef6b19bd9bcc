import KalcJSON

/// The kind tests gojsonschema makes with `reflect` (`isKind`): a JSON number is never a
/// map, slice, bool or string, and a number `big.Rat` cannot hold makes Go panic.
enum GoKinds {
    static func isBool(_ value: JSONValue, at location: ValueLocation) throws(SchemaError) -> Bool {
        try check(value, at: location)
        if case .bool = value { return true }
        return false
    }

    static func isString(_ value: JSONValue, at location: ValueLocation) throws(SchemaError) -> Bool {
        try check(value, at: location)
        if case .string = value { return true }
        return false
    }

    static func isObject(_ value: JSONValue, at location: ValueLocation) throws(SchemaError) -> Bool {
        try check(value, at: location)
        if case .object = value { return true }
        return false
    }

    static func isObjectOrBool(_ value: JSONValue, at location: ValueLocation) throws(SchemaError) -> Bool {
        try check(value, at: location)
        switch value {
        case .object, .bool: return true
        default: return false
        }
    }

    static func isArray(_ value: JSONValue, at location: ValueLocation) throws(SchemaError) -> Bool {
        try check(value, at: location)
        if case .array = value { return true }
        return false
    }

    /// Go dereferences `mustBeNumber`'s nil result for numbers `big.Rat` refuses.
    private static func check(_ value: JSONValue, at location: ValueLocation) throws(SchemaError) {
        if case .number(let number) = value, !number.decimal.isRationalRepresentable {
            throw SchemaError.goPanic(SchemaError.nilDereference, at: location.pointer)
        }
    }

    /// Go's `strconv.Atoi`: an optional sign and decimal digits within 64 bits.
    static func atoi(_ text: String) -> Int? {
        var digits = Substring(text)
        var negative = false
        if let first = digits.first, first == "+" || first == "-" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let magnitude = Int(digits) else {
            if negative && digits == "9223372036854775808" { return Int.min }
            return nil
        }
        return negative ? -magnitude : magnitude
    }

    /// gojsonschema's `mustBeInteger`: a whole number written without fraction or exponent
    /// that fits 64 bits (`json.Number.Int64`), or nil.
    static func mustBeInteger(_ value: JSONValue) -> Int? {
        guard case .number(let number) = value else { return nil }
        let decimal = number.decimal
        guard decimal.isRationalRepresentable, decimal.isInteger else { return nil }
        return atoi(number.text)
    }

    /// gojsonschema's `mustBeNumber`: the exact value of a number `big.Rat` accepts, or nil.
    static func mustBeNumber(_ value: JSONValue) -> DecimalNumber? {
        guard case .number(let number) = value else { return nil }
        let decimal = number.decimal
        return decimal.isRationalRepresentable ? decimal : nil
    }
}
