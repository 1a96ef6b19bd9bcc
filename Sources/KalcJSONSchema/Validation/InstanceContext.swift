/// gojsonschema's `JsonContext`: the path to an instance value, printed with dots.
final class InstanceContext: Sendable {
    let head: String
    let tail: InstanceContext?

    init(_ head: String, _ tail: InstanceContext?) {
        self.head = head
        self.tail = tail
    }

    /// `(root).a.0.b`.
    var text: String {
        var parts: [String] = []
        var current: InstanceContext? = self
        while let node = current {
            parts.append(node.head)
            current = node.tail
        }
        return parts.reversed().joined(separator: ".")
    }

    /// gojsonschema's `Field()`: the text without a leading `(root).`.
    var field: String {
        let full = text
        let prefix = "(root)."
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
    }
}
