/// Go's `strconv`: quoting, unquoting and integer parsing, byte for byte.

/// Errors of Go's `strconv` parsers (`strconv.ParseInt: parsing "x": invalid syntax`).
public struct GoNumError: Error, Sendable {
    public enum Reason: Error, Sendable { case syntax, range }
    public var function: String
    public var input: String
    public var reason: Reason

    /// The text Go's `*strconv.NumError` prints.
    public var message: String {
        "strconv.\(function): parsing \(GoStrconv.quote(input)): \(reason == .syntax ? "invalid syntax" : "value out of range")"
    }
}

/// `strconv.ErrSyntax`, the error of `strconv.Unquote` and `strconv.UnquoteChar`.
public struct GoSyntaxError: Error, Sendable {
    public var message: String { "invalid syntax" }
}

public enum GoStrconv {
    public static let lowerHex = Array("0123456789abcdef".utf8)
    public static let upperHex = Array("0123456789ABCDEF".utf8)

    // MARK: Printability

    /// `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    public static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    // MARK: Quoting

    /// `strconv.Quote` (or `QuoteToASCII` when `asciiOnly`).
    public static func quote(_ s: String, asciiOnly: Bool = false) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            appendEscaped(&out, scalar, quote: UInt8(ascii: "\""), asciiOnly: asciiOnly)
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// `strconv.Quote` of a Go string held as bytes: a byte that is not part of valid
    /// UTF-8 is written as `\xNN`, as Go does.
    public static func quote(bytes: [UInt8]) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(bytes.count + 2)
        var i = 0
        while i < bytes.count {
            let (r, width) = decodeRune(bytes[i...])
            if width == 1 && r == 0xFFFD {
                out.append(contentsOf: Array("\\x".utf8))
                out.append(lowerHex[Int(bytes[i] >> 4)])
                out.append(lowerHex[Int(bytes[i] & 0xF)])
            } else {
                appendEscaped(&out, Unicode.Scalar(r) ?? "\u{FFFD}", quote: UInt8(ascii: "\""), asciiOnly: false)
            }
            i += width
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// `strconv.QuoteRune` (or `QuoteRuneToASCII`).
    public static func quoteRune(_ value: UInt64, asciiOnly: Bool = false) -> String {
        let scalar = value <= 0x10FFFF ? (Unicode.Scalar(UInt32(value)) ?? "\u{FFFD}") : "\u{FFFD}"
        var out: [UInt8] = [UInt8(ascii: "'")]
        appendEscaped(&out, scalar, quote: UInt8(ascii: "'"), asciiOnly: asciiOnly)
        out.append(UInt8(ascii: "'"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendEscaped(_ out: inout [UInt8], _ scalar: Unicode.Scalar, quote: UInt8, asciiOnly: Bool) {
        let r = scalar.value
        if r == UInt32(quote) || r == 0x5C {
            out.append(0x5C)
            out.append(UInt8(r))
            return
        }
        if asciiOnly {
            if r < 0x80 && isPrint(scalar) {
                out.append(UInt8(r))
                return
            }
        } else if isPrint(scalar) {
            out.append(contentsOf: Array(String(scalar).utf8))
            return
        }
        switch r {
        case 0x07: out.append(contentsOf: Array("\\a".utf8))
        case 0x08: out.append(contentsOf: Array("\\b".utf8))
        case 0x0C: out.append(contentsOf: Array("\\f".utf8))
        case 0x0A: out.append(contentsOf: Array("\\n".utf8))
        case 0x0D: out.append(contentsOf: Array("\\r".utf8))
        case 0x09: out.append(contentsOf: Array("\\t".utf8))
        case 0x0B: out.append(contentsOf: Array("\\v".utf8))
        default:
            if r < 0x20 || r == 0x7F {
                out.append(contentsOf: Array("\\x".utf8))
                out.append(lowerHex[Int(r >> 4)])
                out.append(lowerHex[Int(r & 0xF)])
            } else if r < 0x10000 {
                out.append(contentsOf: Array("\\u".utf8))
                for shift in stride(from: 12, through: 0, by: -4) { out.append(lowerHex[Int((r >> UInt32(shift)) & 0xF)]) }
            } else {
                out.append(contentsOf: Array("\\U".utf8))
                for shift in stride(from: 28, through: 0, by: -4) { out.append(lowerHex[Int((r >> UInt32(shift)) & 0xF)]) }
            }
        }
    }

    /// `strconv.CanBackquote`.
    public static func canBackquote(_ s: String) -> Bool {
        for scalar in s.unicodeScalars {
            if scalar.value >= 0x80 {
                if scalar.value == 0xFEFF { return false }
                continue
            }
            if (scalar.value < 0x20 && scalar != "\t") || scalar == "`" || scalar.value == 0x7F { return false }
        }
        return true
    }

    // MARK: Unquoting

    /// `strconv.UnquoteChar`: one (possibly escaped) character of a quoted literal.
    public static func unquoteChar(_ s: ArraySlice<UInt8>, quote: UInt8) throws(GoSyntaxError) -> (value: UInt32, multibyte: Bool, tail: ArraySlice<UInt8>) {
        guard let c = s.first else { throw GoSyntaxError() }
        if c == quote && (quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"")) { throw GoSyntaxError() }
        if c >= 0x80 {
            let (scalar, width) = decodeRune(s)
            return (scalar, true, s.dropFirst(width))
        }
        if c != 0x5C { return (UInt32(c), false, s.dropFirst()) }
        guard s.count > 1 else { throw GoSyntaxError() }
        let escape = s[s.startIndex + 1]
        var rest = s.dropFirst(2)
        switch escape {
        case UInt8(ascii: "a"): return (7, false, rest)
        case UInt8(ascii: "b"): return (8, false, rest)
        case UInt8(ascii: "f"): return (12, false, rest)
        case UInt8(ascii: "n"): return (10, false, rest)
        case UInt8(ascii: "r"): return (13, false, rest)
        case UInt8(ascii: "t"): return (9, false, rest)
        case UInt8(ascii: "v"): return (11, false, rest)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
            guard rest.count >= n else { throw GoSyntaxError() }
            var v: UInt32 = 0
            for byte in rest.prefix(n) {
                guard let digit = hexValue(byte) else { throw GoSyntaxError() }
                v = v << 4 | digit
            }
            rest = rest.dropFirst(n)
            if escape == UInt8(ascii: "x") { return (v, false, rest) }
            guard v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v) else { throw GoSyntaxError() }
            return (v, true, rest)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var v = UInt32(escape - UInt8(ascii: "0"))
            guard rest.count >= 2 else { throw GoSyntaxError() }
            for byte in rest.prefix(2) {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7") else { throw GoSyntaxError() }
                v = v << 3 | UInt32(byte - UInt8(ascii: "0"))
            }
            rest = rest.dropFirst(2)
            guard v <= 255 else { throw GoSyntaxError() }
            return (v, false, rest)
        case 0x5C: return (0x5C, false, rest)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            guard escape == quote else { throw GoSyntaxError() }
            return (UInt32(escape), false, rest)
        default:
            throw GoSyntaxError()
        }
    }

    /// `strconv.Unquote` for `"..."`, `'...'` and `` `...` `` literals.
    public static func unquote(_ text: String) throws(GoSyntaxError) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, let quote = bytes.first, quote == bytes.last else { throw GoSyntaxError() }
        let body = bytes[1..<(bytes.count - 1)]
        switch quote {
        case UInt8(ascii: "`"):
            if body.contains(UInt8(ascii: "`")) { throw GoSyntaxError() }
            return String(decoding: body.filter { $0 != 0x0D }, as: UTF8.self)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            var out: [UInt8] = []
            var rest = body
            while !rest.isEmpty {
                if rest.first == 0x0A { throw GoSyntaxError() }
                let (value, multibyte, tail) = try unquoteChar(rest, quote: quote)
                rest = tail
                if value < 0x80 || !multibyte {
                    out.append(UInt8(truncatingIfNeeded: value))
                } else {
                    appendUTF8(&out, value)
                }
                if quote == UInt8(ascii: "'") && !rest.isEmpty { throw GoSyntaxError() }
            }
            if quote == UInt8(ascii: "'") && out.isEmpty { throw GoSyntaxError() }
            return String(decoding: out, as: UTF8.self)
        default:
            throw GoSyntaxError()
        }
    }

    /// Appends the UTF-8 encoding of a code point (invalid ones become U+FFFD).
    public static func appendUTF8(_ out: inout [UInt8], _ value: UInt32) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(scalar).utf8))
    }

    /// Decodes one rune from UTF-8 bytes as `utf8.DecodeRune` does: invalid input gives U+FFFD of width 1.
    public static func decodeRune(_ bytes: ArraySlice<UInt8>) -> (UInt32, Int) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar): return (scalar.value, String(scalar).utf8.count)
        default: return (0xFFFD, 1)
        }
    }

    public static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    // MARK: Integers

    private static func lower(_ c: UInt8) -> UInt8 { c | 0x20 }

    /// `strconv.ParseUint(s, base, 64)`.
    public static func parseUint(_ s: String, base: Int) throws(GoNumError) -> UInt64 {
        switch parseUint(bytes: Array(s.utf8)[...], base: base) {
        case .success(let n): return n
        case .failure(let reason): throw GoNumError(function: "ParseUint", input: s, reason: reason)
        }
    }

    /// `strconv.ParseInt(s, base, bitSize)` for bit sizes up to 64.
    public static func parseInt(_ s: String, base: Int, bitSize: Int = 64) throws(GoNumError) -> Int64 {
        switch parseInt(bytes: Array(s.utf8)[...], base: base, bitSize: bitSize) {
        case .success(let n): return n
        case .failure(let reason): throw GoNumError(function: "ParseInt", input: s, reason: reason)
        }
    }

    /// `strconv.ParseUint(s, base, 64)` on bytes (base 0: the prefix decides, `_` allowed
    /// between digits): the value, or why Go refuses the text.
    public static func parseUint(bytes s: ArraySlice<UInt8>, base: Int) -> Result<UInt64, GoNumError.Reason> {
        guard !s.isEmpty else { return .failure(.syntax) }
        var bytes = s
        let base0 = base == 0
        var base = base
        if base == 0 {
            base = 10
            if bytes.first == UInt8(ascii: "0") {
                if bytes.count >= 3 && lower(bytes[bytes.startIndex + 1]) == UInt8(ascii: "b") {
                    base = 2; bytes = bytes.dropFirst(2)
                } else if bytes.count >= 3 && lower(bytes[bytes.startIndex + 1]) == UInt8(ascii: "o") {
                    base = 8; bytes = bytes.dropFirst(2)
                } else if bytes.count >= 3 && lower(bytes[bytes.startIndex + 1]) == UInt8(ascii: "x") {
                    base = 16; bytes = bytes.dropFirst(2)
                } else {
                    base = 8; bytes = bytes.dropFirst(1)
                }
            }
        }
        let cutoff = UInt64.max / UInt64(base) + 1
        var underscores = false
        var n: UInt64 = 0
        for c in bytes {
            var d: UInt8
            if c == UInt8(ascii: "_") && base0 {
                underscores = true
                continue
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                d = c - UInt8(ascii: "0")
            } else if lower(c) >= UInt8(ascii: "a") && lower(c) <= UInt8(ascii: "z") {
                d = lower(c) - UInt8(ascii: "a") + 10
            } else {
                return .failure(.syntax)
            }
            if Int(d) >= base { return .failure(.syntax) }
            if n >= cutoff { return .failure(.range) }
            n *= UInt64(base)
            let (n1, overflow) = n.addingReportingOverflow(UInt64(d))
            if overflow { return .failure(.range) }
            n = n1
        }
        if underscores && !underscoreOK(Array(s)) { return .failure(.syntax) }
        return .success(n)
    }

    /// `strconv.ParseInt(s, base, bitSize)` on bytes, for bit sizes up to 64.
    public static func parseInt(bytes s: ArraySlice<UInt8>, base: Int, bitSize: Int = 64) -> Result<Int64, GoNumError.Reason> {
        guard let sign = s.first else { return .failure(.syntax) }
        let negative = sign == UInt8(ascii: "-")
        let body = sign == UInt8(ascii: "+") || negative ? s.dropFirst() : s
        let magnitude: UInt64
        switch parseUint(bytes: body, base: base) {
        case .success(let n): magnitude = n
        case .failure(let reason): return .failure(reason)
        }
        let cutoff = UInt64(1) << UInt64(bitSize - 1)
        if !negative && magnitude >= cutoff { return .failure(.range) }
        if negative && magnitude > cutoff { return .failure(.range) }
        if negative { return .success(magnitude == cutoff ? Int64.min >> Int64(64 - bitSize) : -Int64(magnitude)) }
        return .success(Int64(magnitude))
    }

    /// `strconv.Atoi`.
    public static func atoi(_ s: String) throws(GoNumError) -> Int {
        do {
            return Int(try parseInt(s, base: 10))
        } catch {
            throw GoNumError(function: "Atoi", input: s, reason: error.reason)
        }
    }

    /// Go's rule for `_` in number literals: only between digits or after a base prefix.
    public static func underscoreOK(_ input: [UInt8]) -> Bool {
        var s = input[...]
        var saw = UInt8(ascii: "^")
        if let first = s.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { s = s.dropFirst() }
        var hex = false
        var i = s.startIndex
        if s.count >= 2 && s[i] == UInt8(ascii: "0") {
            let p = lower(s[i + 1])
            if p == UInt8(ascii: "b") || p == UInt8(ascii: "o") || p == UInt8(ascii: "x") {
                i += 2
                saw = UInt8(ascii: "0")
                hex = p == UInt8(ascii: "x")
            }
        }
        while i < s.endIndex {
            let c = s[i]
            if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (hex && lower(c) >= UInt8(ascii: "a") && lower(c) <= UInt8(ascii: "f")) {
                saw = UInt8(ascii: "0")
            } else if c == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
            } else {
                if saw == UInt8(ascii: "_") { return false }
                saw = UInt8(ascii: "!")
            }
            i += 1
        }
        return saw != UInt8(ascii: "_")
    }

    // MARK: Integer formatting

    /// `strconv.FormatInt(v, base)` / `FormatUint`.
    public static func format(_ magnitude: UInt64, negative: Bool = false, base: Int = 10, digits: [UInt8] = lowerHex) -> String {
        var out: [UInt8] = []
        var u = magnitude
        repeat {
            out.append(digits[Int(u % UInt64(base))])
            u /= UInt64(base)
        } while u > 0
        if negative { out.append(UInt8(ascii: "-")) }
        return String(decoding: out.reversed(), as: UTF8.self)
    }
}
