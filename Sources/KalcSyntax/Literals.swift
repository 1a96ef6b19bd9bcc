import KalcDiagnostics

/// A problem found in a literal, with the bytes it concerns.
struct LiteralProblem {
    var message: String
    var span: Span
}

/// The value of a `"..."` string literal.
public enum StringLiteral {
    /// The text of a string token (quotes included): escapes decoded, invalid escapes kept
    /// as written, invalid UTF-8 replaced by U+FFFD.
    public static func value(of bytes: ArraySlice<UInt8>) -> String {
        var body = bytes
        if body.first == UInt8(ascii: "\"") { body = body.dropFirst() }
        if body.last == UInt8(ascii: "\""), body.count >= 1 {
            // A lone backslash before the final quote means the string is unterminated.
            var backslashes = 0
            var index = body.index(before: body.endIndex)
            while index > body.startIndex, body[body.index(before: index)] == UInt8(ascii: "\\") {
                backslashes += 1
                index = body.index(before: index)
            }
            if backslashes % 2 == 0 { body = body.dropLast() }
        }
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < body.endIndex else {
                output.append(byte)
                index += 1
                continue
            }
            let escaped = body[index + 1]
            switch escaped {
            case UInt8(ascii: "n"): output.append(UInt8(ascii: "\n")); index += 2
            case UInt8(ascii: "t"): output.append(UInt8(ascii: "\t")); index += 2
            case UInt8(ascii: "r"): output.append(UInt8(ascii: "\r")); index += 2
            case UInt8(ascii: "0"): output.append(0); index += 2
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): output.append(escaped); index += 2
            case UInt8(ascii: "u"):
                if let (scalar, length) = unicodeEscape(body, at: index) {
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index += length
                } else {
                    output.append(byte)
                    index += 1
                }
            default:
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `\u{1F600}` at `index`: the scalar and the escape's length.
    static func unicodeEscape(_ body: ArraySlice<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        guard index + 2 < body.endIndex, body[index + 2] == UInt8(ascii: "{") else { return nil }
        var cursor = index + 3
        var value: UInt32 = 0
        var digits = 0
        while cursor < body.endIndex, let digit = hexValue(body[cursor]), digits < 8 {
            value = value * 16 + UInt32(digit)
            digits += 1
            cursor += 1
        }
        guard digits > 0, cursor < body.endIndex, body[cursor] == UInt8(ascii: "}"), let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, cursor + 1 - index)
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// The invalid escapes of a string body (between the quotes).
    static func escapeProblems(_ body: ArraySlice<UInt8>, offset: Int) -> [LiteralProblem] {
        var problems: [LiteralProblem] = []
        var index = body.startIndex
        while index < body.endIndex {
            guard body[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            guard index + 1 < body.endIndex else {
                problems.append(LiteralProblem(message: "a backslash must be followed by an escape", span: Span(start: index, end: index + 1)))
                break
            }
            switch body[index + 1] {
            case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "0"), UInt8(ascii: "\\"), UInt8(ascii: "\""):
                index += 2
            case UInt8(ascii: "u"):
                if let (_, length) = unicodeEscape(body, at: index) {
                    index += length
                } else {
                    problems.append(LiteralProblem(message: "invalid unicode escape; write `\\u{` hex digits `}`", span: Span(start: index, end: index + 2)))
                    index += 2
                }
            default:
                let end = min(index + 2, body.endIndex)
                let text = String(decoding: body[index..<end], as: UTF8.self)
                problems.append(LiteralProblem(message: "invalid escape `\(text)`", span: Span(start: index, end: end)))
                index += 2
            }
        }
        return problems
    }

    /// A string literal spelling `value`, with every character that needs it escaped.
    public static func quote(_ value: String) -> String {
        quote(value) { scalar in
            scalar == "\0" ? "\\0" : "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }

    /// `value` between double quotes, with quotes, backslashes, line feeds, tabs and carriage
    /// returns escaped by a backslash and every other invisible scalar (controls, line and
    /// paragraph separators, the byte order mark) spelled by `escapeInvisible`.
    public static func quote(_ value: String, escapeInvisible: (Unicode.Scalar) -> String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
                {
                    result += escapeInvisible(scalar)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// The value of a `"""` text block.
///
/// The lines between the delimiters, each with the closing delimiter's indentation
/// removed and ending in a line break; `"""-` drops the last line break. Nothing is
/// escaped: the text is taken as written, trailing spaces included.
public enum TextBlock {
    struct Layout {
        /// Whether the block was opened with `"""-`.
        var chomp: Bool
        /// Byte ranges of the content lines, without their line breaks.
        var lines: [Range<Int>]
        /// The indentation that is stripped (the closing delimiter's).
        var indentation: Range<Int>
    }

    static func layout(_ bytes: [UInt8], tokenStart: Int, tokenEnd: Int) -> Layout? {
        guard tokenEnd - tokenStart >= 6 else { return nil }
        let chomp = tokenStart + 3 < tokenEnd && bytes[tokenStart + 3] == UInt8(ascii: "-")
        var lineStarts: [Int] = []
        var index = tokenStart
        while index < tokenEnd {
            if bytes[index] == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
            index += 1
        }
        let closingEnd = tokenEnd - 3
        // An unterminated block runs to the end of the file and has no closing line.
        guard let closingLineStart = lineStarts.last, closingLineStart <= closingEnd else { return nil }
        var lines: [Range<Int>] = []
        for (position, start) in lineStarts.dropLast().enumerated() {
            var end = lineStarts[position + 1] - 1
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lines.append(start..<end)
        }
        return Layout(chomp: chomp, lines: lines, indentation: closingLineStart..<closingEnd)
    }

    /// The text a text block token stands for.
    public static func value(_ bytes: [UInt8], tokenStart: Int, tokenEnd: Int) -> String {
        guard let layout = layout(bytes, tokenStart: tokenStart, tokenEnd: tokenEnd) else { return "" }
        let indentation = bytes[layout.indentation]
        var output: [UInt8] = []
        for line in layout.lines {
            let text = bytes[line]
            if text.starts(with: indentation) {
                output.append(contentsOf: text.dropFirst(indentation.count))
            } else if text.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                // A blank line shorter than the indentation is an empty line.
            } else {
                output.append(contentsOf: text.drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }))
            }
            output.append(UInt8(ascii: "\n"))
        }
        if layout.chomp, output.last == UInt8(ascii: "\n") { output.removeLast() }
        return String(decoding: output, as: UTF8.self)
    }

    /// Lines that are not blank and do not start with the closing delimiter's indentation.
    static func indentationProblems(_ bytes: [UInt8], tokenStart: Int, tokenEnd: Int) -> [LiteralProblem] {
        guard let layout = layout(bytes, tokenStart: tokenStart, tokenEnd: tokenEnd) else { return [] }
        let indentation = bytes[layout.indentation]
        return layout.lines.compactMap { line in
            let text = bytes[line]
            if text.starts(with: indentation) || text.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return nil }
            var end = line.lowerBound
            while end < line.upperBound, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
            return LiteralProblem(message: "this line is indented less than the closing `\"\"\"`", span: Span(start: line.lowerBound, end: end))
        }
    }

    /// Whether `value` can be written as a text block (it has no line that would read as a
    /// closing delimiter and no carriage return), and so keeps its exact text through one.
    public static func canSpell(_ value: String) -> Bool {
        guard !value.isEmpty, !value.unicodeScalars.contains("\r") else { return false }
        for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("\"\"\"") { return false }
        }
        return true
    }

    /// A text block spelling `value`, its lines indented by `indent` (the closing
    /// delimiter sits at `indent`). Only for values where `canSpell` is true.
    public static func spell(_ value: String, indent: String) -> String {
        var body = value
        var opening = "\"\"\""
        if body.hasSuffix("\n") {
            body.removeLast()
        } else {
            opening += "-"
        }
        var result = opening + "\n"
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                result += "\n"
            } else {
                result += indent + line + "\n"
            }
        }
        return result + indent + "\"\"\""
    }
}

