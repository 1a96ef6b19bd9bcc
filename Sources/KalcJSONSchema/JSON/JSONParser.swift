import KalcGo

/// Reads JSON text into `JSONValue`s with the acceptance rules, nesting limit (10,000) and
/// error texts of Go's `encoding/json`.
public enum JSONParser {
    /// Parses text that must hold exactly one JSON value, as `json.Unmarshal` does (numbers
    /// are kept as their decimal text, as with `UseNumber`).
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses bytes that must hold exactly one JSON value, as `json.Unmarshal` does (numbers
    /// are kept as their decimal text, as with `UseNumber`).
    public static func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var scanner = JSONScanner()
        for byte in bytes {
            scanner.bytes += 1
            if scanner.step(byte) == .error, let error = scanner.error { throw error }
        }
        if !scanner.endOfInput(), let error = scanner.error { throw error }
        return { var builder = JSONValueBuilder(bytes: bytes[...]); return builder.build() }()
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
            } else if bytes.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A) }) {
                throw JSONParseError(message: "unexpected EOF", offset: bytes.count)
            } else {
                throw JSONParseError(message: "EOF", offset: bytes.count)
            }
        }
        return { var builder = JSONValueBuilder(bytes: bytes[..<(end ?? bytes.count)]); return builder.build() }()
    }
}

/// Builds a value from bytes the scanner has accepted, without recursion.
private struct JSONValueBuilder {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    private enum Container {
        case array([JSONValue])
        case object(JSONObject, pendingKey: String)
    }

    mutating func build() -> JSONValue {
        var stack: [Container] = []
        while true {
            skipSpace()
            var value: JSONValue
            switch current {
            case UInt8(ascii: "{"):
                index += 1
                skipSpace()
                if current == UInt8(ascii: "}") {
                    index += 1
                    value = .object(JSONObject())
                } else {
                    let key = readString()
                    skipSpace()
                    index += 1  // ':'
                    stack.append(.object(JSONObject(), pendingKey: key))
                    continue
                }
            case UInt8(ascii: "["):
                index += 1
                skipSpace()
                if current == UInt8(ascii: "]") {
                    index += 1
                    value = .array([])
                } else {
                    stack.append(.array([]))
                    continue
                }
            default:
                value = readScalar()
            }
            // Attach the finished value to its containers, closing those that end here.
            while true {
                guard let top = stack.popLast() else { return value }
                skipSpace()
                let separator = current
                index += 1
                switch top {
                case .array(var elements):
                    elements.append(value)
                    if separator == UInt8(ascii: ",") {
                        stack.append(.array(elements))
                    } else {
                        value = .array(elements)
                        continue
                    }
                case .object(var object, let key):
                    object[key] = value
                    if separator == UInt8(ascii: ",") {
                        skipSpace()
                        let nextKey = readString()
                        skipSpace()
                        index += 1  // ':'
                        stack.append(.object(object, pendingKey: nextKey))
                    } else {
                        value = .object(object)
                        continue
                    }
                }
                break
            }
        }
    }

    private var current: UInt8 { index < bytes.endIndex ? bytes[index] : 0 }

    private mutating func skipSpace() {
        while index < bytes.endIndex, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
            index += 1
        }
    }

    private mutating func readScalar() -> JSONValue {
        switch current {
        case UInt8(ascii: "\""):
            return .string(readString())
        case UInt8(ascii: "t"):
            index += 4
            return .bool(true)
        case UInt8(ascii: "f"):
            index += 5
            return .bool(false)
        case UInt8(ascii: "n"):
            index += 4
            return .null
        default:
            let start = index
            while index < bytes.endIndex {
                let c = bytes[index]
                let isNumberByte = (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                    || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
                guard isNumberByte else { break }
                index += 1
            }
            return .number(JSONNumber(validatedText: String(decoding: bytes[start..<index], as: UTF8.self)))
        }
    }

    /// Reads a string literal as Go's `unquote` does: escapes resolved, invalid UTF-8 and
    /// unpaired surrogates turned into U+FFFD.
    private mutating func readString() -> String {
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var rawStart = index
        func flushRaw(_ end: Int) {
            if rawStart < end {
                scalars.append(contentsOf: GoUTF8.decode(bytes[rawStart..<end]))
            }
        }
        while index < bytes.endIndex {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                flushRaw(index)
                index += 1
                return String(scalars)
            }
            guard c == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            flushRaw(index)
            index += 1
            let escape = current
            index += 1
            switch escape {
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let unit = readHex4(at: index)
                index += 4
                if (0xD800..<0xE000).contains(unit) {
                    if unit < 0xDC00, current == UInt8(ascii: "\\"), index + 1 < bytes.endIndex,
                       bytes[index + 1] == UInt8(ascii: "u") {
                        let low = readHex4(at: index + 2)
                        if (0xDC00..<0xE000).contains(low) {
                            let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            scalars.append(Unicode.Scalar(combined) ?? "\u{FFFD}")
                            index += 6
                            rawStart = index
                            continue
                        }
                    }
                    scalars.append("\u{FFFD}")
                } else {
                    scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                }
            default:
                scalars.append(Unicode.Scalar(escape))
            }
            rawStart = index
        }
        flushRaw(index)
        return String(scalars)
    }

    private func readHex4(at start: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let position = start + offset
            guard position < bytes.endIndex else { return 0xFFFD }
            let c = bytes[position]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            default: return 0xFFFD
            }
            value = value * 16 + digit
        }
        return value
    }
}
