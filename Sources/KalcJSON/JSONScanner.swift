import KalcGo

/// A byte-at-a-time JSON syntax checker with the states, nesting limit and error texts of
/// Go's `encoding/json` scanner, so errors and their offsets match Go's.
struct JSONScanner {
    /// What a step tells the caller about the byte just consumed.
    enum Event: Equatable {
        case `continue`, beginLiteral, beginObject, objectKey, objectValue, endObject
        case beginArray, arrayValue, endArray, skipSpace, end, error
    }

    private enum State {
        case beginValueOrEmpty, beginValue, beginStringOrEmpty, beginString, endValue, endTop
        case inString, inStringEscape, inStringEscapeU, inStringEscapeU1, inStringEscapeU12, inStringEscapeU123
        case negative, nonZeroInteger, zero, dot, dotDigits, exponent, exponentSign, exponentDigits
        case t, tr, tru, f, fa, fal, fals, n, nu, nul, error
    }

    private enum ParseState { case objectKey, objectValue, arrayValue }

    /// Go's `maxNestingDepth`.
    static let maxNestingDepth = 10000

    /// Arrays and objects nested deeper than this are an error.
    let maximumDepth: Int
    private var state = State.beginValue
    private var parseStates: [ParseState] = []
    /// Set once the top-level value is complete.
    private(set) var endTop = false
    /// The first error found.
    private(set) var error: JSONParseError?
    /// Bytes consumed so far (Go's `scanner.bytes`), maintained by the caller.
    var bytes = 0

    /// A scanner at the start of the input.
    init(maximumDepth: Int = JSONScanner.maxNestingDepth) {
        self.maximumDepth = maximumDepth
    }

