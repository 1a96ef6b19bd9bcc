import KalcDiagnostics

/// A recursive-descent parser that builds the lossless syntax tree.
///
/// It never stops at an error: a missing token is reported and assumed, an unexpected
/// run of tokens is wrapped in an `error` node, and parsing goes on. Every loop checks
/// that it consumed something, so bad input cannot make it spin.
struct Parser {
    private let file: SourceFile
    private let tokens: [Token]
    /// Indices into `tokens` of the significant (non-trivia) tokens; the last is end of file.
    private let significant: [Int]
    /// Position in `significant` of the current token.
    private var cursor = 0
    /// Index in `tokens` of the first token not yet placed in the tree.
    private var placed = 0
    private var stack: [(kind: SyntaxKind, children: [SyntaxElement])] = []
    private var diagnostics: [Diagnostic] = []
    private var depth = 0
    private var sawDeclaration = false

    /// Deeper nesting than this is reported instead of parsed, so the recursion is bounded.
    static let maximumDepth = 64

    /// At most this many syntax diagnostics are reported for one file; one more (K0930)
    /// counts the rest, so that a line of garbage costs a report of bounded size.
    static let maximumDiagnostics = 100

    static func parse(_ file: SourceFile) -> SyntaxTree {
        let (tokens, lexerDiagnostics) = Lexer.tokenize(file)
        var parser = Parser(file: file, tokens: tokens)
        parser.diagnostics = lexerDiagnostics
        let root = parser.parseSourceFile()
        var diagnostics = parser.diagnostics.sorted(by: Diagnostic.reportOrder)
        if diagnostics.count > maximumDiagnostics {
            let hidden = diagnostics.count - maximumDiagnostics
            let firstHidden = diagnostics[maximumDiagnostics].location
            diagnostics.removeSubrange(maximumDiagnostics...)
            diagnostics.append(SyntaxProblem.tooManyErrors(hidden: hidden, firstHidden: firstHidden).diagnostic(in: file))
        }
        return SyntaxTree(file: file, root: root, diagnostics: diagnostics)
    }

    private init(file: SourceFile, tokens: [Token]) {
        self.file = file
        self.tokens = tokens
        self.significant = tokens.indices.filter { !tokens[$0].kind.isTrivia }
    }

    // MARK: Token access

    private var current: Token { tokens[significant[cursor]] }

    private func peek(_ ahead: Int) -> Token {
        tokens[significant[min(cursor + ahead, significant.count - 1)]]
    }

    private func text(_ token: Token) -> String { file.text(token.span) }

    private func keyword(_ token: Token) -> Keyword? {
        token.kind == .word ? Keyword(rawValue: text(token)) : nil
    }

    private func at(_ kind: TokenKind) -> Bool { current.kind == kind }

    private func at(_ keyword: Keyword) -> Bool { self.keyword(current) == keyword }

    /// Whether a line break separates the current token from the one before it.
    private var atLineStart: Bool { startsLine(cursor) }

    private func startsLine(_ position: Int) -> Bool {
        guard position > 0 else { return true }
        let previous = significant[position - 1]
        let here = significant[min(position, significant.count - 1)]
        return tokens[(previous + 1)..<here].contains { $0.kind == .newline }
    }

    // MARK: Tree building

    private mutating func placeTrivia() {
        let next = significant[cursor]
        while placed < next {
            stack[stack.count - 1].children.append(.token(tokens[placed]))
            placed += 1
        }
    }

    private mutating func start(_ kind: SyntaxKind) {
        placeTrivia()
        stack.append((kind, []))
    }

    @discardableResult
    private mutating func finish() -> SyntaxNode {
        let (kind, children) = stack.removeLast()
        let node = SyntaxNode(kind: kind, children: children, at: current.span.start)
        stack[stack.count - 1].children.append(.node(node))
        return node
    }

    /// The position in the current node where a node may later be wrapped around what follows.
    private mutating func checkpoint() -> Int {
        placeTrivia()
        return stack[stack.count - 1].children.count
    }

