import KalcGo

/// sprig's string functions (`strings.go`, and the goutils and xstrings helpers it calls).
enum SprigStrings {
    typealias S = Sprig

    static func str(_ name: String, _ f: @escaping @Sendable (String) -> String) -> TemplateFunction {
        TemplateFunction(name, [.string], result: .string, body: .values { a throws(FunctionFailure) in .string(f(S.string(a, 0))) })
    }

    static func str2(_ name: String, _ f: @escaping @Sendable (String, String) -> String) -> TemplateFunction {
        TemplateFunction(
            name, [.string, .string], result: .string,
            body: .values { a throws(FunctionFailure) in
                .string(f(S.string(a, 0), S.string(a, 1)))
            })
    }

    static func predicate(_ name: String, _ f: @escaping @Sendable (String, String) -> Bool) -> TemplateFunction {
        TemplateFunction(
            name, [.string, .string], result: .bool,
            body: .values { a throws(FunctionFailure) in
                .bool(f(S.string(a, 0), S.string(a, 1)))
            })
    }

    static let all: [TemplateFunction] = [
        TemplateFunction("hello", [], result: .string, body: .values { _ throws(FunctionFailure) in .string("Hello!") }),
        TemplateFunction(
            "abbrev", [.int, .string], result: .string,
            body: .values { a throws(FunctionFailure) in
                let width = S.int(a, 0), s = S.string(a, 1)
                if width < 4 { return .string(s) }
                return .string(try S.exactString(abbreviateFull(Array(s.utf8), offset: 0, maxWidth: width) ?? []))
            }),
        TemplateFunction(
            "abbrevboth", [.int, .int, .string], result: .string,
            body: .values { a throws(FunctionFailure) in
                let left = S.int(a, 0), right = S.int(a, 1), s = S.string(a, 2)
                if right < 4 || left > 0 && right < 7 { return .string(s) }
                return .string(try S.exactString(abbreviateFull(Array(s.utf8), offset: left, maxWidth: right) ?? []))
            }),
        TemplateFunction(
            "trunc", [.int, .string], result: .string,
            body: .values { a throws(FunctionFailure) in
                let c = S.int(a, 0), s = S.string(a, 1)
                if s.utf8.count <= c { return .string(s) }
                return .string(try S.substring(s, 0, c))
            }),
        str("trim", GoStrings.trimSpace),
        str("upper", GoStrings.toUpper),
        str("lower", GoStrings.toLower),
        str("title", GoStrings.title),
        str("untitle", uncapitalize),
        TemplateFunction(
            "substr", [.int, .int, .string], result: .string,
            body: .values { a throws(FunctionFailure) in
                let start = S.int(a, 0), end = S.int(a, 1), s = S.string(a, 2)
                if start < 0 { return .string(try S.substring(s, nil, end)) }
                if end < 0 || end > s.utf8.count { return .string(try S.substring(s, start, nil)) }
                return .string(try S.substring(s, start, end))
            }),
        TemplateFunction(
            "repeat", [.int, .string], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                let count = S.int(a, 0), s = S.string(a, 1)
                if count < 0 { throw FunctionFailure("strings: negative Repeat count") }
                try budget.reserve(count, of: s.utf8.count)
                return .string(String(repeating: s, count: count))
            }),
        str2("trimall") { a, b in GoStrings.trim(b, a) },
        str2("trimAll") { a, b in GoStrings.trim(b, a) },
        str2("trimSuffix") { a, b in GoStrings.trimSuffix(b, a) },
        str2("trimPrefix") { a, b in GoStrings.trimPrefix(b, a) },
        str("nospace", deleteWhiteSpace),
        str("initials", initials),
        str("swapcase", swapCase),
        str("snakecase") { camelCaseToLowerCase($0, connector: "_") },
        str("kebabcase") { camelCaseToLowerCase($0, connector: "-") },
        str("camelcase", toCamelCase),
        TemplateFunction(
            "wrap", [.int, .string], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try reserveWrapping(S.string(a, 1), S.int(a, 0), "", &budget)
                return .string(try S.exactString(wrapCustom(S.string(a, 1), S.int(a, 0), "", false)))
            }),
        TemplateFunction(
            "wrapWith", [.int, .string, .string], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try reserveWrapping(S.string(a, 2), S.int(a, 0), S.string(a, 1), &budget)
                return .string(try S.exactString(wrapCustom(S.string(a, 2), S.int(a, 0), S.string(a, 1), true)))
            }),
        predicate("contains") { substr, s in GoStrings.contains(s, substr) },
        predicate("hasPrefix") { prefix, s in GoStrings.hasPrefix(s, prefix) },
        predicate("hasSuffix") { suffix, s in GoStrings.hasSuffix(s, suffix) },
        TemplateFunction(
            "quote", [], variadic: .any, result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                return .string(a.filter { $0 != .nil }.map { GoStrconv.quote(S.strval($0)) }.joined(separator: " "))
            }),
        TemplateFunction(
            "squote", [], variadic: .any, result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                return .string(a.filter { $0 != .nil }.map { GoFormat.sprintf("'%v'", [$0]) }.joined(separator: " "))
            }),
        TemplateFunction(
            "cat", [], variadic: .any, result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                let values = a.filter { $0 != .nil }
                let format = GoStrings.trimSpace(String(repeating: "%v ", count: values.count))
                return .string(GoFormat.sprintf(format, values))
            }),
        TemplateFunction(
            "indent", [.int, .string], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                .string(try indent(S.int(a, 0), S.string(a, 1), budget))
            }),
        TemplateFunction(
            "nindent", [.int, .string], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(1)
                return .string("\n" + (try indent(S.int(a, 0), S.string(a, 1), budget)))
            }),
        TemplateFunction(
            "replace", [.string, .string, .string], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                let s = S.string(a, 2), old = S.string(a, 0), new = S.string(a, 1)
                if new.utf8.count > old.utf8.count {
                    let replacements = GoStrings.count(GoStrings.bytes(s), GoStrings.bytes(old))
                    try budget.reserve(replacements, of: new.utf8.count - old.utf8.count)
                    try budget.reserve(s.utf8.count + replacements * (new.utf8.count - old.utf8.count))
                }
                return .string(GoStrings.replaceAll(s, old, new))
            }),
        TemplateFunction(
            "plural", [.string, .string, .int], result: .string,
            body: .values { a throws(FunctionFailure) in
                .string(S.int(a, 2) == 1 ? S.string(a, 0) : S.string(a, 1))
            }),
        str("sha1sum") { Digest.hex(Digest.sha1(Array($0.utf8))) },
        str("sha256sum") { Digest.hex(Digest.sha256(Array($0.utf8))) },
        str("adler32sum") { String(Digest.adler32(Array($0.utf8))) },
        TemplateFunction(
            "toString", [.any], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                return .string(S.strval(a[0]))
            }),
        TemplateFunction(
            "split", [.string, .string], result: .value(.map(key: .string, value: .string)),
            body: .values { a throws(FunctionFailure) in
                splitMap(GoStrings.split(S.string(a, 1), S.string(a, 0)) ?? [])
            }),
        TemplateFunction(
            "splitList", [.string, .string], result: .stringSlice,
            body: .values { a throws(FunctionFailure) in
                S.stringList(GoStrings.split(S.string(a, 1), S.string(a, 0)) ?? [])
            }),
        TemplateFunction(
            "splitn", [.string, .int, .string], result: .value(.map(key: .string, value: .string)),
            body: .values { a throws(FunctionFailure) in
                splitMap(GoStrings.split(S.string(a, 2), S.string(a, 0), S.int(a, 1)) ?? [])
            }),
        TemplateFunction(
            "toStrings", [.any], result: .stringSlice,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                return S.stringList(strslice(a[0]))
            }),
        TemplateFunction(
            "join", [.string, .any], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: [a[1]])
                if case .slice(let list) = a[1] { try budget.reserve(list.elements.count, of: S.string(a, 0).utf8.count) }
                return .string(strslice(a[1]).joined(separator: S.string(a, 0)))
            }),
        TemplateFunction(
            "sortAlpha", [.any], result: .stringSlice,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                switch a[0] {
                case .slice: return S.stringList(strslice(a[0]).sorted(by: GoOrdering.less))
                default: return S.stringList([S.strval(a[0])])
                }
            }),
        str("b64enc") { GoBase64.encode(Array($0.utf8)) },
        TemplateFunction(
            "b64dec", [.string], result: .string,
            body: .values { a throws(FunctionFailure) in
                switch GoBase64.decode(S.string(a, 0)) {
                case .success(let bytes): return .string(try S.exactString(bytes))
                case .failure(let error): return .string(error.message)
                }
            }),
        str("b32enc") { GoBase32.encode(Array($0.utf8)) },
        TemplateFunction(
            "b32dec", [.string], result: .string,
            body: .values { a throws(FunctionFailure) in
                switch GoBase32.decode(S.string(a, 0)) {
                case .success(let bytes): return .string(try S.exactString(bytes))
                case .failure(let error): return .string(error.message)
                }
            }),
    ]

    // MARK: Helpers

    static func splitMap(_ parts: [String]) -> GoValue {
        var map = GoMap(keyType: .string, valueType: .string)
        for (i, part) in parts.enumerated() { map.entries[.string("_\(i)")] = .string(part) }
        return .map(map)
    }

    /// sprig's `strslice`.
    static func strslice(_ v: GoValue) -> [String] {
        switch v {
        case .nil: return []
        case .slice(let s):
            if s.elementType == .string { return s.elements.map { S.strval($0) } }
            return s.elements.filter { $0 != .nil }.map { S.strval($0) }
        default:
            return [S.strval(v)]
        }
    }

    static func indent(_ spaces: Int, _ v: String, _ budget: RenderBudget) throws(FunctionFailure) -> String {
        if spaces < 0 { throw FunctionFailure("strings: negative Repeat count") }
        let lines = v.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + 1
        try budget.reserve(lines, of: spaces)
        try budget.reserve(v.utf8.count + lines * spaces)
        let pad = String(repeating: " ", count: spaces)
        return pad + GoStrings.replaceAll(v, "\n", "\n" + pad)
    }

    /// goutils `AbbreviateFull` (nil for its error results).
    static func abbreviateFull(_ s: [UInt8], offset: Int, maxWidth: Int) -> [UInt8]? {
        let marker = Array("...".utf8)
        if s.isEmpty { return [] }
        if maxWidth < 4 { return nil }
        if s.count <= maxWidth { return s }
        var offset = offset
        if offset > s.count { offset = s.count }
        if s.count - offset < maxWidth - 3 { offset = s.count - (maxWidth - 3) }
        if offset <= 4 { return Array(s[0..<(maxWidth - 3)]) + marker }
        if maxWidth < 7 { return nil }
        if offset + maxWidth - 3 < s.count {
            return marker + (abbreviateFull(Array(s[offset...]), offset: 0, maxWidth: maxWidth - 3) ?? [])
        }
        return marker + s[(s.count - (maxWidth - 3))...]
    }

    /// goutils `DeleteWhiteSpace` (which reads bytes as Latin-1 runes).
    static func deleteWhiteSpace(_ str: String) -> String {
        if str.isEmpty { return str }
        let bytes = Array(str.utf8)
        var out = String.UnicodeScalarView()
        var count = 0
        for byte in bytes {
            let ch = GoUnicode.latin1(byte)
            if !GoUnicode.isSpace(ch) {
                out.append(ch)
                count += 1
            }
        }
        if count == bytes.count { return str }
        return String(out)
    }

    /// goutils `Initials` (which reads bytes as Latin-1 runes).
    static func initials(_ str: String) -> String {
        if str.isEmpty { return str }
        var out = String.UnicodeScalarView()
        var lastWasGap = true
        for byte in str.utf8 {
            let ch = GoUnicode.latin1(byte)
            if GoUnicode.isSpace(ch) {
                lastWasGap = true
            } else if lastWasGap {
                out.append(ch)
                lastWasGap = false
            }
        }
        return String(out)
    }

    /// goutils `Uncapitalize`.
    static func uncapitalize(_ str: String) -> String {
        if str.isEmpty { return str }
        var next = true
        return GoUnicode.map(str) { ch in
            if GoUnicode.isSpace(ch) {
                next = true
                return ch
            }
            if next {
                next = false
                return GoUnicode.toLower(ch)
            }
            return ch
        }
    }

    /// goutils `SwapCase`.
    static func swapCase(_ str: String) -> String {
        if str.isEmpty { return str }
        var whitespace = true
        return GoUnicode.map(str) { ch in
            if GoUnicode.isUpper(ch) || GoUnicode.isTitle(ch) {
                whitespace = false
                return GoUnicode.toLower(ch)
            }
            if GoUnicode.isLower(ch) {
                if whitespace {
                    whitespace = false
                    return GoUnicode.toTitle(ch)
                }
                return GoUnicode.toUpper(ch)
            }
            whitespace = GoUnicode.isSpace(ch)
            return ch
        }
    }

    /// Fails unless the text `wrapCustom` builds fits the budget: a new line at most every
    /// `wrapLength` bytes (and at every space).
    static func reserveWrapping(_ str: String, _ wrapLength: Int, _ newLine: String, _ budget: inout RenderBudget) throws(FunctionFailure) {
        let breaks = str.utf8.count / max(wrapLength, 1) + str.utf8.reduce(0) { $0 + ($1 == 0x20 ? 1 : 0) } + 1
        let newLineSize = newLine.isEmpty ? 1 : newLine.utf8.count
        try budget.reserve(breaks, of: newLineSize)
        try budget.reserve(str.utf8.count + breaks * newLineSize)
    }

    /// goutils `WrapCustom`.
    static func wrapCustom(_ str: String, _ wrapLength: Int, _ newLine: String, _ wrapLongWords: Bool) -> [UInt8] {
        if str.isEmpty { return [] }
        let s = Array(str.utf8)
        let newLineBytes = Array((newLine.isEmpty ? "\n" : newLine).utf8)
        let length = max(wrapLength, 1)
        var offset = 0
        var out: [UInt8] = []
        while s.count - offset > length {
            if s[offset] == 0x20 {
                offset += 1
                continue
            }
            let end = length + offset + 1
            let window = s[offset..<min(end, s.count)]
            var lastSpace = -1
            for (i, c) in window.enumerated() where c == 0x20 { lastSpace = i }
            let spaceToWrapAt = lastSpace + offset
            if spaceToWrapAt >= offset && lastSpace >= 0 {
                out.append(contentsOf: s[offset..<spaceToWrapAt])
                out.append(contentsOf: newLineBytes)
                offset = spaceToWrapAt + 1
            } else if wrapLongWords {
                out.append(contentsOf: s[offset..<(length + offset)])
                out.append(contentsOf: newLineBytes)
                offset += length
            } else {
                let wordEnd = length + offset
                if let index = s[wordEnd...].firstIndex(of: 0x20) {
                    out.append(contentsOf: s[offset..<index])
                    out.append(contentsOf: newLineBytes)
                    offset = index + 1
                } else {
                    out.append(contentsOf: s[offset...])
                    offset = s.count
                }
            }
        }
        if offset < s.count { out.append(contentsOf: s[offset...]) }
        return out
    }

    // MARK: xstrings case conversion

    private static func isConnector(_ r: Unicode.Scalar) -> Bool { r == "-" || r == "_" || GoUnicode.isSpace(r) }

    private static func isAlphabet(_ r: Unicode.Scalar) -> Bool {
        guard GoUnicode.isLetter(r) else { return false }
        let v = r.value
        if v < 0x3400 { return true }
        if v >= 0x4E00 && v <= 0x9FCC { return false }
        if v >= 0x3400 && v <= 0x4D85 { return false }
        if v >= 0x20000 && v <= 0x2B81D { return false }
        return true
    }

    /// xstrings `ToCamelCase`.
    static func toCamelCase(_ str: String) -> String {
        if str.isEmpty { return "" }
        var scalars = Array(str.unicodeScalars)[...]
        var out = String.UnicodeScalarView()
        var r0: Unicode.Scalar = " "
        var consumed = false
        while let first = scalars.first {
            r0 = first
            scalars = scalars.dropFirst()
            consumed = true
            if !isConnector(r0) {
                r0 = GoUnicode.toUpper(r0)
                break
            }
            out.append(r0)
        }
        if scalars.isEmpty {
            if consumed { out.append(r0) }
            return String(out)
        }
        while let next = scalars.first {
            let r1 = r0
            r0 = next
            scalars = scalars.dropFirst()
            if isConnector(r0) && isConnector(r1) {
                out.append(r1)
                continue
            }
            if isConnector(r1) {
                r0 = GoUnicode.toUpper(r0)
            } else {
                r0 = GoUnicode.toLower(r0)
                out.append(r1)
            }
        }
        out.append(r0)
        return String(out)
    }

    private enum WordType { case invalid, number, upperCase, alphabet, connector, punct, other }

    private static func nextWord(_ str: ArraySlice<Unicode.Scalar>) -> (WordType, ArraySlice<Unicode.Scalar>, ArraySlice<Unicode.Scalar>) {
        guard let r = str.first else { return (.invalid, str, str) }
        var offset = 1
        var remaining = str.dropFirst()
        var wt: WordType
        if isConnector(r) {
            wt = .connector
            while let c = remaining.first, isConnector(c) {
                offset += 1
                remaining = remaining.dropFirst()
            }
        } else if GoUnicode.isPunct(r) {
            wt = .punct
            while let c = remaining.first, GoUnicode.isPunct(c) {
                offset += 1
                remaining = remaining.dropFirst()
            }
        } else if GoUnicode.isUpper(r) {
            wt = .upperCase
            if let c = remaining.first {
                if GoUnicode.isUpper(c) {
                    offset += 1
                    remaining = remaining.dropFirst()
                    var last: Unicode.Scalar = c
                    while let d = remaining.first {
                        last = d
                        if !GoUnicode.isUpper(d) { break }
                        offset += 1
                        remaining = remaining.dropFirst()
                    }
                    if !remaining.isEmpty && isAlphabet(last) {
                        offset -= 1
                        remaining = str.dropFirst(offset)
                    }
                } else if isAlphabet(c) {
                    offset += 1
                    remaining = remaining.dropFirst()
                    while let d = remaining.first, isAlphabet(d), !GoUnicode.isUpper(d) {
                        offset += 1
                        remaining = remaining.dropFirst()
                    }
                }
            }
        } else if isAlphabet(r) {
            wt = .alphabet
            while let d = remaining.first, isAlphabet(d), !GoUnicode.isUpper(d) {
                offset += 1
                remaining = remaining.dropFirst()
            }
        } else if GoUnicode.isNumber(r) {
            wt = .number
            while let d = remaining.first, GoUnicode.isNumber(d) {
                offset += 1
                remaining = remaining.dropFirst()
            }
        } else {
            wt = .other
            while let d = remaining.first, !(isConnector(d) || isAlphabet(d) || GoUnicode.isNumber(d) || GoUnicode.isPunct(d)) {
                offset += 1
                remaining = remaining.dropFirst()
            }
        }
        return (wt, str.prefix(offset), remaining)
    }

    private static func toLower(_ out: inout String.UnicodeScalarView, _ wt: WordType, _ word: ArraySlice<Unicode.Scalar>, _ connector: Unicode.Scalar) {
        if wt != .upperCase && wt != .connector {
            out.append(contentsOf: word)
            return
        }
        for r in word {
            if isConnector(r) {
                out.append(connector)
            } else if GoUnicode.isUpper(r) {
                out.append(GoUnicode.toLower(r))
            } else {
                out.append(r)
            }
        }
    }

    /// xstrings `camelCaseToLowerCase` (`ToSnakeCase`, `ToKebabCase`).
    static func camelCaseToLowerCase(_ str: String, connector: Unicode.Scalar) -> String {
        if str.isEmpty { return "" }
        var out = String.UnicodeScalarView()
        var (wt, word, remaining) = nextWord(Array(str.unicodeScalars)[...])
        while !remaining.isEmpty {
            if wt != .connector { toLower(&out, wt, word, connector) }
            let prev = wt
            let last = word
            (wt, word, remaining) = nextWord(remaining)
            switch prev {
            case .number:
                while wt == .alphabet || wt == .number {
                    toLower(&out, wt, word, connector)
                    (wt, word, remaining) = nextWord(remaining)
                }
                if wt != .invalid && wt != .punct && wt != .connector { out.append(connector) }
            case .connector:
                toLower(&out, prev, last, connector)
            case .punct:
                break
            default:
                if wt != .number {
                    if wt != .connector && wt != .punct { out.append(connector) }
                    break
                }
                if remaining.isEmpty { break }
                let numberWord = word
                (wt, word, remaining) = nextWord(remaining)
                if wt != .alphabet {
                    toLower(&out, .number, numberWord, connector)
                    if wt != .connector && wt != .punct { out.append(connector) }
                    break
                }
                out.append(connector)
                toLower(&out, .number, numberWord, connector)
                while wt == .alphabet || wt == .number {
                    toLower(&out, wt, word, connector)
                    (wt, word, remaining) = nextWord(remaining)
                }
                if wt != .invalid && wt != .connector && wt != .punct { out.append(connector) }
            }
        }
        toLower(&out, wt, word, connector)
        return String(out)
    }
}
