import KalcGo

/// The lexer of Go's `text/template/parse`, token for token (including its error texts,
/// its trim-marker rules and the line numbers it attaches to tokens).

enum TokenKind: Int, Sendable {
    case error, bool, char, charConstant, comment, complex, assign, declare, eof
    case field, identifier, leftDelim, leftParen, number, pipe, rawString
    case rightDelim, rightParen, space, string, text, variable
    // Keywords come after all the rest.
    case keyword
    case block, `break`, `continue`, dot, define, `else`, end, `if`, `nil`, range, template, with
}

struct Token: Sendable {
    var kind: TokenKind
    /// Byte offset of the token in the template text.
    var pos: Int
    var value: String
    /// 1-based line of the token's start.
    var line: Int

    /// The token as Go's `item.String()` prints it in error messages.
    var description: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        default:
            if kind.rawValue > TokenKind.keyword.rawValue { return "<\(value)>" }
            let scalars = Array(value.unicodeScalars)
            if value.utf8.count > 10 {
                // Go's %.10q: the first ten runes, quoted, then "...".
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: scalars.prefix(10))
                return GoStrconv.quote(String(prefix)) + "..."
            }
            return GoStrconv.quote(value)
        }
    }
}

private let keywords: [String: TokenKind] = [
    ".": .dot, "block": .block, "break": .break, "continue": .continue, "define": .define,
    "else": .else, "end": .end, "if": .if, "range": .range, "nil": .nil, "template": .template, "with": .with,
]

/// A pull lexer over the template's UTF-8 bytes.
struct TemplateLexer {
    private enum State {
        case text, leftDelim, comment, rightDelim, insideAction, space, identifier, field, variable
        case char, number, quote, rawQuote, done
    }

    private let input: [UInt8]
    private let leftDelim: [UInt8] = Array("{{".utf8)
    private let rightDelim: [UInt8] = Array("}}".utf8)
    private let emitComment: Bool
    private var pos = 0
    private var start = 0
    private var atEOF = false
    private var parenDepth = 0
    private var line = 1
    private var startLine = 1
    private var state: State = .text
    private var pending: [Token] = []

    init(_ text: String, emitComment: Bool = false) {
        input = Array(text.utf8)
        self.emitComment = emitComment
    }

    /// The next token; after an error or EOF it keeps returning EOF.
    mutating func nextItem() -> Token {
        while pending.isEmpty {
            if state == .done {
                return Token(kind: .eof, pos: pos, value: "", line: line)
            }
            step()
        }
        return pending.removeFirst()
    }

    // MARK: Primitives

    private static let eof: UInt32 = 0xFFFF_FFFF

    private mutating func next() -> UInt32 {
        if pos >= input.count {
            atEOF = true
            return Self.eof
        }
        let (r, w) = input[pos] < 0x80 ? (UInt32(input[pos]), 1) : GoStrconv.decodeRune(input[pos...])
        pos += w
        if r == 0x0A { line += 1 }
        return r
    }

    private mutating func peek() -> UInt32 {
        let r = next()
        backup()
        return r
    }

    private mutating func backup() {
        if !atEOF && pos > 0 {
            var w = 1
            // Step back over one UTF-8 encoded rune.
            while w < 4 && pos - w > 0 && (input[pos - w] & 0xC0) == 0x80 { w += 1 }
            let (r, width) = input[pos - w] < 0x80 ? (UInt32(input[pos - w]), 1) : GoStrconv.decodeRune(input[(pos - w)..<pos])
            if width == w {
                pos -= w
                if r == 0x0A { line -= 1 }
            } else {
                pos -= 1
            }
        }
    }

    private func slice(_ from: Int, _ to: Int) -> String {
        String(decoding: input[from..<to], as: UTF8.self)
    }

    private mutating func emit(_ kind: TokenKind) {
        pending.append(Token(kind: kind, pos: start, value: slice(start, pos), line: startLine))
        start = pos
        startLine = line
    }

