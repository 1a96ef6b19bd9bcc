import KalcGo

/// yaml.v2's scalar scanners (`scannerc.go`): block (`|`, `>`), quoted and plain scalars,
/// with libyaml's line folding, chomping and escapes.
extension GoYAMLV2Parser {
    public mutating func scanBlockScalar(literal: Bool) -> GoYAMLV2Token? {
        let start = mark
        skip()
        if !cache(1) {
            return nil
        }
        var chomping = 0
        var increment = 0
        if byte() == UInt8(ascii: "+") || byte() == UInt8(ascii: "-") {
            chomping = byte() == UInt8(ascii: "+") ? 1 : -1
            skip()
            if !cache(1) {
                return nil
            }
            if GoYAMLBytes.isDigit(buffer, bufferPos) {
                if byte() == UInt8(ascii: "0") {
                    setScannerError("while scanning a block scalar", start, "found an indentation indicator equal to 0")
                    return nil
                }
                increment = Int(byte() - 0x30)
                skip()
            }
        } else if GoYAMLBytes.isDigit(buffer, bufferPos) {
            if byte() == UInt8(ascii: "0") {
                setScannerError("while scanning a block scalar", start, "found an indentation indicator equal to 0")
                return nil
            }
            increment = Int(byte() - 0x30)
            skip()
            if !cache(1) {
                return nil
            }
            if byte() == UInt8(ascii: "+") || byte() == UInt8(ascii: "-") {
                chomping = byte() == UInt8(ascii: "+") ? 1 : -1
                skip()
            }
        }
        if !cache(1) {
            return nil
        }
        while isBlank() {
            skip()
            if !cache(1) {
                return nil
            }
        }
        if byte() == UInt8(ascii: "#") {
            while !isBreakOrEnd() {
                skip()
                if !cache(1) {
                    return nil
                }
            }
        }
        if !isBreakOrEnd() {
            setScannerError("while scanning a block scalar", start, "did not find expected comment or line break")
            return nil
        }
        if isBreak() {
            if !cache(2) {
                return nil
            }
            skipLine()
        }
        var end = mark
        var blockIndent = 0
        if increment > 0 {
            blockIndent = indent >= 0 ? indent + increment : increment
        }
        var s: [UInt8] = []
        var leadingBreak: [UInt8] = []
        var trailingBreaks: [UInt8] = []
        if !scanBlockScalarBreaks(&blockIndent, &trailingBreaks, start, &end) {
            return nil
        }
        if !cache(1) {
            return nil
        }
        var leadingBlank = false
        var trailingBlank = false
        while mark.column == blockIndent && !isEnd() {
            trailingBlank = isBlank()
            if !literal && !leadingBlank && !trailingBlank && leadingBreak.first == 0x0A {
                if trailingBreaks.isEmpty {
                    s.append(0x20)
                }
            } else {
                s.append(contentsOf: leadingBreak)
            }
            leadingBreak.removeAll()
            s.append(contentsOf: trailingBreaks)
            trailingBreaks.removeAll()
            leadingBlank = isBlank()
            while !isBreakOrEnd() {
                read(&s)
                if !cache(1) {
                    return nil
                }
            }
            if !cache(2) {
                return nil
            }
            readLine(&leadingBreak)
            if !scanBlockScalarBreaks(&blockIndent, &trailingBreaks, start, &end) {
                return nil
            }
        }
        if chomping != -1 {
            s.append(contentsOf: leadingBreak)
        }
        if chomping == 1 {
            s.append(contentsOf: trailingBreaks)
        }
        var token = GoYAMLV2Token(type: .scalar, startMark: start, endMark: end)
        token.value = s
        token.style = literal ? .literal : .folded
        return token
    }

    public mutating func scanBlockScalarBreaks(
        _ blockIndent: inout Int, _ breaks: inout [UInt8], _ start: GoYAMLV2Mark, _ end: inout GoYAMLV2Mark
    ) -> Bool {
        end = mark
        var maxIndent = 0
        while true {
            if !cache(1) {
                return false
            }
            while (blockIndent == 0 || mark.column < blockIndent) && GoYAMLBytes.isSpace(buffer, bufferPos) {
                skip()
                if !cache(1) {
                    return false
                }
            }
            if mark.column > maxIndent {
                maxIndent = mark.column
            }
            if (blockIndent == 0 || mark.column < blockIndent) && GoYAMLBytes.isTab(buffer, bufferPos) {
                return setScannerError("while scanning a block scalar", start, "found a tab character where an indentation space is expected")
            }
            if !isBreak() {
                break
            }
            if !cache(2) {
                return false
            }
            readLine(&breaks)
            end = mark
        }
        if blockIndent == 0 {
            blockIndent = maxIndent
            if blockIndent < indent + 1 {
                blockIndent = indent + 1
            }
            if blockIndent < 1 {
                blockIndent = 1
            }
        }
        return true
    }

