import KalcGo

/// A node of the tree yaml.v2 builds from the event stream before decoding it.
public struct GoYAMLV2Node {
    public enum Kind {
        case document, mapping, sequence, scalar, alias
    }

    public var kind: Kind
    public var line: Int
    public var column: Int
    public var tag = ""
    /// For an alias, the node its anchor names.
    public var alias: Int?
    /// A scalar's text, or an alias's anchor name.
    public var value = ""
    /// libyaml's `plain_implicit`: a plain scalar without a tag (or with the `!` tag).
    public var implicit = false
    public var children: [Int] = []
}

/// yaml.v2's node builder (the `parser` type of `decode.go`): reads the first document of
/// the stream (and nothing beyond it) into a node tree, resolving aliases to the node
/// their anchor was last given to.
public struct GoYAMLV2Composer {
    private var parser: GoYAMLV2Parser
    private var event: GoYAMLV2Event?
    private var started = false
    private(set) var nodes: [GoYAMLV2Node] = []
    private var anchors: [String: Int] = [:]

    public init(input: [UInt8]) {
        parser = GoYAMLV2Parser(input: input)
    }

    /// The document node of the first document, or nil for a stream without documents.
    public mutating func compose() throws(GoYAMLError) -> Int? {
        if !started {
            try expect(.streamStart)
            started = true
        }
        // Nodes whose children are still being read, innermost last.
        var open: [Int] = []
        var root: Int?
        while true {
            let type = try peek()
            let current = event ?? GoYAMLV2Event(type: .none)
            var created: Int?
            switch type {
            case .streamEnd where open.isEmpty:
                return nil
            case .documentStart where open.isEmpty:
                anchors = [:]
                root = newNode(.document, current)
                try expect(.documentStart)
                open.append(root ?? 0)
                continue
            case .documentEnd where open.count == 1:
                try expect(.documentEnd)
                return root
            case .scalar:
                var node = GoYAMLV2Node(kind: .scalar, line: current.startMark.line, column: current.startMark.column)
                node.value = String(decoding: current.value, as: UTF8.self)
                node.tag = String(decoding: current.tag, as: UTF8.self)
                node.implicit = current.implicit
                nodes.append(node)
                created = nodes.count - 1
                register(anchor: current.anchor, created)
                try expect(.scalar)
            case .alias:
                var node = GoYAMLV2Node(kind: .alias, line: current.startMark.line, column: current.startMark.column)
                node.value = String(decoding: current.anchor, as: UTF8.self)
                node.alias = anchors[node.value]
                if node.alias == nil {
                    throw GoYAMLError(message: "yaml: unknown anchor '\(node.value)' referenced")
                }
                nodes.append(node)
                created = nodes.count - 1
                try expect(.alias)
            case .mappingStart, .sequenceStart:
                let index = newNode(type == .mappingStart ? .mapping : .sequence, current)
                register(anchor: current.anchor, index)
                try expect(type)
                if let parent = open.last {
                    nodes[parent].children.append(index)
                }
                open.append(index)
                continue
            case .mappingEnd where open.last.map({ nodes[$0].kind == .mapping }) == true,
                .sequenceEnd where open.last.map({ nodes[$0].kind == .sequence }) == true:
                try expect(type)
                open.removeLast()
                continue
            default:
                throw GoYAMLError(message: "attempted to parse unknown event: \(type)")
            }
            if let created, let parent = open.last {
                nodes[parent].children.append(created)
            }
        }
    }

    private mutating func newNode(_ kind: GoYAMLV2Node.Kind, _ event: GoYAMLV2Event) -> Int {
        nodes.append(GoYAMLV2Node(kind: kind, line: event.startMark.line, column: event.startMark.column))
        return nodes.count - 1
    }

    private mutating func register(anchor: [UInt8], _ node: Int?) {
        if !anchor.isEmpty, let node {
            anchors[String(decoding: anchor, as: UTF8.self)] = node
        }
    }

    private mutating func peek() throws(GoYAMLError) -> GoYAMLV2EventType {
        if let event, event.type != .none {
            return event.type
        }
        guard let next = parser.parse() else { throw failure() }
        event = next
        return next.type
    }

    private mutating func expect(_ type: GoYAMLV2EventType) throws(GoYAMLError) {
        if event == nil || event?.type == GoYAMLV2EventType.none {
            guard let next = parser.parse() else { throw failure() }
            event = next
        }
        let actual = event?.type ?? .none
        if actual == .streamEnd {
            throw GoYAMLError(message: "yaml: attempted to go past the end of stream; corrupted value?")
        }
        if actual != type {
            parser.problem = "expected \(type) event but got \(actual)"
            throw failure()
        }
        event = nil
    }

    /// yaml.v2's `parser.fail`: the parser's problem with the line it occurred on.
    private func failure() -> GoYAMLError {
        var line = 0
        if parser.problemMark.line != 0 {
            line = parser.problemMark.line
            if parser.error == .scanner {
                line += 1
            }
        } else if parser.contextMark.line != 0 {
            line = parser.contextMark.line
        }
        let location = line != 0 ? "line \(line): " : ""
        let message = parser.problem.isEmpty ? "unknown problem parsing YAML content" : parser.problem
        return GoYAMLError(message: "yaml: " + location + message)
    }
}
