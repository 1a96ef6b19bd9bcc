/// Character escaping as Go's `strconv.Quote` does it, for the runes that appear in Go's
/// JSON and regular-expression error messages.
enum GoQuote {
    /// The rune as it appears inside a Go-quoted string (without the quotes).
    static func escapedRune(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        switch value {
        case 0x07: return "\\a"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x0B: return "\\v"
        case 0x5C: return "\\\\"
        case 0x22: return "\\\""
        default: break
        }
        if value < 0x20 || value == 0x7F { return "\\x" + hex(value, width: 2) }
        if isPrintable(scalar) { return String(Character(scalar)) }
        if value < 0x10000 { return "\\u" + hex(value, width: 4) }
        return "\\U" + hex(value, width: 8)
    }

    /// Go's `unicode.IsPrint` for the Latin-1 range and a general-category approximation beyond it.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x100 {
            return (value >= 0x20 && value < 0x7F) || (value >= 0xA1 && value != 0xAD)
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
