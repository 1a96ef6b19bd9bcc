import KalcGo

/// Number and character constants of templates (`parse.newNumber`): a literal is stored
/// under every Go type that represents it, as Go's ideal constants are.
enum NumberLiteral {
    struct Failure: Error {
        var message: String
    }

    static func parse(position: Int, text: String, kind: TokenKind) throws(Failure) -> NumberNode {
        var n = NumberNode(position: position, text: text)
        if kind == .charConstant {
            let bytes = Array(text.utf8)
            guard let quote = bytes.first else { throw Failure(message: "invalid syntax") }
            let value: UInt32
            let tail: ArraySlice<UInt8>
            do {
                (value, _, tail) = try GoStrconv.unquoteChar(bytes[1...], quote: quote)
            } catch {
                throw Failure(message: error.message)
            }
            if Array(tail) != [UInt8(ascii: "'")] { throw Failure(message: "malformed character constant: \(text)") }
            n.int64Value = Int64(value)
            n.isInt = true
            n.uint64Value = UInt64(value)
            n.isUint = true
            n.float64Value = Double(value)
            n.isFloat = true
            return n
        }
        if kind == .complex {
            guard let (re, im) = parseComplex(text) else { throw Failure(message: "expected integer") }
            n.isComplex = true
            n.complexReal = re
            n.complexImaginary = im
            simplifyComplex(&n)
            return n
        }
        if text.hasSuffix("i"), let f = try? GoFloat.parse(String(text.dropLast())) {
            n.isComplex = true
            n.complexReal = 0
            n.complexImaginary = f
            simplifyComplex(&n)
            return n
        }
        let u = try? GoStrconv.parseUint(text, base: 0)
        if let u {
            n.isUint = true
            n.uint64Value = u
        }
        if let i = try? GoStrconv.parseInt(text, base: 0) {
            n.isInt = true
            n.int64Value = i
            if i == 0 {
                n.isUint = true
                n.uint64Value = u ?? 0
            }
        }
        if n.isInt {
            n.isFloat = true
            n.float64Value = Double(n.int64Value)
        } else if n.isUint {
            n.isFloat = true
            n.float64Value = Double(n.uint64Value)
        } else if let f = try? GoFloat.parse(text) {
            if !text.contains(where: { ".eEpP".contains($0) }) {
                throw Failure(message: "integer overflow: \(GoStrconv.quote(text))")
            }
            n.isFloat = true
            n.float64Value = f
            if !n.isInt, let i = exactInt64(f) {
                n.isInt = true
                n.int64Value = i
            }
            if !n.isUint, let u = exactUInt64(f) {
                n.isUint = true
                n.uint64Value = u
            }
        }
        if !n.isInt && !n.isUint && !n.isFloat {
            throw Failure(message: "illegal number syntax: \(GoStrconv.quote(text))")
        }
        return n
    }

    /// `float64(int64(f)) == f` in Go (conversions of out-of-range floats are
    /// implementation-defined there; on amd64 they give the minimum int64).
    static func exactInt64(_ f: Double) -> Int64? {
        guard f.isFinite, f >= -9.223372036854775808e18, f < 9.223372036854775808e18 else { return nil }
        let i = Int64(f)
        return Double(i) == f ? i : nil
    }

    static func exactUInt64(_ f: Double) -> UInt64? {
        guard f.isFinite, f >= 0, f < 1.8446744073709551616e19 else { return nil }
        let u = UInt64(f)
        return Double(u) == f ? u : nil
    }

    private static func simplifyComplex(_ n: inout NumberNode) {
        n.isFloat = n.complexImaginary == 0
        if n.isFloat {
            n.float64Value = n.complexReal
            if let i = exactInt64(n.float64Value) {
                n.isInt = true
                n.int64Value = i
            }
            if let u = exactUInt64(n.float64Value) {
                n.isUint = true
                n.uint64Value = u
            }
        }
    }

    /// Splits `re±imi` (as the lexer produces it) into its parts.
    private static func parseComplex(_ text: String) -> (Double, Double)? {
        let bytes = Array(text.utf8)
        guard bytes.last == UInt8(ascii: "i") else { return nil }
        var split = -1
        for i in stride(from: bytes.count - 2, to: 0, by: -1) {
            let c = bytes[i]
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                let before = bytes[i - 1] | 0x20
                if before == UInt8(ascii: "e") || before == UInt8(ascii: "p") { continue }
                split = i
                break
            }
        }
        guard split > 0 else { return nil }
        let realText = String(decoding: bytes[0..<split], as: UTF8.self)
        let imagText = String(decoding: bytes[split..<(bytes.count - 1)], as: UTF8.self)
        guard let re = try? GoFloat.parse(realText), let im = try? GoFloat.parse(imagText) else { return nil }
        return (re, im)
    }
}
