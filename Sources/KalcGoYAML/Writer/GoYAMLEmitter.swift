import KalcGo

/// One event of the stream yaml.v3's encoder hands to its emitter.
///
/// Only what marshalling Go values produces is modelled: implicit documents, untagged
/// nodes, no anchors and no comments.
public enum GoYAMLEmitterEvent: Equatable {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case scalar([UInt8], GoYAMLScalarStyle)
    case sequenceStart
    case sequenceEnd
    case mappingStart
    case mappingEnd
}

/// The presentation styles of a YAML scalar, as libyaml numbers them.
public enum GoYAMLScalarStyle: Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// yaml.v3's emitter (`emitterc.go`, a port of libyaml's), turning an event stream into
/// YAML text with exactly the bytes yaml.v3 writes.
///
/// yaml.v3 3.0.1 initialises `best_width` to -1, which the emitter turns into an
/// unlimited line width: long scalars are never folded. The indentation is yaml.v3's
/// default of 4.
public struct GoYAMLEmitter {
    public enum State {
        case streamStart, firstDocumentStart, documentStart, documentContent, documentEnd
        case flowSequenceFirstItem, flowSequenceItem
        case flowMappingFirstKey, flowMappingKey, flowMappingSimpleValue, flowMappingValue
        case blockSequenceFirstItem, blockSequenceItem
        case blockMappingFirstKey, blockMappingKey, blockMappingSimpleValue, blockMappingValue
        case end
    }

    /// What `yaml_emitter_analyze_scalar` found out about the scalar being emitted.
    public struct ScalarAnalysis {
        public var value: [UInt8] = []
        public var multiline = false
        public var flowPlainAllowed = false
        public var blockPlainAllowed = false
        public var singleQuotedAllowed = false
        public var blockAllowed = false
        public var style: GoYAMLScalarStyle = .plain
    }

    public var output: [UInt8] = []

    public let events: [GoYAMLEmitterEvent]
    public var head = 0
    public var states: [State] = []
    public var state: State = .streamStart
    public var indents: [Int] = []
    public var indent = -1
    public var flowLevel = 0
    public var bestIndent: Int
    public var bestWidth = Int(Int32.max)
    public var simpleKeyContext = false
    public var column = 0
    public var whitespace = true
    public var indention = true
    public var scalar = ScalarAnalysis()

    /// Emits `events` (a complete stream) with the given indentation.
    public static func emit(_ events: [GoYAMLEmitterEvent], indent: Int = 4) throws(GoYAMLError) -> [UInt8] {
        var emitter = GoYAMLEmitter(events: events, bestIndent: indent)
        try emitter.run()
        return emitter.output
    }

    private init(events: [GoYAMLEmitterEvent], bestIndent: Int) {
        self.events = events
        self.bestIndent = bestIndent
    }

    public mutating func run() throws(GoYAMLError) {
        while head < events.count {
            let event = events[head]
            analyze(event)
            try dispatch(event)
            head += 1
        }
    }

    public static func problem(_ text: String) -> GoYAMLError {
        GoYAMLError(message: "yaml: " + text)
    }

    // MARK: Byte output

    public mutating func put(_ byte: UInt8) {
        output.append(byte)
        column += 1
    }

    public mutating func putBreak() {
        output.append(0x0A)
        column = 0
        indention = true
    }

    /// Copies the character starting at `s[i]` and advances `i` past it.
    public mutating func write(_ s: [UInt8], _ i: inout Int) {
        let w = max(1, GoYAMLBytes.width(s[i]))
        let end = min(i + w, s.count)
        output.append(contentsOf: s[i..<end])
        column += 1
        i = end
    }

    public mutating func writeAll(_ s: [UInt8]) {
        var i = 0
        while i < s.count {
            write(s, &i)
        }
    }

    public mutating func writeBreak(_ s: [UInt8], _ i: inout Int) {
        if s[i] == 0x0A {
            putBreak()
            i += 1
        } else {
            write(s, &i)
            column = 0
            indention = true
        }
    }

    public mutating func writeIndent() {
        let indent = max(self.indent, 0)
        if !indention || column > indent || (column == indent && !whitespace) {
            putBreak()
        }
        while column < indent {
            put(0x20)
        }
        whitespace = true
    }

    public mutating func writeIndicator(_ indicator: [UInt8], needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace {
            put(0x20)
        }
        writeAll(indicator)
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    // MARK: State machine

    public mutating func popState() {
        state = states.popLast() ?? .end
    }

    public mutating func popIndent() {
        indent = indents.popLast() ?? -1
    }

    public mutating func increaseIndent(flow: Bool, indentless: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = flow ? bestIndent : 0
        } else if !indentless {
            if states.last == .blockSequenceItem {
                // The first indent inside a sequence just skips the "- " indicator.
                indent += 2
            } else {
                indent = bestIndent * ((indent + bestIndent) / bestIndent)
            }
        }
    }

