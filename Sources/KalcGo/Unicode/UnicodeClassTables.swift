/// Decoded views of `GoUnicodeTables`: named classes as sorted code point ranges and
/// Go's `unicode.SimpleFold`.
enum UnicodeClassTables {
    /// The ranges of a named class and of the code points that fold into it, as
    /// `regexp/syntax`'s `unicodeTable` finds them (`Any`, then categories, then scripts).
    static func table(named name: String) -> (ranges: [UInt32], fold: [UInt32]?)? {
        if name == "Any" {
            let all: [UInt32] = [0, 0x10FFFF]
            return (all, all)
        }
        if let table = categoryTables[name] { return (table, foldCategoryTables[name]) }
        if let table = scriptTables[name] { return (table, foldScriptTables[name]) }
        return nil
    }

    private static let categoryTables = decodeAll(GoUnicodeTables.categories)
    private static let scriptTables = decodeAll(GoUnicodeTables.scripts)
    private static let foldCategoryTables = decodeAll(GoUnicodeTables.foldCategories)
    private static let foldScriptTables = decodeAll(GoUnicodeTables.foldScripts)

    /// Decodes every table once, as the ranges appending it to an empty class gives.
    private static func decodeAll(_ encoded: [String: String]) -> [String: [UInt32]] {
        encoded.mapValues { text in
            var ranges: [UInt32] = []
            RegexCharacterClass.appendClass(&ranges, decode(text))
            return ranges
        }
    }

    /// Expands an encoded table into flat `lo, hi` pairs in table order.
    static func decode(_ encoded: String) -> [UInt32] {
        var result: [UInt32] = []
        for item in encoded.split(separator: " ") {
            var stride: UInt32 = 1
            var span = Substring(item)
            if let slash = item.firstIndex(of: "/") {
                stride = UInt32(item[item.index(after: slash)...], radix: 16) ?? 1
                span = item[..<slash]
            }
            let bounds = span.split(separator: "-")
            guard let lo = UInt32(bounds[0], radix: 16) else { continue }
            let hi = bounds.count > 1 ? (UInt32(bounds[1], radix: 16) ?? lo) : lo
            if stride == 1 {
                result.append(lo)
                result.append(hi)
            } else {
                var c = lo
                while c <= hi {
                    result.append(c)
                    result.append(c)
                    c += stride
                }
            }
        }
        return result
    }

    /// `unicode.SimpleFold`: the next rune of the case-folding orbit of `rune`.
    static func simpleFold(_ rune: UInt32) -> UInt32 {
        foldMap[rune] ?? rune
    }

    private static let foldMap: [UInt32: UInt32] = {
        var map: [UInt32: UInt32] = [:]
        for pair in GoUnicodeTables.simpleFold.split(separator: " ") {
            let parts = pair.split(separator: ":")
            if parts.count == 2, let from = UInt32(parts[0], radix: 16), let to = UInt32(parts[1], radix: 16) {
                map[from] = to
            }
        }
        return map
    }()

    /// The lowest and highest runes involved in folding (`regexp/syntax`'s minFold, maxFold).
    static let minFold: UInt32 = 0x0041
    static let maxFold: UInt32 = 0x1E943
}
