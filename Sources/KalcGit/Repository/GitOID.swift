import CLibGit2

/// The SHA-1 name of a git object: a commit, a tree or a blob.
public struct GitOID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 20 bytes of the hash.
    public let bytes: [UInt8]

    /// The id written as `hex`, 40 hexadecimal digits; nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 40 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        var index = 0
        while index < 40 {
            guard let high = Self.value(ofHexDigit: digits[index]), let low = Self.value(ofHexDigit: digits[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.bytes = bytes
    }

    init(_ oid: git_oid) {
        bytes = withUnsafeBytes(of: oid.id) { Array($0) }
    }

    /// The 40 lower-case hexadecimal digits, as git prints them.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(40)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The first seven hexadecimal digits, git's default short form.
    public var abbreviated: String {
        String(hex.prefix(7))
    }

    /// The 40 hexadecimal digits.
    public var description: String { hex }

    /// Byte order, so that ids sort the way git lists them.
    public static func < (lhs: GitOID, rhs: GitOID) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    /// The id as libgit2's structure.
    var raw: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { buffer in
            for (index, byte) in bytes.enumerated() where index < buffer.count {
                buffer[index] = byte
            }
        }
        return oid
    }

    private static func value(ofHexDigit digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
