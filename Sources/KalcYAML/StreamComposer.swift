/// Bounds that keep hostile input from exhausting the stack or memory.
enum ReaderLimits {
    /// The deepest nesting of sequences and mappings, counting those brought in by aliases.
    static let maximumDepth = 1_000
    /// Aliases may add this many nodes to a stream whatever its size ...
    static let aliasNodeAllowance = 100_000
    /// ... or this many times the nodes written out in the text, when that is more.
    static let aliasNodeRatio = 10
    /// Aliases may add this many bytes of scalar text to a stream whatever its size ...
    static let aliasByteAllowance = 4 << 20
    /// ... or this many times the length of the text, when that is more: one large scalar
    /// repeated by a few aliases is fine, repeated by thousands it is gigabytes.
    static let aliasByteRatio = 4
}

/// Builds node trees from parser events: one tree per document, aliases replaced by copies
/// of their anchored nodes.
///
/// Collections are built on an explicit stack, so nesting never recurses. Every node records
/// how many nodes it stands for and how deep it goes, which lets an alias be checked against
/// the limits before it is expanded.
struct StreamComposer {
    /// A node with the size and height that alias expansion needs.
    private struct ComposedNode {
        var node: YAMLNode
        /// The number of nodes in the tree, the node included.
        var size: Int
        /// The number of collection levels in the tree: 0 for a scalar.
        var height: Int
        /// The bytes of scalar text in the tree.
        var bytes: Int
    }

    /// A sequence or mapping whose end event has not arrived yet.
    private struct OpenCollection {
        var isMapping: Bool
        var isFlow: Bool
        var anchor: String?
        var tag: String?
        var start: YAMLMark
        var items: [YAMLNode] = []
        var entries: [YAMLMappingEntry] = []
        var pendingKey: YAMLNode?
        var size = 1
        var childHeight = 0
        var bytes = 0
    }

    private enum Anchor {
        /// The anchored collection is still being built; an alias to it would contain itself.
        case open
        case complete(ComposedNode)
    }

    private var open: [OpenCollection] = []
    private var anchors: [String: Anchor] = [:]
    private var root: ComposedNode?
    private(set) var documents: [YAMLNode] = []
    /// Nodes written out in the text so far.
    private var parsedNodes = 0
    /// Nodes added by alias expansion so far.
    private var aliasNodes = 0
    /// Bytes of scalar text added by alias expansion so far.
    private var aliasBytes = 0
    /// The most bytes of scalar text aliases may add, from the length of the text read.
    private let allowedAliasBytes: Int

    /// A composer for a text of `inputLength` bytes.
    init(inputLength: Int) {
        allowedAliasBytes = max(ReaderLimits.aliasByteAllowance, ReaderLimits.aliasByteRatio * inputLength)
    }

    /// Takes one event, spanning `start` to `end`; returns false once the stream has ended.
    mutating func consume(_ event: ParserEvent.Kind, start: YAMLMark, end: YAMLMark) throws(YAMLError) -> Bool {
        switch event {
        case .streamStart:
            break
        case .streamEnd:
            return false
        case .documentStart:
            anchors = [:]
            root = nil
        case .documentEnd:
            documents.append(root?.node ?? YAMLNode(content: .scalar("", .plain), start: start, end: start))
            root = nil
        case let .scalar(text, style, anchor, tag):
            parsedNodes += 1
            let node = YAMLNode(content: .scalar(text, style), tag: tag, start: start, end: end)
            complete(ComposedNode(node: node, size: 1, height: 0, bytes: text.utf8.count), anchor: anchor)
        case let .alias(name):
            try expandAlias(named: name, start: start, end: end)
        case let .sequenceStart(anchor, tag, isFlow):
            try openCollection(isMapping: false, isFlow: isFlow, anchor: anchor, tag: tag, start: start)
        case let .mappingStart(anchor, tag, isFlow):
            try openCollection(isMapping: true, isFlow: isFlow, anchor: anchor, tag: tag, start: start)
        case .sequenceEnd, .mappingEnd:
            closeCollection(end: end)
        }
        return true
    }

