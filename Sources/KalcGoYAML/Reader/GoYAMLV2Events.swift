import KalcGo

/// The kinds of event yaml.v2's parser produces.
public enum GoYAMLV2EventType: Equatable, CustomStringConvertible {
    case none, streamStart, streamEnd, documentStart, documentEnd, alias, scalar
    case sequenceStart, sequenceEnd, mappingStart, mappingEnd

    /// yaml.v2's `eventStrings`, used in its error messages.
    public var description: String {
        switch self {
        case .none: return "none"
        case .streamStart: return "stream start"
        case .streamEnd: return "stream end"
        case .documentStart: return "document start"
        case .documentEnd: return "document end"
        case .alias: return "alias"
        case .scalar: return "scalar"
        case .sequenceStart: return "sequence start"
        case .sequenceEnd: return "sequence end"
        case .mappingStart: return "mapping start"
        case .mappingEnd: return "mapping end"
        }
    }
}

public struct GoYAMLV2Event {
    public var type: GoYAMLV2EventType
    public var startMark = GoYAMLV2Mark()
    public var endMark = GoYAMLV2Mark()
    public var anchor: [UInt8] = []
    public var tag: [UInt8] = []
    public var value: [UInt8] = []
    /// For scalars, libyaml's `plain_implicit`; for collections and documents, `implicit`.
    public var implicit = false
    public var quotedImplicit = false
    public var style: GoYAMLScalarStyle = .plain
}

public enum GoYAMLV2ParserState {
    case streamStart, implicitDocumentStart, documentStart, documentContent, documentEnd
    case blockNode, blockNodeOrIndentlessSequence, flowNode
    case blockSequenceFirstEntry, blockSequenceEntry, indentlessSequenceEntry
    case blockMappingFirstKey, blockMappingKey, blockMappingValue
    case flowSequenceFirstEntry, flowSequenceEntry
    case flowSequenceEntryMappingKey, flowSequenceEntryMappingValue, flowSequenceEntryMappingEnd
    case flowMappingFirstKey, flowMappingKey, flowMappingValue, flowMappingEmptyValue
    case end
}

/// yaml.v2's parser (`parserc.go`): turns tokens into events.
extension GoYAMLV2Parser {
    private static let defaultTagDirectives: [(handle: [UInt8], prefix: [UInt8])] = [
        (Array("!".utf8), Array("!".utf8)),
        (Array("!!".utf8), Array("tag:yaml.org,2002:".utf8)),
    ]

    /// The next event; nil when the input is malformed (the error fields say why).
    /// After the end of the stream, events of type `.none` follow.
    public mutating func parse() -> GoYAMLV2Event? {
        if streamEndProduced || error != .none || state == .end {
            return GoYAMLV2Event(type: .none)
        }
        return stateMachine()
    }

    private mutating func peekToken() -> GoYAMLV2Token? {
        if tokenAvailable || fetchMoreTokens() {
            return tokens[tokensHead]
        }
        return nil
    }

    private mutating func skipToken() {
        tokenAvailable = false
        tokensParsed += 1
        streamEndProduced = tokens[tokensHead].type == .streamEnd
        tokensHead += 1
    }

    private mutating func popState() {
        state = states.popLast() ?? .end
    }

    private mutating func setParserError(_ problem: String, _ mark: GoYAMLV2Mark) -> GoYAMLV2Event? {
        error = .parser
        self.problem = problem
        problemMark = mark
        return nil
    }

    private mutating func setParserErrorContext(
        _ context: String, _ contextMark: GoYAMLV2Mark, _ problem: String, _ problemMark: GoYAMLV2Mark
    ) -> GoYAMLV2Event? {
        error = .parser
        self.context = context
        self.contextMark = contextMark
        self.problem = problem
        self.problemMark = problemMark
        return nil
    }

