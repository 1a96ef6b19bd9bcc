/// Go's `encoding/base64.StdEncoding` and `encoding/base32.StdEncoding`, with their error
/// messages (`illegal base64 data at input byte 4`).
public enum GoBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let decodeMap: [UInt8] = {
        var map = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { map[Int(c)] = UInt8(i) }
        return map
    }()

    public static func encode(_ src: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((src.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= src.count {
            let v = UInt32(src[i]) << 16 | UInt32(src[i + 1]) << 8 | UInt32(src[i + 2])
            out.append(alphabet[Int(v >> 18 & 0x3F)])
            out.append(alphabet[Int(v >> 12 & 0x3F)])
            out.append(alphabet[Int(v >> 6 & 0x3F)])
            out.append(alphabet[Int(v & 0x3F)])
            i += 3
        }
        let remaining = src.count - i
        if remaining > 0 {
            var v = UInt32(src[i]) << 16
            if remaining == 2 { v |= UInt32(src[i + 1]) << 8 }
            out.append(alphabet[Int(v >> 18 & 0x3F)])
            out.append(alphabet[Int(v >> 12 & 0x3F)])
            if remaining == 2 {
                out.append(alphabet[Int(v >> 6 & 0x3F)])
            } else {
                out.append(UInt8(ascii: "="))
            }
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes, or returns the error text of Go's `DecodeString`.
    public static func decode(_ text: String) -> Result<[UInt8], GoDecodeError> {
        let src = Array(text.utf8)
        var dst: [UInt8] = []
        var si = 0
        while true {
            var dbuf = [UInt8](repeating: 0, count: 4)
            var dlen = 4
            var j = 0
            var failure: Int? = nil
            var trailing: Int? = nil
            quantum: while j < 4 {
                if src.count == si {
                    if j == 0 { return .success(dst) }
                    return .failure(GoDecodeError(kind: "base64", offset: si - j))
                }
                let input = src[si]
                si += 1
                let out = decodeMap[Int(input)]
                if out != 0xFF {
                    dbuf[j] = out
                    j += 1
                    continue
                }
                if input == 0x0A || input == 0x0D { continue }
                if input != UInt8(ascii: "=") {
                    failure = si - 1
                    break quantum
                }
                switch j {
                case 0, 1:
                    failure = si - 1
                    break quantum
                case 2:
                    while si < src.count && (src[si] == 0x0A || src[si] == 0x0D) { si += 1 }
                    if si == src.count {
                        failure = src.count
                        break quantum
                    }
                    if src[si] != UInt8(ascii: "=") {
                        failure = si - 1
                        break quantum
                    }
                    si += 1
                default:
                    break
                }
                while si < src.count && (src[si] == 0x0A || src[si] == 0x0D) { si += 1 }
                if si < src.count { trailing = si }
                dlen = j
                break quantum
            }
            if let failure { return .failure(GoDecodeError(kind: "base64", offset: failure)) }
            let val = UInt32(dbuf[0]) << 18 | UInt32(dbuf[1]) << 12 | UInt32(dbuf[2]) << 6 | UInt32(dbuf[3])
            let bytes = [UInt8(val >> 16 & 0xFF), UInt8(val >> 8 & 0xFF), UInt8(val & 0xFF)]
            if dlen >= 2 { dst.append(contentsOf: bytes[0..<(dlen - 1)]) }
            if let trailing { return .failure(GoDecodeError(kind: "base64", offset: trailing)) }
            if dlen < 4 { return .success(dst) }
        }
    }
}

/// `base64.CorruptInputError` / `base32.CorruptInputError`.
public struct GoDecodeError: Error, Sendable {
    public var kind: String
    public var offset: Int
    public var message: String { "illegal \(kind) data at input byte \(offset)" }
}

public enum GoBase32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let decodeMap: [UInt8] = {
        var map = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { map[Int(c)] = UInt8(i) }
        return map
    }()

    public static func encode(_ src: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < src.count {
            var b = [UInt8](repeating: 0, count: 8)
            let chunk = Array(src[i..<min(i + 5, src.count)])
            let n = chunk.count
            var c = [UInt8](repeating: 0, count: 5)
            for k in 0..<n { c[k] = chunk[k] }
            b[0] = c[0] >> 3
            b[1] = (c[0] << 2 | c[1] >> 6) & 0x1F
            b[2] = (c[1] >> 1) & 0x1F
            b[3] = (c[1] << 4 | c[2] >> 4) & 0x1F
            b[4] = (c[2] << 1 | c[3] >> 7) & 0x1F
            b[5] = (c[3] >> 2) & 0x1F
            b[6] = (c[3] << 3 | c[4] >> 5) & 0x1F
            b[7] = c[4] & 0x1F
            let significant = [0, 2, 4, 5, 7, 8][n]
            for k in 0..<8 { out.append(k < significant ? alphabet[Int(b[k])] : UInt8(ascii: "=")) }
            i += 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> Result<[UInt8], GoDecodeError> {
        var src = Array(text.utf8).filter { $0 != 0x0A && $0 != 0x0D }[...]
        let olen = src.count
        var dst: [UInt8] = []
        var end = false
        while !src.isEmpty && !end {
            var dbuf = [UInt8](repeating: 0, count: 8)
            var dlen = 8
            var j = 0
            while j < 8 {
                guard let input = src.first else {
                    return .failure(GoDecodeError(kind: "base32", offset: olen - src.count - j))
                }
                src = src.dropFirst()
                if input == UInt8(ascii: "=") && j >= 2 && src.count < 8 {
                    if src.count + j < 8 - 1 { return .failure(GoDecodeError(kind: "base32", offset: olen)) }
                    for k in 0..<(8 - 1 - j) where src.count > k && src[src.startIndex + k] != UInt8(ascii: "=") {
                        return .failure(GoDecodeError(kind: "base32", offset: olen - src.count + k - 1))
                    }
                    dlen = j
                    end = true
                    if dlen == 1 || dlen == 3 || dlen == 6 {
                        return .failure(GoDecodeError(kind: "base32", offset: olen - src.count - 1))
                    }
                    break
                }
                dbuf[j] = decodeMap[Int(input)]
                if dbuf[j] == 0xFF { return .failure(GoDecodeError(kind: "base32", offset: olen - src.count - 1)) }
                j += 1
            }
            var out = [UInt8](repeating: 0, count: 5)
            out[4] = dbuf[6] << 5 | dbuf[7]
            out[3] = dbuf[4] << 7 | dbuf[5] << 2 | dbuf[6] >> 3
            out[2] = dbuf[3] << 4 | dbuf[4] >> 1
            out[1] = dbuf[1] << 6 | dbuf[2] << 1 | dbuf[3] >> 4
            out[0] = dbuf[0] << 3 | dbuf[1] >> 2
            let n = [0, 0, 1, 0, 2, 3, 0, 4, 5][dlen]
            dst.append(contentsOf: out[0..<n])
        }
        return .success(dst)
    }
}