/// Maps a position in the value of a literal back to the source: where the character at a
/// byte offset of a string's or text block's value was written.
public enum LiteralPositions {
    /// The source offset of the byte at `valueOffset` of the value of the literal token
    /// `token` (a word, string or text block) in `file`.
    public static func sourceOffset(ofValueOffset valueOffset: Int, in token: Span, of file: SourceFile) -> Int {
        LiteralOffsets(token, of: file).sourceOffset(ofValueOffset: valueOffset)
    }
}

/// Where the bytes of one literal's value stand in the source, worked out in one pass over
/// the literal, so that looking up many positions in a long literal (a template with
/// thousands of actions) costs a binary search each instead of a pass each.
public struct LiteralOffsets: Sendable {
    /// A stretch of value bytes that stand one after the other in the source.
    struct Run: Sendable {
        var value: Int
        var source: Int
        var length: Int
    }

    /// The runs, in value order; each starts where the one before ends (plus the line break
    /// between two lines of a text block, or an escape of a string).
    private var runs: [Run] = []
    /// The source offset of a value offset past the last run.
    private var end: Int

    /// The offsets of the value of the literal token `token` (a word, string or text block) in `file`.
    public init(_ token: Span, of file: SourceFile) {
        let bytes = file.bytes
        end = token.start
        guard token.end <= bytes.count, token.start < token.end else { return }
        switch bytes[token.start] {
        case UInt8(ascii: "\""):
            if token.length >= 6, bytes[token.start + 1] == UInt8(ascii: "\""), bytes[token.start + 2] == UInt8(ascii: "\"") {
                textBlock(token, bytes)
            } else {
                string(token, bytes)
            }
        default:
            runs = [Run(value: 0, source: token.start, length: token.length)]
            end = token.end
        }
    }

