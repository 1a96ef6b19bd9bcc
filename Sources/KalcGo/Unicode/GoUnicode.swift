/// Go's `unicode` predicates and simple (one-to-one) case mappings.
public enum GoUnicode {
    public static func isSpace(_ r: Unicode.Scalar) -> Bool { r.properties.isWhitespace }

    public static func isUpper(_ r: Unicode.Scalar) -> Bool {
        if r.isASCII { return r >= "A" && r <= "Z" }
        return r.properties.generalCategory == .uppercaseLetter
    }

    public static func isLower(_ r: Unicode.Scalar) -> Bool {
        if r.isASCII { return r >= "a" && r <= "z" }
        return r.properties.generalCategory == .lowercaseLetter
    }

    public static func isTitle(_ r: Unicode.Scalar) -> Bool { r.properties.generalCategory == .titlecaseLetter }

    /// `unicode.IsLetter`.
    public static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// `unicode.IsDigit`.
    public static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar >= "0" && scalar <= "9" }
        return scalar.properties.generalCategory == .decimalNumber
    }

    public static func isNumber(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    public static func isPunct(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private static func single(_ mapping: String, _ r: Unicode.Scalar) -> Unicode.Scalar {
        let scalars = mapping.unicodeScalars
        if scalars.count == 1, let first = scalars.first { return first }
        return r
    }

    public static func toUpper(_ r: Unicode.Scalar) -> Unicode.Scalar {
        if r.isASCII { return r >= "a" && r <= "z" ? Unicode.Scalar(r.value - 32)! : r }
        return single(r.properties.uppercaseMapping, r)
    }

    public static func toLower(_ r: Unicode.Scalar) -> Unicode.Scalar {
        if r.isASCII { return r >= "A" && r <= "Z" ? Unicode.Scalar(r.value + 32)! : r }
        return single(r.properties.lowercaseMapping, r)
    }

    public static func toTitle(_ r: Unicode.Scalar) -> Unicode.Scalar {
        if r.isASCII { return toUpper(r) }
        return single(r.properties.titlecaseMapping, r)
    }

    /// `strings.Map` with a scalar mapping.
    public static func map(_ s: String, _ transform: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        for r in s.unicodeScalars { out.append(transform(r)) }
        return String(out)
    }

    /// A byte taken as a Latin-1 rune, as code that indexes Go strings bytewise does.
    public static func latin1(_ byte: UInt8) -> Unicode.Scalar { Unicode.Scalar(byte) }
}
