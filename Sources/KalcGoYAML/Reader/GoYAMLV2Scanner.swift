import KalcGo

/// The kinds of token yaml.v2's scanner produces.
public enum GoYAMLV2TokenType: Equatable {
    case none
    case streamStart, streamEnd
    case versionDirective, tagDirective
    case documentStart, documentEnd
    case blockSequenceStart, blockMappingStart, blockEnd
    case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
    case blockEntry, flowEntry, key, value
    case alias, anchor, tag, scalar
}

public struct GoYAMLV2Token {
    public var type: GoYAMLV2TokenType
    public var startMark: GoYAMLV2Mark
    public var endMark: GoYAMLV2Mark
    /// A scalar's text, an anchor or alias name, a tag handle or a %TAG handle.
    public var value: [UInt8] = []
    /// A tag's suffix.
    public var suffix: [UInt8] = []
    /// A %TAG directive's prefix.
    public var prefix: [UInt8] = []
    public var style: GoYAMLScalarStyle = .plain
    public var major = 0
    public var minor = 0
}

public struct GoYAMLV2SimpleKey {
    public var possible = false
    public var required = false
    public var tokenNumber = 0
    public var mark = GoYAMLV2Mark()
}

/// yaml.v2's scanner (`scannerc.go`): turns the character stream into tokens, with
/// libyaml's simple-key bookkeeping and yaml.v2's depth limits (10000 flow levels,
/// 10000 indentation levels).
extension GoYAMLV2Parser {
    public static let maxFlowLevel = 10000
    public static let maxIndents = 10000

    // MARK: Character movement

    public mutating func skip() {
        mark.index += 1
        mark.column += 1
        unread -= 1
        bufferPos += max(1, GoYAMLBytes.width(byte()))
    }

    public mutating func skipLine() {
        if GoYAMLBytes.isCRLF(buffer, bufferPos) {
            mark.index += 2
            mark.column = 0
            mark.line += 1
            unread -= 2
            bufferPos += 2
        } else if GoYAMLBytes.isBreak(buffer, bufferPos) {
            mark.index += 1
            mark.column = 0
            mark.line += 1
            unread -= 1
            bufferPos += max(1, GoYAMLBytes.width(byte()))
        }
    }

    /// Copies the current character to `s` and moves past it.
    public mutating func read(_ s: inout [UInt8]) {
        let w = max(1, GoYAMLBytes.width(byte()))
        for k in 0..<w {
            s.append(byte(k))
        }
        bufferPos += w
        mark.index += 1
        mark.column += 1
        unread -= 1
    }