    private mutating func textBlock(_ token: Span, _ bytes: [UInt8]) {
        guard let layout = TextBlock.layout(bytes, tokenStart: token.start, tokenEnd: token.end) else { return }
        let indentation = bytes[layout.indentation]
        var value = 0
        for line in layout.lines {
            let text = bytes[line]
            var stripped = 0
            if text.starts(with: indentation) {
                stripped = indentation.count
            } else {
                stripped = text.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
            }
            let length = text.count - stripped
            runs.append(Run(value: value, source: line.lowerBound + stripped, length: length))
            value += length + 1
        }
        // The end of the value: the line of the closing delimiter.
        end = layout.indentation.lowerBound
    }

    private mutating func string(_ token: Span, _ bytes: [UInt8]) {
        var source = token.start + 1
        var value = 0
        let last = token.end - 1
        var run = Run(value: 0, source: source, length: 0)
        while source < last {
            if bytes[source] == UInt8(ascii: "\\"), source + 1 < last {
                // An escape: its first value byte is the backslash's place, the rest the place after it.
                runs.append(run)
                runs.append(Run(value: value, source: source, length: 0))
                if bytes[source + 1] == UInt8(ascii: "u"), let (scalar, length) = StringLiteral.unicodeEscape(bytes[source..<last], at: source) {
                    value += String(Character(scalar)).utf8.count
                    source += length
                } else {
                    value += 1
                    source += 2
                }
                run = Run(value: value, source: source, length: 0)
            } else {
                value += 1
                source += 1
                run.length += 1
            }
        }
        runs.append(run)
        end = source
    }

    /// The source offset of the byte at `valueOffset` of the value.
    public func sourceOffset(ofValueOffset valueOffset: Int) -> Int {
        let offset = max(valueOffset, 0)
        // The last run that starts at or before the offset.
        var low = 0
        var high = runs.count
        while low < high {
            let middle = (low + high) / 2
            if runs[middle].value <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return end }
        let run = runs[low - 1]
        if offset - run.value <= run.length { return run.source + offset - run.value }
        return low < runs.count ? runs[low].source : end
    }
}
