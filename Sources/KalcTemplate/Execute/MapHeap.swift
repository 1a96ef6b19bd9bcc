import KalcGo

/// The maps of one template data set as Go holds them: by reference.
///
/// `set`, `unset`, `merge` and `mergeOverwrite` change a map in place, and Kalypso keeps
/// its template data across the manifests and re-render passes of an assignment, so a
/// change made by one manifest is seen by the next. Values carry a map's `reference`;
/// its current entries live here.
public struct MapHeap: Sendable {
    private var maps: [Int: GoMap] = [:]
    private var nextReference = 1

    /// Maps nested deeper than this are rejected (Go would overflow its stack printing a map that contains itself).
    static let maxDepth = 1000

    /// An empty store.
    public init() {}

    /// The value with every map given an identity (maps that already have one keep it).
    public mutating func adopt(_ value: GoValue) -> GoValue {
        var visits = 0
        return adopt(value, depth: 0, visits: &visits, limit: .max)
    }

    /// Adopts like `adopt(_:)`, counting the values it visits in `visits` and stopping at
    /// `limit` (the caller then fails): a list that holds a list twice, twenty times over,
    /// is small in memory but has a million values to visit.
    mutating func adopt(_ value: GoValue, visits: inout Int, limit: Int) -> GoValue {
        adopt(value, depth: 0, visits: &visits, limit: limit)
    }

    private mutating func adopt(_ value: GoValue, depth: Int, visits: inout Int, limit: Int) -> GoValue {
        visits += 1
        guard depth < Self.maxDepth, visits <= limit else { return value }
        switch value {
        case .map(var map):
            if map.reference != nil { return value }
            var entries: [GoValue: GoValue] = [:]
            entries.reserveCapacity(map.entries.count)
            for (key, element) in map.entries { entries[key] = adopt(element, depth: depth + 1, visits: &visits, limit: limit) }
            map.entries = entries
            map.reference = nextReference
            nextReference += 1
            maps[map.reference!] = map
            return .map(map)
        case .slice(var slice):
            guard slice.elements.contains(where: Self.mayHoldMaps) else { return value }
            var elements: [GoValue] = []
            elements.reserveCapacity(slice.elements.count)
            for element in slice.elements { elements.append(adopt(element, depth: depth + 1, visits: &visits, limit: limit)) }
            slice.elements = elements
            return .slice(slice)
        case .structure(var structure):
            guard structure.fields.contains(where: { Self.mayHoldMaps($0.value) }) else { return value }
            for i in structure.fields.indices {
                structure.fields[i].value = adopt(structure.fields[i].value, depth: depth + 1, visits: &visits, limit: limit)
            }
            return .structure(structure)
        default:
            return value
        }
    }

    private static func mayHoldMaps(_ value: GoValue) -> Bool {
        switch value {
        case .map, .slice, .structure: return true
        default: return false
        }
    }

    /// The map's current entries (its own when it has no identity).
    func current(_ map: GoMap) -> GoMap {
        guard let reference = map.reference, let stored = maps[reference] else { return map }
        return stored
    }

    /// The value with its top-level map (if any) replaced by the map's current entries.
    func resolveShallow(_ value: GoValue) -> GoValue {
        if case .map(let map) = value { return .map(current(map)) }
        return value
    }

    /// The value with every map replaced by its current entries, recursively.
    func resolve(_ value: GoValue) throws(FunctionFailure) -> GoValue {
        var visits = 0
        return try resolve(value, depth: 0, visits: &visits, limit: .max)
    }

    /// Resolves like `resolve(_:)`, counting the values it visits in `visits` and stopping
    /// at `limit` (the caller then fails).
    func resolve(_ value: GoValue, visits: inout Int, limit: Int) throws(FunctionFailure) -> GoValue {
        try resolve(value, depth: 0, visits: &visits, limit: limit)
    }

    private func resolve(_ value: GoValue, depth: Int, visits: inout Int, limit: Int) throws(FunctionFailure) -> GoValue {
        if depth > Self.maxDepth {
            throw FunctionFailure.limit("values are nested more than \(Self.maxDepth) levels deep (a map contains itself?)")
        }
        visits += 1
        if visits > limit { return value }
        switch value {
        case .map(let original):
            var map = current(original)
            guard map.entries.values.contains(where: Self.mayHoldMaps) else { return .map(map) }
            var entries: [GoValue: GoValue] = [:]
            entries.reserveCapacity(map.entries.count)
            for (key, element) in map.entries { entries[key] = try resolve(element, depth: depth + 1, visits: &visits, limit: limit) }
            map.entries = entries
            return .map(map)
        case .slice(var slice):
            guard slice.elements.contains(where: Self.mayHoldMaps) else { return value }
            var elements: [GoValue] = []
            elements.reserveCapacity(slice.elements.count)
            for element in slice.elements { elements.append(try resolve(element, depth: depth + 1, visits: &visits, limit: limit)) }
            slice.elements = elements
            return .slice(slice)
        case .structure(var structure):
            guard structure.fields.contains(where: { Self.mayHoldMaps($0.value) }) else { return value }
            for i in structure.fields.indices {
                structure.fields[i].value = try resolve(structure.fields[i].value, depth: depth + 1, visits: &visits, limit: limit)
            }
            return .structure(structure)
        default:
            return value
        }
    }

    /// Stores new entries for a map with an identity, and for every map with an identity inside it.
    mutating func store(_ value: GoValue) {
        store(value, depth: 0)
    }

    private mutating func store(_ value: GoValue, depth: Int) {
        guard depth < Self.maxDepth else { return }
        switch value {
        case .map(let map):
            for element in map.entries.values where Self.mayHoldMaps(element) { store(element, depth: depth + 1) }
            if let reference = map.reference { maps[reference] = map }
        case .slice(let slice):
            for element in slice.elements where Self.mayHoldMaps(element) { store(element, depth: depth + 1) }
        case .structure(let structure):
            for field in structure.fields where Self.mayHoldMaps(field.value) { store(field.value, depth: depth + 1) }
        default:
            break
        }
    }

    /// The value with all identities removed (a deep copy, as `deepCopy` makes).
    static func detached(_ value: GoValue) -> GoValue {
        switch value {
        case .map(var map):
            map.reference = nil
            map.entries = map.entries.mapValues(detached)
            return .map(map)
        case .slice(var slice):
            slice.elements = slice.elements.map(detached)
            return .slice(slice)
        case .structure(var structure):
            for i in structure.fields.indices { structure.fields[i].value = detached(structure.fields[i].value) }
            return .structure(structure)
        default:
            return value
        }
    }
}
