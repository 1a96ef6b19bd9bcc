/// Character-class construction as Go's `regexp/syntax` does it, on flat `lo, hi` pairs.
enum RegexCharacterClass {
    static let maxRune: UInt32 = 0x10FFFF

    /// Appends a range, extending one of the last two ranges when it overlaps or abuts.
    static func appendRange(_ r: inout [UInt32], _ lo: UInt32, _ hi: UInt32) {
        let n = r.count
        for i in [2, 4] where n >= i {
            let rlo = r[n - i], rhi = r[n - i + 1]
            if lo <= rhi + 1 && rlo <= hi + 1 {
                if lo < rlo { r[n - i] = lo }
                if hi > rhi { r[n - i + 1] = hi }
                return
            }
        }
        r.append(lo)
        r.append(hi)
    }

    /// Appends a range and every rune that case-folds to one of its runes.
    static func appendFoldedRange(_ r: inout [UInt32], _ lo: UInt32, _ hi: UInt32) {
        var lo = lo, hi = hi
        let minFold = UnicodeClassTables.minFold, maxFold = UnicodeClassTables.maxFold
        if lo <= minFold && hi >= maxFold {
            appendRange(&r, lo, hi)
            return
        }
        if hi < minFold || lo > maxFold {
            appendRange(&r, lo, hi)
            return
        }
        if lo < minFold {
            appendRange(&r, lo, minFold - 1)
            lo = minFold
        }
        if hi > maxFold {
            appendRange(&r, maxFold + 1, hi)
            hi = maxFold
        }
        var c = lo
        while c <= hi {
            appendRange(&r, c, c)
            var f = UnicodeClassTables.simpleFold(c)
            while f != c {
                appendRange(&r, f, f)
                f = UnicodeClassTables.simpleFold(f)
            }
            c += 1
        }
    }

    static func appendLiteral(_ r: inout [UInt32], _ x: UInt32, foldCase: Bool) {
        if foldCase { appendFoldedRange(&r, x, x) } else { appendRange(&r, x, x) }
    }

    static func appendClass(_ r: inout [UInt32], _ x: [UInt32]) {
        var i = 0
        while i + 1 < x.count {
            appendRange(&r, x[i], x[i + 1])
            i += 2
        }
    }

    static func appendFoldedClass(_ r: inout [UInt32], _ x: [UInt32]) {
        var i = 0
        while i + 1 < x.count {
            appendFoldedRange(&r, x[i], x[i + 1])
            i += 2
        }
    }

    /// Appends the complement of a clean class.
    static func appendNegatedClass(_ r: inout [UInt32], _ x: [UInt32]) {
        var nextLo: UInt32 = 0
        var i = 0
        while i + 1 < x.count {
            let lo = x[i], hi = x[i + 1]
            if lo > 0 && nextLo <= lo - 1 { appendRange(&r, nextLo, lo - 1) }
            nextLo = hi + 1
            i += 2
        }
        if nextLo <= maxRune { appendRange(&r, nextLo, maxRune) }
    }

    /// Appends the complement of a table given in table order (ranges may be single runes).
    static func appendNegatedTable(_ r: inout [UInt32], _ table: [UInt32]) {
        appendNegatedClass(&r, table)
    }

    /// Sorts ranges by low end (high end descending on ties) and merges overlapping or abutting ones.
    static func clean(_ r: [UInt32]) -> [UInt32] {
        var pairs: [(UInt32, UInt32)] = []
        pairs.reserveCapacity(r.count / 2)
        var i = 0
        while i + 1 < r.count {
            pairs.append((r[i], r[i + 1]))
            i += 2
        }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) }
        var out: [UInt32] = []
        out.reserveCapacity(r.count)
        for (lo, hi) in pairs {
            if let last = out.last, lo <= last + 1 {
                if hi > last { out[out.count - 1] = hi }
                continue
            }
            out.append(lo)
            out.append(hi)
        }
        return out
    }

    /// The complement of a clean class.
    static func negate(_ r: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        var nextLo: UInt32 = 0
        var i = 0
        while i + 1 < r.count {
            let lo = r[i], hi = r[i + 1]
            if lo > 0 && nextLo <= lo - 1 {
                out.append(nextLo)
                out.append(lo - 1)
            }
            nextLo = hi + 1
            i += 2
        }
        if nextLo <= maxRune {
            out.append(nextLo)
            out.append(maxRune)
        }
        return out
    }

    /// Whether a clean class contains `rune`.
    static func contains(_ r: [UInt32], _ rune: UInt32) -> Bool {
        var low = 0, high = r.count / 2
        while low < high {
            let mid = (low + high) / 2
            if rune < r[2 * mid] {
                high = mid
            } else if rune > r[2 * mid + 1] {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Perl classes (`\d \s \w`) and their negations.
    static let perlGroups: [String: (sign: Int, class: [UInt32])] = [
        "\\d": (1, [0x30, 0x39]), "\\D": (-1, [0x30, 0x39]),
        "\\s": (1, [0x9, 0xA, 0xC, 0xD, 0x20, 0x20]), "\\S": (-1, [0x9, 0xA, 0xC, 0xD, 0x20, 0x20]),
        "\\w": (1, [0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A]),
        "\\W": (-1, [0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A]),
    ]

    /// POSIX classes (`[:alpha:]` ...) and their negations (`[:^alpha:]`).
    static let posixGroups: [String: (sign: Int, class: [UInt32])] = {
        let classes: [String: [UInt32]] = [
            "alnum": [0x30, 0x39, 0x41, 0x5A, 0x61, 0x7A],
            "alpha": [0x41, 0x5A, 0x61, 0x7A],
            "ascii": [0x0, 0x7F],
            "blank": [0x9, 0x9, 0x20, 0x20],
            "cntrl": [0x0, 0x1F, 0x7F, 0x7F],
            "digit": [0x30, 0x39],
            "graph": [0x21, 0x7E],
            "lower": [0x61, 0x7A],
            "print": [0x20, 0x7E],
            "punct": [0x21, 0x2F, 0x3A, 0x40, 0x5B, 0x60, 0x7B, 0x7E],
            "space": [0x9, 0xD, 0x20, 0x20],
            "upper": [0x41, 0x5A],
            "word": [0x30, 0x39, 0x41, 0x5A, 0x5F, 0x5F, 0x61, 0x7A],
            "xdigit": [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
        ]
        var groups: [String: (sign: Int, class: [UInt32])] = [:]
        for (name, ranges) in classes {
            groups["[:\(name):]"] = (1, ranges)
            groups["[:^\(name):]"] = (-1, ranges)
        }
        return groups
    }()
}