    private mutating func stateMachine() -> GoYAMLV2Event? {
        switch state {
        case .streamStart: return parseStreamStart()
        case .implicitDocumentStart: return parseDocumentStart(implicit: true)
        case .documentStart: return parseDocumentStart(implicit: false)
        case .documentContent: return parseDocumentContent()
        case .documentEnd: return parseDocumentEnd()
        case .blockNode: return parseNode(block: true, indentlessSequence: false)
        case .blockNodeOrIndentlessSequence: return parseNode(block: true, indentlessSequence: true)
        case .flowNode: return parseNode(block: false, indentlessSequence: false)
        case .blockSequenceFirstEntry: return parseBlockSequenceEntry(first: true)
        case .blockSequenceEntry: return parseBlockSequenceEntry(first: false)
        case .indentlessSequenceEntry: return parseIndentlessSequenceEntry()
        case .blockMappingFirstKey: return parseBlockMappingKey(first: true)
        case .blockMappingKey: return parseBlockMappingKey(first: false)
        case .blockMappingValue: return parseBlockMappingValue()
        case .flowSequenceFirstEntry: return parseFlowSequenceEntry(first: true)
        case .flowSequenceEntry: return parseFlowSequenceEntry(first: false)
        case .flowSequenceEntryMappingKey: return parseFlowSequenceEntryMappingKey()
        case .flowSequenceEntryMappingValue: return parseFlowSequenceEntryMappingValue()
        case .flowSequenceEntryMappingEnd: return parseFlowSequenceEntryMappingEnd()
        case .flowMappingFirstKey: return parseFlowMappingKey(first: true)
        case .flowMappingKey: return parseFlowMappingKey(first: false)
        case .flowMappingValue: return parseFlowMappingValue(empty: false)
        case .flowMappingEmptyValue: return parseFlowMappingValue(empty: true)
        case .end: return GoYAMLV2Event(type: .none)
        }
    }

    private mutating func parseStreamStart() -> GoYAMLV2Event? {
        guard let token = peekToken() else { return nil }
        if token.type != .streamStart {
            return setParserError("did not find expected <stream-start>", token.startMark)
        }
        state = .implicitDocumentStart
        skipToken()
        return GoYAMLV2Event(type: .streamStart, startMark: token.startMark, endMark: token.endMark)
    }

    private mutating func parseDocumentStart(implicit: Bool) -> GoYAMLV2Event? {
        guard var token = peekToken() else { return nil }
        if !implicit {
            while token.type == .documentEnd {
                skipToken()
                guard let next = peekToken() else { return nil }
                token = next
            }
        }
        if implicit && token.type != .versionDirective && token.type != .tagDirective && token.type != .documentStart
            && token.type != .streamEnd
        {
            if !processDirectives() {
                return nil
            }
            states.append(.documentEnd)
            state = .blockNode
            return GoYAMLV2Event(type: .documentStart, startMark: token.startMark, endMark: token.endMark, implicit: true)
        }
        if token.type != .streamEnd {
            let start = token.startMark
            if !processDirectives() {
                return nil
            }
            guard let next = peekToken() else { return nil }
            if next.type != .documentStart {
                return setParserError("did not find expected <document start>", next.startMark)
            }
            states.append(.documentEnd)
            state = .documentContent
            skipToken()
            return GoYAMLV2Event(type: .documentStart, startMark: start, endMark: next.endMark, implicit: false)
        }
        state = .end
        skipToken()
        return GoYAMLV2Event(type: .streamEnd, startMark: token.startMark, endMark: token.endMark)
    }

    private mutating func parseDocumentContent() -> GoYAMLV2Event? {
        guard let token = peekToken() else { return nil }
        switch token.type {
        case .versionDirective, .tagDirective, .documentStart, .documentEnd, .streamEnd:
            popState()
            return emptyScalar(token.startMark)
        default:
            return parseNode(block: true, indentlessSequence: false)
        }
    }

    private mutating func parseDocumentEnd() -> GoYAMLV2Event? {
        guard let token = peekToken() else { return nil }
        var end = token.startMark
        var implicit = true
        if token.type == .documentEnd {
            end = token.endMark
            skipToken()
            implicit = false
        }
        tagDirectives.removeAll()
        state = .documentStart
        return GoYAMLV2Event(type: .documentEnd, startMark: token.startMark, endMark: end, implicit: implicit)
    }

