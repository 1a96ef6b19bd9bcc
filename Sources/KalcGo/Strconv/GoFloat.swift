/// Go's `strconv.FormatFloat` and `strconv.ParseFloat` for `float64`, exact to the byte.
///
/// Formatting uses an exact multi-precision decimal (a port of `strconv/decimal.go`),
/// so every precision rounds the binary value exactly as Go does, and the shortest
/// form picks the same digits as Go's shortest-round-trip algorithm.

/// A multi-precision decimal number (`strconv.decimal`).
public struct GoDecimal: Sendable {
    public var d = [UInt8](repeating: 0, count: 800)
    public var nd = 0
    public var dp = 0
    public var neg = false
    public var trunc = false

    private static let zero = UInt8(ascii: "0")

    public mutating func trim() {
        while nd > 0 && d[nd - 1] == Self.zero { nd -= 1 }
        if nd == 0 { dp = 0 }
    }

    public mutating func assign(_ value: UInt64) {
        var v = value
        var buf: [UInt8] = []
        while v > 0 {
            buf.append(UInt8(v % 10) + Self.zero)
            v /= 10
        }
        nd = 0
        for digit in buf.reversed() {
            d[nd] = digit
            nd += 1
        }
        dp = nd
        trim()
    }

    private static let maxShift = 60

    private mutating func rightShift(_ k: Int) {
        var r = 0
        var w = 0
        var n: UInt = 0
        while n >> UInt(k) == 0 {
            if r >= nd {
                if n == 0 {
                    nd = 0
                    return
                }
                while n >> UInt(k) == 0 {
                    n = n * 10
                    r += 1
                }
                break
            }
            let c = UInt(d[r])
            n = n * 10 + c - UInt(Self.zero)
            r += 1
        }
        dp -= r - 1
        let mask: UInt = (1 << UInt(k)) - 1
        while r < nd {
            let c = UInt(d[r])
            let dig = n >> UInt(k)
            n &= mask
            d[w] = UInt8(dig) + Self.zero
            w += 1
            n = n * 10 + c - UInt(Self.zero)
            r += 1
        }
        while n > 0 {
            let dig = n >> UInt(k)
            n &= mask
            if w < d.count {
                d[w] = UInt8(dig) + Self.zero
                w += 1
            } else if dig > 0 {
                trunc = true
            }
            n = n * 10
        }
        nd = w
        trim()
    }

    /// For each shift k ≤ 60: the number of digits of 2^k, and the digits of 5^k.
    private static let leftCheats: [(delta: Int, cutoff: [UInt8])] = {
        var table: [(Int, [UInt8])] = [(0, [])]
        var pow5: [UInt8] = [1]  // little-endian decimal digits
        var pow2: [UInt8] = [1]
        func times(_ digits: [UInt8], _ factor: Int) -> [UInt8] {
            var out: [UInt8] = []
            var carry = 0
            for digit in digits {
                let v = Int(digit) * factor + carry
                out.append(UInt8(v % 10))
                carry = v / 10
            }
            while carry > 0 {
                out.append(UInt8(carry % 10))
                carry /= 10
            }
            return out
        }
        for _ in 1...60 {
            pow5 = times(pow5, 5)
            pow2 = times(pow2, 2)
            table.append((pow2.count, pow5.reversed().map { $0 + UInt8(ascii: "0") }))
        }
        return table
    }()

    private func prefixIsLessThan(_ cutoff: [UInt8]) -> Bool {
        for i in 0..<cutoff.count {
            if i >= nd { return true }
            if d[i] != cutoff[i] { return d[i] < cutoff[i] }
        }
        return false
    }