    /// Wraps the current node's children from `checkpoint` on in a new node of `kind`,
    /// which stays open.
    private mutating func start(_ kind: SyntaxKind, at checkpoint: Int) {
        let moved = Array(stack[stack.count - 1].children[checkpoint...])
        stack[stack.count - 1].children.removeSubrange(checkpoint...)
        stack.append((kind, moved))
    }

    private mutating func bump() {
        guard current.kind != .endOfFile else { return }
        placeTrivia()
        stack[stack.count - 1].children.append(.token(current))
        placed = significant[cursor] + 1
        cursor += 1
    }

    // MARK: Diagnostics

    private mutating func report(_ problem: SyntaxProblem) {
        diagnostics.append(problem.diagnostic(in: file))
    }

    /// A token that is missing just after the previous one.
    private mutating func reportMissing(_ expected: String) {
        report(.missing(expected, found: describeCurrent(), at: missingSpan))
    }

    /// Where a missing token is reported: just after the previous token.
    private var missingSpan: Span {
        guard cursor > 0 else { return .point(current.span.start) }
        return .point(tokens[significant[cursor - 1]].span.end)
    }

    private func describeCurrent() -> String {
        switch current.kind {
        case .word: "`\(QuotedText.excerpt(text(current)))`"
        case .string, .textBlock: current.kind.displayName
        default: current.kind.displayName
        }
    }

    /// Consumes a token of `kind`, or reports it missing (and consumes nothing).
    @discardableResult
    private mutating func expect(_ kind: TokenKind, _ context: String) -> Bool {
        if at(kind) {
            bump()
            return true
        }
        reportMissing("\(kind.displayName) \(context)")
        return false
    }

    /// Wraps the rest of the current line in an error node (stopping before braces that
    /// may close an enclosing block), with one diagnostic.
    private mutating func skipLine(_ problem: (Span) -> SyntaxProblem) {
        let first = current
        // The lexer has already reported a run of invalid characters.
        let reported = first.kind == .unknown
        start(.error)
        var last = first
        repeat {
            last = current
            bump()
        } while !at(.endOfFile) && !atLineStart && !at(.rightBrace) && !at(.leftBrace)
        finish()
        if !reported {
            report(problem(Span(start: first.span.start, end: last.span.end)))
        }
    }

    // MARK: Grammar

    private mutating func parseSourceFile() -> SyntaxNode {
        stack.append((.sourceFile, []))
        parseItems(inBlock: false)
        // Trailing trivia and the end-of-file token.
        placeTrivia()
        stack[0].children.append(.token(current))
        let (_, children) = stack.removeLast()
        return SyntaxNode(kind: .sourceFile, children: children, at: 0)
    }

    /// Items up to `}` (in a block) or the end of the file.
    private mutating func parseItems(inBlock: Bool) {
        while !at(.endOfFile) {
            if at(.rightBrace) {
                if inBlock { return }
                skipLine(SyntaxProblem.unexpectedClosingBrace)
                continue
            }
            let before = cursor
            parseItem(topLevel: !inBlock)
            if cursor == before {
                skipLine { [found = describeCurrent()] in .unexpected(expected: "a declaration or a property", found: found, $0) }
            }
        }
    }

    private mutating func parseItem(topLevel: Bool) {
        if at(TokenKind.string), peek(1).kind == .equals {
            parseProperty()
            return
        }
        guard at(.word) else {
            skipLine { [found = describeCurrent()] in .unexpected(expected: "a declaration or a property", found: found, $0) }
            return
        }
        let next = peek(1)
        if next.kind == .equals {
            parseProperty()
            return
        }
        switch keyword(current) {
        case .import? where topLevel:
            parseImport()
            return
        case .manifest?:
            parseManifest()
            return
        case .requires?:
            parseRequires()
            return
        case .targets?, .clusterTypes?:
            parseSelector()
            return
        case let keyword? where Keyword.declarationKeywords.contains(keyword):
            parseDeclaration()
            return
        default:
            break
        }
        parseProperty()
    }

    private mutating func parseImport() {
        let keyword = current.span
        var end: Int?
        start(.importDecl)
        bump()
        if (at(.word) || at(TokenKind.string)) && !atLineStart {
            end = current.span.end
            bump()
        } else {
            report(.missingImportTarget(found: describeCurrent(), at: missingSpan))
        }
        finish()
        if sawDeclaration {
            report(.importAfterDeclaration(keyword: keyword, importSpan: end.map { Span(start: keyword.start, end: $0) }))
        }
    }