    public mutating func scanFlowScalar(single: Bool) -> GoYAMLV2Token? {
        let start = mark
        skip()
        var s: [UInt8] = []
        var leadingBreak: [UInt8] = []
        var trailingBreaks: [UInt8] = []
        var whitespaces: [UInt8] = []
        while true {
            if !cache(4) {
                return nil
            }
            if mark.column == 0
                && ((byte() == UInt8(ascii: "-") && byte(1) == UInt8(ascii: "-") && byte(2) == UInt8(ascii: "-"))
                    || (byte() == UInt8(ascii: ".") && byte(1) == UInt8(ascii: ".") && byte(2) == UInt8(ascii: ".")))
                && isBlankOrEnd(3)
            {
                setScannerError("while scanning a quoted scalar", start, "found unexpected document indicator")
                return nil
            }
            if isEnd() {
                setScannerError("while scanning a quoted scalar", start, "found unexpected end of stream")
                return nil
            }
            var leadingBlanks = false
            while !isBlankOrEnd() {
                let c = byte()
                if single && c == UInt8(ascii: "'") && byte(1) == UInt8(ascii: "'") {
                    s.append(UInt8(ascii: "'"))
                    skip()
                    skip()
                } else if single && c == UInt8(ascii: "'") {
                    break
                } else if !single && c == UInt8(ascii: "\"") {
                    break
                } else if !single && c == UInt8(ascii: "\\") && isBreak(1) {
                    if !cache(3) {
                        return nil
                    }
                    skip()
                    skipLine()
                    leadingBlanks = true
                    break
                } else if !single && c == UInt8(ascii: "\\") {
                    var codeLength = 0
                    switch byte(1) {
                    case UInt8(ascii: "0"): s.append(0)
                    case UInt8(ascii: "a"): s.append(0x07)
                    case UInt8(ascii: "b"): s.append(0x08)
                    case UInt8(ascii: "t"), 0x09: s.append(0x09)
                    case UInt8(ascii: "n"): s.append(0x0A)
                    case UInt8(ascii: "v"): s.append(0x0B)
                    case UInt8(ascii: "f"): s.append(0x0C)
                    case UInt8(ascii: "r"): s.append(0x0D)
                    case UInt8(ascii: "e"): s.append(0x1B)
                    case UInt8(ascii: " "): s.append(0x20)
                    case UInt8(ascii: "\""): s.append(UInt8(ascii: "\""))
                    case UInt8(ascii: "'"): s.append(UInt8(ascii: "'"))
                    case UInt8(ascii: "\\"): s.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "N"): s.append(contentsOf: [0xC2, 0x85])
                    case UInt8(ascii: "_"): s.append(contentsOf: [0xC2, 0xA0])
                    case UInt8(ascii: "L"): s.append(contentsOf: [0xE2, 0x80, 0xA8])
                    case UInt8(ascii: "P"): s.append(contentsOf: [0xE2, 0x80, 0xA9])
                    case UInt8(ascii: "x"): codeLength = 2
                    case UInt8(ascii: "u"): codeLength = 4
                    case UInt8(ascii: "U"): codeLength = 8
                    default:
                        setScannerError("while parsing a quoted scalar", start, "found unknown escape character")
                        return nil
                    }
                    skip()
                    skip()
                    if codeLength > 0 {
                        if !cache(codeLength) {
                            return nil
                        }
                        var value = 0
                        for k in 0..<codeLength {
                            if !GoYAMLBytes.isHex(buffer, bufferPos + k) {
                                setScannerError("while parsing a quoted scalar", start, "did not find expected hexdecimal number")
                                return nil
                            }
                            value = (value << 4) + GoYAMLBytes.asHex(buffer, bufferPos + k)
                        }
                        if (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF {
                            setScannerError("while parsing a quoted scalar", start, "found invalid Unicode character escape code")
                            return nil
                        }
                        Self.appendUTF8(&s, value)
                        for _ in 0..<codeLength {
                            skip()
                        }
                    }
                } else {
                    read(&s)
                }
                if !cache(2) {
                    return nil
                }
            }
            if !cache(1) {
                return nil
            }
            if byte() == (single ? UInt8(ascii: "'") : UInt8(ascii: "\"")) {
                break
            }
            while isBlank() || isBreak() {
                if isBlank() {
                    if !leadingBlanks {
                        read(&whitespaces)
                    } else {
                        skip()
                    }
                } else {
                    if !cache(2) {
                        return nil
                    }
                    if !leadingBlanks {
                        whitespaces.removeAll()
                        readLine(&leadingBreak)
                        leadingBlanks = true
                    } else {
                        readLine(&trailingBreaks)
                    }
                }
                if !cache(1) {
                    return nil
                }
            }
            if leadingBlanks {
                if leadingBreak.first == 0x0A {
                    if trailingBreaks.isEmpty {
                        s.append(0x20)
                    } else {
                        s.append(contentsOf: trailingBreaks)
                    }
                } else {
                    s.append(contentsOf: leadingBreak)
                    s.append(contentsOf: trailingBreaks)
                }
                trailingBreaks.removeAll()
                leadingBreak.removeAll()
            } else {
                s.append(contentsOf: whitespaces)
                whitespaces.removeAll()
            }
        }
        skip()
        var token = GoYAMLV2Token(type: .scalar, startMark: start, endMark: mark)
        token.value = s
        token.style = single ? .singleQuoted : .doubleQuoted
        return token
    }

