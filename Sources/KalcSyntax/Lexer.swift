import KalcDiagnostics

/// Splits a source file into tokens, trivia included, so that the tokens cover every
/// byte of the input exactly once.
///
/// The lexer never fails: bytes that start no token become `unknown` tokens, and every
/// problem becomes a diagnostic.
public struct Lexer {
    private let bytes: [UInt8]
    private var position = 0
    private(set) var problems: [SyntaxProblem] = []

    /// Tokenizes a whole file; the last token is always `endOfFile`.
    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(bytes: file.bytes)
        var tokens: [Token] = []
        tokens.reserveCapacity(file.bytes.count / 3 + 1)
        while let token = lexer.next() {
            tokens.append(token)
        }
        tokens.append(Token(.endOfFile, .point(file.bytes.count)))
        return (tokens, lexer.problems.map { $0.diagnostic(in: file) })
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let index = position + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    private mutating func report(_ problem: SyntaxProblem) {
        problems.append(problem)
    }

    private mutating func next() -> Token? {
        guard let byte = peek() else { return nil }
        let start = position
        func token(_ kind: TokenKind) -> Token { Token(kind, Span(start: start, end: position)) }

        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            while let b = peek(), b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { position += 1 }
            return token(.whitespace)
        case UInt8(ascii: "\n"):
            position += 1
            return token(.newline)
        case UInt8(ascii: "\r") where peek(1) == UInt8(ascii: "\n"):
            position += 2
            return token(.newline)
        case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
            while let b = peek(), b != UInt8(ascii: "\n") { position += 1 }
            if position > start, bytes[position - 1] == UInt8(ascii: "\r"), peek() == UInt8(ascii: "\n") { position -= 1 }
            checkUTF8(Span(start: start, end: position))
            return token(.lineComment)
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                lexTextBlock()
                return token(.textBlock)
            }
            lexString()
            return token(.string)
        case UInt8(ascii: "{"): position += 1; return token(.leftBrace)
        case UInt8(ascii: "}"): position += 1; return token(.rightBrace)
        case UInt8(ascii: "["): position += 1; return token(.leftBracket)
        case UInt8(ascii: "]"): position += 1; return token(.rightBracket)
        case UInt8(ascii: "("): position += 1; return token(.leftParen)
        case UInt8(ascii: ")"): position += 1; return token(.rightParen)
        case UInt8(ascii: ":"): position += 1; return token(.colon)
        case UInt8(ascii: ","): position += 1; return token(.comma)
        case UInt8(ascii: "@"): position += 1; return token(.at)
        case UInt8(ascii: "/"): position += 1; return token(.slash)
        case UInt8(ascii: "|"): position += 1; return token(.pipe)
        case UInt8(ascii: "?"): position += 1; return token(.question)
        case UInt8(ascii: "!"): position += 1; return token(.bang)
        case UInt8(ascii: "="):
            position += 1
            if peek() == UInt8(ascii: "=") {
                position += 1
                return token(.equalsEquals)
            }
            return token(.equals)
        default:
            if Self.isWordStart(byte) || (byte == UInt8(ascii: "-") && peek(1).map(Self.isDigit) == true) {
                position += 1
                while let b = peek(), Self.isWordContinuation(b) { position += 1 }
                return token(.word)
            }
            lexUnknown()
            return token(.unknown)
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isWordStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || isDigit(byte) || byte == UInt8(ascii: "_")
    }

    static func isWordContinuation(_ byte: UInt8) -> Bool {
        isWordStart(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
    }

    /// A run of bytes that start no token: one token, and one diagnostic per kind of
    /// problem (NUL bytes, invalid UTF-8, other characters).
    private mutating func lexUnknown() {
        let start = position
        var charactersStart: Int?
        func flushCharacters(upTo end: Int, lexer: inout Lexer) {
            guard let from = charactersStart else { return }
            lexer.report(.invalidCharacters(String(decoding: lexer.bytes[from..<end], as: UTF8.self), Span(start: from, end: end)))
            charactersStart = nil
        }
        repeat {
            let byte = bytes[position]
            let width = max(1, utf8SequenceLength(at: position))
            if byte == 0 {
                flushCharacters(upTo: position, lexer: &self)
                report(.nulByte(at: position))
            } else if width == 1 && byte >= 0x80 {
                flushCharacters(upTo: position, lexer: &self)
                report(.invalidUTF8(byte: byte, at: position))
            } else if charactersStart == nil {
                charactersStart = position
            }
            position += width
        } while position < bytes.count && startsNoToken(at: position)
        flushCharacters(upTo: position, lexer: &self)
        _ = start
    }

    /// Whether the byte at `index` cannot start any token.
    private func startsNoToken(at index: Int) -> Bool {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\""),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "|"), UInt8(ascii: "?"),
            UInt8(ascii: "!"), UInt8(ascii: "="):
            return false
        default:
            if Self.isWordStart(byte) { return false }
            if byte == UInt8(ascii: "-"), index + 1 < bytes.count, Self.isDigit(bytes[index + 1]) { return false }
            return true
        }
    }

    /// The length of a valid UTF-8 sequence at `index`, or 1 for an invalid byte.
    private func utf8SequenceLength(at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 1
        }
        guard index + length <= bytes.count else { return 1 }
        for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return 1 }
        // Reject overlong and surrogate encodings by decoding.
        var iterator = bytes[index..<(index + length)].makeIterator()
        var decoder = UTF8()
        if case .scalarValue = decoder.decode(&iterator) { return length }
        return 1
    }

    /// Reports invalid UTF-8 inside a span (comments, strings, text blocks).
    private mutating func checkUTF8(_ span: Span) {
        var index = span.start
        while index < span.end {
            if bytes[index] < 0x80 {
                if bytes[index] == 0 {
                    report(.nulByte(at: index))
                }
                index += 1
                continue
            }
            let width = utf8SequenceLength(at: index)
            if width == 1 {
                report(.invalidUTF8(byte: bytes[index], at: index))
            }
            index += width
        }
    }

    /// `"..."`: ends at the closing quote or, unterminated, before the line break.
    private mutating func lexString() {
        let start = position
        position += 1
        while let b = peek() {
            if b == UInt8(ascii: "\"") {
                position += 1
                checkUTF8(Span(start: start, end: position))
                validateEscapes(Span(start: start, end: position))
                return
            }
            if b == UInt8(ascii: "\n") || (b == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n")) { break }
            if b == UInt8(ascii: "\\"), let following = peek(1), following != UInt8(ascii: "\n") {
                position += 2
                continue
            }
            position += 1
        }
        // A `"` after a trailing backslash would be an escape, and close nothing.
        report(.unterminatedString(Span(start: start, end: position), closable: bytes[position - 1] != UInt8(ascii: "\\")))
        checkUTF8(Span(start: start, end: position))
    }

    private mutating func validateEscapes(_ span: Span) {
        let problems = StringLiteral.escapeProblems(bytes[(span.start + 1)..<(span.end - 1)], offset: span.start + 1)
        for problem in problems {
            report(.invalidEscape(message: problem.message, problem.span))
        }
    }

    /// `"""`: runs to the first line whose first non-blank characters are `"""`.
    private mutating func lexTextBlock() {
        let start = position
        position += 3
        if peek() == UInt8(ascii: "-") { position += 1 }
        // The rest of the opening line must be blank.
        var afterDelimiter = position
        while let b = peek(), b != UInt8(ascii: "\n") { position += 1 }
        var restEnd = position
        if restEnd > afterDelimiter, bytes[restEnd - 1] == UInt8(ascii: "\r") { restEnd -= 1 }
        while afterDelimiter < restEnd, bytes[afterDelimiter] == UInt8(ascii: " ") || bytes[afterDelimiter] == UInt8(ascii: "\t") { afterDelimiter += 1 }
        if afterDelimiter < restEnd {
            report(.textAfterTextBlockOpening(Span(start: afterDelimiter, end: restEnd)))
        }
        while position < bytes.count {
            position += 1  // the line break
            let lineStart = position
            var index = lineStart
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            if index + 2 < bytes.count, bytes[index] == UInt8(ascii: "\""), bytes[index + 1] == UInt8(ascii: "\""), bytes[index + 2] == UInt8(ascii: "\"") {
                position = index + 3
                checkUTF8(Span(start: start, end: position))
                for problem in TextBlock.indentationProblems(bytes, tokenStart: start, tokenEnd: position) {
                    report(.textBlockIndentation(message: problem.message, problem.span))
                }
                return
            }
            while let b = peek(), b != UInt8(ascii: "\n") { position += 1 }
        }
        report(.unterminatedTextBlock(Span(start: start, end: start + 3)))
        checkUTF8(Span(start: start, end: position))
    }
}
