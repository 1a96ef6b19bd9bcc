/// Go's `net/url` escaping.
public enum GoURLEscape {
    public enum EscapeMode { case queryComponent, pathSegment, path, host, zone, userPassword, fragment }

    /// `url.shouldEscape`.
    public static func shouldEscape(_ c: UInt8, _ mode: EscapeMode) -> Bool {
        if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
        {
            return false
        }
        if mode == .host || mode == .zone {
            switch c {
            case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"),
                UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""):
                return false
            default: break
            }
        }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: ":"),
            UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"):
            switch mode {
            case .path: return c == UInt8(ascii: "?")
            case .pathSegment: return c == UInt8(ascii: "/") || c == UInt8(ascii: ";") || c == UInt8(ascii: ",") || c == UInt8(ascii: "?")
            case .userPassword: return c == UInt8(ascii: "@") || c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: ":")
            case .queryComponent: return true
            case .fragment: return false
            default: break
            }
        default: break
        }
        if mode == .fragment {
            switch c {
            case UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"): return false
            default: break
            }
        }
        return true
    }

    /// `url.escape`.
    public static func escape(_ s: String, _ mode: EscapeMode) -> String {
        String(decoding: escape(bytes: Array(s.utf8), mode), as: UTF8.self)
    }

    /// `url.escape` of bytes.
    public static func escape(bytes s: [UInt8], _ mode: EscapeMode) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count + 8)
        for c in s {
            if shouldEscape(c, mode) {
                if c == 0x20 && mode == .queryComponent {
                    out.append(UInt8(ascii: "+"))
                } else {
                    out.append(UInt8(ascii: "%"))
                    out.append(GoStrconv.upperHex[Int(c >> 4)])
                    out.append(GoStrconv.upperHex[Int(c & 15)])
                }
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// `url.QueryEscape`.
    public static func queryEscape(_ s: String) -> String { escape(s, .queryComponent) }
}