    private mutating func parseNode(block: Bool, indentlessSequence: Bool) -> GoYAMLV2Event? {
        guard var token = peekToken() else { return nil }
        if token.type == .alias {
            popState()
            skipToken()
            return GoYAMLV2Event(type: .alias, startMark: token.startMark, endMark: token.endMark, anchor: token.value)
        }
        var start = token.startMark
        var end = token.startMark
        var tagToken = false
        var tagHandle: [UInt8] = []
        var tagSuffix: [UInt8] = []
        var anchor: [UInt8] = []
        var tagMark = GoYAMLV2Mark()
        if token.type == .anchor {
            anchor = token.value
            start = token.startMark
            end = token.endMark
            skipToken()
            guard let next = peekToken() else { return nil }
            token = next
            if token.type == .tag {
                tagToken = true
                tagHandle = token.value
                tagSuffix = token.suffix
                tagMark = token.startMark
                end = token.endMark
                skipToken()
                guard let next = peekToken() else { return nil }
                token = next
            }
        } else if token.type == .tag {
            tagToken = true
            tagHandle = token.value
            tagSuffix = token.suffix
            start = token.startMark
            tagMark = token.startMark
            end = token.endMark
            skipToken()
            guard let next = peekToken() else { return nil }
            token = next
            if token.type == .anchor {
                anchor = token.value
                end = token.endMark
                skipToken()
                guard let next = peekToken() else { return nil }
                token = next
            }
        }
        var tag: [UInt8] = []
        if tagToken {
            if tagHandle.isEmpty {
                tag = tagSuffix
            } else {
                if let directive = tagDirectives.first(where: { $0.handle == tagHandle }) {
                    tag = directive.prefix + tagSuffix
                }
                if tag.isEmpty {
                    return setParserErrorContext("while parsing a node", start, "found undefined tag handle", tagMark)
                }
            }
        }
        let implicit = tag.isEmpty
        if indentlessSequence && token.type == .blockEntry {
            state = .indentlessSequenceEntry
            return GoYAMLV2Event(
                type: .sequenceStart, startMark: start, endMark: token.endMark, anchor: anchor, tag: tag, implicit: implicit)
        }
        switch token.type {
        case .scalar:
            var plainImplicit = false
            var quotedImplicit = false
            if (tag.isEmpty && token.style == .plain) || tag == [UInt8(ascii: "!")] {
                plainImplicit = true
            } else if tag.isEmpty {
                quotedImplicit = true
            }
            popState()
            skipToken()
            return GoYAMLV2Event(
                type: .scalar, startMark: start, endMark: token.endMark, anchor: anchor, tag: tag, value: token.value,
                implicit: plainImplicit, quotedImplicit: quotedImplicit, style: token.style)
        case .flowSequenceStart:
            state = .flowSequenceFirstEntry
            return GoYAMLV2Event(
                type: .sequenceStart, startMark: start, endMark: token.endMark, anchor: anchor, tag: tag, implicit: implicit)
        case .flowMappingStart:
            state = .flowMappingFirstKey
            return GoYAMLV2Event(
                type: .mappingStart, startMark: start, endMark: token.endMark, anchor: anchor, tag: tag, implicit: implicit)
        case .blockSequenceStart where block:
            state = .blockSequenceFirstEntry
            return GoYAMLV2Event(
                type: .sequenceStart, startMark: start, endMark: token.endMark, anchor: anchor, tag: tag, implicit: implicit)
        case .blockMappingStart where block:
            state = .blockMappingFirstKey
            return GoYAMLV2Event(
                type: .mappingStart, startMark: start, endMark: token.endMark, anchor: anchor, tag: tag, implicit: implicit)
        default:
            break
        }
        if !anchor.isEmpty || !tag.isEmpty {
            popState()
            return GoYAMLV2Event(
                type: .scalar, startMark: start, endMark: end, anchor: anchor, tag: tag, implicit: implicit, quotedImplicit: false,
                style: .plain)
        }
        return setParserErrorContext(
            block ? "while parsing a block node" : "while parsing a flow node", start, "did not find expected node content",
            token.startMark)
    }

    private mutating func parseBlockSequenceEntry(first: Bool) -> GoYAMLV2Event? {
        if first {
            guard let token = peekToken() else { return nil }
            marks.append(token.startMark)
            skipToken()
        }
        guard var token = peekToken() else { return nil }
        if token.type == .blockEntry {
            let mark = token.endMark
            skipToken()
            guard let next = peekToken() else { return nil }
            token = next
            if token.type != .blockEntry && token.type != .blockEnd {
                states.append(.blockSequenceEntry)
                return parseNode(block: true, indentlessSequence: false)
            }
            state = .blockSequenceEntry
            return emptyScalar(mark)
        }
        if token.type == .blockEnd {
            popState()
            _ = marks.popLast()
            skipToken()
            return GoYAMLV2Event(type: .sequenceEnd, startMark: token.startMark, endMark: token.endMark)
        }
        let contextMark = marks.popLast() ?? GoYAMLV2Mark()
        return setParserErrorContext(
            "while parsing a block collection", contextMark, "did not find expected '-' indicator", token.startMark)
    }

