/// Whether a text written as a plain scalar would read back as that same string.
///
/// The answer is deliberately cautious: a text is "not a string" when any common reader would
/// resolve it to something else — the YAML 1.1 types (bool with y/n/yes/no/on/off, null, int in
/// binary, octal, decimal, hex and base 60, float with base 60 and `.inf`/`.nan`, timestamp,
/// merge `<<`, value `=`), the YAML 1.2 core schema, and Go's yaml.v2/yaml.v3 as used by
/// Kubernetes (which also accept `0o17`, `0X1F`, underscores and exponents without a dot).
/// Words are compared in any letter case, and YAML 1.1's float expression is taken as written, so
/// `1.2.3` and `127.0.0.1` count as floats (only a float without any digit, such as `.`, is let
/// through). Quoting a few strings that would have been safe is the price of never changing a type.
enum PlainScalar {
    /// True when every reader named above reads the plain scalar `text` as the string `text`.
    static func readsAsString(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return
            !(isNull(bytes) || isBoolean(bytes) || isSpecialKey(bytes)
            || isInteger(bytes) || isFloat(bytes) || isTimestamp(bytes))
    }

    // MARK: Words

    private static let nullWords: Set<String> = ["", "~", "null"]
    private static let booleanWords: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off",
    ]

    private static func lowercased(_ bytes: [UInt8]) -> String? {
        guard bytes.count <= 5, bytes.allSatisfy({ $0 < 0x80 }) else {
            return nil
        }
        return String(decoding: bytes.map { isUpper($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    private static func isNull(_ bytes: [UInt8]) -> Bool {
        lowercased(bytes).map(nullWords.contains) ?? false
    }

    private static func isBoolean(_ bytes: [UInt8]) -> Bool {
        lowercased(bytes).map(booleanWords.contains) ?? false
    }

    /// The YAML 1.1 merge key `<<` and value key `=`.
    private static func isSpecialKey(_ bytes: [UInt8]) -> Bool {
        bytes == Array("<<".utf8) || bytes == Array("=".utf8)
    }

    // MARK: Numbers

    /// Decimal, binary, octal (`0o17` and `017`) and hexadecimal integers with an optional sign
    /// and underscores anywhere after it, and YAML 1.1 base-60 integers such as `1:30`.
    private static func isInteger(_ bytes: [UInt8]) -> Bool {
        let unsigned = droppingSign(bytes)
        if isSexagesimal(unsigned, allowingFraction: false) {
            return true
        }
        let digits = unsigned.filter { $0 != UInt8(ascii: "_") }
        guard let first = digits.first, isDigit(first) else {
            return false
        }
        if digits.count > 2 && first == UInt8(ascii: "0") {
            let rest = digits.dropFirst(2)
            switch digits[1] | 0x20 {
            case UInt8(ascii: "b"): return rest.allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") }
            case UInt8(ascii: "o"): return rest.allSatisfy(isOctalDigit)
            case UInt8(ascii: "x"): return rest.allSatisfy(isHexDigit)
            default: break
            }
        }
        return digits.allSatisfy(isDigit)
    }

    /// Decimal floats in the YAML 1.1 form (digits, a dot, more digits and dots) and the YAML 1.2
    /// form (an optional dot, an optional exponent), base-60 floats, and infinities and NaNs.
    private static func isFloat(_ bytes: [UInt8]) -> Bool {
        if let word = lowercased(bytes), [".nan", ".inf", "+.inf", "-.inf"].contains(word) {
            return true
        }
        let unsigned = droppingSign(bytes)
        if isSexagesimal(unsigned, allowingFraction: true) {
            return true
        }
        let text = unsigned.filter { $0 != UInt8(ascii: "_") }
        var index = 0
        var mantissaDigits = 0
        while index < text.count && isDigit(text[index]) {
            index += 1
            mantissaDigits += 1
        }
        if index < text.count && text[index] == UInt8(ascii: ".") {
            index += 1
            // YAML 1.1 lets dots follow the dot (`1.2.3`), so they are taken like digits. Its
            // expression also matches a lone `.`, which no reader takes for a number: a float
            // needs a digit.
            while index < text.count && (isDigit(text[index]) || text[index] == UInt8(ascii: ".")) {
                if isDigit(text[index]) {
                    mantissaDigits += 1
                }
                index += 1
            }
        }
        guard mantissaDigits > 0 else {
            return false
        }
        if index < text.count && text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < text.count && (text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-")) {
                index += 1
            }
            let exponentStart = index
            while index < text.count && isDigit(text[index]) {
                index += 1
            }
            guard index > exponentStart else {
                return false
            }
        }
        return index == text.count
    }

    /// `digits(:digits)+` with one or two digits after each colon, optionally `.digits` after.
    private static func isSexagesimal(_ bytes: [UInt8], allowingFraction: Bool) -> Bool {
        var index = 0
        guard index < bytes.count, isDigit(bytes[index]) else {
            return false
        }
        while index < bytes.count && (isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_")) {
            index += 1
        }
        var groups = 0
        while index < bytes.count && bytes[index] == UInt8(ascii: ":") {
            index += 1
            let groupStart = index
            while index < bytes.count && index - groupStart < 2 && isDigit(bytes[index]) {
                index += 1
            }
            guard index > groupStart else {
                return false
            }
            groups += 1
        }
        guard groups > 0 else {
            return false
        }
        if allowingFraction && index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count && (isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_")) {
                index += 1
            }
        }
        return index == bytes.count
    }

    // MARK: Timestamps

    /// The YAML 1.1 timestamp: `yyyy-m-d`, optionally followed by a time (after `T`, `t` or
    /// spaces and tabs), a fraction and a time zone. Month, day, minute and second take one or two
    /// digits, as Go's yaml.v2 accepts.
    private static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        var scanner = ByteScanner(bytes: bytes)
        guard scanner.digits(4...4), scanner.skip("-"), scanner.digits(1...2),
            scanner.skip("-"), scanner.digits(1...2)
        else {
            return false
        }
        if scanner.atEnd {
            return true
        }
        guard scanner.skip("T") || scanner.skip("t") || scanner.blanks() else {
            return false
        }
        guard scanner.digits(1...2), scanner.skip(":"), scanner.digits(1...2),
            scanner.skip(":"), scanner.digits(1...2)
        else {
            return false
        }
        if scanner.skip(".") {
            _ = scanner.digits(0...Int.max)
        }
        _ = scanner.blanks()
        if scanner.skip("Z") {
            return scanner.atEnd
        }
        if scanner.skip("+") || scanner.skip("-") {
            guard scanner.digits(1...2) else {
                return false
            }
            if scanner.skip(":") {
                guard scanner.digits(2...2) else {
                    return false
                }
            }
        }
        return scanner.atEnd
    }

    // MARK: Characters

    private static func droppingSign(_ bytes: [UInt8]) -> [UInt8] {
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            return Array(bytes.dropFirst())
        }
        return bytes
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isOctalDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    private static func isUpper(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }
}

/// A cursor over ASCII bytes for the small grammars above.
private struct ByteScanner {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    /// Consumes `character` if it is next.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else {
            return false
        }
        index += 1
        return true
    }

    /// Consumes as many digits as `count` allows, and succeeds if there were at least its lower bound.
    mutating func digits(_ count: ClosedRange<Int>) -> Bool {
        var taken = 0
        while index < bytes.count, taken < count.upperBound,
            bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9")
        {
            index += 1
            taken += 1
        }
        return taken >= count.lowerBound
    }

    /// Consumes spaces and tabs; succeeds if there was at least one.
    mutating func blanks() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        return index > start
    }
}
