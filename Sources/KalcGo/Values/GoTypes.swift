/// Go type names and kinds as `reflect` reports them.

extension GoType {
    /// The type's name as Go's `reflect.Type.String()` prints it
    /// (`interface {}`, `map[string]interface {}`, `[]interface {}`, `scheduler.dataType`).
    public var name: String {
        switch self {
        case .interface: return "interface {}"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .uint64: return "uint64"
        case .float64: return "float64"
        case .string: return "string"
        case .slice(let element): return "[]" + element.name
        case .map(let key, let value): return "map[" + key.name + "]" + value.name
        case .named(let name): return name
        }
    }

    /// The kind of the type, as `reflect.Kind`.
    public var kind: GoKind {
        switch self {
        case .interface: return .interface
        case .bool: return .bool
        case .int: return .int
        case .int64: return .int64
        case .uint64: return .uint64
        case .float64: return .float64
        case .string: return .string
        case .slice: return .slice
        case .map: return .map
        case .named(let name): return name == GoTime.typeName || name.hasPrefix("*") ? (name.hasPrefix("*") ? .pointer : .struct) : .struct
        }
    }
}

/// The kinds of `reflect.Kind` that kalc's values can have.
public enum GoKind: String, Sendable {
    case invalid, bool, int, int64, uint64, float64, string, slice, map, `struct`, interface
    case pointer = "ptr"

    /// Whether the kind is one of Go's signed integer kinds.
    public var isSignedInteger: Bool { self == .int || self == .int64 }
}

extension GoValue {
    /// The dynamic Go type of the value; `nil` for a nil interface.
    public var dynamicType: GoType? {
        switch self {
        case .nil: return nil
        case .bool: return .bool
        case .int: return .int
        case .int64: return .int64
        case .uint64: return .uint64
        case .float64: return .float64
        case .string: return .string
        case .slice(let slice): return .slice(slice.elementType)
        case .map(let map): return .map(key: map.keyType, value: map.valueType)
        case .structure(let structure): return .named(structure.typeName)
        }
    }

    /// The `reflect.Kind` of the dynamic value (`invalid` for nil).
    public var kind: GoKind {
        switch self {
        case .nil: return .invalid
        case .bool: return .bool
        case .int: return .int
        case .int64: return .int64
        case .uint64: return .uint64
        case .float64: return .float64
        case .string: return .string
        case .slice: return .slice
        case .map: return .map
        case .structure(let structure): return structure.typeName.hasPrefix("*") ? .pointer : .struct
        }
    }

    /// The name of the dynamic type, as `%T` prints it (`<nil>` for nil).
    public var typeName: String { dynamicType?.name ?? "<nil>" }

    /// The zero value of a Go type (`nil` for interfaces, nil maps and slices).
    public static func zero(of type: GoType) -> GoValue {
        switch type {
        case .interface: return .nil
        case .bool: return .bool(false)
        case .int: return .int(0)
        case .int64: return .int64(0)
        case .uint64: return .uint64(0)
        case .float64: return .float64(0)
        case .string: return .string("")
        case .slice(let element): return .slice(GoSlice(elementType: element, elements: [], isNil: true))
        case .map(let key, let value): return .map(GoMap(keyType: key, valueType: value, isNil: true))
        case .named(let name):
            if name == GoTime.typeName { return GoTime.zero.value }
            return .structure(GoStruct(typeName: name, fields: []))
        }
    }

    /// A value stored in a container of static type `type`: Go keeps it boxed in an
    /// interface when the static type is `interface{}`.
    public func converted(toStatic type: GoType) -> GoValue {
        switch (type, self) {
        case (.int64, .int(let i)): return .int64(Int64(i))
        case (.int, .int64(let i)): return .int(Int(i))
        default: return self
        }
    }
}

extension GoStruct {
    /// The field with the given name, if the struct has one.
    public func field(named name: String) -> Field? {
        fields.first { $0.name == name }
    }
}

/// Whether a Go identifier is exported (starts with an upper-case letter).
public func isExportedGoName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first else { return false }
    if first.isASCII { return first.value >= 0x41 && first.value <= 0x5A }
    return first.properties.isUppercase
}