    private mutating func parseIndentlessSequenceEntry() -> GoYAMLV2Event? {
        guard var token = peekToken() else { return nil }
        if token.type == .blockEntry {
            let mark = token.endMark
            skipToken()
            guard let next = peekToken() else { return nil }
            token = next
            if token.type != .blockEntry && token.type != .key && token.type != .value && token.type != .blockEnd {
                states.append(.indentlessSequenceEntry)
                return parseNode(block: true, indentlessSequence: false)
            }
            state = .indentlessSequenceEntry
            return emptyScalar(mark)
        }
        popState()
        return GoYAMLV2Event(type: .sequenceEnd, startMark: token.startMark, endMark: token.startMark)
    }

    private mutating func parseBlockMappingKey(first: Bool) -> GoYAMLV2Event? {
        if first {
            guard let token = peekToken() else { return nil }
            marks.append(token.startMark)
            skipToken()
        }
        guard var token = peekToken() else { return nil }
        if token.type == .key {
            let mark = token.endMark
            skipToken()
            guard let next = peekToken() else { return nil }
            token = next
            if token.type != .key && token.type != .value && token.type != .blockEnd {
                states.append(.blockMappingValue)
                return parseNode(block: true, indentlessSequence: true)
            }
            state = .blockMappingValue
            return emptyScalar(mark)
        }
        if token.type == .blockEnd {
            popState()
            _ = marks.popLast()
            skipToken()
            return GoYAMLV2Event(type: .mappingEnd, startMark: token.startMark, endMark: token.endMark)
        }
        let contextMark = marks.popLast() ?? GoYAMLV2Mark()
        return setParserErrorContext("while parsing a block mapping", contextMark, "did not find expected key", token.startMark)
    }

    private mutating func parseBlockMappingValue() -> GoYAMLV2Event? {
        guard var token = peekToken() else { return nil }
        if token.type == .value {
            let mark = token.endMark
            skipToken()
            guard let next = peekToken() else { return nil }
            token = next
            if token.type != .key && token.type != .value && token.type != .blockEnd {
                states.append(.blockMappingKey)
                return parseNode(block: true, indentlessSequence: true)
            }
            state = .blockMappingKey
            return emptyScalar(mark)
        }
        state = .blockMappingKey
        return emptyScalar(token.startMark)
    }

    private mutating func parseFlowSequenceEntry(first: Bool) -> GoYAMLV2Event? {
        if first {
            guard let token = peekToken() else { return nil }
            marks.append(token.startMark)
            skipToken()
        }
        guard var token = peekToken() else { return nil }
        if token.type != .flowSequenceEnd {
            if !first {
                if token.type == .flowEntry {
                    skipToken()
                    guard let next = peekToken() else { return nil }
                    token = next
                } else {
                    let contextMark = marks.popLast() ?? GoYAMLV2Mark()
                    return setParserErrorContext(
                        "while parsing a flow sequence", contextMark, "did not find expected ',' or ']'", token.startMark)
                }
            }
            if token.type == .key {
                state = .flowSequenceEntryMappingKey
                skipToken()
                return GoYAMLV2Event(type: .mappingStart, startMark: token.startMark, endMark: token.endMark, implicit: true)
            } else if token.type != .flowSequenceEnd {
                states.append(.flowSequenceEntry)
                return parseNode(block: false, indentlessSequence: false)
            }
        }
        popState()
        _ = marks.popLast()
        skipToken()
        return GoYAMLV2Event(type: .sequenceEnd, startMark: token.startMark, endMark: token.endMark)
    }

    private mutating func parseFlowSequenceEntryMappingKey() -> GoYAMLV2Event? {
        guard let token = peekToken() else { return nil }
        if token.type != .value && token.type != .flowEntry && token.type != .flowSequenceEnd {
            states.append(.flowSequenceEntryMappingValue)
            return parseNode(block: false, indentlessSequence: false)
        }
        let mark = token.endMark
        skipToken()
        state = .flowSequenceEntryMappingValue
        return emptyScalar(mark)
    }

