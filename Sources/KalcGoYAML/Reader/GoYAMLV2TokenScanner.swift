import KalcGo

/// yaml.v2's scanners for what lies between tokens and for directives, anchors, aliases
/// and tags (`scannerc.go`).
extension GoYAMLV2Parser {
    public mutating func scanToNextToken() -> Bool {
        while true {
            if !cache(1) {
                return false
            }
            // libyaml's `is_bom` looks at the start of the buffer, not at the current
            // position; yaml.v2 inherits that, and so does this port.
            if mark.column == 0 && GoYAMLBytes.startsWithBOM(buffer) {
                skip()
            }
            if !cache(1) {
                return false
            }
            while byte() == 0x20 || ((flowLevel > 0 || !simpleKeyAllowed) && byte() == 0x09) {
                skip()
                if !cache(1) {
                    return false
                }
            }
            if byte() == UInt8(ascii: "#") {
                while !isBreakOrEnd() {
                    skip()
                    if !cache(1) {
                        return false
                    }
                }
            }
            if isBreak() {
                if !cache(2) {
                    return false
                }
                skipLine()
                if flowLevel == 0 {
                    simpleKeyAllowed = true
                }
            } else {
                break
            }
        }
        return true
    }

    public mutating func scanDirective() -> GoYAMLV2Token? {
        let start = mark
        skip()
        guard let name = scanDirectiveName(start) else { return nil }
        var token: GoYAMLV2Token
        if name == Array("YAML".utf8) {
            guard let (major, minor) = scanVersionDirectiveValue(start) else { return nil }
            token = GoYAMLV2Token(type: .versionDirective, startMark: start, endMark: mark)
            token.major = major
            token.minor = minor
        } else if name == Array("TAG".utf8) {
            guard let (handle, prefix) = scanTagDirectiveValue(start) else { return nil }
            token = GoYAMLV2Token(type: .tagDirective, startMark: start, endMark: mark)
            token.value = handle
            token.prefix = prefix
        } else {
            setScannerError("while scanning a directive", start, "found unknown directive name")
            return nil
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
            setScannerError("while scanning a directive", start, "did not find expected comment or line break")
            return nil
        }
        if isBreak() {
            if !cache(2) {
                return nil
            }
            skipLine()
        }
        return token
    }

    public mutating func scanDirectiveName(_ start: GoYAMLV2Mark) -> [UInt8]? {
        if !cache(1) {
            return nil
        }
        var s: [UInt8] = []
        while GoYAMLBytes.isAlpha(buffer, bufferPos) {
            read(&s)
            if !cache(1) {
                return nil
            }
        }
        if s.isEmpty {
            setScannerError("while scanning a directive", start, "could not find expected directive name")
            return nil
        }
        if !isBlankOrEnd() {
            setScannerError("while scanning a directive", start, "found unexpected non-alphabetical character")
            return nil
        }
        return s
    }

    public mutating func scanVersionDirectiveValue(_ start: GoYAMLV2Mark) -> (Int, Int)? {
        if !cache(1) {
            return nil
        }
        while isBlank() {
            skip()
            if !cache(1) {
                return nil
            }
        }
        guard let major = scanVersionDirectiveNumber(start) else { return nil }
        if byte() != UInt8(ascii: ".") {
            setScannerError("while scanning a %YAML directive", start, "did not find expected digit or '.' character")
            return nil
        }
        skip()
        guard let minor = scanVersionDirectiveNumber(start) else { return nil }
        return (major, minor)
    }

    public mutating func scanVersionDirectiveNumber(_ start: GoYAMLV2Mark) -> Int? {
        if !cache(1) {
            return nil
        }
        var value = 0
        var length = 0
        while GoYAMLBytes.isDigit(buffer, bufferPos) {
            length += 1
            if length > 2 {
                setScannerError("while scanning a %YAML directive", start, "found extremely long version number")
                return nil
            }
            value = value * 10 + Int(byte() - 0x30)
            skip()
            if !cache(1) {
                return nil
            }
        }
        if length == 0 {
            setScannerError("while scanning a %YAML directive", start, "did not find expected version number")
            return nil
        }
        return value
    }

    public mutating func scanTagDirectiveValue(_ start: GoYAMLV2Mark) -> ([UInt8], [UInt8])? {
        if !cache(1) {
            return nil
        }
        while isBlank() {
            skip()
            if !cache(1) {
                return nil
            }
        }
        guard let handle = scanTagHandle(directive: true, start) else { return nil }
        if !cache(1) {
            return nil
        }
        if !isBlank() {
            setScannerError("while scanning a %TAG directive", start, "did not find expected whitespace")
            return nil
        }
        while isBlank() {
            skip()
            if !cache(1) {
                return nil
            }
        }
        guard let prefix = scanTagURI(directive: true, head: [], start) else { return nil }
        if !cache(1) {
            return nil
        }
        if !isBlankOrEnd() {
            setScannerError("while scanning a %TAG directive", start, "did not find expected whitespace or line break")
            return nil
        }
        return (handle, prefix)
    }

