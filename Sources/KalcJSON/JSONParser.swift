import KalcGo

/// Reads JSON text into `JSONValue`s with the acceptance rules and error texts of Go's
/// `encoding/json`: strict RFC 8259 grammar, invalid UTF-8 and lone surrogates in strings
/// turned into U+FFFD, the last of repeated keys kept, numbers kept as their text (as with
/// `UseNumber`), and nesting bounded so hostile input cannot exhaust memory or the stack.
public enum JSONParser {
    /// Go's nesting limit (`maxNestingDepth`), the default bound.
    public static let goMaximumDepth = JSONScanner.maxNestingDepth

    /// Parses text that must hold exactly one JSON value, as `json.Unmarshal` does.
    public static func parse(_ text: String, maximumDepth: Int = goMaximumDepth) throws(JSONParseError) -> JSONValue {
        try parse(bytes: Array(text.utf8), maximumDepth: maximumDepth)
    }

    /// Parses bytes that must hold exactly one JSON value, as `json.Unmarshal` does; arrays
    /// and objects nested deeper than `maximumDepth` are an error.
    public static func parse(bytes: [UInt8], maximumDepth: Int = goMaximumDepth) throws(JSONParseError) -> JSONValue {
        var reader = JSONValueReader(bytes: bytes[...], maximumDepth: maximumDepth)
        if let value = reader.read(), reader.isAtEnd() { return value }
        // The input is not JSON: Go's scanner says why, with Go's words and offset.
        var scanner = JSONScanner(maximumDepth: maximumDepth)
        for byte in bytes {
            scanner.bytes += 1
            if scanner.step(byte) == .error, let error = scanner.error { throw error }
        }
        if !scanner.endOfInput(), let error = scanner.error { throw error }
        preconditionFailure("the reader refused JSON text the scanner accepts")
    }

    /// Parses the first JSON value of the text and ignores what follows it, as a
    /// `json.Decoder` with `UseNumber` does when gojsonschema loads a document.
    public static func parseFirstValue(_ text: String) throws(JSONParseError) -> JSONValue {
        try parseFirstValue(bytes: Array(text.utf8))
    }

    /// Parses the first JSON value of the bytes and ignores what follows it, as a
    /// `json.Decoder` with `UseNumber` does when gojsonschema loads a document.
    public static func parseFirstValue(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var scanner = JSONScanner()
        var end: Int?
        scanning: for (index, byte) in bytes.enumerated() {
            scanner.bytes += 1
            switch scanner.step(byte) {
            case .end:
                end = index
                break scanning
            case .endObject, .endArray:
                var probe = scanner
                if probe.step(UInt8(ascii: " ")) == .end {
                    end = index + 1
                    break scanning
                }
            case .error:
                if let error = scanner.error { throw error }
            default:
                break
            }
        }
        if end == nil {
            if scanner.step(UInt8(ascii: " ")) == .end {
                end = bytes.count
            } else if bytes.contains(where: { !JSONValueReader.isSpace($0) }) {
                throw JSONParseError(message: "unexpected EOF", offset: bytes.count)
            } else {
                throw JSONParseError(message: "EOF", offset: bytes.count)
            }
        }
        var reader = JSONValueReader(bytes: bytes[..<(end ?? bytes.count)], maximumDepth: JSONScanner.maxNestingDepth)
        guard let value = reader.read() else { preconditionFailure("the reader refused JSON text the scanner accepts") }
        return value
    }
}

/// Reads one value in a single pass without recursion, accepting exactly what Go's scanner
/// accepts; it only says whether the text is JSON, the scanner says why not.
private struct JSONValueReader {
    let bytes: ArraySlice<UInt8>
    let maximumDepth: Int
    var index: Int

    init(bytes: ArraySlice<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        self.index = bytes.startIndex
    }

    /// An array or object being read; values are added in place, so no buffer is copied.
    private struct Container {
        let isObject: Bool
        var elements: [JSONValue] = []
        var object = JSONObject()
        var pendingKey = ""
    }

    /// Whether only whitespace is left.
    mutating func isAtEnd() -> Bool {
        skipSpace()
        return index == bytes.endIndex
    }

    /// The value at the start of the bytes, or nil when they do not start with one.
    mutating func read() -> JSONValue? {
        var stack: [Container] = []
        while true {
            skipSpace()
            var value: JSONValue
            switch current {
            case UInt8(ascii: "{"):
                guard stack.count < maximumDepth else { return nil }
                index += 1
                skipSpace()
                if current == UInt8(ascii: "}") {
                    index += 1
                    value = .object(JSONObject())
                } else {
                    guard let key = readKey() else { return nil }
                    stack.append(Container(isObject: true, pendingKey: key))
                    continue
                }
            case UInt8(ascii: "["):
                guard stack.count < maximumDepth else { return nil }
                index += 1
                skipSpace()
                if current == UInt8(ascii: "]") {
                    index += 1
                    value = .array([])
                } else {
                    stack.append(Container(isObject: false))
                    continue
                }
            default:
                guard let scalar = readScalar() else { return nil }
                value = scalar
            }
            // Add the finished value to its containers, closing those that end here.
            while let top = stack.indices.last {
                skipSpace()
                let separator = current
                index += 1
                if stack[top].isObject {
                    let key = stack[top].pendingKey
                    stack[top].object[key] = value
                    if separator == UInt8(ascii: "}") {
                        value = .object(stack.removeLast().object)
                        continue
                    }
                    skipSpace()
                    guard separator == UInt8(ascii: ","), let nextKey = readKey() else { return nil }
                    stack[top].pendingKey = nextKey
                } else {
                    stack[top].elements.append(value)
                    if separator == UInt8(ascii: "]") {
                        value = .array(stack.removeLast().elements)
                        continue
                    }
                    guard separator == UInt8(ascii: ",") else { return nil }
                }
                break
            }
            if stack.isEmpty { return value }
        }
    }

