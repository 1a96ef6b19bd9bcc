/// UTF-8 decoding as Go's `utf8.DecodeRune` does it: each byte that does not start a
/// valid, shortest-form sequence becomes one U+FFFD.
public enum GoUTF8 {
    /// Decodes `bytes`, replacing every invalid byte by U+FFFD.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> String.UnicodeScalarView where Bytes.Element == UInt8, Bytes.Index == Int {
        var scalars = String.UnicodeScalarView()
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let (scalar, width) = decodeRune(bytes, at: index)
            scalars.append(scalar)
            index += width
        }
        return scalars
    }

    /// The rune starting at `index` and its width in bytes (U+FFFD and 1 when invalid).
    public static func decodeRune<Bytes: Collection>(_ bytes: Bytes, at index: Int) -> (Unicode.Scalar, Int) where Bytes.Element == UInt8, Bytes.Index == Int {
        let b0 = bytes[index]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        func continuation(_ offset: Int, low: UInt8 = 0x80, high: UInt8 = 0xBF) -> UInt32? {
            let position = index + offset
            guard position < bytes.endIndex else { return nil }
            let b = bytes[position]
            guard b >= low && b <= high else { return nil }
            return UInt32(b & 0x3F)
        }
        let replacement: (Unicode.Scalar, Int) = ("\u{FFFD}", 1)
        switch b0 {
        case 0xC2...0xDF:
            guard let c1 = continuation(1) else { return replacement }
            return (Unicode.Scalar((UInt32(b0 & 0x1F) << 6) | c1) ?? "\u{FFFD}", 2)
        case 0xE0...0xEF:
            let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard let c1 = continuation(1, low: low, high: high), let c2 = continuation(2) else { return replacement }
            return (Unicode.Scalar((UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2) ?? "\u{FFFD}", 3)
        case 0xF0...0xF4:
            let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard let c1 = continuation(1, low: low, high: high), let c2 = continuation(2), let c3 = continuation(3) else {
                return replacement
            }
            return (Unicode.Scalar((UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3) ?? "\u{FFFD}", 4)
        default:
            return replacement
        }
    }
}

extension String {
    /// Byte-for-byte equality, as Go compares strings (Swift's `==` treats canonically
    /// equivalent strings as equal).
    public func isExactly(_ other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}

extension Array where Element == String {
    /// Whether the array holds a string byte-for-byte equal to `text`.
    public func containsExactly(_ text: String) -> Bool {
        contains { $0.isExactly(text) }
    }
}
