extension JSONValue {
    /// The JSON text of the value as UTF-8 bytes: members in order, numbers exactly as
    /// stored. Compact (no whitespace) by default; `pretty` indents by two spaces per level
    /// and writes `": "` between a key and its value. Strings escape `"`, `\`, control
    /// characters, U+007F, U+2028, U+2029 (which JavaScript once rejected in strings) and
    /// U+FEFF (which some readers drop as a byte order mark).
    public func serialized(pretty: Bool = false) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self, depth: 0)
        return writer.output
    }

    /// The compact JSON text of the value.
    public var jsonText: String { String(decoding: serialized(), as: UTF8.self) }

    /// The JSON text of the value, indented by two spaces per level.
    public var prettyJSONText: String { String(decoding: serialized(pretty: true), as: UTF8.self) }

    /// A JSON string literal spelling `text`, escaped as values are.
    public static func quoted(_ text: String) -> String {
        var writer = JSONWriter(pretty: false)
        writer.writeString(text)
        return String(decoding: writer.output, as: UTF8.self)
    }
}

/// Writes JSON text into a byte buffer.
private struct JSONWriter {
    let pretty: Bool
    var output: [UInt8] = []

    init(pretty: Bool) {
        self.pretty = pretty
        output.reserveCapacity(256)
    }

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            output.append(contentsOf: number.text.utf8)
        case .string(let text):
            writeString(text)
        case .array(let elements):
            guard !elements.isEmpty else { output.append(contentsOf: "[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth: depth + 1)
                write(element, depth: depth + 1)
            }
            newline(depth: depth)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else { output.append(contentsOf: "{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            for (index, member) in object.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth: depth + 1)
                writeString(member.key)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                write(member.value, depth: depth + 1)
            }
            newline(depth: depth)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let width: Int
                if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                } else if byte < 0x80 {
                    width = 1
                } else if index + 2 < bytes.count,
                    (byte == 0xE2 && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9))
                        || (byte == 0xEF && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF)
                {
                    width = 3
                } else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                writeEscape(Self.scalar(bytes, at: index, width: width))
                index += width
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, width: Int) -> UInt32 {
        guard width == 3 else { return UInt32(bytes[index]) }
        return (UInt32(bytes[index] & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
    }

    /// The escape of one character that may not appear in a string as it is.
    private mutating func writeEscape(_ code: UInt32) {
        switch code {
        case 0x22: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case 0x5C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
        case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
        default:
            let code = Int(code)
            output.append(contentsOf: [
                UInt8(ascii: "\\"), UInt8(ascii: "u"),
                Self.hexDigits[(code >> 12) & 0xF], Self.hexDigits[(code >> 8) & 0xF],
                Self.hexDigits[(code >> 4) & 0xF], Self.hexDigits[code & 0xF],
            ])
        }
    }
}
