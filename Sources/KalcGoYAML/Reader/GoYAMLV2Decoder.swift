import KalcGo

/// yaml.v2's decoder (`decode.go`) for a target of type `interface{}`: mappings become
/// `map[interface{}]interface{}`, sequences `[]interface{}`, scalars what yaml.v2's
/// resolver makes of them (timestamps stay strings), `<<` keys merge maps, later
/// duplicate keys win, and aliases are decoded again wherever they occur — with yaml.v2's
/// guard against documents that expand aliases excessively.
public struct GoYAMLV2Decoder {
    /// The deepest nesting decoded; each collection, alias and merge counts as a level.
    /// yaml.v2 itself accepts 10000 levels of flow or block nesting (and more through
    /// aliases); this bound keeps every recursive walk over the decoded value, in kalc and
    /// here, well within a thread's stack. Deeper documents fail with
    /// `yaml: exceeded max depth of 1000`.
    public static let maxDepth = 1000

    private let nodes: [GoYAMLV2Node]
    /// Whether a `!!binary` scalar decoded to bytes that are not UTF-8 (Go keeps such bytes
    /// in its string; kalc's strings are Unicode, so the decoded string differs from Go's).
    private(set) var decodedBytesNotUTF8 = false
    private var aliasesInProgress: Set<Int> = []
    private var decodeCount = 0
    private var aliasCount = 0
    private var aliasDepth = 0

    public init(nodes: [GoYAMLV2Node]) {
        self.nodes = nodes
    }

    private static func allowedAliasRatio(_ decodeCount: Int) -> Double {
        if decodeCount <= 400_000 {
            return 0.99
        }
        if decodeCount >= 4_000_000 {
            return 0.10
        }
        return 0.99 - 0.89 * (Double(decodeCount - 400_000) / Double(4_000_000 - 400_000))
    }

    private mutating func count() throws(GoYAMLError) {
        decodeCount += 1
        if aliasDepth > 0 {
            aliasCount += 1
        }
        if aliasCount > 100 && decodeCount > 1000 && Double(aliasCount) / Double(decodeCount) > Self.allowedAliasRatio(decodeCount) {
            throw GoYAMLError(message: "yaml: document contains excessive aliasing")
        }
    }

    /// Decodes node `index` into a fresh `interface{}` value.
    public mutating func decode(_ index: Int, depth: Int = 0) throws(GoYAMLError) -> GoValue {
        if depth > Self.maxDepth {
            throw GoYAMLError(message: "yaml: exceeded max depth of \(Self.maxDepth)")
        }
        try count()
        let node = nodes[index]
        switch node.kind {
        case .document:
            guard node.children.count == 1 else { return .nil }
            return try decode(node.children[0], depth: depth)
        case .alias:
            return try throughAlias(index) { (decoder: inout GoYAMLV2Decoder, target: Int) throws(GoYAMLError) -> GoValue in
                try decoder.decode(target, depth: depth + 1)
            }
        case .scalar:
            return try scalar(node)
        case .sequence:
            var elements: [GoValue] = []
            elements.reserveCapacity(node.children.count)
            for child in node.children {
                elements.append(try decode(child, depth: depth + 1))
            }
            return .slice(GoSlice(elementType: .interface, elements: elements))
        case .mapping:
            var entries: [GoValue: GoValue] = [:]
            try mapping(node, into: &entries, depth: depth)
            return .map(GoMap(keyType: .interface, valueType: .interface, entries: entries))
        }
    }

    private mutating func throughAlias<T>(
        _ index: Int, _ body: (inout GoYAMLV2Decoder, Int) throws(GoYAMLError) -> T
    ) throws(GoYAMLError) -> T {
        let node = nodes[index]
        if aliasesInProgress.contains(index) {
            throw GoYAMLError(message: "yaml: anchor '\(node.value)' value contains itself")
        }
        guard let target = node.alias else {
            throw GoYAMLError(message: "yaml: unknown anchor '\(node.value)' referenced")
        }
        aliasesInProgress.insert(index)
        aliasDepth += 1
        defer {
            aliasDepth -= 1
            aliasesInProgress.remove(index)
        }
        return try body(&self, target)
    }

    /// Decodes a mapping node (or an alias of one) into an existing map, as a merge does.
    private mutating func decode(_ index: Int, into entries: inout [GoValue: GoValue], depth: Int) throws(GoYAMLError) {
        if depth > Self.maxDepth {
            throw GoYAMLError(message: "yaml: exceeded max depth of \(Self.maxDepth)")
        }
        try count()
        let node = nodes[index]
        switch node.kind {
        case .alias:
            var merged = entries
            try throughAlias(index) { (decoder: inout GoYAMLV2Decoder, target: Int) throws(GoYAMLError) in
                try decoder.decode(target, into: &merged, depth: depth + 1)
            }
            entries = merged
        case .mapping:
            try mapping(node, into: &entries, depth: depth)
        default:
            throw Self.wantMap
        }
    }

    private static let wantMap = GoYAMLError(message: "yaml: map merge requires map or sequence of maps as the value")

    private func isMerge(_ node: GoYAMLV2Node) -> Bool {
        node.kind == .scalar && node.value == "<<" && (node.implicit || node.tag == GoYAMLTag.merge)
    }