    public mutating func scanAnchor(_ type: GoYAMLV2TokenType) -> GoYAMLV2Token? {
        var s: [UInt8] = []
        let start = mark
        skip()
        if !cache(1) {
            return nil
        }
        while GoYAMLBytes.isAlpha(buffer, bufferPos) {
            read(&s)
            if !cache(1) {
                return nil
            }
        }
        let end = mark
        let c = byte()
        let endsWell =
            isBlankOrEnd() || c == UInt8(ascii: "?") || c == UInt8(ascii: ":") || c == UInt8(ascii: ",")
            || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: "%") || c == UInt8(ascii: "@") || c == UInt8(ascii: "`")
        if s.isEmpty || !endsWell {
            setScannerError(
                type == .anchor ? "while scanning an anchor" : "while scanning an alias", start,
                "did not find expected alphabetic or numeric character")
            return nil
        }
        var token = GoYAMLV2Token(type: type, startMark: start, endMark: end)
        token.value = s
        return token
    }

    public mutating func scanTag() -> GoYAMLV2Token? {
        var handle: [UInt8] = []
        var suffix: [UInt8] = []
        let start = mark
        if !cache(2) {
            return nil
        }
        if byte(1) == UInt8(ascii: "<") {
            skip()
            skip()
            guard let uri = scanTagURI(directive: false, head: [], start) else { return nil }
            suffix = uri
            if byte() != UInt8(ascii: ">") {
                setScannerError("while scanning a tag", start, "did not find the expected '>'")
                return nil
            }
            skip()
        } else {
            guard let scanned = scanTagHandle(directive: false, start) else { return nil }
            handle = scanned
            if handle.first == UInt8(ascii: "!") && handle.count > 1 && handle.last == UInt8(ascii: "!") {
                guard let uri = scanTagURI(directive: false, head: [], start) else { return nil }
                suffix = uri
            } else {
                guard let uri = scanTagURI(directive: false, head: handle, start) else { return nil }
                suffix = uri
                handle = [UInt8(ascii: "!")]
                if suffix.isEmpty {
                    swap(&handle, &suffix)
                }
            }
        }
        if !cache(1) {
            return nil
        }
        if !isBlankOrEnd() {
            setScannerError("while scanning a tag", start, "did not find expected whitespace or line break")
            return nil
        }
        var token = GoYAMLV2Token(type: .tag, startMark: start, endMark: mark)
        token.value = handle
        token.suffix = suffix
        return token
    }

    public mutating func scanTagHandle(directive: Bool, _ start: GoYAMLV2Mark) -> [UInt8]? {
        if !cache(1) {
            return nil
        }
        if byte() != UInt8(ascii: "!") {
            setScannerTagError(directive: directive, start, "did not find expected '!'")
            return nil
        }
        var s: [UInt8] = []
        read(&s)
        if !cache(1) {
            return nil
        }
        while GoYAMLBytes.isAlpha(buffer, bufferPos) {
            read(&s)
            if !cache(1) {
                return nil
            }
        }
        if byte() == UInt8(ascii: "!") {
            read(&s)
        } else if directive && s != [UInt8(ascii: "!")] {
            setScannerTagError(directive: directive, start, "did not find expected '!'")
            return nil
        }
        return s
    }

    public func isURICharacter() -> Bool {
        if GoYAMLBytes.isAlpha(buffer, bufferPos) {
            return true
        }
        switch byte() {
        case UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "&"),
            UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "$"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "!"),
            UInt8(ascii: "~"), UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    public mutating func scanTagURI(directive: Bool, head: [UInt8], _ start: GoYAMLV2Mark) -> [UInt8]? {
        var s: [UInt8] = []
        var hasTag = !head.isEmpty
        if head.count > 1 {
            s.append(contentsOf: head[1...])
        }
        if !cache(1) {
            return nil
        }
        while isURICharacter() {
            if byte() == UInt8(ascii: "%") {
                if !scanURIEscapes(directive: directive, start, &s) {
                    return nil
                }
            } else {
                read(&s)
            }
            if !cache(1) {
                return nil
            }
            hasTag = true
        }
        if !hasTag {
            setScannerTagError(directive: directive, start, "did not find expected tag URI")
            return nil
        }
        return s
    }

    public mutating func scanURIEscapes(directive: Bool, _ start: GoYAMLV2Mark, _ s: inout [UInt8]) -> Bool {
        var w = 1024
        while w > 0 {
            if !cache(3) {
                return false
            }
            if !(byte() == UInt8(ascii: "%") && GoYAMLBytes.isHex(buffer, bufferPos + 1) && GoYAMLBytes.isHex(buffer, bufferPos + 2)) {
                return setScannerTagError(directive: directive, start, "did not find URI escaped octet")
            }
            let octet = UInt8((GoYAMLBytes.asHex(buffer, bufferPos + 1) << 4) + GoYAMLBytes.asHex(buffer, bufferPos + 2))
            if w == 1024 {
                w = GoYAMLBytes.width(octet)
                if w == 0 {
                    return setScannerTagError(directive: directive, start, "found an incorrect leading UTF-8 octet")
                }
            } else if octet & 0xC0 != 0x80 {
                return setScannerTagError(directive: directive, start, "found an incorrect trailing UTF-8 octet")
            }
            s.append(octet)
            skip()
            skip()
            skip()
            w -= 1
        }
        return true
    }
}