    private mutating func parseDeclaration() {
        sawDeclaration = true
        start(.declaration)
        let keywordToken = current
        let keywordText = text(keywordToken)
        bump()
        if at(.word), !atLineStart {
            bump()
        } else {
            reportMissing("a name after `\(keywordText)`")
        }
        if keyword(keywordToken) == .target, at(.in), !atLineStart {
            bump()
            if at(.word), !atLineStart {
                bump()
            } else {
                reportMissing("an environment name after `in`")
            }
        }
        if at(.leftBracket) {
            parseLabels()
        }
        if at(.leftBrace) {
            parseBlock(owner: keywordText)
        } else {
            reportMissing("`{` to open the body of `\(keywordText)`")
            if !at(.endOfFile), !atLineStart, !at(.rightBrace) {
                skipLine { [found = describeCurrent()] in .unexpectedInHeading(found: found, keyword: keywordText, $0) }
            }
        }
        finish()
    }

    private mutating func enterNesting(_ opening: Token) -> Bool {
        guard depth < Self.maximumDepth else {
            report(.nestingTooDeep(maximum: Self.maximumDepth, at: opening.span))
            skipBalanced()
            return false
        }
        depth += 1
        return true
    }

    /// Skips a bracketed construct up to its matching close, as one error node.
    private mutating func skipBalanced() {
        start(.error)
        var balance = 0
        repeat {
            switch current.kind {
            case .leftBrace, .leftBracket, .leftParen: balance += 1
            case .rightBrace, .rightBracket, .rightParen: balance -= 1
            default: break
            }
            bump()
        } while balance > 0 && !at(.endOfFile)
        finish()
    }

    private mutating func parseBlock(owner: String) {
        let opening = current
        guard enterNesting(opening) else { return }
        defer { depth -= 1 }
        start(.block)
        bump()
        parseItems(inBlock: true)
        closeDelimiter(.rightBrace, opening: opening, what: "body of `\(owner)`")
        finish()
    }

    /// Consumes the closing delimiter or reports the unclosed opening one.
    private mutating func closeDelimiter(_ kind: TokenKind, opening: Token, what: String) {
        if at(kind) {
            bump()
            return
        }
        let openingLine = file.location(of: opening.span.start).line
        let end = kind == .rightBrace ? likelyEnd(ofBlockOpenedBy: opening) : nil
        report(
            .unclosedDelimiter(
                opening: opening, what: what, line: openingLine, closing: kind, found: describeCurrent(),
                missingAt: missingSpan, likelyEnd: end?.span, closable: end?.kind != .rightBrace))
    }

    /// The first token after `opening` that starts a line indented no deeper than the line
    /// of `opening`: where a missing `}` most likely belongs.
    private func likelyEnd(ofBlockOpenedBy opening: Token) -> Token? {
        guard let openingPosition = significant.firstIndex(where: { tokens[$0].span == opening.span }) else { return nil }
        var lineStart = openingPosition
        while lineStart > 0, !startsLine(lineStart) { lineStart -= 1 }
        let indentation = file.location(of: tokens[significant[lineStart]].span.start).utf8Column
        var position = openingPosition + 1
        while position < cursor {
            if startsLine(position), file.location(of: tokens[significant[position]].span.start).utf8Column <= indentation {
                return tokens[significant[position]]
            }
            position += 1
        }
        return nil
    }

    private mutating func parseProperty() {
        sawDeclaration = true
        start(.property)
        let key = QuotedText.excerpt(text(current))
        bump()
        if at(.word), !atLineStart, peek(1).kind == .equals {
            bump()
        }
        if at(.equals) {
            bump()
            parseValue(after: "`=`")
        } else {
            let valueFollows = !at(.endOfFile) && !atLineStart && !at(.rightBrace) && !at(.leftBrace)
            let startsValue = [.string, .textBlock, .word, .leftBracket].contains(current.kind)
            report(.missingEquals(key: key, found: describeCurrent(), at: missingSpan, valueFollows: valueFollows && startsValue))
            if valueFollows {
                parseValue(after: "`\(key)`")
            }
        }
        finish()
    }