    private mutating func openCollection(
        isMapping: Bool, isFlow: Bool, anchor: String?, tag: String?, start: YAMLMark
    ) throws(YAMLError) {
        guard open.count < ReaderLimits.maximumDepth else {
            throw YAMLError(message: "nesting is deeper than \(ReaderLimits.maximumDepth) levels", mark: start)
        }
        parsedNodes += 1
        if let anchor {
            anchors[anchor] = .open
        }
        open.append(OpenCollection(isMapping: isMapping, isFlow: isFlow, anchor: anchor, tag: tag, start: start))
    }

    private mutating func closeCollection(end eventEnd: YAMLMark) {
        guard let collection = open.popLast() else {
            // libyaml never ends a collection it did not start; ignoring the event is the safe reading.
            return
        }
        let content: YAMLNode.Content
        let lastChild: YAMLNode?
        if collection.isMapping {
            var entries = collection.entries
            if let key = collection.pendingKey {
                // libyaml always pairs keys with values; an unpaired key gets an empty value.
                entries.append(
                    YAMLMappingEntry(
                        key: key,
                        value: YAMLNode(content: .scalar("", .plain), start: key.end, end: key.end)
                    ))
            }
            content = .mapping(entries)
            lastChild = entries.last?.value
        } else {
            content = .sequence(collection.items)
            lastChild = collection.items.last
        }
        // A block collection's end event sits where the next token starts, often lines later;
        // the collection is taken to end with its last entry instead.
        let end = collection.isFlow ? eventEnd : (lastChild?.end ?? eventEnd)
        let node = YAMLNode(content: content, tag: collection.tag, start: collection.start, end: end)
        complete(
            ComposedNode(node: node, size: collection.size, height: collection.childHeight + 1, bytes: collection.bytes),
            anchor: collection.anchor
        )
    }

    private mutating func expandAlias(named name: String, start: YAMLMark, end: YAMLMark) throws(YAMLError) {
        switch anchors[name] {
        case nil:
            throw YAMLError(message: "found undefined alias \"\(name)\"", mark: start)
        case .open:
            throw YAMLError(message: "alias \"\(name)\" refers to a node that contains it", mark: start)
        case let .complete(anchored):
            guard open.count + anchored.height <= ReaderLimits.maximumDepth else {
                throw YAMLError(
                    message: "alias \"\(name)\" nests deeper than \(ReaderLimits.maximumDepth) levels",
                    mark: start
                )
            }
            aliasNodes += anchored.size
            let allowed = max(ReaderLimits.aliasNodeAllowance, ReaderLimits.aliasNodeRatio * parsedNodes)
            guard aliasNodes <= allowed else {
                throw YAMLError(message: "aliases expand to more than \(allowed) nodes", mark: start)
            }
            aliasBytes += anchored.bytes
            guard aliasBytes <= allowedAliasBytes else {
                throw YAMLError(message: "aliases expand to more than \(allowedAliasBytes) bytes of text", mark: start)
            }
            var copy = anchored
            copy.node.start = start
            copy.node.end = end
            complete(copy, anchor: nil)
        }
    }

    /// Adds a finished node to the collection it belongs to, or makes it the document's root.
    private mutating func complete(_ composed: ComposedNode, anchor: String?) {
        if let anchor {
            anchors[anchor] = .complete(composed)
        }
        guard var parent = open.popLast() else {
            root = composed
            return
        }
        parent.size += composed.size
        parent.bytes += composed.bytes
        parent.childHeight = max(parent.childHeight, composed.height)
        if !parent.isMapping {
            parent.items.append(composed.node)
        } else if let key = parent.pendingKey {
            parent.entries.append(YAMLMappingEntry(key: key, value: composed.node))
            parent.pendingKey = nil
        } else {
            parent.pendingKey = composed.node
        }
        open.append(parent)
    }
}