    public mutating func dispatch(_ event: GoYAMLEmitterEvent) throws(GoYAMLError) {
        switch state {
        case .streamStart: try emitStreamStart(event)
        case .firstDocumentStart: try emitDocumentStart(event, first: true)
        case .documentStart: try emitDocumentStart(event, first: false)
        case .documentContent: try emitDocumentContent(event)
        case .documentEnd: try emitDocumentEnd(event)
        case .flowSequenceFirstItem: try emitFlowSequenceItem(event, first: true)
        case .flowSequenceItem: try emitFlowSequenceItem(event, first: false)
        case .flowMappingFirstKey: try emitFlowMappingKey(event, first: true)
        case .flowMappingKey: try emitFlowMappingKey(event, first: false)
        case .flowMappingSimpleValue: try emitFlowMappingValue(event, simple: true)
        case .flowMappingValue: try emitFlowMappingValue(event, simple: false)
        case .blockSequenceFirstItem: try emitBlockSequenceItem(event, first: true)
        case .blockSequenceItem: try emitBlockSequenceItem(event, first: false)
        case .blockMappingFirstKey: try emitBlockMappingKey(event, first: true)
        case .blockMappingKey: try emitBlockMappingKey(event, first: false)
        case .blockMappingSimpleValue: try emitBlockMappingValue(event, simple: true)
        case .blockMappingValue: try emitBlockMappingValue(event, simple: false)
        case .end: throw Self.problem("expected nothing after STREAM-END")
        }
    }

    public mutating func emitStreamStart(_ event: GoYAMLEmitterEvent) throws(GoYAMLError) {
        guard event == .streamStart else { throw Self.problem("expected STREAM-START") }
        if bestIndent < 2 || bestIndent > 9 {
            bestIndent = 2
        }
        indent = -1
        column = 0
        whitespace = true
        indention = true
        state = .firstDocumentStart
    }

    public mutating func emitDocumentStart(_ event: GoYAMLEmitterEvent, first: Bool) throws(GoYAMLError) {
        switch event {
        case .documentStart:
            if !first {
                writeIndent()
                writeIndicator(Array("---".utf8), needWhitespace: true, isWhitespace: false, isIndention: false)
                writeIndent()
            }
            state = .documentContent
        case .streamEnd:
            // yaml.v3 clears `open_ended` before ending the stream, so no "..." is written.
            state = .end
        default:
            throw Self.problem("expected DOCUMENT-START or STREAM-END")
        }
    }

    public mutating func emitDocumentContent(_ event: GoYAMLEmitterEvent) throws(GoYAMLError) {
        states.append(.documentEnd)
        try emitNode(event, simpleKey: false)
    }

    public mutating func emitDocumentEnd(_ event: GoYAMLEmitterEvent) throws(GoYAMLError) {
        guard event == .documentEnd else { throw Self.problem("expected DOCUMENT-END") }
        writeIndent()
        state = .documentStart
    }

