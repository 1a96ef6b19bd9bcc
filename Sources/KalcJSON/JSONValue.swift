/// A JSON value as kalc reads and writes it: numbers keep the decimal text they were
/// written with (Go's `json.Number`), objects keep their keys in first-written order, so a
/// request id, a big integer or a report goes back out byte for byte.
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

    /// A whole number.
    public static func integer(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

    /// A string, or `null` when there is none.
    public static func string(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// An object of these members, in this order; a repeated key keeps its first position
    /// and its last value.
    public static func object(_ members: [(key: String, value: JSONValue)]) -> JSONValue {
        .object(JSONObject(members))
    }
}

extension JSONValue {
    /// The member `key` of an object; nil for other values.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at `index` of an array; nil for other values and indices out of range.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

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

    /// The whole number, when this value is a number written without fraction or exponent
    /// that fits in an `Int`.
    public var integerValue: Int? {
        if case .number(let number) = self { return Int(number.text) }
        return nil
    }

    /// The truth value, when this value is a boolean.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// Whether the value is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A whole number.
    public init(integerLiteral value: Int) { self = .integer(value) }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// `null`.
    public init(nilLiteral: ()) { self = .null }

    /// An object whose members keep the order they are written in.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
}

/// A JSON object: unique string keys in the order they were first written, with the
/// value of the last occurrence of a key (as Go's `encoding/json` keeps the last). Keys are
/// compared byte for byte, as Go compares them (not by Unicode canonical equivalence).
public struct JSONObject: Sendable, Hashable, Sequence {
    /// The keys in first-written order.
    public private(set) var keys: [String] = []
    private var values: [JSONValue] = []
    /// The position of each key, kept once the object is too large for a linear search.
    private var positions: [ExactKey: Int]?

    /// Objects up to this size find a key by comparing it with each; larger ones keep an index.
    private static let linearSearchLimit = 8

    /// A string key hashed and compared by its UTF-8 bytes.
    private struct ExactKey: Hashable, Sendable {
        let text: String

        static func == (lhs: ExactKey, rhs: ExactKey) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// An empty object.
    public init() {}

    /// An object of the given members; a repeated key keeps its first position and its last value.
    public init(_ members: [(key: String, value: JSONValue)]) {
        keys.reserveCapacity(members.count)
        values.reserveCapacity(members.count)
        for (key, value) in members { self[key] = value }
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[ExactKey(text: key)] }
        // Strings that differ by `==` differ byte for byte; only equal ones need the bytes compared.
        return keys.firstIndex { $0 == key && $0.utf8.elementsEqual(key.utf8) }
    }

    /// The value stored under `key`; setting a new key appends it, setting `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let newValue {
                if let position = position(of: key) {
                    values[position] = newValue
                } else {
                    positions?[ExactKey(text: key)] = keys.count
                    keys.append(key)
                    values.append(newValue)
                    if positions == nil, keys.count > Self.linearSearchLimit { indexKeys() }
                }
            } else if let position = position(of: key) {
                keys.remove(at: position)
                values.remove(at: position)
                positions = nil
                if keys.count > Self.linearSearchLimit { indexKeys() }
            }
        }
    }

    private mutating func indexKeys() {
        var index: [ExactKey: Int] = [:]
        index.reserveCapacity(keys.count * 2)
        for (position, key) in keys.enumerated() { index[ExactKey(text: key)] = position }
        positions = index
    }

    /// Sets the member `key` to `value`: appended when the key is new, replaced in place
    /// when it is already there.
    public mutating func append(_ key: String, _ value: JSONValue) {
        self[key] = value
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// Whether the object has a member named `key` (byte-for-byte).
    public func contains(_ key: String) -> Bool { position(of: key) != nil }

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
        for (position, key) in lhs.keys.enumerated() {
            guard let other = rhs.position(of: key), lhs.values[position] == rhs.values[other] else { return false }
        }
        return true
    }

    /// Hashes the members, independently of their order.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (position, key) in keys.enumerated() {
            var member = Hasher()
            member.combine(ExactKey(text: key))
            member.combine(values[position])
            combined ^= member.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