    private mutating func parseFlowSequenceEntryMappingValue() -> GoYAMLV2Event? {
        guard let token = peekToken() else { return nil }
        if token.type == .value {
            skipToken()
            guard let next = peekToken() else { return nil }
            if next.type != .flowEntry && next.type != .flowSequenceEnd {
                states.append(.flowSequenceEntryMappingEnd)
                return parseNode(block: false, indentlessSequence: false)
            }
        }
        state = .flowSequenceEntryMappingEnd
        return emptyScalar(token.startMark)
    }

    private mutating func parseFlowSequenceEntryMappingEnd() -> GoYAMLV2Event? {
        guard let token = peekToken() else { return nil }
        state = .flowSequenceEntry
        return GoYAMLV2Event(type: .mappingEnd, startMark: token.startMark, endMark: token.startMark)
    }

    private mutating func parseFlowMappingKey(first: Bool) -> GoYAMLV2Event? {
        if first {
            guard let token = peekToken() else { return nil }
            marks.append(token.startMark)
            skipToken()
        }
        guard var token = peekToken() else { return nil }
        if token.type != .flowMappingEnd {
            if !first {
                if token.type == .flowEntry {
                    skipToken()
                    guard let next = peekToken() else { return nil }
                    token = next
                } else {
                    let contextMark = marks.popLast() ?? GoYAMLV2Mark()
                    return setParserErrorContext(
                        "while parsing a flow mapping", contextMark, "did not find expected ',' or '}'", token.startMark)
                }
            }
            if token.type == .key {
                skipToken()
                guard let next = peekToken() else { return nil }
                token = next
                if token.type != .value && token.type != .flowEntry && token.type != .flowMappingEnd {
                    states.append(.flowMappingValue)
                    return parseNode(block: false, indentlessSequence: false)
                }
                state = .flowMappingValue
                return emptyScalar(token.startMark)
            } else if token.type != .flowMappingEnd {
                states.append(.flowMappingEmptyValue)
                return parseNode(block: false, indentlessSequence: false)
            }
        }
        popState()
        _ = marks.popLast()
        skipToken()
        return GoYAMLV2Event(type: .mappingEnd, startMark: token.startMark, endMark: token.endMark)
    }

    private mutating func parseFlowMappingValue(empty: Bool) -> GoYAMLV2Event? {
        guard var token = peekToken() else { return nil }
        if empty {
            state = .flowMappingKey
            return emptyScalar(token.startMark)
        }
        if token.type == .value {
            skipToken()
            guard let next = peekToken() else { return nil }
            token = next
            if token.type != .flowEntry && token.type != .flowMappingEnd {
                states.append(.flowMappingKey)
                return parseNode(block: false, indentlessSequence: false)
            }
        }
        state = .flowMappingKey
        return emptyScalar(token.startMark)
    }

    private func emptyScalar(_ mark: GoYAMLV2Mark) -> GoYAMLV2Event {
        GoYAMLV2Event(type: .scalar, startMark: mark, endMark: mark, implicit: true, style: .plain)
    }

    private mutating func processDirectives() -> Bool {
        guard var token = peekToken() else { return false }
        var sawVersion = false
        while token.type == .versionDirective || token.type == .tagDirective {
            if token.type == .versionDirective {
                if sawVersion {
                    _ = setParserError("found duplicate %YAML directive", token.startMark)
                    return false
                }
                if token.major != 1 || token.minor != 1 {
                    _ = setParserError("found incompatible YAML document", token.startMark)
                    return false
                }
                sawVersion = true
            } else {
                if !appendTagDirective(handle: token.value, prefix: token.prefix, allowDuplicates: false, mark: token.startMark) {
                    return false
                }
            }
            skipToken()
            guard let next = peekToken() else { return false }
            token = next
        }
        for directive in Self.defaultTagDirectives {
            if !appendTagDirective(handle: directive.handle, prefix: directive.prefix, allowDuplicates: true, mark: token.startMark) {
                return false
            }
        }
        return true
    }

    private mutating func appendTagDirective(handle: [UInt8], prefix: [UInt8], allowDuplicates: Bool, mark: GoYAMLV2Mark) -> Bool {
        if tagDirectives.contains(where: { $0.handle == handle }) {
            if allowDuplicates {
                return true
            }
            _ = setParserError("found duplicate %TAG directive", mark)
            return false
        }
        tagDirectives.append((handle, prefix))
        return true
    }
}