    public mutating func emitFlowSequenceItem(_ event: GoYAMLEmitterEvent, first: Bool) throws(GoYAMLError) {
        if first {
            writeIndicator([UInt8(ascii: "[")], needWhitespace: true, isWhitespace: true, isIndention: false)
            increaseIndent(flow: true, indentless: false)
            flowLevel += 1
        }
        if event == .sequenceEnd {
            flowLevel -= 1
            popIndent()
            if column == 0 {
                writeIndent()
            }
            writeIndicator([UInt8(ascii: "]")], needWhitespace: false, isWhitespace: false, isIndention: false)
            popState()
            return
        }
        if !first {
            writeIndicator([UInt8(ascii: ",")], needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        if column == 0 {
            writeIndent()
        }
        if column > bestWidth {
            writeIndent()
        }
        states.append(.flowSequenceItem)
        try emitNode(event, simpleKey: false)
    }

    public mutating func emitFlowMappingKey(_ event: GoYAMLEmitterEvent, first: Bool) throws(GoYAMLError) {
        if first {
            writeIndicator([UInt8(ascii: "{")], needWhitespace: true, isWhitespace: true, isIndention: false)
            increaseIndent(flow: true, indentless: false)
            flowLevel += 1
        }
        if event == .mappingEnd {
            flowLevel -= 1
            popIndent()
            writeIndicator([UInt8(ascii: "}")], needWhitespace: false, isWhitespace: false, isIndention: false)
            popState()
            return
        }
        if !first {
            writeIndicator([UInt8(ascii: ",")], needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        if column == 0 {
            writeIndent()
        }
        if column > bestWidth {
            writeIndent()
        }
        if checkSimpleKey() {
            states.append(.flowMappingSimpleValue)
            try emitNode(event, simpleKey: true)
            return
        }
        writeIndicator([UInt8(ascii: "?")], needWhitespace: true, isWhitespace: false, isIndention: false)
        states.append(.flowMappingValue)
        try emitNode(event, simpleKey: false)
    }

    public mutating func emitFlowMappingValue(_ event: GoYAMLEmitterEvent, simple: Bool) throws(GoYAMLError) {
        if simple {
            writeIndicator([UInt8(ascii: ":")], needWhitespace: false, isWhitespace: false, isIndention: false)
        } else {
            if column > bestWidth {
                writeIndent()
            }
            writeIndicator([UInt8(ascii: ":")], needWhitespace: true, isWhitespace: false, isIndention: false)
        }
        states.append(.flowMappingKey)
        try emitNode(event, simpleKey: false)
    }

    public mutating func emitBlockSequenceItem(_ event: GoYAMLEmitterEvent, first: Bool) throws(GoYAMLError) {
        if first {
            increaseIndent(flow: false, indentless: false)
        }
        if event == .sequenceEnd {
            popIndent()
            popState()
            return
        }
        writeIndent()
        writeIndicator([UInt8(ascii: "-")], needWhitespace: true, isWhitespace: false, isIndention: true)
        states.append(.blockSequenceItem)
        try emitNode(event, simpleKey: false)
    }

    public mutating func emitBlockMappingKey(_ event: GoYAMLEmitterEvent, first: Bool) throws(GoYAMLError) {
        if first {
            increaseIndent(flow: false, indentless: false)
        }
        if event == .mappingEnd {
            popIndent()
            popState()
            return
        }
        writeIndent()
        if checkSimpleKey() {
            states.append(.blockMappingSimpleValue)
            try emitNode(event, simpleKey: true)
            return
        }
        writeIndicator([UInt8(ascii: "?")], needWhitespace: true, isWhitespace: false, isIndention: true)
        states.append(.blockMappingValue)
        try emitNode(event, simpleKey: false)
    }

    public mutating func emitBlockMappingValue(_ event: GoYAMLEmitterEvent, simple: Bool) throws(GoYAMLError) {
        if simple {
            writeIndicator([UInt8(ascii: ":")], needWhitespace: false, isWhitespace: false, isIndention: false)
        } else {
            writeIndent()
            writeIndicator([UInt8(ascii: ":")], needWhitespace: true, isWhitespace: false, isIndention: true)
        }
        states.append(.blockMappingKey)
        try emitNode(event, simpleKey: false)
    }

    public mutating func emitNode(_ event: GoYAMLEmitterEvent, simpleKey: Bool) throws(GoYAMLError) {
        simpleKeyContext = simpleKey
        switch event {
        case .scalar(_, let style):
            emitScalar(requestedStyle: style)
        case .sequenceStart:
            state = flowLevel > 0 || checkEmptySequence() ? .flowSequenceFirstItem : .blockSequenceFirstItem
        case .mappingStart:
            state = flowLevel > 0 || checkEmptyMapping() ? .flowMappingFirstKey : .blockMappingFirstKey
        default:
            throw Self.problem("expected SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS, but got \(event)")
        }
    }

    public mutating func emitScalar(requestedStyle: GoYAMLScalarStyle) {
        selectScalarStyle(requestedStyle)
        increaseIndent(flow: true, indentless: false)
        processScalar()
        popIndent()
        popState()
    }

    public func checkEmptySequence() -> Bool {
        head + 1 < events.count && events[head] == .sequenceStart && events[head + 1] == .sequenceEnd
    }

    public func checkEmptyMapping() -> Bool {
        head + 1 < events.count && events[head] == .mappingStart && events[head + 1] == .mappingEnd
    }

    public func checkSimpleKey() -> Bool {
        switch events[head] {
        case .scalar:
            if scalar.multiline {
                return false
            }
            return scalar.value.count <= 128
        case .sequenceStart:
            return checkEmptySequence()
        case .mappingStart:
            return checkEmptyMapping()
        default:
            return false
        }
    }

    public mutating func selectScalarStyle(_ requested: GoYAMLScalarStyle) {
        var style = requested
        if simpleKeyContext && scalar.multiline {
            style = .doubleQuoted
        }
        if style == .plain {
            if (flowLevel > 0 && !scalar.flowPlainAllowed) || (flowLevel == 0 && !scalar.blockPlainAllowed) {
                style = .singleQuoted
            }
            if scalar.value.isEmpty && (flowLevel > 0 || simpleKeyContext) {
                style = .singleQuoted
            }
        }
        if style == .singleQuoted && !scalar.singleQuotedAllowed {
            style = .doubleQuoted
        }
        if style == .literal || style == .folded {
            if !scalar.blockAllowed || flowLevel > 0 || simpleKeyContext {
                style = .doubleQuoted
            }
        }
        scalar.style = style
    }

    public mutating func processScalar() {
        let value = scalar.value
        switch scalar.style {
        case .plain: writePlainScalar(value, allowBreaks: !simpleKeyContext)
        case .singleQuoted: writeSingleQuotedScalar(value, allowBreaks: !simpleKeyContext)
        case .doubleQuoted: writeDoubleQuotedScalar(value, allowBreaks: !simpleKeyContext)
        case .literal: writeLiteralScalar(value)
        case .folded: writeFoldedScalar(value)
        }
    }
}