    private mutating func leftShift(_ k: Int) {
        var delta = Self.leftCheats[k].delta
        if prefixIsLessThan(Self.leftCheats[k].cutoff) { delta -= 1 }
        var r = nd
        var w = nd + delta
        var n: UInt = 0
        r -= 1
        while r >= 0 {
            n += (UInt(d[r]) - UInt(Self.zero)) << UInt(k)
            let quo = n / 10
            let rem = n - 10 * quo
            w -= 1
            if w < d.count {
                d[w] = UInt8(rem) + Self.zero
            } else if rem != 0 {
                trunc = true
            }
            n = quo
            r -= 1
        }
        while n > 0 {
            let quo = n / 10
            let rem = n - 10 * quo
            w -= 1
            if w < d.count {
                d[w] = UInt8(rem) + Self.zero
            } else if rem != 0 {
                trunc = true
            }
            n = quo
        }
        nd += delta
        if nd >= d.count { nd = d.count }
        dp += delta
        trim()
    }

    public mutating func shift(_ amount: Int) {
        var k = amount
        if nd == 0 { return }
        if k > 0 {
            while k > Self.maxShift {
                leftShift(Self.maxShift)
                k -= Self.maxShift
            }
            leftShift(k)
        } else if k < 0 {
            while k < -Self.maxShift {
                rightShift(Self.maxShift)
                k += Self.maxShift
            }
            rightShift(-k)
        }
    }

    private func shouldRoundUp(_ n: Int) -> Bool {
        if n < 0 || n >= nd { return false }
        if d[n] == UInt8(ascii: "5") && n + 1 == nd {
            if trunc { return true }
            return n > 0 && (d[n - 1] - Self.zero) % 2 != 0
        }
        return d[n] >= UInt8(ascii: "5")
    }

    public mutating func round(_ n: Int) {
        if n < 0 || n >= nd { return }
        if shouldRoundUp(n) { roundUp(n) } else { roundDown(n) }
    }

    public mutating func roundDown(_ n: Int) {
        if n < 0 || n >= nd { return }
        nd = n
        trim()
    }

    public mutating func roundUp(_ n: Int) {
        if n < 0 || n >= nd { return }
        var i = n - 1
        while i >= 0 {
            if d[i] < UInt8(ascii: "9") {
                d[i] += 1
                nd = i + 1
                return
            }
            i -= 1
        }
        d[0] = UInt8(ascii: "1")
        nd = 1
        dp += 1
    }
}

public enum GoFloat {
    private static let mantBits = 52
    private static let bias = -1023

