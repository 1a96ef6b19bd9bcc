import KalcGo

/// The character classes libyaml (and its Go ports yaml.v2 and yaml.v3) test on UTF-8
/// bytes. Reading past the end yields a NUL byte, which is what libyaml's buffers hold there.
public enum GoYAMLBytes {
    @inline(__always)
    public static func at(_ b: [UInt8], _ i: Int) -> UInt8 {
        i >= 0 && i < b.count ? b[i] : 0
    }

    /// The length of the UTF-8 sequence a leading byte starts (0 for a continuation byte).
    public static func width(_ b: UInt8) -> Int {
        if b & 0x80 == 0x00 { return 1 }
        if b & 0xE0 == 0xC0 { return 2 }
        if b & 0xF0 == 0xE0 { return 3 }
        if b & 0xF8 == 0xF0 { return 4 }
        return 0
    }

    public static func isSpace(_ b: [UInt8], _ i: Int) -> Bool {
        at(b, i) == 0x20
    }

    public static func isTab(_ b: [UInt8], _ i: Int) -> Bool {
        at(b, i) == 0x09
    }

    public static func isBlank(_ b: [UInt8], _ i: Int) -> Bool {
        let c = at(b, i)
        return c == 0x20 || c == 0x09
    }

    public static func isZ(_ b: [UInt8], _ i: Int) -> Bool {
        at(b, i) == 0
    }

    public static func isBreak(_ b: [UInt8], _ i: Int) -> Bool {
        let c = at(b, i)
        return c == 0x0D || c == 0x0A
            || (c == 0xC2 && at(b, i + 1) == 0x85)
            || (c == 0xE2 && at(b, i + 1) == 0x80 && (at(b, i + 2) == 0xA8 || at(b, i + 2) == 0xA9))
    }

    public static func isCRLF(_ b: [UInt8], _ i: Int) -> Bool {
        at(b, i) == 0x0D && at(b, i + 1) == 0x0A
    }

    /// A line break or the end of the input.
    public static func isBreakOrEnd(_ b: [UInt8], _ i: Int) -> Bool {
        isBreak(b, i) || isZ(b, i)
    }

    /// A space, a line break or the end of the input.
    public static func isSpaceOrEnd(_ b: [UInt8], _ i: Int) -> Bool {
        isSpace(b, i) || isBreakOrEnd(b, i)
    }

    /// A space, a tab, a line break or the end of the input (libyaml's `is_blankz`).
    public static func isBlankOrEnd(_ b: [UInt8], _ i: Int) -> Bool {
        isBlank(b, i) || isBreakOrEnd(b, i)
    }

    public static func isAlpha(_ b: [UInt8], _ i: Int) -> Bool {
        let c = at(b, i)
        return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
    }

    public static func isDigit(_ b: [UInt8], _ i: Int) -> Bool {
        let c = at(b, i)
        return c >= 0x30 && c <= 0x39
    }

    public static func isHex(_ b: [UInt8], _ i: Int) -> Bool {
        let c = at(b, i)
        return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    public static func asHex(_ b: [UInt8], _ i: Int) -> Int {
        let c = at(b, i)
        if c >= 0x41 && c <= 0x46 { return Int(c) - 0x41 + 10 }
        if c >= 0x61 && c <= 0x66 { return Int(c) - 0x61 + 10 }
        return Int(c) - 0x30
    }

    /// Whether the character at `i` may be written unescaped (libyaml's `is_printable`).
    public static func isPrintable(_ b: [UInt8], _ i: Int) -> Bool {
        let c = at(b, i)
        let c1 = at(b, i + 1)
        let c2 = at(b, i + 2)
        return c == 0x0A
            || (c >= 0x20 && c <= 0x7E)
            || (c == 0xC2 && c1 >= 0xA0)
            || (c > 0xC2 && c < 0xED)
            || (c == 0xED && c1 < 0xA0)
            || c == 0xEE
            || (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)))
    }

    /// libyaml's `is_bom(b, i)`, which looks at the start of the buffer whatever `i` is.
    public static func startsWithBOM(_ b: [UInt8]) -> Bool {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
    }

    /// The code point starting at `i` and the number of bytes it takes.
    public static func decode(_ b: [UInt8], _ i: Int) -> (width: Int, scalar: UInt32) {
        let octet = at(b, i)
        var w: Int
        var v: UInt32
        switch true {
        case octet & 0x80 == 0x00: (w, v) = (1, UInt32(octet & 0x7F))
        case octet & 0xE0 == 0xC0: (w, v) = (2, UInt32(octet & 0x1F))
        case octet & 0xF0 == 0xE0: (w, v) = (3, UInt32(octet & 0x0F))
        case octet & 0xF8 == 0xF0: (w, v) = (4, UInt32(octet & 0x07))
        default: (w, v) = (1, UInt32(octet))
        }
        if w > 1 {
            for k in 1..<w {
                v = (v << 6) + UInt32(at(b, i + k) & 0x3F)
            }
        }
        w = min(w, max(1, b.count - i))
        return (w, v)
    }
}