    /// The byte at the read position; 0 (never valid where it is looked at) at the end.
    private var current: UInt8 { index < bytes.endIndex ? bytes[index] : 0 }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private mutating func skipSpace() {
        while index < bytes.endIndex, Self.isSpace(bytes[index]) { index += 1 }
    }

    /// An object key and the `:` after it.
    private mutating func readKey() -> String? {
        guard current == UInt8(ascii: "\""), let key = readString() else { return nil }
        skipSpace()
        guard current == UInt8(ascii: ":") else { return nil }
        index += 1
        return key
    }

    private mutating func readScalar() -> JSONValue? {
        switch current {
        case UInt8(ascii: "\""):
            return readString().map(JSONValue.string)
        case UInt8(ascii: "t"):
            return readWord("true") ? .bool(true) : nil
        case UInt8(ascii: "f"):
            return readWord("false") ? .bool(false) : nil
        case UInt8(ascii: "n"):
            return readWord("null") ? .null : nil
        default:
            return readNumber()
        }
    }

    private mutating func readWord(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.endIndex - index >= count else { return false }
        let matches = word.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
        index += count
        return matches
    }

    /// A number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func readNumber() -> JSONValue? {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard Self.isDigit(current) else { return nil }
        if current == UInt8(ascii: "0") {
            index += 1
        } else {
            skipDigits()
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard Self.isDigit(current) else { return nil }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard Self.isDigit(current) else { return nil }
            skipDigits()
        }
        return .number(JSONNumber(validatedText: String(decoding: bytes[start..<index], as: UTF8.self)))
    }

    private mutating func skipDigits() {
        while index < bytes.endIndex, Self.isDigit(bytes[index]) { index += 1 }
    }

    /// A string literal, read as Go's `unquote` reads it. Text without escapes and with
    /// valid UTF-8 is taken as it is; otherwise escapes are resolved and each invalid byte
    /// and unpaired surrogate becomes U+FFFD.
    private mutating func readString() -> String? {
        index += 1  // opening quote
        let start = index
        while index < bytes.endIndex {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { return nil }
            if c < 0x80 {
                index += 1
                continue
            }
            // A byte of 0x80 or more decodes with width 1 only when it starts no valid sequence.
            let (_, width) = GoUTF8.decodeRune(bytes, at: index)
            guard width > 1 else { break }
            index += width
        }
        return readEscapedString(from: start)
    }

    private mutating func readEscapedString(from start: Int) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(index - start + 16)
        output.append(contentsOf: bytes[start..<index])
        while index < bytes.endIndex {
            let c = bytes[index]
            switch c {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: output, as: UTF8.self)
            case 0..<0x20:
                return nil
            case UInt8(ascii: "\\"):
                index += 1
                guard readEscape(into: &output) else { return nil }
            case 0x20..<0x80:
                // A run of plain ASCII is copied whole.
                let runStart = index
                index += 1
                while index < bytes.endIndex, bytes[index] >= 0x20, bytes[index] < 0x80,
                    bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\")
                {
                    index += 1
                }
                output.append(contentsOf: bytes[runStart..<index])
            default:
                let (_, width) = GoUTF8.decodeRune(bytes, at: index)
                if width > 1 {
                    output.append(contentsOf: bytes[index..<(index + width)])
                    index += width
                } else {
                    // Go replaces the byte by U+FFFD.
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    index += 1
                }
            }
        }
        return nil
    }

    /// The escape after a backslash.
    private mutating func readEscape(into output: inout [UInt8]) -> Bool {
        let escape = current
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = readHex4(at: index) else { return false }
            index += 4
            var scalar = Unicode.Scalar(unit)
            if (0xD800..<0xE000).contains(unit) {
                // A high surrogate pairs with a low one escaped right after it; anything
                // else unpaired is U+FFFD, and the next escape is read on its own.
                if unit < 0xDC00, current == UInt8(ascii: "\\"), index + 1 < bytes.endIndex,
                    bytes[index + 1] == UInt8(ascii: "u"), let low = readHex4(at: index + 2),
                    (0xDC00..<0xE000).contains(low)
                {
                    scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    index += 6
                }
            }
            UTF8.encode(scalar ?? "\u{FFFD}") { output.append($0) }
        default:
            return false
        }
        return true
    }

    private func readHex4(at start: Int) -> UInt32? {
        guard bytes.endIndex - start >= 4 else { return nil }
        var value: UInt32 = 0
        for position in start..<(start + 4) {
            let c = bytes[position]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }
}