    private mutating func ignore() {
        line += countNewlines(start, pos)
        start = pos
        startLine = line
    }

    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        var n = 0
        for i in from..<to where input[i] == 0x0A { n += 1 }
        return n
    }

    private mutating func accept(_ valid: String) -> Bool {
        let r = next()
        if r != Self.eof, let scalar = Unicode.Scalar(r), valid.unicodeScalars.contains(scalar) { return true }
        backup()
        return false
    }

    private mutating func acceptRun(_ valid: String) {
        while true {
            let r = next()
            if r != Self.eof, let scalar = Unicode.Scalar(r), valid.unicodeScalars.contains(scalar) { continue }
            break
        }
        backup()
    }

    private mutating func errorf(_ message: String) {
        pending.append(Token(kind: .error, pos: start, value: message, line: startLine))
        state = .done
    }

    private func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + prefix.count <= input.count else { return false }
        for (offset, byte) in prefix.enumerated() where input[index + offset] != byte { return false }
        return true
    }

    private static func isSpace(_ r: UInt32) -> Bool { r == 0x20 || r == 0x09 || r == 0x0D || r == 0x0A }

    private static func isAlphaNumeric(_ r: UInt32) -> Bool {
        if r == UInt32(UInt8(ascii: "_")) { return true }
        guard r != eof, let scalar = Unicode.Scalar(r) else { return false }
        return GoUnicode.isLetter(scalar) || GoUnicode.isDigit(scalar)
    }

    private func hasLeftTrimMarker(at index: Int) -> Bool {
        index + 1 < input.count && input[index] == UInt8(ascii: "-") && Self.isSpace(UInt32(input[index + 1]))
    }

    private func hasRightTrimMarker(at index: Int) -> Bool {
        index >= 0 && index + 1 < input.count && Self.isSpace(UInt32(input[index])) && input[index + 1] == UInt8(ascii: "-")
    }

    private func atRightDelim() -> (delim: Bool, trimSpaces: Bool) {
        if hasRightTrimMarker(at: pos) && hasPrefix(rightDelim, at: pos + 2) { return (true, true) }
        if hasPrefix(rightDelim, at: pos) { return (true, false) }
        return (false, false)
    }

    private func isSpaceByte(_ b: UInt8) -> Bool { Self.isSpace(UInt32(b)) }

    private mutating func atTerminator() -> Bool {
        // Like Go's peek (which also latches the end of input), without touching the line count.
        guard pos < input.count else {
            atEOF = true
            return true
        }
        let (r, _) = input[pos] < 0x80 ? (UInt32(input[pos]), 1) : GoStrconv.decodeRune(input[pos...])
        if Self.isSpace(r) { return true }
        switch r {
        case UInt32(UInt8(ascii: ".")), UInt32(UInt8(ascii: ",")), UInt32(UInt8(ascii: "|")), UInt32(UInt8(ascii: ":")),
            UInt32(UInt8(ascii: ")")), UInt32(UInt8(ascii: "(")):
            return true
        default:
            return hasPrefix(rightDelim, at: pos)
        }
    }

    private static func runeDescription(_ r: UInt32) -> String {
        // Go's %#U: U+0041 'A'.
        var hex = String(r, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        if r != eof, let scalar = Unicode.Scalar(r), GoStrconv.isPrint(scalar) {
            return "U+\(hex) '\(String(scalar))'"
        }
        if r == eof { return "U+FFFFFFFFFFFFFFFF" }
        return "U+\(hex)"
    }

    // MARK: States

    private mutating func step() {
        switch state {
        case .text: lexText()
        case .leftDelim: lexLeftDelim()
        case .comment: lexComment()
        case .rightDelim: lexRightDelim()
        case .insideAction: lexInsideAction()
        case .space: lexSpace()
        case .identifier: lexIdentifier()
        case .field: lexFieldOrVariable(.field)
        case .variable: lexVariable()
        case .char: lexChar()
        case .number: lexNumber()
        case .quote: lexQuote()
        case .rawQuote: lexRawQuote()
        case .done: break
        }
    }

    private func indexOfLeftDelim(from index: Int) -> Int? {
        var i = index
        while i + leftDelim.count <= input.count {
            if hasPrefix(leftDelim, at: i) { return i }
            i += 1
        }
        return nil
    }

    private mutating func lexText() {
        if let x = indexOfLeftDelim(from: pos) {
            pos = x
            var trimLength = 0
            if hasLeftTrimMarker(at: pos + leftDelim.count) {
                var end = pos
                while end > start && isSpaceByte(input[end - 1]) { end -= 1 }
                trimLength = pos - end
            }
            pos -= trimLength
            if pos > start {
                line += countNewlines(start, pos)
                emit(.text)
            }
            pos += trimLength
            ignore()
            state = .leftDelim
            return
        }
        pos = input.count
        if pos > start {
            line += countNewlines(start, pos)
            emit(.text)
        }
        emit(.eof)
        state = .done
    }

    private mutating func lexLeftDelim() {
        pos += leftDelim.count
        let trimSpace = hasLeftTrimMarker(at: pos)
        let afterMarker = trimSpace ? 2 : 0
        if hasPrefix(Array("/*".utf8), at: pos + afterMarker) {
            pos += afterMarker
            ignore()
            state = .comment
            return
        }
        emit(.leftDelim)
        pos += afterMarker
        ignore()
        parenDepth = 0
        state = .insideAction
    }

    private mutating func lexComment() {
        pos += 2
        var i = pos
        var found: Int? = nil
        while i + 1 < input.count {
            if input[i] == UInt8(ascii: "*") && input[i + 1] == UInt8(ascii: "/") {
                found = i
                break
            }
            i += 1
        }
        guard let end = found else {
            errorf("unclosed comment")
            return
        }
        pos = end + 2
        let (delim, trimSpace) = atRightDelim()
        if !delim {
            errorf("comment ends before closing delimiter")
            return
        }
        if emitComment { emit(.comment) }
        if trimSpace { pos += 2 }
        pos += rightDelim.count
        if trimSpace {
            while pos < input.count && isSpaceByte(input[pos]) { pos += 1 }
        }
        ignore()
        state = .text
    }

    private mutating func lexRightDelim() {
        let trimSpace = hasRightTrimMarker(at: pos)
        if trimSpace {
            pos += 2
            ignore()
        }
        pos += rightDelim.count
        emit(.rightDelim)
        if trimSpace {
            while pos < input.count && isSpaceByte(input[pos]) { pos += 1 }
            ignore()
        }
        state = .text
    }

    private mutating func lexInsideAction() {
        let (delim, _) = atRightDelim()
        if delim {
            if parenDepth == 0 {
                state = .rightDelim
                return
            }
            errorf("unclosed left paren")
            return
        }
        let r = next()
        if r == Self.eof {
            errorf("unclosed action")
            return
        }
        let c = r < 0x80 ? UInt8(r) : 0
        if Self.isSpace(r) {
            backup()
            state = .space
            return
        }
        switch c {
        case UInt8(ascii: "="):
            emit(.assign)
        case UInt8(ascii: ":"):
            if next() != UInt32(UInt8(ascii: "=")) {
                errorf("expected :=")
                return
            }
            emit(.declare)
        case UInt8(ascii: "|"):
            emit(.pipe)
        case UInt8(ascii: "\""):
            state = .quote
            return
        case UInt8(ascii: "`"):
            state = .rawQuote
            return
        case UInt8(ascii: "$"):
            state = .variable
            return
        case UInt8(ascii: "'"):
            state = .char
            return
        case UInt8(ascii: "."):
            if pos < input.count {
                let d = input[pos]
                if d < UInt8(ascii: "0") || UInt8(ascii: "9") < d {
                    state = .field
                    return
                }
            }
            backup()
            state = .number
            return
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            backup()
            state = .number
            return
        case UInt8(ascii: "("):
            emit(.leftParen)
            parenDepth += 1
        case UInt8(ascii: ")"):
            emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 {
                errorf("unexpected right paren \(Self.runeDescription(r))")
                return
            }
        default:
            if Self.isAlphaNumeric(r) {
                backup()
                state = .identifier
                return
            }
            if r <= 0x7F, let scalar = Unicode.Scalar(r), GoStrconv.isPrint(scalar) {
                emit(.char)
            } else {
                errorf("unrecognized character in action: \(Self.runeDescription(r))")
                return
            }
        }
        state = .insideAction
    }

    private mutating func lexSpace() {
        var numSpaces = 0
        while true {
            let r = peek()
            if !Self.isSpace(r) { break }
            _ = next()
            numSpaces += 1
        }
        if hasRightTrimMarker(at: pos - 1) && hasPrefix(rightDelim, at: pos - 1 + 2) {
            backup()
            if numSpaces == 1 {
                state = .rightDelim
                return
            }
        }
        emit(.space)
        state = .insideAction
    }

    private mutating func lexIdentifier() {
        while true {
            let r = next()
            if Self.isAlphaNumeric(r) { continue }
            backup()
            let word = slice(start, pos)
            if !atTerminator() {
                errorf("bad character \(Self.runeDescription(r))")
                return
            }
            if let keyword = keywords[word], keyword.rawValue > TokenKind.keyword.rawValue {
                emit(keyword)
            } else if word.hasPrefix(".") {
                emit(.field)
            } else if word == "true" || word == "false" {
                emit(.bool)
            } else {
                emit(.identifier)
            }
            break
        }
        state = .insideAction
    }

    private mutating func lexVariable() {
        if atTerminator() {
            emit(.variable)
            state = .insideAction
            return
        }
        lexFieldOrVariable(.variable)
    }

    private mutating func lexFieldOrVariable(_ kind: TokenKind) {
        if atTerminator() {
            emit(kind == .variable ? .variable : .dot)
            state = .insideAction
            return
        }
        var r: UInt32
        while true {
            r = next()
            if !Self.isAlphaNumeric(r) {
                backup()
                break
            }
        }
        if !atTerminator() {
            errorf("bad character \(Self.runeDescription(r))")
            return
        }
        emit(kind)
        state = .insideAction
    }

    private mutating func lexChar() {
        loop: while true {
            let r = next()
            if r == UInt32(UInt8(ascii: "\\")) {
                let e = next()
                if e != Self.eof && e != 0x0A { continue }
                errorf("unterminated character constant")
                return
            } else if r == Self.eof || r == 0x0A {
                errorf("unterminated character constant")
                return
            } else if r == UInt32(UInt8(ascii: "'")) {
                break loop
            }
        }
        emit(.charConstant)
        state = .insideAction
    }

    private mutating func lexNumber() {
        if !scanNumber() {
            errorf("bad number syntax: \(GoStrconv.quote(slice(start, pos)))")
            return
        }
        let sign = peek()
        if sign == UInt32(UInt8(ascii: "+")) || sign == UInt32(UInt8(ascii: "-")) {
            if !scanNumber() || input[pos - 1] != UInt8(ascii: "i") {
                errorf("bad number syntax: \(GoStrconv.quote(slice(start, pos)))")
                return
            }
            emit(.complex)
        } else {
            emit(.number)
        }
        state = .insideAction
    }

    private mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.count == 10 + 1 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.count == 16 + 6 + 1 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if Self.isAlphaNumeric(peek()) {
            _ = next()
            return false
        }
        return true
    }

    private mutating func lexQuote() {
        loop: while true {
            let r = next()
            if r == UInt32(UInt8(ascii: "\\")) {
                let e = next()
                if e != Self.eof && e != 0x0A { continue }
                errorf("unterminated quoted string")
                return
            } else if r == Self.eof || r == 0x0A {
                errorf("unterminated quoted string")
                return
            } else if r == UInt32(UInt8(ascii: "\"")) {
                break loop
            }
        }
        emit(.string)
        state = .insideAction
    }

    private mutating func lexRawQuote() {
        while true {
            let r = next()
            if r == Self.eof {
                errorf("unterminated raw quoted string")
                return
            }
            if r == UInt32(UInt8(ascii: "`")) { break }
        }
        emit(.rawString)
        state = .insideAction
    }
}
