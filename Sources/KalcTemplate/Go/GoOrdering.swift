import KalcGo

/// The orders Go uses for printing, ranging and sorting: `internal/fmtsort` for map keys
/// and byte-wise string comparison for `sort.Strings`.
enum GoOrdering {
    /// Go's string `<`: byte-wise over UTF-8.
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The keys of a map in the order `fmt` prints them and `range` visits them.
    static func sortedKeys(_ map: GoMap) -> [GoValue] {
        map.entries.keys.sorted { compare($0, $1) < 0 }
    }

    /// `fmtsort.compare` for the key values kalc's maps can hold. Keys of different dynamic
    /// types inside `interface{}` are ordered by Go by type descriptor address, which no
    /// program can rely on; kalc orders them by kind.
    static func compare(_ a: GoValue, _ b: GoValue) -> Int {
        switch (a, b) {
        case (.nil, .nil): return 0
        case (.nil, _): return -1
        case (_, .nil): return 1
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.int64(let x), .int64(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.uint64(let x), .uint64(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.float64(let x), .float64(let y)): return floatCompare(x, y)
        case (.string(let x), .string(let y)): return x == y ? 0 : (less(x, y) ? -1 : 1)
        case (.structure(let x), .structure(let y)) where x.typeName == y.typeName:
            for (fx, fy) in zip(x.fields, y.fields) {
                let c = compare(fx.value, fy.value)
                if c != 0 { return c }
            }
            return 0
        default:
            // Go orders keys of different dynamic types by the address of their type
            // descriptors, which its linker lays out by type name.
            let ta = a.typeName, tb = b.typeName
            if ta != tb { return less(ta, tb) ? -1 : 1 }
            return 0
        }
    }

    private static func floatCompare(_ a: Double, _ b: Double) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        if a == b { return 0 }
        if a.isNaN && b.isNaN { return 0 }
        if a.isNaN { return -1 }
        return 1
    }
}