    /// Copies the current line break to `s` (normalised to LF, except LS and PS).
    public mutating func readLine(_ s: inout [UInt8]) {
        let c0 = byte(), c1 = byte(1), c2 = byte(2)
        if c0 == 0x0D && c1 == 0x0A {
            s.append(0x0A)
            bufferPos += 2
            mark.index += 1
            unread -= 1
        } else if c0 == 0x0D || c0 == 0x0A {
            s.append(0x0A)
            bufferPos += 1
        } else if c0 == 0xC2 && c1 == 0x85 {
            s.append(0x0A)
            bufferPos += 2
        } else if c0 == 0xE2 && c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9) {
            s.append(contentsOf: [c0, c1, c2])
            bufferPos += 3
        } else {
            return
        }
        mark.index += 1
        mark.column = 0
        mark.line += 1
        unread -= 1
    }

    public func isBlankOrEnd(_ k: Int = 0) -> Bool { GoYAMLBytes.isBlankOrEnd(buffer, bufferPos + k) }
    public func isBlank(_ k: Int = 0) -> Bool { GoYAMLBytes.isBlank(buffer, bufferPos + k) }
    public func isBreak(_ k: Int = 0) -> Bool { GoYAMLBytes.isBreak(buffer, bufferPos + k) }
    public func isBreakOrEnd(_ k: Int = 0) -> Bool { GoYAMLBytes.isBreakOrEnd(buffer, bufferPos + k) }
    public func isEnd(_ k: Int = 0) -> Bool { GoYAMLBytes.isZ(buffer, bufferPos + k) }

    // MARK: Errors

    @discardableResult
    public mutating func setScannerError(_ context: String, _ contextMark: GoYAMLV2Mark, _ problem: String) -> Bool {
        error = .scanner
        self.context = context
        self.contextMark = contextMark
        self.problem = problem
        problemMark = mark
        return false
    }

    @discardableResult
    public mutating func setScannerTagError(directive: Bool, _ contextMark: GoYAMLV2Mark, _ problem: String) -> Bool {
        setScannerError(directive ? "while parsing a %TAG directive" : "while parsing a tag", contextMark, problem)
    }

    // MARK: Token queue

    public mutating func insertToken(at position: Int, _ token: GoYAMLV2Token) {
        if tokensHead >= 1024 && tokensHead == tokens.count {
            tokens.removeAll(keepingCapacity: true)
            tokensHead = 0
        }
        if position < 0 {
            tokens.append(token)
        } else {
            tokens.insert(token, at: min(tokensHead + position, tokens.count))
        }
    }

    /// Ensures the queue holds a token the parser may take (one no pending simple key can
    /// still turn into a KEY).
    public mutating func fetchMoreTokens() -> Bool {
        while true {
            if tokensHead != tokens.count {
                guard let headIndex = simpleKeysByToken[tokensParsed], headIndex < simpleKeys.count else { break }
                let (valid, ok) = simpleKeyIsValid(at: headIndex)
                if !ok {
                    return false
                }
                if !valid {
                    break
                }
            }
            if !fetchNextToken() {
                return false
            }
        }
        tokenAvailable = true
        return true
    }

    public mutating func fetchNextToken() -> Bool {
        if !cache(1) {
            return false
        }
        if !streamStartProduced {
            fetchStreamStart()
            return true
        }
        if !scanToNextToken() {
            return false
        }
        if !unrollIndent(mark.column) {
            return false
        }
        if !cache(4) {
            return false
        }
        if isEnd() {
            return fetchStreamEnd()
        }
        let c = byte()
        if mark.column == 0 && c == UInt8(ascii: "%") {
            return fetchDirective()
        }
        if mark.column == 0 && c == UInt8(ascii: "-") && byte(1) == UInt8(ascii: "-") && byte(2) == UInt8(ascii: "-") && isBlankOrEnd(3) {
            return fetchDocumentIndicator(.documentStart)
        }
        if mark.column == 0 && c == UInt8(ascii: ".") && byte(1) == UInt8(ascii: ".") && byte(2) == UInt8(ascii: ".") && isBlankOrEnd(3) {
            return fetchDocumentIndicator(.documentEnd)
        }
        switch c {
        case UInt8(ascii: "["): return fetchFlowCollectionStart(.flowSequenceStart)
        case UInt8(ascii: "{"): return fetchFlowCollectionStart(.flowMappingStart)
        case UInt8(ascii: "]"): return fetchFlowCollectionEnd(.flowSequenceEnd)
        case UInt8(ascii: "}"): return fetchFlowCollectionEnd(.flowMappingEnd)
        case UInt8(ascii: ","): return fetchFlowEntry()
        default: break
        }
        if c == UInt8(ascii: "-") && isBlankOrEnd(1) {
            return fetchBlockEntry()
        }
        if c == UInt8(ascii: "?") && (flowLevel > 0 || isBlankOrEnd(1)) {
            return fetchKey()
        }
        if c == UInt8(ascii: ":") && (flowLevel > 0 || isBlankOrEnd(1)) {
            return fetchValue()
        }
        switch c {
        case UInt8(ascii: "*"): return fetchAnchor(.alias)
        case UInt8(ascii: "&"): return fetchAnchor(.anchor)
        case UInt8(ascii: "!"): return fetchTag()
        case UInt8(ascii: "|") where flowLevel == 0: return fetchBlockScalar(literal: true)
        case UInt8(ascii: ">") where flowLevel == 0: return fetchBlockScalar(literal: false)
        case UInt8(ascii: "'"): return fetchFlowScalar(single: true)
        case UInt8(ascii: "\""): return fetchFlowScalar(single: false)
        default: break
        }
        let startsPlain: Bool
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
            UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            startsPlain = false
        default:
            startsPlain = !isBlankOrEnd()
        }
        if startsPlain || (c == UInt8(ascii: "-") && !isBlank(1))
            || (flowLevel == 0 && (c == UInt8(ascii: "?") || c == UInt8(ascii: ":")) && !isBlankOrEnd(1))
        {
            return fetchPlainScalar()
        }
        return setScannerError("while scanning for the next token", mark, "found character that cannot start any token")
    }

    // MARK: Simple keys

    public mutating func simpleKeyIsValid(at index: Int) -> (valid: Bool, ok: Bool) {
        let key = simpleKeys[index]
        if !key.possible {
            return (false, true)
        }
        if key.mark.line < mark.line || key.mark.index + 1024 < mark.index {
            if key.required {
                return (false, setScannerError("while scanning a simple key", key.mark, "could not find expected ':'"))
            }
            simpleKeys[index].possible = false
            return (false, true)
        }
        return (true, true)
    }

    public mutating func saveSimpleKey() -> Bool {
        let required = flowLevel == 0 && indent == mark.column
        if simpleKeyAllowed {
            let key = GoYAMLV2SimpleKey(
                possible: true, required: required, tokenNumber: tokensParsed + (tokens.count - tokensHead), mark: mark)
            if !removeSimpleKey() {
                return false
            }
            simpleKeys[simpleKeys.count - 1] = key
            simpleKeysByToken[key.tokenNumber] = simpleKeys.count - 1
        }
        return true
    }

    public mutating func removeSimpleKey() -> Bool {
        let i = simpleKeys.count - 1
        if simpleKeys[i].possible {
            if simpleKeys[i].required {
                return setScannerError("while scanning a simple key", simpleKeys[i].mark, "could not find expected ':'")
            }
            simpleKeys[i].possible = false
            simpleKeysByToken[simpleKeys[i].tokenNumber] = nil
        }
        return true
    }

    public mutating func increaseFlowLevel() -> Bool {
        simpleKeys.append(GoYAMLV2SimpleKey(possible: false, required: false, tokenNumber: tokensParsed + (tokens.count - tokensHead), mark: mark))
        flowLevel += 1
        if flowLevel > Self.maxFlowLevel {
            return setScannerError(
                "while increasing flow level", simpleKeys[simpleKeys.count - 1].mark, "exceeded max depth of \(Self.maxFlowLevel)")
        }
        return true
    }

    public mutating func decreaseFlowLevel() {
        if flowLevel > 0 {
            flowLevel -= 1
            if let last = simpleKeys.popLast() {
                simpleKeysByToken[last.tokenNumber] = nil
            }
        }
    }

    // MARK: Indentation

    public mutating func rollIndent(column: Int, number: Int, type: GoYAMLV2TokenType, mark tokenMark: GoYAMLV2Mark) -> Bool {
        if flowLevel > 0 {
            return true
        }
        if indent < column {
            indents.append(indent)
            indent = column
            if indents.count > Self.maxIndents {
                return setScannerError(
                    "while increasing indent level", simpleKeys[simpleKeys.count - 1].mark, "exceeded max depth of \(Self.maxIndents)")
            }
            let token = GoYAMLV2Token(type: type, startMark: tokenMark, endMark: tokenMark)
            insertToken(at: number > -1 ? number - tokensParsed : -1, token)
        }
        return true
    }

    public mutating func unrollIndent(_ column: Int) -> Bool {
        if flowLevel > 0 {
            return true
        }
        while indent > column {
            insertToken(at: -1, GoYAMLV2Token(type: .blockEnd, startMark: mark, endMark: mark))
            indent = indents.popLast() ?? -1
        }
        return true
    }

    // MARK: Token fetchers

    public mutating func fetchStreamStart() {
        indent = -1
        simpleKeys.append(GoYAMLV2SimpleKey())
        simpleKeysByToken = [:]
        simpleKeyAllowed = true
        streamStartProduced = true
        insertToken(at: -1, GoYAMLV2Token(type: .streamStart, startMark: mark, endMark: mark))
    }

    public mutating func fetchStreamEnd() -> Bool {
        if mark.column != 0 {
            mark.column = 0
            mark.line += 1
        }
        if !unrollIndent(-1) {
            return false
        }
        if !removeSimpleKey() {
            return false
        }
        simpleKeyAllowed = false
        insertToken(at: -1, GoYAMLV2Token(type: .streamEnd, startMark: mark, endMark: mark))
        return true
    }

    public mutating func fetchDirective() -> Bool {
        if !unrollIndent(-1) {
            return false
        }
        if !removeSimpleKey() {
            return false
        }
        simpleKeyAllowed = false
        guard let token = scanDirective() else { return false }
        insertToken(at: -1, token)
        return true
    }

    public mutating func fetchDocumentIndicator(_ type: GoYAMLV2TokenType) -> Bool {
        if !unrollIndent(-1) {
            return false
        }
        if !removeSimpleKey() {
            return false
        }
        simpleKeyAllowed = false
        let start = mark
        skip()
        skip()
        skip()
        insertToken(at: -1, GoYAMLV2Token(type: type, startMark: start, endMark: mark))
        return true
    }

    public mutating func fetchFlowCollectionStart(_ type: GoYAMLV2TokenType) -> Bool {
        if !saveSimpleKey() {
            return false
        }
        if !increaseFlowLevel() {
            return false
        }
        simpleKeyAllowed = true
        let start = mark
        skip()
        insertToken(at: -1, GoYAMLV2Token(type: type, startMark: start, endMark: mark))
        return true
    }

    public mutating func fetchFlowCollectionEnd(_ type: GoYAMLV2TokenType) -> Bool {
        if !removeSimpleKey() {
            return false
        }
        decreaseFlowLevel()
        simpleKeyAllowed = false
        let start = mark
        skip()
        insertToken(at: -1, GoYAMLV2Token(type: type, startMark: start, endMark: mark))
        return true
    }

    public mutating func fetchFlowEntry() -> Bool {
        if !removeSimpleKey() {
            return false
        }
        simpleKeyAllowed = true
        let start = mark
        skip()
        insertToken(at: -1, GoYAMLV2Token(type: .flowEntry, startMark: start, endMark: mark))
        return true
    }

    public mutating func fetchBlockEntry() -> Bool {
        if flowLevel == 0 {
            if !simpleKeyAllowed {
                return setScannerError("", mark, "block sequence entries are not allowed in this context")
            }
            if !rollIndent(column: mark.column, number: -1, type: .blockSequenceStart, mark: mark) {
                return false
            }
        }
        if !removeSimpleKey() {
            return false
        }
        simpleKeyAllowed = true
        let start = mark
        skip()
        insertToken(at: -1, GoYAMLV2Token(type: .blockEntry, startMark: start, endMark: mark))
        return true
    }

    public mutating func fetchKey() -> Bool {
        if flowLevel == 0 {
            if !simpleKeyAllowed {
                return setScannerError("", mark, "mapping keys are not allowed in this context")
            }
            if !rollIndent(column: mark.column, number: -1, type: .blockMappingStart, mark: mark) {
                return false
            }
        }
        if !removeSimpleKey() {
            return false
        }
        simpleKeyAllowed = flowLevel == 0
        let start = mark
        skip()
        insertToken(at: -1, GoYAMLV2Token(type: .key, startMark: start, endMark: mark))
        return true
    }

    public mutating func fetchValue() -> Bool {
        let keyIndex = simpleKeys.count - 1
        let (valid, ok) = simpleKeyIsValid(at: keyIndex)
        if !ok {
            return false
        }
        if valid {
            let key = simpleKeys[keyIndex]
            insertToken(at: key.tokenNumber - tokensParsed, GoYAMLV2Token(type: .key, startMark: key.mark, endMark: key.mark))
            if !rollIndent(column: key.mark.column, number: key.tokenNumber, type: .blockMappingStart, mark: key.mark) {
                return false
            }
            simpleKeys[keyIndex].possible = false
            simpleKeysByToken[key.tokenNumber] = nil
            simpleKeyAllowed = false
        } else {
            if flowLevel == 0 {
                if !simpleKeyAllowed {
                    return setScannerError("", mark, "mapping values are not allowed in this context")
                }
                if !rollIndent(column: mark.column, number: -1, type: .blockMappingStart, mark: mark) {
                    return false
                }
            }
            simpleKeyAllowed = flowLevel == 0
        }
        let start = mark
        skip()
        insertToken(at: -1, GoYAMLV2Token(type: .value, startMark: start, endMark: mark))
        return true
    }

    public mutating func fetchAnchor(_ type: GoYAMLV2TokenType) -> Bool {
        if !saveSimpleKey() {
            return false
        }
        simpleKeyAllowed = false
        guard let token = scanAnchor(type) else { return false }
        insertToken(at: -1, token)
        return true
    }

    public mutating func fetchTag() -> Bool {
        if !saveSimpleKey() {
            return false
        }
        simpleKeyAllowed = false
        guard let token = scanTag() else { return false }
        insertToken(at: -1, token)
        return true
    }

    public mutating func fetchBlockScalar(literal: Bool) -> Bool {
        if !removeSimpleKey() {
            return false
        }
        simpleKeyAllowed = true
        guard let token = scanBlockScalar(literal: literal) else { return false }
        insertToken(at: -1, token)
        return true
    }

    public mutating func fetchFlowScalar(single: Bool) -> Bool {
        if !saveSimpleKey() {
            return false
        }
        simpleKeyAllowed = false
        guard let token = scanFlowScalar(single: single) else { return false }
        insertToken(at: -1, token)
        return true
    }

    public mutating func fetchPlainScalar() -> Bool {
        if !saveSimpleKey() {
            return false
        }
        simpleKeyAllowed = false
        guard let token = scanPlainScalar() else { return false }
        insertToken(at: -1, token)
        return true
    }
}