    private mutating func parseManifest() {
        start(.manifestClause)
        bump()
        parseValue(after: "`manifest`")
        finish()
    }

    private mutating func parseRequires() {
        start(.requiresClause)
        bump()
        if at(.json), !atLineStart {
            bump()
            parseValue(after: "`json`")
        } else if at(.leftBrace) {
            parseRequirementBlock()
        } else {
            report(.missingRequirementsBody(found: describeCurrent(), at: missingSpan))
        }
        finish()
    }

    private mutating func parseRequirementBlock() {
        let opening = current
        guard enterNesting(opening) else { return }
        defer { depth -= 1 }
        start(.requirementBlock)
        bump()
        while !at(.endOfFile), !at(.rightBrace) {
            let before = cursor
            if at(.word) || at(TokenKind.string) {
                parseRequirement()
            }
            if cursor == before {
                skipLine { [found = describeCurrent()] in .unexpected(expected: "a requirement such as `key: string`", found: found, $0) }
            }
        }
        closeDelimiter(.rightBrace, opening: opening, what: "requirements")
        finish()
    }

    private mutating func parseRequirement() {
        start(.requirement)
        let key = QuotedText.excerpt(text(current))
        bump()
        if at(.question), !atLineStart { bump() }
        if at(.colon), !atLineStart {
            bump()
        } else {
            report(.missingColon(key: key, found: describeCurrent(), at: missingSpan, typeFollows: (at(.word) || at(TokenKind.string)) && !atLineStart))
        }
        if (at(.word) || at(TokenKind.string)) && !atLineStart {
            parseTypeExpression()
        } else {
            reportMissing("a type such as `string` or `integer`")
        }
        while !atLineStart, let keyword = keyword(current), [.format, .pattern, .min, .max].contains(keyword) {
            start(.constraint)
            bump()
            if (at(.word) || at(TokenKind.string)) && !atLineStart {
                bump()
            } else {
                reportMissing("a value after `\(keyword.rawValue)`")
            }
            finish()
        }
        if at(TokenKind.string), !atLineStart {
            bump()
        }
        if !atLineStart, !at(.rightBrace), !at(.endOfFile) {
            skipLine { [found = describeCurrent()] in .unexpectedAfterRequirement(found: found, key: key, $0) }
        }
        finish()
    }

    private mutating func parseTypeExpression() {
        start(.typeExpression)
        if at(.word) {
            bump()
        } else {
            bump()
            while at(.pipe), !atLineStart {
                bump()
                if at(TokenKind.string), !atLineStart {
                    bump()
                } else {
                    reportMissing("a string after `|`")
                    break
                }
            }
        }
        finish()
    }

    private mutating func parseSelector() {
        start(.selectorClause)
        let clause = text(current)
        bump()
        if at(.where), !atLineStart {
            bump()
            repeat {
                if at(.comma) { bump() }
                parseSelectorTerm()
            } while at(.comma) && !at(.endOfFile)
        } else {
            report(.missingWhere(clause: clause, found: describeCurrent(), at: missingSpan))
            if (at(.word) || at(TokenKind.string) || at(.bang)) && !atLineStart {
                repeat {
                    if at(.comma) { bump() }
                    parseSelectorTerm()
                } while at(.comma) && !at(.endOfFile)
            }
        }
        finish()
    }

    private mutating func parseSelectorTerm() {
        start(.selectorTerm)
        if at(.bang) { bump() }
        var key = "key"
        if (at(.word) || at(TokenKind.string)) && !atLineStart {
            key = text(current)
            bump()
        } else {
            reportMissing("a label key")
        }
        if at(.equalsEquals), !atLineStart {
            bump()
            if (at(.word) || at(TokenKind.string)) && !atLineStart {
                bump()
            } else {
                reportMissing("a label value after `==`")
            }
        } else if (at(.in) || at(.notin)) && !atLineStart {
            bump()
            parseValueSet()
        } else if at(.equals), !atLineStart {
            report(.singleEqualsInSelector(key: key, equals: current.span))
            bump()
            if (at(.word) || at(TokenKind.string)) && !atLineStart { bump() }
        }
        finish()
    }

