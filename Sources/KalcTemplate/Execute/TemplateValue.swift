import KalcGo

/// A value during template execution, as Go's `reflect.Value` holds it.
///
/// Go's error messages and its rules for arguments depend on whether a value was read
/// through an `interface{}` (a map value of `map[string]interface{}`, an element of
/// `[]interface{}`): such a value has static type `interface {}` until a pipeline
/// unwraps it. `boxed` keeps that distinction.
enum TemplateValue: Sendable, Hashable {
    /// The zero `reflect.Value`: a missing map key, an unset variable, a nil pipeline result.
    case invalid
    /// A value whose static type is its dynamic type (never `.nil`).
    case concrete(GoValue)
    /// A value of static type `interface{}` holding a dynamic value (`.nil` for a nil interface).
    case boxed(GoValue)

    /// A value read from a container whose element type is `type`.
    static func stored(_ value: GoValue, as type: GoType) -> TemplateValue {
        if type == .interface { return .boxed(value) }
        if value == .nil { return .concrete(.zero(of: type)) }
        return .concrete(value.converted(toStatic: type))
    }

    /// The value `reflect.ValueOf(x)` gives for a Go value held in an interface.
    static func of(_ value: GoValue) -> TemplateValue {
        value == .nil ? .invalid : .concrete(value)
    }

    var isValid: Bool { self != .invalid }

    /// The Go value inside (nil for invalid values and nil interfaces).
    var goValue: GoValue {
        switch self {
        case .invalid: return .nil
        case .concrete(let v), .boxed(let v): return v
        }
    }

    /// The static type, as `reflect.Value.Type()` (nil when invalid).
    var staticType: GoType? {
        switch self {
        case .invalid: return nil
        case .concrete(let v): return v.dynamicType
        case .boxed: return .interface
        }
    }

    /// The kind, as `reflect.Value.Kind()`.
    var kind: GoKind {
        switch self {
        case .invalid: return .invalid
        case .concrete(let v): return v.kind
        case .boxed: return .interface
        }
    }

    /// `indirectInterface`: the concrete value inside an interface (invalid for nil).
    var indirectInterface: TemplateValue {
        if case .boxed(let v) = self { return .of(v) }
        return self
    }

    /// `indirect`: unwraps interfaces; reports a nil interface.
    var indirect: (value: TemplateValue, isNil: Bool) {
        if case .boxed(let v) = self {
            if v == .nil { return (self, true) }
            return (.concrete(v), false)
        }
        return (self, false)
    }

    /// The value as `fmt` prints it with `%v` (for messages such as `range can't iterate over 5`).
    var printed: String {
        switch self {
        case .invalid: return "<invalid reflect.Value>"
        case .concrete(let v), .boxed(let v): return GoFormat.string(of: v)
        }
    }
}

/// `isTrue`: Go's notion of a non-empty value.
func goTruth(_ value: TemplateValue) -> Bool {
    switch value.indirectInterface {
    case .invalid: return false
    case .boxed(let v): return v != .nil
    case .concrete(let v):
        switch v {
        case .nil: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .int64(let i): return i != 0
        case .uint64(let u): return u != 0
        case .float64(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .slice(let s): return !s.elements.isEmpty
        case .map(let m): return !m.entries.isEmpty
        case .structure(let s): return s.typeName.hasPrefix("*") ? true : true
        }
    }
}
