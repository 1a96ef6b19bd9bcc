import KalcDiagnostics

/// What the lexer and the parser find wrong, with what each message needs.
///
/// `diagnostic(in:)` is the one place that turns a problem into its code, message, hint
/// and fix-its; the lexer and the parser only say what they found and where.
enum SyntaxProblem {
    // MARK: Lexer

    /// A run of characters that start no token.
    case invalidCharacters(String, Span)
    case nulByte(at: Int)
    case invalidUTF8(byte: UInt8, at: Int)
    /// `closable` when a `"` at the end of the span closes the string.
    case unterminatedString(Span, closable: Bool)
    /// A backslash at the start of `span` that starts no valid escape.
    case invalidEscape(message: String, Span)
    case textAfterTextBlockOpening(Span)
    case textBlockIndentation(message: String, Span)
    case unterminatedTextBlock(Span)

    // MARK: Parser

    /// `expected …, found …` where a token is missing, with nothing more to say.
    case missing(String, found: String, at: Span)
    /// `expected a value after …` at the end of a line.
    case missingValue(after: String, at: Span)
    /// Tokens that fit nowhere, skipped to the end of the line: `expected …, found …`.
    case unexpected(expected: String, found: String, Span)
    case unexpectedClosingBrace(Span)
    case unexpectedInHeading(found: String, keyword: String, Span)
    case unexpectedAfterRequirement(found: String, key: String, Span)
    /// An import after a declaration: its keyword, and the whole import when it names
    /// what it imports.
    case importAfterDeclaration(keyword: Span, importSpan: Span?)
    case missingImportTarget(found: String, at: Span)
    /// `key value`: `valueFollows` when a value follows on the line, so that `=` is all
    /// that is missing.
    case missingEquals(key: String, found: String, at: Span, valueFollows: Bool)
    case missingRequirementsBody(found: String, at: Span)
    /// `key string`: `typeFollows` when a type follows on the line.
    case missingColon(key: String, found: String, at: Span, typeFollows: Bool)
    case missingWhere(clause: String, found: String, at: Span)
    /// `key = value` in a selector, `equals` the span of the `=`.
    case singleEqualsInSelector(key: String, equals: Span)
    case nestingTooDeep(maximum: Int, at: Span)
    /// A block, list or map never closed; `likelyEnd` starts the line before which the
    /// block ends by its indentation, `closable` when that line does not start with a `}`
    /// (a `}` there closes some block, and another would be one too many).
    case unclosedDelimiter(opening: Token, what: String, line: Int, closing: TokenKind, found: String, missingAt: Span, likelyEnd: Span?, closable: Bool)
    case tooManyErrors(hidden: Int, firstHidden: Location)
}

