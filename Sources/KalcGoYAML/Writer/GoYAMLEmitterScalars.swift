import KalcGo

/// yaml.v3's scalar analysis and scalar writers (`yaml_emitter_analyze_scalar`,
/// `yaml_emitter_write_*_scalar`): which styles a text allows, and its exact bytes in the
/// chosen style.
extension GoYAMLEmitter {
    // MARK: Event analysis

    public mutating func analyze(_ event: GoYAMLEmitterEvent) {
        scalar.value = []
        if case .scalar(let value, _) = event {
            analyzeScalar(value)
        }
    }

    public mutating func analyzeScalar(_ value: [UInt8]) {
        var blockIndicators = false
        var flowIndicators = false
        var lineBreaks = false
        var specialCharacters = false
        var tabCharacters = false
        var leadingSpace = false
        var leadingBreak = false
        var trailingSpace = false
        var trailingBreak = false
        var breakSpace = false
        var spaceBreak = false
        var precededByWhitespace = false
        var followedByWhitespace = false
        var previousSpace = false
        var previousBreak = false

        scalar.value = value
        if value.isEmpty {
            scalar.multiline = false
            scalar.flowPlainAllowed = false
            scalar.blockPlainAllowed = true
            scalar.singleQuotedAllowed = true
            scalar.blockAllowed = false
            return
        }
        if value.count >= 3 && ((value[0] == 0x2D && value[1] == 0x2D && value[2] == 0x2D) || (value[0] == 0x2E && value[1] == 0x2E && value[2] == 0x2E)) {
            blockIndicators = true
            flowIndicators = true
        }
        precededByWhitespace = true
        var i = 0
        while i < value.count {
            let w = max(1, GoYAMLBytes.width(value[i]))
            followedByWhitespace = i + w >= value.count || GoYAMLBytes.isBlank(value, i + w)
            let c = value[i]
            if i == 0 {
                switch c {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                    UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                    UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                    flowIndicators = true
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace {
                        blockIndicators = true
                    }
                case UInt8(ascii: "-"):
                    if followedByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default:
                    break
                }
            } else {
                switch c {
                case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    flowIndicators = true
                case UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace {
                        blockIndicators = true
                    }
                case UInt8(ascii: "#"):
                    if precededByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default:
                    break
                }
            }
            if c == 0x09 {
                tabCharacters = true
            } else if !GoYAMLBytes.isPrintable(value, i) {
                specialCharacters = true
            }
            if c == 0x20 {
                if i == 0 {
                    leadingSpace = true
                }
                if i + w == value.count {
                    trailingSpace = true
                }
                if previousBreak {
                    breakSpace = true
                }
                previousSpace = true
                previousBreak = false
            } else if GoYAMLBytes.isBreak(value, i) {
                lineBreaks = true
                if i == 0 {
                    leadingBreak = true
                }
                if i + w == value.count {
                    trailingBreak = true
                }
                if previousSpace {
                    spaceBreak = true
                }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = GoYAMLBytes.isBlankOrEnd(value, i)
            i += w
        }

        scalar.multiline = lineBreaks
        scalar.flowPlainAllowed = true
        scalar.blockPlainAllowed = true
        scalar.singleQuotedAllowed = true
        scalar.blockAllowed = true
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            scalar.flowPlainAllowed = false
            scalar.blockPlainAllowed = false
        }
        if trailingSpace {
            scalar.blockAllowed = false
        }
        if breakSpace {
            scalar.flowPlainAllowed = false
            scalar.blockPlainAllowed = false
            scalar.singleQuotedAllowed = false
        }
        if spaceBreak || tabCharacters || specialCharacters {
            scalar.flowPlainAllowed = false
            scalar.blockPlainAllowed = false
            scalar.singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters {
            scalar.blockAllowed = false
        }
        if lineBreaks {
            scalar.flowPlainAllowed = false
            scalar.blockPlainAllowed = false
        }
        if flowIndicators {
            scalar.flowPlainAllowed = false
        }
        if blockIndicators {
            scalar.blockPlainAllowed = false
        }
    }

    // MARK: Scalar writers

    public mutating func writePlainScalar(_ value: [UInt8], allowBreaks: Bool) {
        if !value.isEmpty && !whitespace {
            put(0x20)
        }
        var spaces = false
        var breaks = false
        var i = 0
        while i < value.count {
            if value[i] == 0x20 {
                if allowBreaks && !spaces && column > bestWidth && !GoYAMLBytes.isSpace(value, i + 1) {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else if GoYAMLBytes.isBreak(value, i) {
                if !breaks && value[i] == 0x0A {
                    putBreak()
                }
                writeBreak(value, &i)
                breaks = true
            } else {
                if breaks {
                    writeIndent()
                }
                write(value, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        if !value.isEmpty {
            whitespace = false
        }
        indention = false
    }

    public mutating func writeSingleQuotedScalar(_ value: [UInt8], allowBreaks: Bool) {
        writeIndicator([UInt8(ascii: "'")], needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false
        var breaks = false
        var i = 0
        while i < value.count {
            if value[i] == 0x20 {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < value.count - 1 && !GoYAMLBytes.isSpace(value, i + 1) {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else if GoYAMLBytes.isBreak(value, i) {
                if !breaks && value[i] == 0x0A {
                    putBreak()
                }
                writeBreak(value, &i)
                breaks = true
            } else {
                if breaks {
                    writeIndent()
                }
                if value[i] == UInt8(ascii: "'") {
                    put(UInt8(ascii: "'"))
                }
                write(value, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        writeIndicator([UInt8(ascii: "'")], needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    public mutating func writeDoubleQuotedScalar(_ value: [UInt8], allowBreaks: Bool) {
        var spaces = false
        writeIndicator([UInt8(ascii: "\"")], needWhitespace: true, isWhitespace: false, isIndention: false)
        var i = 0
        while i < value.count {
            let c = value[i]
            if !GoYAMLBytes.isPrintable(value, i) || GoYAMLBytes.startsWithBOM(value) || GoYAMLBytes.isBreak(value, i)
                || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\")
            {
                let (w, v) = GoYAMLBytes.decode(value, i)
                i += w
                put(UInt8(ascii: "\\"))
                switch v {
                case 0x00: put(UInt8(ascii: "0"))
                case 0x07: put(UInt8(ascii: "a"))
                case 0x08: put(UInt8(ascii: "b"))
                case 0x09: put(UInt8(ascii: "t"))
                case 0x0A: put(UInt8(ascii: "n"))
                case 0x0B: put(UInt8(ascii: "v"))
                case 0x0C: put(UInt8(ascii: "f"))
                case 0x0D: put(UInt8(ascii: "r"))
                case 0x1B: put(UInt8(ascii: "e"))
                case 0x22: put(UInt8(ascii: "\""))
                case 0x5C: put(UInt8(ascii: "\\"))
                case 0x85: put(UInt8(ascii: "N"))
                case 0xA0: put(UInt8(ascii: "_"))
                case 0x2028: put(UInt8(ascii: "L"))
                case 0x2029: put(UInt8(ascii: "P"))
                default:
                    let digits: Int
                    if v <= 0xFF {
                        put(UInt8(ascii: "x"))
                        digits = 2
                    } else if v <= 0xFFFF {
                        put(UInt8(ascii: "u"))
                        digits = 4
                    } else {
                        put(UInt8(ascii: "U"))
                        digits = 8
                    }
                    var shift = (digits - 1) * 4
                    while shift >= 0 {
                        let digit = UInt8((v >> UInt32(shift)) & 0x0F)
                        put(digit < 10 ? digit + UInt8(ascii: "0") : digit + UInt8(ascii: "A") - 10)
                        shift -= 4
                    }
                }
                spaces = false
            } else if c == 0x20 {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < value.count - 1 {
                    writeIndent()
                    if GoYAMLBytes.isSpace(value, i + 1) {
                        put(UInt8(ascii: "\\"))
                    }
                    i += 1
                } else {
                    write(value, &i)
                }
                spaces = true
            } else {
                write(value, &i)
                spaces = false
            }
        }
        writeIndicator([UInt8(ascii: "\"")], needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    public mutating func writeBlockScalarHints(_ value: [UInt8]) {
        if GoYAMLBytes.isSpace(value, 0) || GoYAMLBytes.isBreak(value, 0) {
            writeIndicator([UInt8(ascii: "0") + UInt8(bestIndent)], needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        var chompHint: UInt8 = 0
        if value.isEmpty {
            chompHint = UInt8(ascii: "-")
        } else {
            var i = value.count - 1
            while i > 0 && value[i] & 0xC0 == 0x80 {
                i -= 1
            }
            if !GoYAMLBytes.isBreak(value, i) {
                chompHint = UInt8(ascii: "-")
            } else if i == 0 {
                chompHint = UInt8(ascii: "+")
            } else {
                i -= 1
                while i > 0 && value[i] & 0xC0 == 0x80 {
                    i -= 1
                }
                if GoYAMLBytes.isBreak(value, i) {
                    chompHint = UInt8(ascii: "+")
                }
            }
        }
        if chompHint != 0 {
            writeIndicator([chompHint], needWhitespace: false, isWhitespace: false, isIndention: false)
        }
    }

    public mutating func writeLiteralScalar(_ value: [UInt8]) {
        writeIndicator([UInt8(ascii: "|")], needWhitespace: true, isWhitespace: false, isIndention: false)
        writeBlockScalarHints(value)
        whitespace = true
        var breaks = true
        var i = 0
        while i < value.count {
            if GoYAMLBytes.isBreak(value, i) {
                writeBreak(value, &i)
                breaks = true
            } else {
                if breaks {
                    writeIndent()
                }
                write(value, &i)
                indention = false
                breaks = false
            }
        }
    }

    public mutating func writeFoldedScalar(_ value: [UInt8]) {
        writeIndicator([UInt8(ascii: ">")], needWhitespace: true, isWhitespace: false, isIndention: false)
        writeBlockScalarHints(value)
        whitespace = true
        var breaks = true
        var leadingSpaces = true
        var i = 0
        while i < value.count {
            if GoYAMLBytes.isBreak(value, i) {
                if !breaks && !leadingSpaces && value[i] == 0x0A {
                    var k = 0
                    while GoYAMLBytes.isBreak(value, k) {
                        k += max(1, GoYAMLBytes.width(value[k]))
                    }
                    if !GoYAMLBytes.isBlankOrEnd(value, k) {
                        putBreak()
                    }
                }
                writeBreak(value, &i)
                breaks = true
            } else {
                if breaks {
                    writeIndent()
                    leadingSpaces = GoYAMLBytes.isBlank(value, i)
                }
                if !breaks && value[i] == 0x20 && !GoYAMLBytes.isSpace(value, i + 1) && column > bestWidth {
                    writeIndent()
                    i += 1
                } else {
                    write(value, &i)
                }
                indention = false
                breaks = false
            }
        }
    }
}
