import KalcGo

/// The order in which yaml.v3 writes map keys (`sorter.go`, `keyList.Less`): numbers and
/// booleans by value, then by Go kind; other kinds by kind number; strings naturally, so
/// that digit runs compare as numbers (`a2` < `a10`) and letters sort before other
/// characters except right after a digit.
public enum GoYAMLKeyOrder {
    /// The `reflect.Kind` number of a key's dynamic type (a nil interface stays `Interface`).
    public static func kind(_ value: GoValue) -> Int {
        switch value {
        case .bool: return 1
        case .int: return 2
        case .int64: return 6
        case .uint64: return 11
        case .float64: return 14
        case .nil: return 20
        case .map: return 21
        case .slice: return 23
        case .string: return 24
        case .structure: return 25
        }
    }

    private static func keyFloat(_ value: GoValue) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .int64(let i): return Double(i)
        case .uint64(let u): return Double(u)
        case .float64(let f): return f
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    private static func numLess(_ a: GoValue, _ b: GoValue) -> Bool {
        switch (a, b) {
        case let (.int(x), .int(y)): return x < y
        case let (.int64(x), .int64(y)): return x < y
        case let (.uint64(x), .uint64(y)): return x < y
        case let (.float64(x), .float64(y)): return x < y
        case let (.bool(x), .bool(y)): return !x && y
        default: return false
        }
    }

    /// `keyList.Less(a, b)`.
    public static func less(_ a: GoValue, _ b: GoValue) -> Bool {
        let ak = kind(a)
        let bk = kind(b)
        if let af = keyFloat(a), let bf = keyFloat(b) {
            if af != bf {
                return af < bf
            }
            if ak != bk {
                return ak < bk
            }
            return numLess(a, b)
        }
        guard case .string(let astring) = a, case .string(let bstring) = b else {
            return ak < bk
        }
        return naturalLess(Array(astring.unicodeScalars), Array(bstring.unicodeScalars))
    }

    private static func isLetter(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return false
        }
    }

    private static func isDigit(_ r: Unicode.Scalar) -> Bool {
        r.properties.generalCategory == .decimalNumber
    }

    private static func digitValue(_ r: Unicode.Scalar) -> Int64 {
        Int64(Int32(bitPattern: r.value) &- 0x30)
    }

    private static func naturalLess(_ ar: [Unicode.Scalar], _ br: [Unicode.Scalar]) -> Bool {
        var digits = false
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                digits = isDigit(ar[i])
                i += 1
                continue
            }
            let al = isLetter(ar[i])
            let bl = isLetter(br[i])
            if al && bl {
                return ar[i].value < br[i].value
            }
            if al || bl {
                return digits ? al : bl
            }
            var an: Int64 = 0
            var bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ digitValue(ar[ai])
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ digitValue(br[bi])
                bi += 1
            }
            if an != bn {
                return an < bn
            }
            if ai != bi {
                return ai < bi
            }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    /// A total order on keys used to fix the input order before sorting, so that keys
    /// `less` cannot tell apart (NaN, for one) come out the same way on every run.
    private static func canonicalLess(_ a: GoValue, _ b: GoValue) -> Bool {
        let ak = kind(a)
        let bk = kind(b)
        if ak != bk {
            return ak < bk
        }
        switch (a, b) {
        case let (.string(x), .string(y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        case let (.float64(x), .float64(y)): return x.bitPattern < y.bitPattern
        default: return numLess(a, b)
        }
    }

    /// The keys in yaml.v3's order.
    public static func sorted(_ keys: [GoValue]) -> [GoValue] {
        mergeSort(mergeSort(keys, by: canonicalLess), by: less)
    }

    /// A stable merge sort that tolerates an inconsistent ordering without failing.
    private static func mergeSort(_ items: [GoValue], by less: (GoValue, GoValue) -> Bool) -> [GoValue] {
        guard items.count > 1 else { return items }
        var source = items
        var target = items
        var width = 1
        while width < source.count {
            var start = 0
            while start < source.count {
                let middle = min(start + width, source.count)
                let end = min(start + 2 * width, source.count)
                var left = start
                var right = middle
                var out = start
                while left < middle && right < end {
                    if less(source[right], source[left]) {
                        target[out] = source[right]
                        right += 1
                    } else {
                        target[out] = source[left]
                        left += 1
                    }
                    out += 1
                }
                while left < middle {
                    target[out] = source[left]
                    left += 1
                    out += 1
                }
                while right < end {
                    target[out] = source[right]
                    right += 1
                    out += 1
                }
                start += 2 * width
            }
            swap(&source, &target)
            width *= 2
        }
        return source
    }
}