    private mutating func mapping(_ node: GoYAMLV2Node, into entries: inout [GoValue: GoValue], depth: Int) throws(GoYAMLError) {
        var i = 0
        while i + 1 < node.children.count {
            let keyIndex = node.children[i]
            let valueIndex = node.children[i + 1]
            i += 2
            if isMerge(nodes[keyIndex]) {
                try merge(valueIndex, into: &entries, depth: depth + 1)
                continue
            }
            let key = try decode(keyIndex, depth: depth + 1)
            switch key {
            case .map, .slice:
                throw GoYAMLError(message: "yaml: invalid map key: " + GoYAMLGoSyntax.of(key))
            default:
                break
            }
            entries[key] = try decode(valueIndex, depth: depth + 1)
        }
    }

    private mutating func merge(_ index: Int, into entries: inout [GoValue: GoValue], depth: Int) throws(GoYAMLError) {
        let node = nodes[index]
        switch node.kind {
        case .mapping:
            try decode(index, into: &entries, depth: depth)
        case .alias:
            if let target = node.alias, nodes[target].kind != .mapping {
                throw Self.wantMap
            }
            try decode(index, into: &entries, depth: depth)
        case .sequence:
            for child in node.children.reversed() {
                let element = nodes[child]
                if element.kind == .alias {
                    if let target = element.alias, nodes[target].kind != .mapping {
                        throw Self.wantMap
                    }
                } else if element.kind != .mapping {
                    throw Self.wantMap
                }
                try decode(child, into: &entries, depth: depth)
            }
        default:
            throw Self.wantMap
        }
    }

    private mutating func scalar(_ node: GoYAMLV2Node) throws(GoYAMLError) -> GoValue {
        if node.tag.isEmpty && !node.implicit {
            return .string(node.value)
        }
        let (tag, resolved) = try GoYAMLResolver.resolveV2(tag: node.tag, node.value)
        if tag == GoYAMLTag.binary {
            guard case .success(let data) = GoBase64.decode(node.value) else {
                throw GoYAMLError(message: "yaml: !!binary value contains invalid base64 data")
            }
            if String(validating: data, as: UTF8.self) == nil { decodedBytesNotUTF8 = true }
            return .string(String(decoding: data, as: UTF8.self))
        }
        switch resolved {
        case .null: return .nil
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint64(let u): return .uint64(u)
        case .float(let f): return .float64(f)
        case .timestamp: return .string(node.value)
        case .string(let s): return .string(s)
        }
    }
}

/// Go's `%#v` rendering of the values yaml.v2 decodes, as its "invalid map key" error
/// prints them. Map entries follow `fmt`'s key order: nil first, then by dynamic type,
/// then by value. Go orders the types by where their descriptors lie in the binary; the
/// order used here (bool, float64, int, int64, string, uint64) is the one Go 1.19 builds
/// of yaml.v2 show, so with other builds the order of mixed-type keys in this one error
/// text may differ.
public enum GoYAMLGoSyntax {
    public static func of(_ value: GoValue) -> String {
        switch value {
        case .nil: return "interface {}(nil)"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .uint64(let u): return "0x" + String(u, radix: 16)
        case .float64(let f): return GoFloat.formatShortest(f)
        case .string(let s): return quote(s)
        case .slice(let slice):
            return GoYAMLTypeName.of(.slice(slice.elementType)) + "{" + slice.elements.map(of).joined(separator: ", ") + "}"
        case .map(let map):
            let keys = map.entries.keys.sorted(by: fmtLess)
            let entries = keys.map { of($0) + ":" + of(map.entries[$0] ?? .nil) }
            return GoYAMLTypeName.of(.map(key: map.keyType, value: map.valueType)) + "{" + entries.joined(separator: ", ") + "}"
        case .structure(let structure):
            return structure.typeName + "{" + structure.fields.map { $0.name + ":" + of($0.value) }.joined(separator: ", ") + "}"
        }
    }

    private static func typeRank(_ value: GoValue) -> Int {
        switch value {
        case .nil: return 0
        case .bool: return 1
        case .float64: return 2
        case .int: return 3
        case .int64: return 4
        case .string: return 5
        case .uint64: return 6
        case .slice: return 7
        case .map: return 8
        case .structure: return 9
        }
    }

    /// `internal/fmtsort`'s order on interface keys (NaN first among floats).
    private static func fmtLess(_ a: GoValue, _ b: GoValue) -> Bool {
        let (ra, rb) = (typeRank(a), typeRank(b))
        if ra != rb {
            return ra < rb
        }
        switch (a, b) {
        case let (.bool(x), .bool(y)): return !x && y
        case let (.int(x), .int(y)): return x < y
        case let (.int64(x), .int64(y)): return x < y
        case let (.uint64(x), .uint64(y)): return x < y
        case let (.float64(x), .float64(y)): return x < y || (x.isNaN && !y.isNaN)
        case let (.string(x), .string(y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        default: return false
        }
    }

    /// `strconv.Quote`: printable characters as they are, others escaped.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if isPrint(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, digits: 2)
                } else if scalar.value < 0x10000 {
                    out += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    out += "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return out + "\""
    }

    /// `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " {
            return true
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
