import KalcGo

/// A port of Go's `net/mail.ParseAddress` acceptance: one RFC 5322 address, either a bare
/// addr-spec (with an optional trailing comment) or `display name <addr-spec>`, or a group
/// holding exactly one address; RFC 2047 encoded words in names must use a known charset.
struct GoMailAddress {
    private var s: ArraySlice<UInt8>

    private struct Failure: Error {}

    /// Whether `mail.ParseAddress` accepts the text.
    static func parses(_ text: String) -> Bool {
        var parser = GoMailAddress(s: Array(text.utf8)[...])
        return parser.parseSingleAddress()
    }

    private mutating func parseSingleAddress() -> Bool {
        guard let addresses = try? parseAddress(handleGroup: true) else { return false }
        guard skipCFWS() else { return false }
        guard s.isEmpty else { return false }
        return addresses == 1
    }

    /// The number of addresses parsed (groups may hold several).
    private mutating func parseAddress(handleGroup: Bool) throws(Failure) -> Int {
        skipSpace()
        guard !s.isEmpty else { throw Failure() }
        if (try? consumeAddrSpec()) != nil {
            skipSpace()
            if s.first == UInt8(ascii: "(") {
                try consumeDisplayNameComment()
            }
            return 1
        }
        if s.first != UInt8(ascii: "<") {
            try consumePhrase()
        }
        skipSpace()
        if handleGroup && consume(UInt8(ascii: ":")) {
            return try consumeGroupList()
        }
        guard consume(UInt8(ascii: "<")) else { throw Failure() }
        _ = try consumeAddrSpec()
        guard consume(UInt8(ascii: ">")) else { throw Failure() }
        return 1
    }

    private mutating func consumeGroupList() throws(Failure) -> Int {
        var count = 0
        skipSpace()
        if consume(UInt8(ascii: ";")) {
            _ = skipCFWS()
            return 0
        }
        while true {
            skipSpace()
            count += try parseAddress(handleGroup: false)
            guard skipCFWS() else { throw Failure() }
            if consume(UInt8(ascii: ";")) {
                _ = skipCFWS()
                break
            }
            guard consume(UInt8(ascii: ",")) else { throw Failure() }
        }
        return count
    }

    private mutating func consumeAddrSpec() throws(Failure) {
        let original = s
        do throws(Failure) {
            skipSpace()
            guard !s.isEmpty else { throw Failure() }
            if s.first == UInt8(ascii: "\"") {
                let local = try consumeQuotedString()
                if local.isEmpty { throw Failure() }
            } else {
                _ = try consumeAtom(dot: true, permissive: false)
            }
            guard consume(UInt8(ascii: "@")) else { throw Failure() }
            skipSpace()
            guard !s.isEmpty else { throw Failure() }
            _ = try consumeAtom(dot: true, permissive: false)
        } catch {
            s = original
            throw error
        }
    }

    /// A display name: words (atoms or quoted strings); an error after the first word ends it.
    private mutating func consumePhrase() throws(Failure) {
        var words = 0
        var failed = false
        while true {
            skipSpace()
            if s.isEmpty { break }
            if s.first == UInt8(ascii: "\"") {
                guard (try? consumeQuotedString()) != nil else {
                    failed = true
                    break
                }
            } else {
                guard let atom = try? consumeAtom(dot: true, permissive: true) else {
                    failed = true
                    break
                }
                if GoMailAddress.encodedWordFails(atom) {
                    failed = true
                    break
                }
            }
            words += 1
        }
        if failed && words == 0 { throw Failure() }
    }

    private mutating func consumeQuotedString() throws(Failure) -> [UInt32] {
        var i = s.startIndex + 1
        var runes: [UInt32] = []
        var escaped = false
        while true {
            guard i < s.endIndex else { throw Failure() }
            let (scalar, width) = GoUTF8.decodeRune(s, at: i)
            if scalar == "\u{FFFD}" && width == 1 { throw Failure() }
            let r = scalar.value
            if escaped {
                guard GoMailAddress.isVchar(r) || GoMailAddress.isWSP(r) else { throw Failure() }
                runes.append(r)
                escaped = false
            } else if GoMailAddress.isQtext(r) || GoMailAddress.isWSP(r) {
                runes.append(r)
            } else if r == 0x22 {
                break
            } else if r == 0x5C {
                escaped = true
            } else {
                throw Failure()
            }
            i += width
        }
        s = s[(i + 1)...]
        return runes
    }

    private mutating func consumeAtom(dot: Bool, permissive: Bool) throws(Failure) -> [UInt8] {
        var i = s.startIndex
        while i < s.endIndex {
            let (scalar, width) = GoUTF8.decodeRune(s, at: i)
            if scalar == "\u{FFFD}" && width == 1 { throw Failure() }
            guard GoMailAddress.isAtext(scalar.value, dot: dot, permissive: permissive) else { break }
            i += width
        }
        guard i > s.startIndex else { throw Failure() }
        let atom = Array(s[..<i])
        s = s[i...]
        if !permissive {
            let dotByte = UInt8(ascii: ".")
            if atom.first == dotByte || atom.last == dotByte { throw Failure() }
            for index in atom.indices.dropLast() where atom[index] == dotByte && atom[index + 1] == dotByte { throw Failure() }
        }
        return atom
    }

