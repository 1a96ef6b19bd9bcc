import KalcGo

/// yaml.v3's encoder (`encode.go`): turns a Go value into emitter events, choosing each
/// scalar's style the way yaml.v3 does before the emitter has its say.
public struct GoYAMLEncoder {
    private(set) var events: [GoYAMLEmitterEvent] = [.streamStart]

    /// Appends one document holding `value`, then the end of the stream.
    public mutating func encodeDocument(_ value: GoValue) throws(GoYAMLError) {
        events.append(.documentStart)
        try encode(value)
        events.append(.documentEnd)
        events.append(.streamEnd)
    }

    private mutating func scalar(_ text: String, _ style: GoYAMLScalarStyle) {
        events.append(.scalar(Array(text.utf8), style))
    }

    /// Work still to do, last first: values to encode, keys (always written as strings
    /// for struct fields) and collection ends. An explicit stack keeps deep values from
    /// exhausting the thread's stack.
    private enum Work {
        case value(GoValue)
        case fieldName(String)
        case end(GoYAMLEmitterEvent)
    }

    private mutating func encode(_ root: GoValue) throws(GoYAMLError) {
        var work: [Work] = [.value(root)]
        while let item = work.popLast() {
            switch item {
            case .end(let event):
                events.append(event)
            case .fieldName(let name):
                encodeString(name)
            case .value(let value):
                try encode(value, pushingChildrenTo: &work)
            }
        }
    }

    private mutating func encode(_ value: GoValue, pushingChildrenTo work: inout [Work]) throws(GoYAMLError) {
        switch value {
        case .nil:
            scalar("null", .plain)
        case .bool(let b):
            scalar(b ? "true" : "false", .plain)
        case .int(let i):
            scalar(String(i), .plain)
        case .int64(let i):
            scalar(String(i), .plain)
        case .uint64(let u):
            scalar(String(u), .plain)
        case .float64(let f):
            scalar(Self.floatText(f), .plain)
        case .string(let s):
            encodeString(s)
        case .slice(let slice):
            events.append(.sequenceStart)
            work.append(.end(.sequenceEnd))
            for element in slice.elements.reversed() {
                work.append(.value(element))
            }
        case .map(let map):
            for key in map.entries.keys {
                switch key {
                case .map, .slice:
                    throw GoYAMLError(message: "runtime error: hash of unhashable type \(GoYAMLTypeName.dynamic(key))")
                default:
                    break
                }
            }
            events.append(.mappingStart)
            work.append(.end(.mappingEnd))
            for key in GoYAMLKeyOrder.sorted(Array(map.entries.keys)).reversed() {
                work.append(.value(map.entries[key] ?? .nil))
                work.append(.value(key))
            }
        case .structure(let structure):
            var seen: Set<[UInt8]> = []
            for field in structure.fields {
                let key = field.name.lowercased()
                if !seen.insert(Array(key.utf8)).inserted {
                    throw GoYAMLError(message: "duplicated key '\(key)' in struct \(structure.typeName)")
                }
            }
            events.append(.mappingStart)
            work.append(.end(.mappingEnd))
            for field in structure.fields.reversed() {
                work.append(.value(field.value))
                work.append(.fieldName(field.name.lowercased()))
            }
        }
    }

    /// `encoder.floatv`: Go's shortest `%g` form, with YAML's spellings of the specials.
    public static func floatText(_ f: Double) -> String {
        switch GoFloat.formatShortest(f) {
        case "+Inf": return ".inf"
        case "-Inf": return "-.inf"
        case "NaN": return ".nan"
        case let text: return text
        }
    }

    /// `encoder.stringv`: plain when the text would read back as the same string (also
    /// under YAML 1.1 rules for booleans and sexagesimals), a literal block when it spans
    /// lines, double-quoted otherwise. The emitter may still pick another style.
    private mutating func encodeString(_ s: String) {
        let bytes = Array(s.utf8)
        let canUsePlain =
            GoYAMLResolver.resolvesToStringV3(bytes)
            && !(GoYAMLResolver.isBase60Float(bytes) || GoYAMLResolver.isOldBool(s))
        let style: GoYAMLScalarStyle
        if bytes.contains(0x0A) {
            style = .literal
        } else if canUsePlain {
            style = .plain
        } else {
            style = .doubleQuoted
        }
        events.append(.scalar(bytes, style))
    }
}

/// Go's spelling of the dynamic type of a value, as runtime errors print it.
public enum GoYAMLTypeName {
    public static func of(_ type: GoType) -> String {
        switch type {
        case .interface: return "interface {}"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .uint64: return "uint64"
        case .float64: return "float64"
        case .string: return "string"
        case .slice(let element): return "[]" + of(element)
        case .map(let key, let value): return "map[\(of(key))]\(of(value))"
        case .named(let name): return name
        }
    }

    public static func dynamic(_ value: GoValue) -> String {
        switch value {
        case .nil: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .int64: return "int64"
        case .uint64: return "uint64"
        case .float64: return "float64"
        case .string: return "string"
        case .slice(let slice): return of(.slice(slice.elementType))
        case .map(let map): return of(.map(key: map.keyType, value: map.valueType))
        case .structure(let structure): return structure.typeName
        }
    }
}