extension SyntaxProblem {
    /// The diagnostic of the problem in `file`.
    func diagnostic(in file: SourceFile) -> Diagnostic {
        func at(_ span: Span) -> Location { Location(file: file.path, span: span) }
        switch self {
        case .invalidCharacters(let text, let span):
            let plural = text.unicodeScalars.count > 1 ? "characters" : "character"
            return Diagnostic(.invalidCharacter, "unexpected \(plural) `\(QuotedText.excerpt(text))`", at: at(span))
        case .nulByte(let offset):
            let span = Span(start: offset, end: offset + 1)
            return Diagnostic(
                .invalidCharacter, "unexpected NUL byte", at: at(span), hint: "remove it; .kal files are UTF-8 text",
                fixIts: [FixIt("Remove the NUL byte", edits: [TextEdit(at(span), replacement: "")])])
        case .invalidUTF8(let byte, let offset):
            return Diagnostic(
                .invalidUTF8, "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true))",
                at: at(Span(start: offset, end: offset + 1)), hint: "save the file as UTF-8")
        case .unterminatedString(let span, let closable):
            return Diagnostic(
                .unterminatedString, "unterminated string", at: at(span), hint: "add a closing `\"`",
                fixIts: closable ? [FixIt("Close the string", edits: [TextEdit(at(.point(span.end)), replacement: "\"")])] : [])
        case .invalidEscape(let message, let span):
            return Diagnostic(
                .invalidEscape, message, at: at(span), hint: "valid escapes are \\\\ \\\" \\n \\r \\t \\0 and \\u{...}",
                fixIts: [FixIt("Double the backslash", edits: [TextEdit(at(.point(span.start)), replacement: "\\")])])
        case .textAfterTextBlockOpening(let span):
            return Diagnostic(
                .textBlockOpening, "text after an opening `\"\"\"`", at: at(span),
                hint: "start the text on the next line; a one-line string is written `\"...\"`")
        case .textBlockIndentation(let message, let span):
            return Diagnostic(
                .textBlockIndentation, message, at: at(span),
                hint: "indent every line of the text at least as far as the closing `\"\"\"`")
        case .unterminatedTextBlock(let span):
            return Diagnostic(.unterminatedTextBlock, "unterminated text block", at: at(span), hint: "close it with `\"\"\"` on a line of its own")
        case .missing(let expected, let found, let span):
            return Diagnostic(.expectedToken, "expected \(expected), found \(found)", at: at(span))
        case .missingValue(let what, let span):
            return Diagnostic(.expectedToken, "expected a value after \(what)", at: at(span))
        case .unexpected(let expected, let found, let span):
            return Diagnostic(.unexpectedToken, "expected \(expected), found \(found)", at: at(span))
        case .unexpectedClosingBrace(let span):
            return Diagnostic(
                .unexpectedToken, "unexpected `}` with no block to close", at: at(span),
                hint: "remove it, or open the block it should close",
                fixIts: [FixIt("Remove the `}`", edits: [TextEdit(at(span), replacement: "")])])
        case .unexpectedInHeading(let found, let keyword, let span):
            return Diagnostic(.unexpectedToken, "unexpected \(found) in the heading of `\(keyword)`", at: at(span))
        case .unexpectedAfterRequirement(let found, let key, let span):
            return Diagnostic(
                .unexpectedToken, "unexpected \(found) after the requirement `\(key)`", at: at(span),
                hint: "a requirement is `key: type`, then optional `format`, `pattern`, `min`, `max`, then a description string")
        case .importAfterDeclaration(let keyword, let importSpan):
            return Diagnostic(
                .misplacedImport, "imports must come before every declaration", at: at(keyword),
                hint: "move this import to the top of the file", fixIts: importSpan.map { [Self.moveToTop($0, in: file)] } ?? [])
        case .missingImportTarget(let found, let span):
            return Diagnostic(
                .expectedToken, "expected a module name or a path after `import`, found \(found)", at: at(span),
                hint: "for example `import std.templates`")
        case .missingEquals(let key, let found, let span, let valueFollows):
            return Diagnostic(
                .expectedToken, "expected `=` after `\(key)`, found \(found)", at: at(span),
                hint: "a property is written `\(key) = value`",
                fixIts: valueFollows ? [FixIt("Insert `=`", edits: [TextEdit(at(span), replacement: " =")])] : [])
        case .missingRequirementsBody(let found, let span):
            return Diagnostic(
                .expectedToken, "expected `{` or `json` after `requires`, found \(found)", at: at(span),
                hint: "write `requires { key: string }` or `requires json \"\"\"...\"\"\"`")
        case .missingColon(let key, let found, let span, let typeFollows):
            return Diagnostic(
                .expectedToken, "expected `:` after `\(key)`, found \(found)", at: at(span),
                hint: "a requirement is written `\(key): string`",
                fixIts: typeFollows ? [FixIt("Insert `:`", edits: [TextEdit(at(span), replacement: ":")])] : [])
        case .missingWhere(let clause, let found, let span):
            return Diagnostic(
                .expectedToken, "expected `where` after `\(clause)`, found \(found)", at: at(span),
                hint: "for example `\(clause) where region == westus`; leave the line out to select everything")
        case .singleEqualsInSelector(let key, let span):
            return Diagnostic(
                .unexpectedToken, "use `==` to compare the label `\(key)`", at: at(span), hint: "write `\(key) == value`",
                fixIts: [FixIt("Replace `=` with `==`", edits: [TextEdit(at(span), replacement: "==")])])
        case .nestingTooDeep(let maximum, let span):
            return Diagnostic(.nestingTooDeep, "nesting deeper than \(maximum) levels", at: at(span), hint: "flatten the structure")
        case .unclosedDelimiter(let opening, let what, let line, let closing, let found, let missingAt, let likelyEnd, let closable):
            var labels = [DiagnosticLabel(at(missingAt), "expected \(closing.displayName) here, found \(found)")]
            if let likelyEnd { labels.insert(DiagnosticLabel(at(likelyEnd), "by its indentation, the block ends before this line"), at: 0) }
            return Diagnostic(
                .unclosedDelimiter, "\(opening.kind.displayName) opening the \(what) on line \(line) is never closed",
                at: at(opening.span), labels: labels, hint: "add \(closing.displayName) where it ends",
                fixIts: likelyEnd.map { closable ? [Self.closeBlock(opening: opening.span, before: $0, in: file)] : [] } ?? [])
        case .tooManyErrors(let hidden, let firstHidden):
            return Diagnostic(
                .tooManySyntaxErrors, "\(hidden) more syntax errors in this file are not shown", at: firstHidden,
                hint: "fix the errors above (is this a .kal file?) and check again")
        }
    }

    /// Closes a block on a line of its own before the line where its indentation says it
    /// ends, indented as the line that opens it.
    private static func closeBlock(opening: Span, before end: Span, in file: SourceFile) -> FixIt {
        let openingLine = file.lineStarts[file.lineIndex(of: opening.start)]
        var indentation = openingLine
        while indentation < opening.start, file.bytes[indentation] == UInt8(ascii: " ") || file.bytes[indentation] == UInt8(ascii: "\t") { indentation += 1 }
        let text = String(decoding: file.bytes[openingLine..<indentation], as: UTF8.self) + "}\n"
        let endLine = file.lineStarts[file.lineIndex(of: end.start)]
        return FixIt(
            "Close the block before line \(file.lineIndex(of: end.start) + 1)",
            edits: [TextEdit(Location(file: file.path, span: .point(endLine)), replacement: text)])
    }

    /// Moves the import at `span` to the start of the file: its text inserted there, its
    /// line removed (or only the import, when the line holds more than it).
    private static func moveToTop(_ span: Span, in file: SourceFile) -> FixIt {
        let bytes = file.bytes
        let text = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
        var start = span.start
        while start > 0, bytes[start - 1] == UInt8(ascii: " ") || bytes[start - 1] == UInt8(ascii: "\t") { start -= 1 }
        var end = span.end
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") || bytes[end] == UInt8(ascii: "\r") { end += 1 }
        let removed: Span
        if (start == 0 || bytes[start - 1] == UInt8(ascii: "\n")) && (end == bytes.count || bytes[end] == UInt8(ascii: "\n")) {
            removed = Span(start: start, end: min(end + 1, bytes.count))
        } else {
            removed = span
        }
        return FixIt(
            "Move the import to the top of the file",
            edits: [
                TextEdit(Location(file: file.path, span: .point(0)), replacement: text + "\n"),
                TextEdit(Location(file: file.path, span: removed), replacement: ""),
            ])
    }
}