    /// Appends the UTF-8 encoding of a code point (the caller has excluded surrogates).
    public static func appendUTF8(_ s: inout [UInt8], _ value: Int) {
        if value <= 0x7F {
            s.append(UInt8(value))
        } else if value <= 0x7FF {
            s.append(UInt8(0xC0 + (value >> 6)))
            s.append(UInt8(0x80 + (value & 0x3F)))
        } else if value <= 0xFFFF {
            s.append(UInt8(0xE0 + (value >> 12)))
            s.append(UInt8(0x80 + ((value >> 6) & 0x3F)))
            s.append(UInt8(0x80 + (value & 0x3F)))
        } else {
            s.append(UInt8(0xF0 + (value >> 18)))
            s.append(UInt8(0x80 + ((value >> 12) & 0x3F)))
            s.append(UInt8(0x80 + ((value >> 6) & 0x3F)))
            s.append(UInt8(0x80 + (value & 0x3F)))
        }
    }

    public mutating func scanPlainScalar() -> GoYAMLV2Token? {
        var s: [UInt8] = []
        var leadingBreak: [UInt8] = []
        var trailingBreaks: [UInt8] = []
        var whitespaces: [UInt8] = []
        var leadingBlanks = false
        let plainIndent = indent + 1
        let start = mark
        var end = mark
        while true {
            if !cache(4) {
                return nil
            }
            if mark.column == 0
                && ((byte() == UInt8(ascii: "-") && byte(1) == UInt8(ascii: "-") && byte(2) == UInt8(ascii: "-"))
                    || (byte() == UInt8(ascii: ".") && byte(1) == UInt8(ascii: ".") && byte(2) == UInt8(ascii: ".")))
                && isBlankOrEnd(3)
            {
                break
            }
            if byte() == UInt8(ascii: "#") {
                break
            }
            while !isBlankOrEnd() {
                let c = byte()
                if (c == UInt8(ascii: ":") && isBlankOrEnd(1))
                    || (flowLevel > 0
                        && (c == UInt8(ascii: ",") || c == UInt8(ascii: "?") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
                            || c == UInt8(ascii: "{") || c == UInt8(ascii: "}")))
                {
                    break
                }
                if leadingBlanks || !whitespaces.isEmpty {
                    if leadingBlanks {
                        if leadingBreak.first == 0x0A {
                            if trailingBreaks.isEmpty {
                                s.append(0x20)
                            } else {
                                s.append(contentsOf: trailingBreaks)
                            }
                        } else {
                            s.append(contentsOf: leadingBreak)
                            s.append(contentsOf: trailingBreaks)
                        }
                        trailingBreaks.removeAll()
                        leadingBreak.removeAll()
                        leadingBlanks = false
                    } else {
                        s.append(contentsOf: whitespaces)
                        whitespaces.removeAll()
                    }
                }
                read(&s)
                end = mark
                if !cache(2) {
                    return nil
                }
            }
            if !(isBlank() || isBreak()) {
                break
            }
            if !cache(1) {
                return nil
            }
            while isBlank() || isBreak() {
                if isBlank() {
                    if leadingBlanks && mark.column < plainIndent && GoYAMLBytes.isTab(buffer, bufferPos) {
                        setScannerError("while scanning a plain scalar", start, "found a tab character that violates indentation")
                        return nil
                    }
                    if !leadingBlanks {
                        read(&whitespaces)
                    } else {
                        skip()
                    }
                } else {
                    if !cache(2) {
                        return nil
                    }
                    if !leadingBlanks {
                        whitespaces.removeAll()
                        readLine(&leadingBreak)
                        leadingBlanks = true
                    } else {
                        readLine(&trailingBreaks)
                    }
                }
                if !cache(1) {
                    return nil
                }
            }
            if flowLevel == 0 && mark.column < plainIndent {
                break
            }
        }
        var token = GoYAMLV2Token(type: .scalar, startMark: start, endMark: end)
        token.value = s
        token.style = .plain
        if leadingBlanks {
            simpleKeyAllowed = true
        }
        return token
    }
}
