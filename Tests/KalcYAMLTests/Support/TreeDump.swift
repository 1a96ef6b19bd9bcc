import KalcYAML

/// A node tree as indented text, one node a line with its tag, style, text and marks, for
/// golden comparisons of whole documents.
enum TreeDump {
    static func dump(_ documents: [YAMLNode]) -> String {
        var lines: [String] = []
        for (index, document) in documents.enumerated() {
            lines.append("--- document \(index)")
            dump(document, label: "", depth: 0, into: &lines)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func dump(_ node: YAMLNode, label: String, depth: Int, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        let tag = node.tag.map { " !<\($0)>" } ?? ""
        let marks = "\(mark(node.start))-\(mark(node.end))"
        switch node.content {
        case let .scalar(text, style):
            lines.append("\(indent)\(label)scalar\(tag) \(name(style)) \(text.debugDescription) \(marks)")
        case let .sequence(items):
            lines.append("\(indent)\(label)sequence\(tag) \(marks)")
            for item in items {
                dump(item, label: "- ", depth: depth + 1, into: &lines)
            }
        case let .mapping(entries):
            lines.append("\(indent)\(label)mapping\(tag) \(marks)")
            for entry in entries {
                dump(entry.key, label: "? ", depth: depth + 1, into: &lines)
                dump(entry.value, label: ": ", depth: depth + 1, into: &lines)
            }
        }
    }

    /// `line:column@offset`, all 0-based.
    private static func mark(_ mark: YAMLMark) -> String {
        "\(mark.line):\(mark.column)@\(mark.offset)"
    }

    private static func name(_ style: YAMLScalarStyle) -> String {
        switch style {
        case .plain: "plain"
        case .singleQuoted: "single"
        case .doubleQuoted: "double"
        case .literal: "literal"
        case .folded: "folded"
        }
    }
}

extension YAMLNode {
    /// The node with every mark set to the origin, for comparing structure alone.
    var withoutMarks: YAMLNode {
        var copy = self
        copy.start = .origin
        copy.end = .origin
        switch content {
        case .scalar:
            break
        case let .sequence(items):
            copy.content = .sequence(items.map(\.withoutMarks))
        case let .mapping(entries):
            copy.content = .mapping(entries.map { YAMLMappingEntry(key: $0.key.withoutMarks, value: $0.value.withoutMarks) })
        }
        return copy
    }

    /// Every node of the tree in document order, the node itself first.
    var allNodes: [YAMLNode] {
        var nodes: [YAMLNode] = []
        var stack = [self]
        while let node = stack.popLast() {
            nodes.append(node)
            switch node.content {
            case .scalar:
                break
            case let .sequence(items):
                stack.append(contentsOf: items.reversed())
            case let .mapping(entries):
                for entry in entries.reversed() {
                    stack.append(entry.value)
                    stack.append(entry.key)
                }
            }
        }
        return nodes
    }
}
