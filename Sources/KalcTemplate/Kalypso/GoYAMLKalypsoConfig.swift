import KalcGo
import KalcGoYAML

/// A Go runtime panic Kalypso's config merging would hit, reported instead of crashing.
public struct KalypsoConfigMergeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The panic message Go prints, e.g. `runtime error: comparing uncomparable type []interface {}`.
    public var message: String

    /// Creates an error with Go's panic message.
    public init(message: String) {
        self.message = message
    }

    /// The panic message.
    public var description: String { message }
}

/// How Kalypso's assignment controller turns ConfigMap values into config data
/// (`getObjectFromConfigValue`) and combines the values several ConfigMaps give one key
/// (`mergeObjects`).
public enum KalypsoConfigValue {
    /// `getObjectFromConfigValue`: a value that is `'...'` once trimmed becomes the text
    /// inside with every outer `'` removed; a value yaml.v2 reads as a list or a map becomes
    /// that structure; anything else stays the original, untrimmed string.
    public static func parse(_ raw: String) -> GoValue {
        let trimmed = GoYAMLText.trimSpace(Array(raw.utf8))
        let quote = UInt8(ascii: "'")
        if trimmed.first == quote && trimmed.last == quote {
            return .string(String(decoding: GoYAMLText.trim(trimmed, quote), as: UTF8.self))
        }
        switch GoYAML.decodeV2(raw) {
        case .success(let value):
            switch value {
            case .slice(let slice) where slice.elementType == .interface:
                return value
            case .map(let map) where map.keyType == .interface && map.valueType == .interface:
                return value
            default:
                return .string(raw)
            }
        case .failure:
            return .string(raw)
        }
    }

    /// Whether `parse` makes a structure holding a `!!binary` value that decodes to bytes
    /// that are not UTF-8: Go keeps those bytes (a template prints them as they are,
    /// `toYaml` writes them back as `!!binary`), which kalc's Unicode strings cannot hold.
    public static func holdsBytesNotUTF8(_ raw: String) -> Bool {
        let (value, bytesNotUTF8) = GoYAML.decodeV2ReportingBytes(raw)
        guard bytesNotUTF8, case .success(let decoded) = value else { return false }
        // Only a structure is kept as decoded; any other value stays its text.
        return parse(raw) == decoded
    }

    /// The error yaml.v2 gives when a value is a structure nested deeper than it reads, in
    /// which case `parse` keeps the value a string; nil for every other value.
    public static func depthError(_ raw: String) -> String? {
        guard case .failure(let error) = GoYAML.decodeV2(raw), error.message.contains("exceeded max depth") else { return nil }
        return error.message
    }

    /// `mergeObjects(existing, new)`: lists merge element-wise, a new map joining every
    /// existing map whose `name` equals its own (maps without a name all match each
    /// other) and anything unmatched appended; maps merge key by key, recursively; in
    /// every other case the new value wins. Throws where Go panics: two `name`s of the same
    /// list or map type cannot be compared.
    public static func merge(_ existing: GoValue, _ new: GoValue) throws(KalypsoConfigMergeError) -> GoValue {
        try ConfigNode.merge(ConfigNode(existing), ConfigNode(new)).value
    }

    /// The value `getConfigData` ends with for a key whose ConfigMaps give `rawValues`, in
    /// order: the first parsed value, each later one merged into it. Unlike a chain of
    /// `merge` calls, this keeps Go's sharing between merges: a map merged into several
    /// nameless list entries is one map in Go, so a later merge into it shows in all of them.
    public static func merged(_ rawValues: [String]) throws(KalypsoConfigMergeError) -> GoValue {
        var data: ConfigNode?
        for raw in rawValues {
            let object = ConfigNode(parse(raw))
            if let existing = data {
                data = try ConfigNode.merge(existing, object)
            } else {
                data = object
            }
        }
        return data?.value ?? .nil
    }
}