    private mutating func consumeDisplayNameComment() throws(Failure) {
        guard consume(UInt8(ascii: "(")) else { throw Failure() }
        guard let comment = consumeComment() else { throw Failure() }
        let words = comment.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
        for word in words where GoMailAddress.encodedWordFails(Array(word)) { throw Failure() }
    }

    private mutating func consume(_ c: UInt8) -> Bool {
        guard s.first == c else { return false }
        s = s.dropFirst()
        return true
    }

    private mutating func skipSpace() {
        while let first = s.first, first == 0x20 || first == 0x09 { s = s.dropFirst() }
    }

    private mutating func skipCFWS() -> Bool {
        skipSpace()
        while consume(UInt8(ascii: "(")) {
            guard consumeComment() != nil else { return false }
            skipSpace()
        }
        return true
    }

    /// The comment text after an opening parenthesis, nil when it is not closed.
    private mutating func consumeComment() -> [UInt8]? {
        var depth = 1
        var comment: [UInt8] = []
        while !s.isEmpty && depth > 0 {
            if s.first == UInt8(ascii: "\\") && s.count > 1 {
                s = s.dropFirst()
            } else if s.first == UInt8(ascii: "(") {
                depth += 1
            } else if s.first == UInt8(ascii: ")") {
                depth -= 1
            }
            if depth > 0, let first = s.first { comment.append(first) }
            s = s.dropFirst()
        }
        return depth == 0 ? comment : nil
    }

    /// Whether the word is a well-formed RFC 2047 encoded word whose charset Go cannot
    /// decode (the only encoded-word problem `net/mail` reports).
    static func encodedWordFails(_ word: [UInt8]) -> Bool {
        let question = UInt8(ascii: "?")
        guard word.count >= 8, word[0] == UInt8(ascii: "="), word[1] == question,
            word[word.count - 2] == question, word[word.count - 1] == UInt8(ascii: "="),
            word.filter({ $0 == question }).count == 4
        else { return false }
        let inner = Array(word[2..<(word.count - 2)])
        let parts = inner.split(separator: question, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[1].count == 1 else { return false }
        let text = Array(parts[2])
        switch parts[1].first {
        case UInt8(ascii: "B"), UInt8(ascii: "b"):
            guard isBase64(text) else { return false }
        case UInt8(ascii: "Q"), UInt8(ascii: "q"):
            guard isQEncoded(text) else { return false }
        default:
            return false
        }
        let charset = String(decoding: parts[0], as: UTF8.self).lowercased()
        return !(charset == "utf-8" || charset == "iso-8859-1" || charset == "us-ascii")
    }

    private static func isQEncoded(_ text: [UInt8]) -> Bool {
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == UInt8(ascii: "=") {
                guard i + 2 < text.count, isUpperOrLowerHex(text[i + 1]), isUpperOrLowerHex(text[i + 2]) else { return false }
                i += 3
                continue
            }
            guard c == UInt8(ascii: "_") || (c >= 0x20 && c <= 0x7E) || c == 0x0A || c == 0x0D || c == 0x09 else { return false }
            i += 1
        }
        return true
    }

    private static func isUpperOrLowerHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    /// `base64.StdEncoding.DecodeString` acceptance (line breaks ignored, padding required).
    private static func isBase64(_ text: [UInt8]) -> Bool {
        let data = text.filter { $0 != 0x0A && $0 != 0x0D }
        guard data.count % 4 == 0 else { return false }
        func isAlphabet(_ c: UInt8) -> Bool {
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "/")
        }
        var index = 0
        while index < data.count {
            let quantum = data[index..<(index + 4)]
            let padding = quantum.reversed().prefix { $0 == UInt8(ascii: "=") }.count
            guard padding <= 2 else { return false }
            if padding > 0 && index + 4 != data.count { return false }
            guard quantum.prefix(4 - padding).allSatisfy(isAlphabet) else { return false }
            index += 4
        }
        return true
    }

    private static func isAtext(_ r: UInt32, dot: Bool, permissive: Bool) -> Bool {
        switch r {
        case 0x2E: return dot
        case 0x28, 0x29, 0x5B, 0x5D, 0x3B, 0x40, 0x5C, 0x2C: return permissive
        case 0x3C, 0x3E, 0x22, 0x3A: return false
        default: return isVchar(r)
        }
    }

    private static func isQtext(_ r: UInt32) -> Bool {
        r != 0x5C && r != 0x22 && isVchar(r)
    }

    private static func isVchar(_ r: UInt32) -> Bool {
        (r >= 0x21 && r <= 0x7E) || r >= 0x80
    }

    private static func isWSP(_ r: UInt32) -> Bool { r == 0x20 || r == 0x09 }
}