    /// Consumes one byte.
    mutating func step(_ c: UInt8) -> Event {
        switch state {
        case .beginValueOrEmpty:
            if isSpace(c) { return .skipSpace }
            if c == UInt8(ascii: "]") { return endValue(c) }
            return beginValue(c)
        case .beginValue:
            return beginValue(c)
        case .beginStringOrEmpty:
            if isSpace(c) { return .skipSpace }
            if c == UInt8(ascii: "}") {
                parseStates[parseStates.count - 1] = .objectValue
                return endValue(c)
            }
            return beginString(c)
        case .beginString:
            return beginString(c)
        case .endValue:
            return endValue(c)
        case .endTop:
            return endOfTop(c)
        case .inString:
            if c == UInt8(ascii: "\"") { state = .endValue; return .continue }
            if c == UInt8(ascii: "\\") { state = .inStringEscape; return .continue }
            if c < 0x20 { return fail(c, "in string literal") }
            return .continue
        case .inStringEscape:
            switch c {
            case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"),
                UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "\""):
                state = .inString
                return .continue
            case UInt8(ascii: "u"):
                state = .inStringEscapeU
                return .continue
            default:
                return fail(c, "in string escape code")
            }
        case .inStringEscapeU, .inStringEscapeU1, .inStringEscapeU12, .inStringEscapeU123:
            guard isHex(c) else { return fail(c, "in \\u hexadecimal character escape") }
            switch state {
            case .inStringEscapeU: state = .inStringEscapeU1
            case .inStringEscapeU1: state = .inStringEscapeU12
            case .inStringEscapeU12: state = .inStringEscapeU123
            default: state = .inString
            }
            return .continue
        case .negative:
            if c == UInt8(ascii: "0") { state = .zero; return .continue }
            if c >= UInt8(ascii: "1") && c <= UInt8(ascii: "9") { state = .nonZeroInteger; return .continue }
            return fail(c, "in numeric literal")
        case .nonZeroInteger:
            if isDigit(c) { return .continue }
            return afterZero(c)
        case .zero:
            return afterZero(c)
        case .dot:
            if isDigit(c) { state = .dotDigits; return .continue }
            return fail(c, "after decimal point in numeric literal")
        case .dotDigits:
            if isDigit(c) { return .continue }
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { state = .exponent; return .continue }
            return endValue(c)
        case .exponent:
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { state = .exponentSign; return .continue }
            return exponentSign(c)
        case .exponentSign:
            return exponentSign(c)
        case .exponentDigits:
            if isDigit(c) { return .continue }
            return endValue(c)
        case .t: return literal(c, expecting: "r", next: .tr, name: "true")
        case .tr: return literal(c, expecting: "u", next: .tru, name: "true")
        case .tru: return literal(c, expecting: "e", next: .endValue, name: "true")
        case .f: return literal(c, expecting: "a", next: .fa, name: "false")
        case .fa: return literal(c, expecting: "l", next: .fal, name: "false")
        case .fal: return literal(c, expecting: "s", next: .fals, name: "false")
        case .fals: return literal(c, expecting: "e", next: .endValue, name: "false")
        case .n: return literal(c, expecting: "u", next: .nu, name: "null")
        case .nu: return literal(c, expecting: "l", next: .nul, name: "null")
        case .nul: return literal(c, expecting: "l", next: .endValue, name: "null")
        case .error:
            return .error
        }
    }

    /// Go's `scanner.eof`: whether the input may end here; sets the error when it may not.
    mutating func endOfInput() -> Bool {
        if error != nil { return false }
        if endTop { return true }
        _ = step(UInt8(ascii: " "))
        if endTop { return true }
        if error == nil {
            error = JSONParseError(message: "unexpected end of JSON input", offset: bytes)
        }
        return false
    }

    private mutating func beginValue(_ c: UInt8) -> Event {
        if isSpace(c) { return .skipSpace }
        switch c {
        case UInt8(ascii: "{"):
            state = .beginStringOrEmpty
            return push(c, .objectKey, success: .beginObject)
        case UInt8(ascii: "["):
            state = .beginValueOrEmpty
            return push(c, .arrayValue, success: .beginArray)
        case UInt8(ascii: "\""): state = .inString
        case UInt8(ascii: "-"): state = .negative
        case UInt8(ascii: "0"): state = .zero
        case UInt8(ascii: "t"): state = .t
        case UInt8(ascii: "f"): state = .f
        case UInt8(ascii: "n"): state = .n
        case UInt8(ascii: "1")...UInt8(ascii: "9"): state = .nonZeroInteger
        default: return fail(c, "looking for beginning of value")
        }
        return .beginLiteral
    }

    private mutating func beginString(_ c: UInt8) -> Event {
        if isSpace(c) { return .skipSpace }
        if c == UInt8(ascii: "\"") {
            state = .inString
            return .beginLiteral
        }
        return fail(c, "looking for beginning of object key string")
    }

    private mutating func endValue(_ c: UInt8) -> Event {
        guard let top = parseStates.last else {
            state = .endTop
            endTop = true
            return endOfTop(c)
        }
        if isSpace(c) {
            state = .endValue
            return .skipSpace
        }
        switch top {
        case .objectKey:
            if c == UInt8(ascii: ":") {
                parseStates[parseStates.count - 1] = .objectValue
                state = .beginValue
                return .objectKey
            }
            return fail(c, "after object key")
        case .objectValue:
            if c == UInt8(ascii: ",") {
                parseStates[parseStates.count - 1] = .objectKey
                state = .beginString
                return .objectValue
            }
            if c == UInt8(ascii: "}") {
                pop()
                return .endObject
            }
            return fail(c, "after object key:value pair")
        case .arrayValue:
            if c == UInt8(ascii: ",") {
                state = .beginValue
                return .arrayValue
            }
            if c == UInt8(ascii: "]") {
                pop()
                return .endArray
            }
            return fail(c, "after array element")
        }
    }

    private mutating func endOfTop(_ c: UInt8) -> Event {
        if !isSpace(c) { _ = fail(c, "after top-level value") }
        return .end
    }

    private mutating func afterZero(_ c: UInt8) -> Event {
        if c == UInt8(ascii: ".") { state = .dot; return .continue }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { state = .exponent; return .continue }
        return endValue(c)
    }

    private mutating func exponentSign(_ c: UInt8) -> Event {
        if isDigit(c) { state = .exponentDigits; return .continue }
        return fail(c, "in exponent of numeric literal")
    }

    private mutating func literal(_ c: UInt8, expecting: Character, next: State, name: String) -> Event {
        if c == expecting.asciiValue {
            state = next
            return .continue
        }
        return fail(c, "in literal \(name) (expecting '\(expecting)')")
    }

    private mutating func push(_ c: UInt8, _ parseState: ParseState, success: Event) -> Event {
        parseStates.append(parseState)
        if parseStates.count <= maximumDepth { return success }
        return fail(c, "exceeded max depth")
    }

    private mutating func pop() {
        parseStates.removeLast()
        if parseStates.isEmpty {
            state = .endTop
            endTop = true
        } else {
            state = .endValue
        }
    }

    private mutating func fail(_ c: UInt8, _ context: String) -> Event {
        state = .error
        error = JSONParseError(message: "invalid character " + JSONScanner.quoteChar(c) + " " + context, offset: bytes)
        return .error
    }

    private func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
    }

    /// Go's `quoteChar`: the byte as a rune in single quotes, escaped as `strconv.Quote` does.
    static func quoteChar(_ c: UInt8) -> String {
        if c == UInt8(ascii: "'") { return "'\\''" }
        if c == UInt8(ascii: "\"") { return "'\"'" }
        return GoStrconv.quoteRune(UInt64(c))
    }
}
