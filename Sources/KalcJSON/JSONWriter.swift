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
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case "\\": output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case "\n": output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case "\r": output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case "\t": output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case "\u{08}": output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case "\u{0C}": output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{FEFF}":
                let code = Int(scalar.value)
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"),
                                           Self.hexDigits[(code >> 12) & 0xF], Self.hexDigits[(code >> 8) & 0xF],
                                           Self.hexDigits[(code >> 4) & 0xF], Self.hexDigits[code & 0xF]])
            default:
                UTF8.encode(scalar) { output.append($0) }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