    private mutating func parseValueSet() {
        start(.valueSet)
        let opening = current
        if expect(.leftParen, "to open the set of values") {
            while !at(.endOfFile), !at(.rightParen) {
                let before = cursor
                if at(.word) || at(TokenKind.string) { bump() }
                if at(.comma) { bump() }
                if cursor == before { break }
            }
            closeDelimiter(.rightParen, opening: opening, what: "set of values")
        }
        finish()
    }

    private mutating func parseLabels() {
        let opening = current
        guard enterNesting(opening) else { return }
        defer { depth -= 1 }
        start(.labelList)
        bump()
        while !at(.endOfFile), !at(.rightBracket) {
            let before = cursor
            if at(.word) || at(TokenKind.string) {
                start(.labelEntry)
                let key = QuotedText.excerpt(text(current))
                bump()
                if expect(.colon, "after the label key `\(key)`") || at(.word) || at(TokenKind.string) {
                    if at(.word) || at(TokenKind.string) {
                        bump()
                    } else {
                        reportMissing("a label value")
                    }
                }
                finish()
            }
            if at(.comma) { bump() }
            if cursor == before {
                if at(.leftBrace) || at(.rightBrace) { break }
                skipLine { [found = describeCurrent()] in .unexpected(expected: "a label such as `region: westus`", found: found, $0) }
            }
        }
        closeDelimiter(.rightBracket, opening: opening, what: "labels")
        finish()
    }

    // MARK: Values

    /// A value, which must start on the line of what precedes it.
    private mutating func parseValue(after what: String, sameLine: Bool = true) {
        if (sameLine && atLineStart) || at(.endOfFile) {
            report(.missingValue(after: what, at: missingSpan))
            return
        }
        let mark = checkpoint()
        switch current.kind {
        case .string, .textBlock, .word:
            start(.literal)
            bump()
            finish()
        case .leftBrace:
            parseMap()
            return
        case .leftBracket:
            parseList()
            return
        default:
            report(.missing("a value after \(what)", found: describeCurrent(), at: current.span))
            return
        }
        if at(.at) {
            start(.repoReference, at: mark)
            bump()
            parseReferencePart("a branch after `@`")
            if at(.slash) {
                bump()
                parseReferencePart("a path after `/`")
            }
            if at(.commit), peek(1).kind == .string || peek(1).kind == .word, !startsLine(cursor + 1) {
                bump()
                parseReferencePart("a commit after `commit`")
            }
            finish()
        }
    }

    private mutating func parseReferencePart(_ what: String) {
        if (at(TokenKind.string) || at(.word)) && !atLineStart {
            start(.literal)
            bump()
            finish()
        } else {
            reportMissing(what)
        }
    }

    private mutating func parseMap() {
        let opening = current
        guard enterNesting(opening) else { return }
        defer { depth -= 1 }
        start(.mapLiteral)
        bump()
        while !at(.endOfFile), !at(.rightBrace) {
            let before = cursor
            if at(.word) || at(TokenKind.string) {
                start(.mapEntry)
                let key = QuotedText.excerpt(text(current))
                bump()
                if expect(.colon, "after the key `\(key)`") {
                    parseValue(after: "`\(key):`")
                }
                finish()
            }
            if at(.comma) { bump() }
            if cursor == before {
                skipLine { [found = describeCurrent()] in .unexpected(expected: "an entry such as `key: value`", found: found, $0) }
            }
        }
        closeDelimiter(.rightBrace, opening: opening, what: "map")
        finish()
    }

    private mutating func parseList() {
        let opening = current
        guard enterNesting(opening) else { return }
        defer { depth -= 1 }
        start(.listLiteral)
        bump()
        while !at(.endOfFile), !at(.rightBracket) {
            let before = cursor
            if !at(.comma) && !at(.rightBrace) {
                parseValue(after: "`[`", sameLine: false)
            }
            if at(.comma) { bump() }
            if cursor == before {
                if at(.rightBrace) { break }
                skipLine { [found = describeCurrent()] in .unexpected(expected: "a list element", found: found, $0) }
            }
        }
        closeDelimiter(.rightBracket, opening: opening, what: "list")
        finish()
    }
}
