/// Paths as `git diff` prints them: as they are, or in double quotes with C escapes when they
/// hold a control character, a quote, a backslash or a byte outside ASCII (git's default
/// `core.quotePath`).
enum PathQuoting {
    static func quoted(_ path: [UInt8]) -> [UInt8] {
        guard path.contains(where: needsEscape) else { return path }
        var text: [UInt8] = [UInt8(ascii: "\"")]
        for byte in path {
            guard needsEscape(byte) else {
                text.append(byte)
                continue
            }
            text.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x07: text.append(UInt8(ascii: "a"))
            case 0x08: text.append(UInt8(ascii: "b"))
            case 0x09: text.append(UInt8(ascii: "t"))
            case 0x0a: text.append(UInt8(ascii: "n"))
            case 0x0b: text.append(UInt8(ascii: "v"))
            case 0x0c: text.append(UInt8(ascii: "f"))
            case 0x0d: text.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): text.append(byte)
            default:
                text.append(UInt8(ascii: "0") + (byte >> 6))
                text.append(UInt8(ascii: "0") + ((byte >> 3) & 7))
                text.append(UInt8(ascii: "0") + (byte & 7))
            }
        }
        text.append(UInt8(ascii: "\""))
        return text
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte >= 0x7f
    }
}
