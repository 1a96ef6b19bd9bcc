/// Go's `net.ParseIP` acceptance: dotted-decimal IPv4 (no leading zeros) or IPv6 text
/// with at most one `::` and an optional trailing IPv4 part; no zones, no prefixes.
enum GoIP {
    /// Whether `net.ParseIP` returns an address for the text.
    static func parses(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for byte in bytes {
            if byte == UInt8(ascii: ".") { return parseIPv4(bytes[...]) != nil }
            if byte == UInt8(ascii: ":") { return parseIPv6(bytes[...]) }
        }
        return false
    }

    private static let big = 0xFFFFFF

    private static func decimal(_ s: ArraySlice<UInt8>) -> (value: Int, length: Int)? {
        var n = 0
        var i = 0
        for byte in s {
            guard byte >= 0x30 && byte <= 0x39 else { break }
            n = n * 10 + Int(byte - 0x30)
            if n >= big { return nil }
            i += 1
        }
        return i == 0 ? nil : (n, i)
    }

    private static func hexadecimal(_ s: ArraySlice<UInt8>) -> (value: Int, length: Int)? {
        var n = 0
        var i = 0
        for byte in s {
            let digit: Int
            switch byte {
            case 0x30...0x39: digit = Int(byte - 0x30)
            case 0x61...0x66: digit = Int(byte - 0x61 + 10)
            case 0x41...0x46: digit = Int(byte - 0x41 + 10)
            default: return i == 0 ? nil : (n, i)
            }
            n = n * 16 + digit
            if n >= big { return nil }
            i += 1
        }
        return i == 0 ? nil : (n, i)
    }

    private static func parseIPv4(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var s = text
        var octets: [UInt8] = []
        for i in 0..<4 {
            if s.isEmpty { return nil }
            if i > 0 {
                guard s.first == UInt8(ascii: ".") else { return nil }
                s = s.dropFirst()
            }
            guard let (n, c) = decimal(s), n <= 0xFF else { return nil }
            if c > 1 && s.first == UInt8(ascii: "0") { return nil }
            s = s.dropFirst(c)
            octets.append(UInt8(n))
        }
        return s.isEmpty ? octets : nil
    }

    private static func parseIPv6(_ text: ArraySlice<UInt8>) -> Bool {
        var s = text
        var ellipsis = -1
        if s.count >= 2 && s[s.startIndex] == UInt8(ascii: ":") && s[s.startIndex + 1] == UInt8(ascii: ":") {
            ellipsis = 0
            s = s.dropFirst(2)
            if s.isEmpty { return true }
        }
        var i = 0
        while i < 16 {
            guard let (n, c) = hexadecimal(s), n <= 0xFFFF else { return false }
            if c < s.count && s[s.startIndex + c] == UInt8(ascii: ".") {
                if ellipsis < 0 && i != 12 { return false }
                if i + 4 > 16 { return false }
                guard parseIPv4(s) != nil else { return false }
                s = []
                i += 4
                break
            }
            i += 2
            s = s.dropFirst(c)
            if s.isEmpty { break }
            if s.first != UInt8(ascii: ":") || s.count == 1 { return false }
            s = s.dropFirst()
            if s.first == UInt8(ascii: ":") {
                if ellipsis >= 0 { return false }
                ellipsis = i
                s = s.dropFirst()
                if s.isEmpty { break }
            }
        }
        if !s.isEmpty { return false }
        if i < 16 {
            return ellipsis >= 0
        }
        return ellipsis < 0
    }
}
