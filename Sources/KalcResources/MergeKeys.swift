import KalcYAML

/// YAML merge keys (`<<: *defaults`) expanded as kustomize expands them when it reads a
/// branch (kyaml's `DeAnchor`), before anything else looks at the object: the keys of the
/// merged maps are added to the mapping, a key written in the mapping wins over a merged
/// one, and of a list of merged maps the earlier wins.
enum MergeKeys {
    /// Why kustomize cannot expand the merge keys of a document, at the key or value.
    struct Failure: Error {
        var message: String
        var node: YAMLNode
    }

    static let mergeTag = "tag:yaml.org,2002:merge"

    /// The document with every merge key expanded; a tree without any comes back as it is.
    static func expand(_ node: YAMLNode) throws(Failure) -> YAMLNode {
        var node = node
        switch node.content {
        case .scalar:
            return node
        case .sequence(let items):
            var expanded: [YAMLNode] = []
            for item in items { expanded.append(try expand(item)) }
            node.content = .sequence(expanded)
        case .mapping(let entries):
            var merged = try mergedEntries(entries)
            for index in merged.indices {
                merged[index].value = try expand(merged[index].value)
            }
            node.content = .mapping(merged)
        }
        return node
    }

    static func isMergeKey(_ key: YAMLNode) -> Bool {
        guard case .scalar("<<", let style) = key.content else { return false }
        return key.tag == mergeTag || (key.tag == nil && style == .plain)
    }

    /// The entries of one mapping with its merge key, if any, replaced by what it brings in.
    private static func mergedEntries(_ entries: [YAMLMappingEntry]) throws(Failure) -> [YAMLMappingEntry] {
        let merges = entries.filter { isMergeKey($0.key) }
        guard let merge = merges.first else { return entries }
        if merges.count > 1 {
            throw Failure(message: "duplicate merge key", node: merges[1].key)
        }
        var result = entries.filter { !isMergeKey($0.key) }
        let explicit = result
        for source in try mergedMaps(merge.value) + [explicit] {
            for entry in source {
                if let index = result.firstIndex(where: { sameKey($0.key, entry.key) }) {
                    result[index].value = entry.value
                } else {
                    result.append(entry)
                }
            }
        }
        return result
    }

    /// The maps a merge key brings in, the one that wins last.
    private static func mergedMaps(_ value: YAMLNode) throws(Failure) -> [[YAMLMappingEntry]] {
        switch value.content {
        case .mapping(let entries):
            return [entries]
        case .sequence(let items):
            var maps: [[YAMLMappingEntry]] = []
            for item in items {
                guard case .mapping(let entries) = item.content else {
                    throw Failure(message: "a map merge takes a map or a list of maps", node: item)
                }
                maps.insert(entries, at: 0)
            }
            return maps
        case .scalar:
            throw Failure(message: "a map merge takes a map or a list of maps", node: value)
        }
    }

    private static func sameKey(_ left: YAMLNode, _ right: YAMLNode) -> Bool {
        if case .scalar(let a, _) = left.content, case .scalar(let b, _) = right.content { return a == b }
        return left.content == right.content
    }
}