/// A config value with Go's reference semantics where `mergeObjects` can observe them:
/// a `map[interface{}]interface{}` is one shared, mutable object; a `[]interface{}` is a
/// value (its backing array is never shared where appends could write into it); anything
/// else is opaque to merging.
private indirect enum ConfigNode {
    case opaque(GoValue)
    case list([ConfigNode])
    case map(ConfigMap)

    final class ConfigMap {
        var entries: [GoValue: ConfigNode]

        init(entries: [GoValue: ConfigNode]) {
            self.entries = entries
        }
    }

    init(_ value: GoValue) {
        switch value {
        case .slice(let slice) where slice.elementType == .interface:
            self = .list(slice.elements.map(ConfigNode.init))
        case .map(let map) where map.keyType == .interface && map.valueType == .interface:
            self = .map(ConfigMap(entries: map.entries.mapValues(ConfigNode.init)))
        default:
            self = .opaque(value)
        }
    }

    var value: GoValue {
        switch self {
        case .opaque(let value):
            return value
        case .list(let elements):
            return .slice(GoSlice(elementType: .interface, elements: elements.map(\.value)))
        case .map(let map):
            return .map(GoMap(keyType: .interface, valueType: .interface, entries: map.entries.mapValues(\.value)))
        }
    }

    /// The Go type of the dynamic value, for comparisons and panic messages.
    var dynamicType: String {
        switch self {
        case .opaque(let value): return GoYAMLTypeName.dynamic(value)
        case .list: return "[]interface {}"
        case .map: return "map[interface {}]interface {}"
        }
    }

    static func merge(_ existing: ConfigNode, _ new: ConfigNode) throws(KalypsoConfigMergeError) -> ConfigNode {
        if case .list(var existingList) = existing, case .list(let newList) = new {
            for value in newList {
                var matched = false
                if case .map(let newMap) = value {
                    for j in existingList.indices {
                        if case .map(let existingMap) = existingList[j],
                            try goEqual(existingMap.entries[.string("name")], newMap.entries[.string("name")])
                        {
                            existingList[j] = try merge(existingList[j], value)
                            matched = true
                        }
                    }
                }
                if !matched {
                    existingList.append(value)
                }
            }
            return .list(existingList)
        }
        if case .map(let existingMap) = existing, case .map(let newMap) = new {
            for (key, value) in newMap.entries {
                if let old = existingMap.entries[key] {
                    existingMap.entries[key] = try merge(old, value)
                } else {
                    existingMap.entries[key] = value
                }
            }
            return .map(existingMap)
        }
        return new
    }

    /// Go's `==` on two `interface{}` values (a missing map entry is nil).
    static func goEqual(_ a: ConfigNode?, _ b: ConfigNode?) throws(KalypsoConfigMergeError) -> Bool {
        guard let a, let b else {
            return isNil(a) && isNil(b)
        }
        if isNil(a) || isNil(b) {
            return isNil(a) && isNil(b)
        }
        guard a.dynamicType == b.dynamicType else { return false }
        switch (a, b) {
        case let (.opaque(x), .opaque(y)):
            return try comparable(x, y)
        default:
            throw KalypsoConfigMergeError(message: "runtime error: comparing uncomparable type \(a.dynamicType)")
        }
    }

    private static func isNil(_ node: ConfigNode?) -> Bool {
        guard let node else { return true }
        if case .opaque(.nil) = node {
            return true
        }
        return false
    }

    /// `==` on two values of the same dynamic type, panicking on uncomparable types.
    private static func comparable(_ x: GoValue, _ y: GoValue) throws(KalypsoConfigMergeError) -> Bool {
        switch (x, y) {
        case let (.bool(p), .bool(q)): return p == q
        case let (.int(p), .int(q)): return p == q
        case let (.int64(p), .int64(q)): return p == q
        case let (.uint64(p), .uint64(q)): return p == q
        case let (.float64(p), .float64(q)): return p == q
        case let (.string(p), .string(q)): return p.utf8.elementsEqual(q.utf8)
        case let (.structure(p), .structure(q)):
            for (f, g) in zip(p.fields, q.fields) {
                if try !comparable(f.value, g.value) {
                    return false
                }
            }
            return true
        default:
            throw KalypsoConfigMergeError(message: "runtime error: comparing uncomparable type \(GoYAMLTypeName.dynamic(x))")
        }
    }
}

/// Go's `strings.TrimSpace` and `strings.Trim` on UTF-8 bytes.
enum GoYAMLText {
    static func trimSpace(_ s: [UInt8]) -> [UInt8] {
        let scalars = Array(String(decoding: s, as: UTF8.self).unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end && scalars[start].properties.isWhitespace {
            start += 1
        }
        while end > start && scalars[end - 1].properties.isWhitespace {
            end -= 1
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return Array(String(out).utf8)
    }

    static func trim(_ s: [UInt8], _ byte: UInt8) -> [UInt8] {
        var slice = s[...]
        while slice.first == byte {
            slice = slice.dropFirst()
        }
        while slice.last == byte {
            slice = slice.dropLast()
        }
        return Array(slice)
    }
}
