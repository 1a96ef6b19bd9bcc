import KalcGo
import KalcGoYAML

/// Kalypso's own template functions (`scheduler/templater.go`): `toYaml`, `stringify`,
/// `hash` and `unquote`.
enum KalypsoFunctions {
    static let all: [TemplateFunction] = [
        TemplateFunction(
            "toYaml", [.any], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                return .string(toYAML(a[0]))
            }),
        TemplateFunction(
            "stringify", [.any], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                return .string(MarshalMemo.stringify.text(of: a[0], stringify))
            }),
        TemplateFunction(
            "hash", [.any], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                guard let hash = HashStructure.hash(a[0]) else { return .string("") }
                return .string(String(hash))
            }),
        TemplateFunction(
            "unquote", [.any], result: .string,
            body: .values { a throws(FunctionFailure) in
                guard case .string(let s) = a[0] else { return .string("") }
                return .string(GoStrings.trim(GoStrings.trim(GoStrings.trimSpace(s), "\""), "'"))
            }),
    ]

    /// `ToYAML`: yaml.v3's output without its final newline; "" when marshalling fails.
    static func toYAML(_ value: GoValue) -> String {
        guard let text = try? GoYAML.marshal(value) else { return "" }
        return GoStrings.trimSuffix(text, "\n")
    }

    /// `Stringify`: top-level `map[string]interface{}` and `[]interface{}` values of a
    /// `map[string]interface{}` become their YAML text, then the map is marshalled.
    static func stringify(_ value: GoValue) -> String {
        guard case .map(var map) = value, map.keyType == .string, map.valueType == .interface else { return toYAML(value) }
        for (key, element) in map.entries {
            switch element {
            case .map(let inner) where inner.keyType == .string && inner.valueType == .interface:
                guard let text = try? GoYAML.marshal(element) else { return "" }
                _ = inner
                map.entries[key] = .string(text)
            case .slice(let inner) where inner.elementType == .interface:
                guard let text = try? GoYAML.marshal(element) else { return "" }
                map.entries[key] = .string(text)
            default:
                break
            }
        }
        return toYAML(.map(map))
    }
}

/// mitchellh/hashstructure v1's `Hash(v, nil)`: FNV-1 64-bit over Go's binary encodings,
/// ordered for slices, XOR-combined (order-free) for maps and struct fields.
enum HashStructure {
    static func hash(_ value: GoValue) -> UInt64? {
        visit(value, depth: 0)
    }

    private static func littleEndian(_ v: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) }
    }

    private static func ordered(_ a: UInt64, _ b: UInt64) -> UInt64 {
        Digest.FNV64.sum(littleEndian(a) + littleEndian(b))
    }

    private static func visit(_ value: GoValue, depth: Int) -> UInt64? {
        guard depth < 10_000 else { return nil }
        switch value {
        case .nil: return Digest.FNV64.sum(littleEndian(0))
        case .int(let i): return Digest.FNV64.sum(littleEndian(UInt64(bitPattern: Int64(i))))
        case .int64(let i): return Digest.FNV64.sum(littleEndian(UInt64(bitPattern: i)))
        case .uint64(let u): return Digest.FNV64.sum(littleEndian(u))
        case .bool(let b): return Digest.FNV64.sum([b ? 1 : 0])
        case .float64(let f): return Digest.FNV64.sum(littleEndian(f.bitPattern))
        case .string(let s): return Digest.FNV64.sum(s.utf8)
        case .slice(let slice):
            var h: UInt64 = 0
            for element in slice.elements {
                guard let current = visit(element, depth: depth + 1) else { return nil }
                h = ordered(h, current)
            }
            return h
        case .map(let map):
            var h: UInt64 = 0
            for (key, element) in map.entries {
                guard let kh = visit(key, depth: depth + 1), let vh = visit(element, depth: depth + 1) else { return nil }
                h ^= ordered(kh, vh)
            }
            return h
        case .structure(let structure):
            if let time = GoTime(value) { return Digest.FNV64.sum(time.marshalBinary) }
            let name = structure.typeName.split(separator: ".").last.map(String.init) ?? structure.typeName
            var h = Digest.FNV64.sum(name.utf8)
            for field in structure.fields where isExportedGoName(field.name) {
                guard let vh = visit(field.value, depth: depth + 1) else { return nil }
                h ^= ordered(Digest.FNV64.sum(field.name.utf8), vh)
            }
            return h
        }
    }
}

extension GoTime {
    /// `Time.MarshalBinary` for a time in the UTC location.
    var marshalBinary: [UInt8] {
        let sec = UInt64(bitPattern: unixSeconds &+ 62_135_596_800)
        let nsec = UInt32(truncatingIfNeeded: nanoseconds)
        var bytes: [UInt8] = [1]
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: sec >> UInt64(shift))) }
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: nsec >> UInt32(shift))) }
        let offsetMinutes: Int16 = offset == 0 ? -1 : Int16(truncatingIfNeeded: offset / 60)
        bytes.append(UInt8(truncatingIfNeeded: offsetMinutes >> 8))
        bytes.append(UInt8(truncatingIfNeeded: offsetMinutes))
        return bytes
    }
}
