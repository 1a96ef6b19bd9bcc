import KalcGo

/// Go's `encoding/json.Marshal` and `MarshalIndent` for kalc's values: sorted map keys,
/// HTML-safe string escaping, Go's float format, and its errors for unsupported values.
enum GoJSON {
    struct Failure: Error {
        var message: String
    }

    static func marshal(_ value: GoValue) throws(Failure) -> String {
        var out: [UInt8] = []
        try encode(value, &out, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// `json.MarshalIndent(v, prefix: "", indent)`.
    static func marshalIndent(_ value: GoValue, indent: String) throws(Failure) -> String {
        let compact = try marshal(value)
        return reindent(Array(compact.utf8), indent: Array(indent.utf8))
    }

    /// `value`, which is nil, a boolean or an integer, as JSON (`null` for anything else).
    static func appendPlain(_ value: GoValue, _ out: inout [UInt8]) {
        switch value {
        case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .int(let i): out.append(contentsOf: Array(String(i).utf8))
        case .int64(let i): out.append(contentsOf: Array(String(i).utf8))
        case .uint64(let u): out.append(contentsOf: Array(String(u).utf8))
        default: out.append(contentsOf: Array("null".utf8))
        }
    }

    /// A slice as a JSON array (`null` when nil), each element written by `encodeElement`.
    static func appendArray<E: Error>(_ slice: GoSlice, _ out: inout [UInt8], encodeElement: (GoValue, inout [UInt8]) throws(E) -> Void) throws(E) {
        if slice.isNil {
            out.append(contentsOf: Array("null".utf8))
            return
        }
        out.append(UInt8(ascii: "["))
        for (i, element) in slice.elements.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            try encodeElement(element, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func encode(_ value: GoValue, _ out: inout [UInt8], depth: Int) throws(Failure) {
        if depth > 1000 { throw Failure(message: "json: unsupported value: encountered a cycle") }
        switch value {
        case .nil, .bool, .int, .int64, .uint64: appendPlain(value, &out)
        case .float64(let f): out.append(contentsOf: Array(try formatFloat(f).utf8))
        case .string(let s): appendString(s, &out)
        case .slice(let slice):
            try appendArray(slice, &out) { (element, out) throws(Failure) in try encode(element, &out, depth: depth + 1) }
        case .map(let map):
            guard map.keyType == .string else {
                throw Failure(message: "json: unsupported type: \(GoType.map(key: map.keyType, value: map.valueType).name)")
            }
            if map.isNil {
                out.append(contentsOf: Array("null".utf8))
                return
            }
            out.append(UInt8(ascii: "{"))
            for (i, key) in GoOrdering.sortedKeys(map).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if case .string(let k) = key { appendString(k, &out) }
                out.append(UInt8(ascii: ":"))
                try encode(map.entries[key] ?? .nil, &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "}"))
        case .structure(let structure):
            if let time = GoTime(value) {
                let year = time.fields.year
                if year < 0 || year > 9999 {
                    throw Failure(message: "json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]")
                }
                appendString(time.format("2006-01-02T15:04:05.999999999Z07:00"), &out)
                return
            }
            if let version = SemanticVersion(value) {
                appendString(version.description, &out)
                return
            }
            out.append(UInt8(ascii: "{"))
            var first = true
            for field in structure.fields where isExportedGoName(field.name) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                appendString(field.name, &out)
                out.append(UInt8(ascii: ":"))
                try encode(field.value, &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func formatFloat(_ f: Double) throws(Failure) -> String {
        if f.isNaN || f.isInfinite {
            throw Failure(message: "json: unsupported value: \(GoFloat.format(f, UInt8(ascii: "g"), precision: -1))")
        }
        let magnitude = abs(f)
        var fmt = UInt8(ascii: "f")
        if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) { fmt = UInt8(ascii: "e") }
        var b = Array(GoFloat.format(f, fmt, precision: -1).utf8)
        if fmt == UInt8(ascii: "e") {
            let n = b.count
            if n >= 4 && b[n - 4] == UInt8(ascii: "e") && b[n - 3] == UInt8(ascii: "-") && b[n - 2] == UInt8(ascii: "0") {
                b[n - 2] = b[n - 1]
                b.removeLast()
            }
        }
        return String(decoding: b, as: UTF8.self)
    }

    /// `encodeState.string` with HTML escaping.
    static func appendString(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let c = UInt8(v)
                if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") && c != UInt8(ascii: "<") && c != UInt8(ascii: ">") && c != UInt8(ascii: "&") {
                    out.append(c)
                    continue
                }
                switch c {
                case UInt8(ascii: "\\"), UInt8(ascii: "\""):
                    out.append(UInt8(ascii: "\\"))
                    out.append(c)
                case 0x0A: out.append(contentsOf: Array("\\n".utf8))
                case 0x0D: out.append(contentsOf: Array("\\r".utf8))
                case 0x09: out.append(contentsOf: Array("\\t".utf8))
                default:
                    out.append(contentsOf: Array("\\u00".utf8))
                    out.append(GoStrconv.lowerHex[Int(c >> 4)])
                    out.append(GoStrconv.lowerHex[Int(c & 0xF)])
                }
                continue
            }
            if v == 0x2028 || v == 0x2029 {
                out.append(contentsOf: Array("\\u202".utf8))
                out.append(GoStrconv.lowerHex[Int(v & 0xF)])
                continue
            }
            out.append(contentsOf: Array(String(scalar).utf8))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `json.Indent` with an empty prefix.
    private static func reindent(_ src: [UInt8], indent: [UInt8]) -> String {
        var out: [UInt8] = []
        var depth = 0
        var needIndent = false
        var inString = false
        var escaped = false
        func newline() {
            out.append(0x0A)
            for _ in 0..<depth { out.append(contentsOf: indent) }
        }
        for c in src {
            if inString {
                out.append(c)
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            if needIndent && c != UInt8(ascii: "]") && c != UInt8(ascii: "}") {
                needIndent = false
                depth += 1
                newline()
            }
            switch c {
            case UInt8(ascii: "\""):
                inString = true
                out.append(c)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(c)
                needIndent = true
            case UInt8(ascii: ","):
                out.append(c)
                newline()
            case UInt8(ascii: ":"):
                out.append(c)
                out.append(0x20)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if needIndent {
                    needIndent = false
                } else {
                    depth -= 1
                    newline()
                }
                out.append(c)
            default:
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