    /// `strconv.FormatFloat(value, format, precision, 64)`; a negative precision gives the shortest form.
    public static func format(_ value: Double, _ fmt: UInt8, precision: Int) -> String {
        let bits = value.bitPattern
        let neg = bits >> 63 != 0
        var exp = Int((bits >> 52) & 0x7FF)
        var mant = bits & ((1 << 52) - 1)
        if exp == 0x7FF {
            if mant != 0 { return "NaN" }
            return neg ? "-Inf" : "+Inf"
        }
        if exp == 0 {
            exp += 1
        } else {
            mant |= 1 << 52
        }
        exp += bias
        if fmt == UInt8(ascii: "b") { return formatBinary(neg: neg, mant: mant, exp: exp) }
        if fmt == UInt8(ascii: "x") || fmt == UInt8(ascii: "X") {
            return formatHex(precision: precision, fmt: fmt, neg: neg, mant: mant, exp: exp)
        }
        var d = GoDecimal()
        d.assign(mant)
        d.shift(exp - mantBits)
        var prec = precision
        let shortest = prec < 0
        if shortest {
            roundShortest(&d, mant: mant, exp: exp)
            switch fmt {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): prec = d.nd - 1
            case UInt8(ascii: "f"): prec = max(d.nd - d.dp, 0)
            case UInt8(ascii: "g"), UInt8(ascii: "G"): prec = d.nd
            default: break
            }
        } else {
            switch fmt {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): d.round(prec + 1)
            case UInt8(ascii: "f"): d.round(d.dp + prec)
            case UInt8(ascii: "g"), UInt8(ascii: "G"):
                if prec == 0 { prec = 1 }
                d.round(prec)
            default: break
            }
        }
        return String(decoding: formatDigits(shortest: shortest, neg: neg, d, prec: prec, fmt: fmt), as: UTF8.self)
    }

    private static func formatDigits(shortest: Bool, neg: Bool, _ d: GoDecimal, prec: Int, fmt: UInt8) -> [UInt8] {
        switch fmt {
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
            return fmtE(neg: neg, d, prec: prec, fmt: fmt)
        case UInt8(ascii: "f"):
            return fmtF(neg: neg, d, prec: prec)
        case UInt8(ascii: "g"), UInt8(ascii: "G"):
            var eprec = prec
            if eprec > d.nd && d.nd >= d.dp { eprec = d.nd }
            if shortest { eprec = 6 }
            let exp = d.dp - 1
            var prec = prec
            if exp < -4 || exp >= eprec {
                if prec > d.nd { prec = d.nd }
                return fmtE(neg: neg, d, prec: prec - 1, fmt: fmt + UInt8(ascii: "e") - UInt8(ascii: "g"))
            }
            if prec > d.dp { prec = d.nd }
            return fmtF(neg: neg, d, prec: max(prec - d.dp, 0))
        default:
            return [UInt8(ascii: "%"), fmt]
        }
    }

    private static func roundShortest(_ d: inout GoDecimal, mant: UInt64, exp: Int) {
        if mant == 0 {
            d.nd = 0
            return
        }
        let minexp = bias + 1
        if exp > minexp && 332 * (d.dp - d.nd) >= 100 * (exp - mantBits) {
            return
        }
        var upper = GoDecimal()
        upper.assign(mant * 2 + 1)
        upper.shift(exp - mantBits - 1)
        let mantlo: UInt64
        let explo: Int
        if mant > 1 << UInt64(mantBits) || exp == minexp {
            mantlo = mant - 1
            explo = exp
        } else {
            mantlo = mant * 2 - 1
            explo = exp - 1
        }
        var lower = GoDecimal()
        lower.assign(mantlo * 2 + 1)
        lower.shift(explo - mantBits - 1)
        let inclusive = mant % 2 == 0
        var upperdelta = 0
        var ui = 0
        while true {
            let mi = ui - upper.dp + d.dp
            if mi >= d.nd { break }
            let li = ui - upper.dp + lower.dp
            var l = UInt8(ascii: "0")
            if li >= 0 && li < lower.nd { l = lower.d[li] }
            var m = UInt8(ascii: "0")
            if mi >= 0 { m = d.d[mi] }
            var u = UInt8(ascii: "0")
            if ui < upper.nd { u = upper.d[ui] }
            let okdown = l != m || inclusive && li + 1 == lower.nd
            if upperdelta == 0 && m + 1 < u {
                upperdelta = 2
            } else if upperdelta == 0 && m != u {
                upperdelta = 1
            } else if upperdelta == 1 && (m != UInt8(ascii: "9") || u != UInt8(ascii: "0")) {
                upperdelta = 2
            }
            let okup = upperdelta > 0 && (inclusive || upperdelta > 1 || ui + 1 < upper.nd)
            if okdown && okup {
                d.round(mi + 1)
                return
            } else if okdown {
                d.roundDown(mi + 1)
                return
            } else if okup {
                d.roundUp(mi + 1)
                return
            }
            ui += 1
        }
    }

    private static func fmtE(neg: Bool, _ d: GoDecimal, prec: Int, fmt: UInt8) -> [UInt8] {
        var dst: [UInt8] = []
        if neg { dst.append(UInt8(ascii: "-")) }
        dst.append(d.nd != 0 ? d.d[0] : UInt8(ascii: "0"))
        if prec > 0 {
            dst.append(UInt8(ascii: "."))
            var i = 1
            let m = min(d.nd, prec + 1)
            if i < m {
                dst.append(contentsOf: d.d[i..<m])
                i = m
            }
            while i <= prec {
                dst.append(UInt8(ascii: "0"))
                i += 1
            }
        }
        dst.append(fmt)
        var exp = d.dp - 1
        if d.nd == 0 { exp = 0 }
        if exp < 0 {
            dst.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            dst.append(UInt8(ascii: "+"))
        }
        if exp < 10 {
            dst.append(UInt8(ascii: "0"))
            dst.append(UInt8(exp) + UInt8(ascii: "0"))
        } else if exp < 100 {
            dst.append(UInt8(exp / 10) + UInt8(ascii: "0"))
            dst.append(UInt8(exp % 10) + UInt8(ascii: "0"))
        } else {
            dst.append(UInt8(exp / 100) + UInt8(ascii: "0"))
            dst.append(UInt8((exp / 10) % 10) + UInt8(ascii: "0"))
            dst.append(UInt8(exp % 10) + UInt8(ascii: "0"))
        }
        return dst
    }

    private static func fmtF(neg: Bool, _ d: GoDecimal, prec: Int) -> [UInt8] {
        var dst: [UInt8] = []
        if neg { dst.append(UInt8(ascii: "-")) }
        if d.dp > 0 {
            var m = min(d.nd, d.dp)
            dst.append(contentsOf: d.d[0..<m])
            while m < d.dp {
                dst.append(UInt8(ascii: "0"))
                m += 1
            }
        } else {
            dst.append(UInt8(ascii: "0"))
        }
        if prec > 0 {
            dst.append(UInt8(ascii: "."))
            for i in 0..<prec {
                var ch = UInt8(ascii: "0")
                let j = d.dp + i
                if j >= 0 && j < d.nd { ch = d.d[j] }
                dst.append(ch)
            }
        }
        return dst
    }

    private static func formatBinary(neg: Bool, mant: UInt64, exp: Int) -> String {
        var s = neg ? "-" : ""
        s += String(mant) + "p"
        let e = exp - mantBits
        if e >= 0 { s += "+" }
        s += String(e)
        return s
    }

    private static func formatHex(precision prec: Int, fmt: UInt8, neg: Bool, mant: UInt64, exp: Int) -> String {
        var mant = mant
        var exp = exp
        if mant == 0 { exp = 0 }
        mant <<= UInt64(60 - mantBits)
        while mant != 0 && mant & (1 << 60) == 0 {
            mant <<= 1
            exp -= 1
        }
        if prec >= 0 && prec < 15 {
            let shift = UInt64(prec * 4)
            let extra = (mant << shift) & ((1 << 60) - 1)
            mant >>= 60 - shift
            if extra | (mant & 1) > 1 << 59 { mant += 1 }
            mant <<= 60 - shift
            if mant & (1 << 61) != 0 {
                mant >>= 1
                exp += 1
            }
        }
        let hex = fmt == UInt8(ascii: "X") ? GoStrconv.upperHex : GoStrconv.lowerHex
        var dst: [UInt8] = []
        if neg { dst.append(UInt8(ascii: "-")) }
        dst.append(UInt8(ascii: "0"))
        dst.append(fmt)
        dst.append(UInt8(ascii: "0") + UInt8((mant >> 60) & 1))
        mant <<= 4
        if prec < 0 && mant != 0 {
            dst.append(UInt8(ascii: "."))
            while mant != 0 {
                dst.append(hex[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        } else if prec > 0 {
            dst.append(UInt8(ascii: "."))
            for _ in 0..<prec {
                dst.append(hex[Int((mant >> 60) & 15)])
                mant <<= 4
            }
        }
        dst.append(fmt == UInt8(ascii: "X") ? UInt8(ascii: "P") : UInt8(ascii: "p"))
        if exp < 0 {
            dst.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            dst.append(UInt8(ascii: "+"))
        }
        if exp < 100 {
            dst.append(UInt8(exp / 10) + UInt8(ascii: "0"))
            dst.append(UInt8(exp % 10) + UInt8(ascii: "0"))
        } else if exp < 1000 {
            dst.append(UInt8(exp / 100) + UInt8(ascii: "0"))
            dst.append(UInt8((exp / 10) % 10) + UInt8(ascii: "0"))
            dst.append(UInt8(exp % 10) + UInt8(ascii: "0"))
        } else {
            dst.append(UInt8(exp / 1000) + UInt8(ascii: "0"))
            dst.append(UInt8((exp / 100) % 10) + UInt8(ascii: "0"))
            dst.append(UInt8((exp / 10) % 10) + UInt8(ascii: "0"))
            dst.append(UInt8(exp % 10) + UInt8(ascii: "0"))
        }
        return String(decoding: dst, as: UTF8.self)
    }

    // MARK: Parsing

    /// `strconv.ParseFloat(s, 64)`: Go's syntax (underscores, hex mantissas with `p`
    /// exponents, `inf`, `infinity`, `nan`), overflow reported as a range error.
    public static func parse(_ s: String) throws(GoNumError) -> Double {
        let bytes = Array(s.utf8)
        if let special = special(bytes), special.length == bytes.count { return special.value }
        guard isWellFormed(bytes) else { throw GoNumError(function: "ParseFloat", input: s, reason: .syntax) }
        let cleaned = String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let value = Double(cleaned) else { throw GoNumError(function: "ParseFloat", input: s, reason: .syntax) }
        if value.isInfinite { throw GoNumError(function: "ParseFloat", input: s, reason: .range) }
        return value
    }

    private static func special(_ s: [UInt8]) -> (value: Double, length: Int)? {
        guard let first = s.first else { return nil }
        func prefixLength(_ s: ArraySlice<UInt8>, _ word: String) -> Int {
            var n = 0
            for (a, b) in zip(s, word.utf8) {
                if a | 0x20 != b { break }
                n += 1
            }
            return n
        }
        var sign = 1.0
        var nsign = 0
        var rest = s[...]
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            if first == UInt8(ascii: "-") { sign = -1 }
            nsign = 1
            rest = rest.dropFirst()
        }
        guard let head = rest.first else { return nil }
        if head | 0x20 == UInt8(ascii: "i") {
            var n = prefixLength(rest, "infinity")
            if 3 < n && n < 8 { n = 3 }
            if n == 3 || n == 8 { return (sign * .infinity, nsign + n) }
        } else if head | 0x20 == UInt8(ascii: "n") && nsign == 0 {
            if prefixLength(rest, "nan") == 3 { return (.nan, 3) }
        }
        return nil
    }

    /// Go's `readFloat` syntax check, requiring the whole input to be consumed.
    private static func isWellFormed(_ s: [UInt8]) -> Bool {
        var i = 0
        var underscores = false
        if i < s.count && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i += 1 }
        var base = 10
        var expChar = UInt8(ascii: "e")
        if i + 2 < s.count && s[i] == UInt8(ascii: "0") && s[i + 1] | 0x20 == UInt8(ascii: "x") {
            base = 16
            i += 2
            expChar = UInt8(ascii: "p")
        }
        var sawdot = false
        var sawdigits = false
        loop: while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "_") {
                underscores = true
            } else if c == UInt8(ascii: ".") {
                if sawdot { break loop }
                sawdot = true
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                sawdigits = true
            } else if base == 16 && c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f") {
                sawdigits = true
            } else {
                break loop
            }
            i += 1
        }
        if !sawdigits { return false }
        if i < s.count && s[i] | 0x20 == expChar {
            i += 1
            if i >= s.count { return false }
            if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            if i >= s.count || s[i] < UInt8(ascii: "0") || s[i] > UInt8(ascii: "9") { return false }
            while i < s.count && ((s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9")) || s[i] == UInt8(ascii: "_")) {
                if s[i] == UInt8(ascii: "_") { underscores = true }
                i += 1
            }
        } else if base == 16 {
            return false
        }
        if underscores && !GoStrconv.underscoreOK(Array(s[0..<i])) { return false }
        return i == s.count
    }
}
