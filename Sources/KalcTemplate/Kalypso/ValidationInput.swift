import KalcGo

/// The JSON document Kalypso validates a deployment's config data against its schemas
/// (`config_validator.go`).
///
/// Before validation, every top-level string that `strconv.Atoi` accepts becomes an `int`,
/// else every one `strconv.ParseFloat` accepts becomes a `float64` — so `"8080"` is a number
/// to the schema. The map is then marshalled with json-iterator's standard-library-compatible
/// configuration, which, unlike `encoding/json`, accepts the `map[interface{}]interface{}`
/// values that yaml.v2 produced.
public enum KalypsoValidationInput {
    /// The config data with Kalypso's conversion of numeric strings applied.
    public static func converted(_ configData: GoValue) -> GoValue {
        guard case .map(var map) = configData else { return configData }
        for (key, value) in map.entries {
            guard case .string(let text) = value else { continue }
            if let integer = try? GoStrconv.atoi(text) {
                map.entries[key] = .int(integer)
            } else if let number = try? GoFloat.parse(text) {
                map.entries[key] = .float64(number)
            }
        }
        return .map(map)
    }

    /// The JSON text json-iterator writes for `value`, or its error message (for example
    /// `unsupported value: +Inf`, which Kalypso puts in the issue as it is).
    public static func json(_ value: GoValue) -> Result<String, ValidationInputError> {
        var out: [UInt8] = []
        do {
            try encode(value, &out, depth: 0)
        } catch {
            return .failure(error)
        }
        return .success(String(decoding: out, as: UTF8.self))
    }

    private static func encode(_ value: GoValue, _ out: inout [UInt8], depth: Int) throws(ValidationInputError) {
        if depth > 1000 { throw ValidationInputError(message: "unsupported value: nesting too deep") }
        switch value {
        case .nil, .bool, .int, .int64, .uint64: GoJSON.appendPlain(value, &out)
        case .float64(let f):
            do {
                out.append(contentsOf: Array(try GoJSON.formatFloat(f).utf8))
            } catch {
                let message = error.message.hasPrefix("json: ") ? String(error.message.dropFirst(6)) : error.message
                throw ValidationInputError(message: message)
            }
        case .string(let s): GoJSON.appendString(s, &out)
        case .slice(let slice):
            try GoJSON.appendArray(slice, &out) { (element, out) throws(ValidationInputError) in try encode(element, &out, depth: depth + 1) }
        case .map(let map):
            if map.isNil {
                out.append(contentsOf: Array("null".utf8))
                return
            }
            var members: [(key: String, value: GoValue)] = []
            for (key, element) in map.entries {
                members.append((try keyText(key), element))
            }
            members.sort { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                GoJSON.appendString(member.key, &out)
                out.append(UInt8(ascii: ":"))
                try encode(member.value, &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "}"))
        case .structure:
            throw ValidationInputError(message: "unsupported type: \(value.typeName)")
        }
    }

    /// A map key as json-iterator writes it: strings as they are, numbers and booleans as
    /// their text.
    private static func keyText(_ key: GoValue) throws(ValidationInputError) -> String {
        switch key {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .uint64(let u): return String(u)
        case .float64(let f): return GoFloat.format(f, UInt8(ascii: "g"), precision: -1)
        default: throw ValidationInputError(message: "unsupported map key type: \(key.typeName)")
        }
    }
}

/// Why json-iterator refuses the config data.
public struct ValidationInputError: Error, Sendable {
    public var message: String
}
