/// A JSON number kept as the decimal text it was written with (Go's `json.Number`), so
/// big integers and decimal fractions keep their exact value.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as written, in JSON number syntax.
    public let text: String

    /// A number from text in JSON number syntax; `nil` when the text is not one.
    public init?(_ text: String) {
        guard JSONNumber.isValidSyntax(Array(text.utf8)) else { return nil }
        self.text = text
    }

    /// A number from a machine integer.
    public init(_ value: Int) {
        self.text = String(value)
    }

    /// A number from text the parser has already read as JSON number syntax.
    init(validatedText: String) {
        self.text = validatedText
    }

    /// The number as written.
    public var description: String { text }

    /// Whether `bytes` is a number in JSON syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isValidSyntax(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
        if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digit(index) else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while digit(index) { index += 1 }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digit(index) else { return false }
            while digit(index) { index += 1 }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard digit(index) else { return false }
            while digit(index) { index += 1 }
        }
        return index == bytes.count
    }
}
