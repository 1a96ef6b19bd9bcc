/// A value as a Go program holds it.
///
/// Kalypso's output depends on Go's dynamic types — `map[string]interface{}` and
/// `map[interface{}]interface{}` print, merge and marshal differently, `int` and `float64`
/// format differently — so kalc keeps the Go type of every value it hands to templates.
public indirect enum GoValue: Sendable, Hashable {
    /// A nil interface value (printed `<nil>`).
    case `nil`
    case bool(Bool)
    /// Go's `int` (64-bit).
    case int(Int)
    case int64(Int64)
    case uint64(UInt64)
    case float64(Double)
    case string(String)
    /// A slice such as `[]interface{}` or `[]string`.
    case slice(GoSlice)
    /// A map such as `map[string]interface{}`, `map[interface{}]interface{}` or `map[string]string`.
    case map(GoMap)
    /// A struct value such as Kalypso's template data (`scheduler.dataType`).
    case structure(GoStruct)
}

/// A Go type, as far as kalc needs to name it (error messages print Go type names).
public indirect enum GoType: Sendable, Hashable {
    case interface
    case bool, int, int64, uint64, float64, string
    case slice(GoType)
    case map(key: GoType, value: GoType)
    /// A named struct type, e.g. `scheduler.dataType`.
    case named(String)
}

/// A Go slice: its element type and its elements (each holding its dynamic value).
public struct GoSlice: Sendable, Hashable {
    /// The element type (`interface {}` for `[]interface{}`).
    public var elementType: GoType
    /// The elements, each holding its dynamic value.
    public var elements: [GoValue]
    /// A nil slice (no elements, but marshalled as JSON `null` rather than `[]`).
    public var isNil: Bool

    /// A slice of the given element type; `isNil` only applies to an empty slice.
    public init(elementType: GoType, elements: [GoValue], isNil: Bool = false) {
        self.elementType = elementType
        self.elements = elements
        self.isNil = isNil && elements.isEmpty
    }
}

/// A Go map: key and value types and its entries. Go maps have no order; printing,
/// ranging and marshalling sort the keys as Go does.
public struct GoMap: Sendable, Hashable {
    /// The key type (`string` or `interface {}` in Kalypso's data).
    public var keyType: GoType
    /// The value type.
    public var valueType: GoType
    /// The entries, keys and values holding their dynamic values.
    public var entries: [GoValue: GoValue]
    /// A nil map (no entries, but marshalled as JSON `null` rather than `{}`).
    public var isNil: Bool
    /// The map's identity during template execution: Go maps are references, so a map
    /// changed by `set` or `merge` is changed for every holder. Not part of the value
    /// (ignored by `==` and hashing).
    public var reference: Int?

    /// A map of the given types; `isNil` only applies to an empty map.
    public init(keyType: GoType, valueType: GoType, entries: [GoValue: GoValue] = [:], isNil: Bool = false) {
        self.keyType = keyType
        self.valueType = valueType
        self.entries = entries
        self.isNil = isNil && entries.isEmpty
        self.reference = nil
    }

    /// Maps are equal when their types and entries are (their identities are not compared).
    public static func == (lhs: GoMap, rhs: GoMap) -> Bool {
        lhs.keyType == rhs.keyType && lhs.valueType == rhs.valueType && lhs.isNil == rhs.isNil && lhs.entries == rhs.entries
    }

    /// Hashes the types and entries (not the identity).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keyType)
        hasher.combine(valueType)
        hasher.combine(isNil)
        hasher.combine(entries)
    }
}

/// A Go struct value: its type name and its exported fields in declaration order.
public struct GoStruct: Sendable, Hashable {
    /// One field: its name, declared type and value.
    public struct Field: Sendable, Hashable {
        /// The field name (exported when it starts with an upper-case letter).
        public var name: String
        /// The declared type (`interface {}` fields hold any dynamic value).
        public var type: GoType
        /// The field's value.
        public var value: GoValue

        /// A field.
        public init(name: String, type: GoType, value: GoValue) {
            self.name = name
            self.type = type
            self.value = value
        }
    }

    /// The type name as Go prints it (`scheduler.dataType`).
    public var typeName: String
    /// The fields in declaration order.
    public var fields: [Field]

    /// A struct value.
    public init(typeName: String, fields: [Field]) {
        self.typeName = typeName
        self.fields = fields
    }
}
