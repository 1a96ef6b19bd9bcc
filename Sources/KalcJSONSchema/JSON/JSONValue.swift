/// A JSON value as gojsonschema sees it after decoding with `UseNumber`: numbers keep
/// their decimal text, objects keep the order their keys were first written in.
public enum JSONValue: Sendable, Hashable {
    /// The literal `null`.
    case null
    /// The literal `true` or `false`.
    case bool(Bool)
    /// A number, kept as the exact decimal text it was written with.
    case number(JSONNumber)
    /// A string (escapes resolved, invalid UTF-8 and lone surrogates replaced by U+FFFD).
    case string(String)
    /// An array, in order.
    case array([JSONValue])
    /// An object with unique keys in first-written order.
    case object(JSONObject)
}

extension JSONValue {
    /// The object, when this value is one.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The elements, when this value is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text, when this value is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number, when this value is one.
    public var numberValue: JSONNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The truth value, when this value is a boolean.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }
}

/// A JSON object: unique string keys in the order they were first written, with the
/// value of the last occurrence of a key (as Go's `encoding/json` keeps the last). Keys are
/// compared byte for byte, as Go compares them (not by Unicode canonical equivalence).
public struct JSONObject: Sendable, Hashable, Sequence {
    /// The keys in first-written order.
    public private(set) var keys: [String] = []
    private var values: [JSONValue] = []
    private var positions: [ExactKey: Int] = [:]

    /// A string key compared by its UTF-8 bytes.
    private struct ExactKey: Hashable, Sendable {
        let bytes: [UInt8]
        init(_ text: String) { bytes = Array(text.utf8) }
    }

    /// An empty object.
    public init() {}

    /// An object of the given members; a repeated key keeps its first position and its last value.
    public init(_ members: [(String, JSONValue)]) {
        for (key, value) in members { self[key] = value }
    }

    /// The value stored under `key`; setting a new key appends it, setting `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { positions[ExactKey(key)].map { values[$0] } }
        set {
            let exact = ExactKey(key)
            if let newValue {
                if let position = positions[exact] {
                    values[position] = newValue
                } else {
                    positions[exact] = keys.count
                    keys.append(key)
                    values.append(newValue)
                }
            } else if let position = positions.removeValue(forKey: exact) {
                keys.remove(at: position)
                values.remove(at: position)
                for (other, index) in positions where index > position { positions[other] = index - 1 }
            }
        }
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// Whether the object has a member named `key` (byte-for-byte).
    public func contains(_ key: String) -> Bool { positions[ExactKey(key)] != nil }

    /// Iterates the members in key order.
    public struct Iterator: IteratorProtocol {
        private var keys: IndexingIterator<[String]>
        private var values: IndexingIterator<[JSONValue]>

        init(keys: [String], values: [JSONValue]) {
            self.keys = keys.makeIterator()
            self.values = values.makeIterator()
        }

        /// The next member.
        public mutating func next() -> (key: String, value: JSONValue)? {
            guard let key = keys.next(), let value = values.next() else { return nil }
            return (key, value)
        }
    }

    /// The members in key order.
    public func makeIterator() -> Iterator {
        Iterator(keys: keys, values: values)
    }

    /// Objects are equal when they hold the same members, whatever their order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, position) in lhs.positions {
            guard let other = rhs.positions[key], lhs.values[position] == rhs.values[other] else { return false }
        }
        return true
    }

    /// Hashes the members, independently of their order.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, position) in positions {
            var member = Hasher()
            member.combine(key)
            member.combine(values[position])
            combined ^= member.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
