#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `strings` package functions that work on bytes, ported over UTF-8 byte arrays.
public enum GoStrings {
    public static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    public static func string(_ b: some Collection<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

    /// `strings.Index` on bytes.
    public static func index(_ s: ArraySlice<UInt8>, _ sep: [UInt8]) -> Int? {
        if sep.isEmpty { return 0 }
        guard s.count >= sep.count else { return nil }
        let base = s.startIndex
        var i = 0
        while i + sep.count <= s.count {
            if s[base + i] == sep[0] {
                var match = true
                for k in 1..<sep.count where s[base + i + k] != sep[k] {
                    match = false
                    break
                }
                if match { return i }
            }
            i += 1
        }
        return nil
    }

    /// The first place at or after `start` where `sep` (not empty) occurs in `s`: a search
    /// without slices, since `count` and `replaceAll` run it once per occurrence.
    public static func index(_ s: UnsafeBufferPointer<UInt8>, _ sep: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = s.baseAddress, let needle = sep.baseAddress, sep.count > 0 else { return nil }
        let last = s.count - sep.count
        var i = start
        while i <= last {
            guard let hit = memchr(base + i, Int32(needle[0]), last - i + 1) else { return nil }
            let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if sep.count == 1 || memcmp(base + at + 1, needle + 1, sep.count - 1) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// `strings.Count`.
    public static func count(_ s: [UInt8], _ sep: [UInt8]) -> Int {
        if sep.isEmpty { return string(s).unicodeScalars.count + 1 }
        return s.withUnsafeBufferPointer { s in
            sep.withUnsafeBufferPointer { sep in
                var n = 0
                var start = 0
                while let i = index(s, sep, from: start) {
                    n += 1
                    start = i + sep.count
                }
                return n
            }
        }
    }

    /// `strings.SplitN(s, sep, n)` (`n < 0`: all).
    public static func split(_ s: String, _ sep: String, _ limit: Int = -1) -> [String]? {
        var n = limit
        if n == 0 { return nil }
        let sb = bytes(s), sepb = bytes(sep)
        if sepb.isEmpty {
            // explode: one element per UTF-8 sequence.
            var parts: [String] = []
            var scalars = Array(s.unicodeScalars)[...]
            if n < 0 || n > scalars.count { n = scalars.count }
            while parts.count < n - 1, let first = scalars.first {
                parts.append(String(first))
                scalars = scalars.dropFirst()
            }
            if n > 0 {
                var rest = String.UnicodeScalarView()
                rest.append(contentsOf: scalars)
                parts.append(String(rest))
            }
            return parts
        }
        if n < 0 { n = count(sb, sepb) + 1 }
        if n > sb.count + 1 { n = sb.count + 1 }
        var parts: [String] = []
        var rest = sb[...]
        while parts.count < n - 1, let i = index(rest, sepb) {
            parts.append(string(rest.prefix(i)))
            rest = rest.dropFirst(i + sepb.count)
        }
        parts.append(string(rest))
        return parts
    }

    /// `strings.Replace(s, old, new, -1)`.
    public static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
        if old == new { return s }
        let sb = bytes(s), ob = bytes(old), nb = bytes(new)
        let m = count(sb, ob)
        if m == 0 { return s }
        // Written into storage of the known final size with block copies: `replace` runs
        // on values of many megabytes.
        let size = sb.count + m * (nb.count - ob.count)
        let out = [UInt8](unsafeUninitializedCapacity: size) { target, written in
            guard var to = target.baseAddress else { return }
            sb.withUnsafeBufferPointer { source in
                nb.withUnsafeBufferPointer { new in
                    ob.withUnsafeBufferPointer { old in
                        var start = 0
                        for i in 0..<m {
                            var j = start
                            if old.isEmpty {
                                if i > 0 {
                                    let (_, width) = start < sb.count ? GoStrconv.decodeRune(sb[start...]) : (0, 0)
                                    j += width
                                }
                            } else {
                                j = index(source, old, from: start) ?? start
                            }
                            if j > start, let from = source.baseAddress { to.initialize(from: from + start, count: j - start) }
                            to += j - start
                            if let from = new.baseAddress { to.initialize(from: from, count: new.count) }
                            to += new.count
                            start = j + old.count
                        }
                        if start < source.count, let from = source.baseAddress { to.initialize(from: from + start, count: source.count - start) }
                    }
                }
            }
            written = size
        }
        return string(out)
    }

    /// `strings.Replace(s, old, new, 1)` for a non-empty `old`.
    public static func replaceFirst(_ s: String, _ old: String, _ new: String) -> String {
        let sb = bytes(s), ob = bytes(old)
        guard !ob.isEmpty, let i = index(sb[...], ob) else { return s }
        return string(sb[..<i] + Array(new.utf8) + sb[(i + ob.count)...])
    }

    /// `strings.TrimSpace`.
    public static func trimSpace(_ s: String) -> String {
        trimFunc(s) { GoUnicode.isSpace($0) }
    }

    /// `strings.TrimFunc`.
    public static func trimFunc(_ s: String, _ predicate: (Unicode.Scalar) -> Bool) -> String {
        let scalars = Array(s.unicodeScalars)
        var lo = 0, hi = scalars.count
        while lo < hi && predicate(scalars[lo]) { lo += 1 }
        while hi > lo && predicate(scalars[hi - 1]) { hi -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        return String(view)
    }

    /// `strings.Trim(s, cutset)`.
    public static func trim(_ s: String, _ cutset: String) -> String {
        if s.isEmpty || cutset.isEmpty { return s }
        let set = Set(cutset.unicodeScalars)
        return trimFunc(s) { set.contains($0) }
    }

    /// `strings.TrimLeft(s, cutset)`.
    public static func trimLeft(_ s: String, _ cutset: String) -> String {
        let set = Set(cutset.unicodeScalars)
        var view = Substring(s).unicodeScalars
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        return String(view)
    }

    /// `strings.TrimRight(s, cutset)`.
    public static func trimRight(_ s: String, _ cutset: String) -> String {
        let set = Set(cutset.unicodeScalars)
        var view = Substring(s).unicodeScalars
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }

    /// `strings.TrimPrefix`.
    public static func trimPrefix(_ s: String, _ prefix: String) -> String {
        let sb = bytes(s), pb = bytes(prefix)
        if sb.starts(with: pb) { return string(sb[pb.count...]) }
        return s
    }

    /// `strings.TrimSuffix`.
    public static func trimSuffix(_ s: String, _ suffix: String) -> String {
        let sb = bytes(s), pb = bytes(suffix)
        if sb.count >= pb.count && Array(sb[(sb.count - pb.count)...]) == pb { return string(sb[0..<(sb.count - pb.count)]) }
        return s
    }

    public static func hasPrefix(_ s: String, _ prefix: String) -> Bool { bytes(s).starts(with: bytes(prefix)) }

    public static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        let sb = bytes(s), pb = bytes(suffix)
        return sb.count >= pb.count && Array(sb[(sb.count - pb.count)...]) == pb
    }

    public static func contains(_ s: String, _ sub: String) -> Bool { index(bytes(s)[...], bytes(sub)) != nil }

    /// `strings.Title`.
    public static func title(_ s: String) -> String {
        var prev: Unicode.Scalar = " "
        return GoUnicode.map(s) { r in
            defer { prev = r }
            return isSeparator(prev) ? GoUnicode.toTitle(r) : r
        }
    }

    private static func isSeparator(_ r: Unicode.Scalar) -> Bool {
        if r.value <= 0x7F {
            if (r >= "0" && r <= "9") || (r >= "a" && r <= "z") || (r >= "A" && r <= "Z") || r == "_" { return false }
            return true
        }
        if GoUnicode.isLetter(r) || GoUnicode.isDigit(r) { return false }
        return GoUnicode.isSpace(r)
    }

    public static func toUpper(_ s: String) -> String { GoUnicode.map(s, GoUnicode.toUpper) }
    public static func toLower(_ s: String) -> String { GoUnicode.map(s, GoUnicode.toLower) }
}
