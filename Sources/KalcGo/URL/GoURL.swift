/// A parsed URL (`net/url.URL`): `url.Parse`, `String`, `ResolveReference` and the
/// accessors sprig's `urlParse` reads. Components are kept as bytes, as in Go, since
/// unescaping may produce any byte.
public struct GoURL: Equatable, Sendable {
    public var scheme: [UInt8] = []
    public var opaque: [UInt8] = []
    public var user: GoUserinfo?
    public var host: [UInt8] = []
    public var path: [UInt8] = []
    public var rawPath: [UInt8] = []
    public var omitHost = false
    public var forceQuery = false
    public var rawQuery: [UInt8] = []
    public var fragment: [UInt8] = []
    public var rawFragment: [UInt8] = []

    /// Why `url.Parse` refused a text: `message` is Go's error without the `url.Error`
    /// wrapping, `text` the part of the input that wrapping quotes.
    public struct ParseError: Error, Equatable, Sendable {
        public let message: String
        public var text: [UInt8] = []

        /// `url.Error.Error()`: `parse "TEXT": MESSAGE`.
        public var goText: String { "parse \(GoStrconv.quote(bytes: text)): \(message)" }
    }

    public struct GoUserinfo: Equatable, Sendable {
        public var username: [UInt8]
        public var password: [UInt8]?
    }

    private typealias Encoding = GoURLEscape.EscapeMode

    public init() {}

    /// `url.Parse`.
    public static func parse(_ text: String) throws(ParseError) -> GoURL {
        let raw = Array(text.utf8)
        let hash = raw.firstIndex(of: UInt8(ascii: "#"))
        let main = hash.map { Array(raw[..<$0]) } ?? raw
        var url: GoURL
        do throws(ParseError) {
            url = try parseWithoutFragment(main)
        } catch {
            throw ParseError(message: error.message, text: main)
        }
        if let hash {
            let fragmentBytes = Array(raw[(hash + 1)...])
            do throws(ParseError) {
                if !fragmentBytes.isEmpty { try url.setFragment(fragmentBytes) }
            } catch {
                throw ParseError(message: error.message, text: raw)
            }
        }
        return url
    }

    private static func parseWithoutFragment(_ raw: [UInt8]) throws(ParseError) -> GoURL {
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw ParseError(message: "net/url: invalid control character in URL")
        }
        var url = GoURL()
        if raw == [UInt8(ascii: "*")] {
            url.path = raw
            return url
        }
        var (scheme, rest) = try getScheme(raw)
        url.scheme = scheme.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
        let questionMarks = rest.filter { $0 == UInt8(ascii: "?") }.count
        if rest.last == UInt8(ascii: "?") && questionMarks == 1 {
            url.forceQuery = true
            rest.removeLast()
        } else if let q = rest.firstIndex(of: UInt8(ascii: "?")) {
            url.rawQuery = Array(rest[(q + 1)...])
            rest = Array(rest[..<q])
        }
        if rest.first != UInt8(ascii: "/") {
            if !url.scheme.isEmpty {
                url.opaque = rest
                return url
            }
            let segment = rest.split(separator: UInt8(ascii: "/"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
            if segment.contains(UInt8(ascii: ":")) {
                throw ParseError(message: "first path segment in URL cannot contain colon")
            }
        }
        let hasDoubleSlash = rest.count >= 2 && rest[0] == UInt8(ascii: "/") && rest[1] == UInt8(ascii: "/")
        let hasTripleSlash = hasDoubleSlash && rest.count >= 3 && rest[2] == UInt8(ascii: "/")
        if (!url.scheme.isEmpty || !hasTripleSlash) && hasDoubleSlash {
            var authority = Array(rest[2...])
            rest = []
            if let slash = authority.firstIndex(of: UInt8(ascii: "/")) {
                rest = Array(authority[slash...])
                authority = Array(authority[..<slash])
            }
            (url.user, url.host) = try parseAuthority(authority)
        } else if !url.scheme.isEmpty && rest.first == UInt8(ascii: "/") {
            url.omitHost = true
        }
        try url.setPath(rest)
        return url
    }

    private static func getScheme(_ raw: [UInt8]) throws(ParseError) -> ([UInt8], [UInt8]) {
        for (i, c) in raw.enumerated() {
            switch c {
            case 0x61...0x7A, 0x41...0x5A:
                continue
            case 0x30...0x39, UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if i == 0 { return ([], raw) }
            case UInt8(ascii: ":"):
                if i == 0 { throw ParseError(message: "missing protocol scheme") }
                return (Array(raw[..<i]), Array(raw[(i + 1)...]))
            default:
                return ([], raw)
            }
        }
        return ([], raw)
    }

    private static func parseAuthority(_ authority: [UInt8]) throws(ParseError) -> (GoUserinfo?, [UInt8]) {
        guard let at = authority.lastIndex(of: UInt8(ascii: "@")) else {
            return (nil, try parseHost(authority))
        }
        let host = try parseHost(Array(authority[(at + 1)...]))
        let userinfo = Array(authority[..<at])
        guard validUserinfo(userinfo) else { throw ParseError(message: "net/url: invalid userinfo") }
        if let colon = userinfo.firstIndex(of: UInt8(ascii: ":")) {
            let username = try unescape(Array(userinfo[..<colon]), .userPassword)
            let password = try unescape(Array(userinfo[(colon + 1)...]), .userPassword)
            return (GoUserinfo(username: username, password: password), host)
        }
        return (GoUserinfo(username: try unescape(userinfo, .userPassword), password: nil), host)
    }

    private static func parseHost(_ host: [UInt8]) throws(ParseError) -> [UInt8] {
        if host.first == UInt8(ascii: "[") {
            guard let close = host.lastIndex(of: UInt8(ascii: "]")) else {
                throw ParseError(message: "missing ']' in host")
            }
            let colonPort = Array(host[(close + 1)...])
            guard validOptionalPort(colonPort) else {
                throw ParseError(message: "invalid port \(GoStrconv.quote(bytes: colonPort)) after host")
            }
            if let zone = firstRange(of: Array("%25".utf8), in: Array(host[..<close])) {
                let host1 = try unescape(Array(host[..<zone]), .host)
                let host2 = try unescape(Array(host[zone..<close]), .zone)
                let host3 = try unescape(Array(host[close...]), .host)
                return host1 + host2 + host3
            }
        } else if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            let colonPort = Array(host[colon...])
            guard validOptionalPort(colonPort) else {
                throw ParseError(message: "invalid port \(GoStrconv.quote(bytes: colonPort)) after host")
            }
        }
        return try unescape(host, .host)
    }

    private static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<(start + needle.count)]) == needle {
            return start
        }
        return nil
    }

    private static func validOptionalPort(_ port: [UInt8]) -> Bool {
        if port.isEmpty { return true }
        guard port[0] == UInt8(ascii: ":") else { return false }
        return port.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func validUserinfo(_ s: [UInt8]) -> Bool {
        // Go ranges over runes: any non-ASCII rune is invalid, as is any byte of invalid UTF-8.
        for c in s {
            switch c {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: continue
            default:
                if Array("-._:~!$&'()*+,;=%@".utf8).contains(c) { continue }
                return false
            }
        }
        return true
    }

    private static func isHex(_ c: UInt8) -> Bool { GoStrconv.hexValue(c) != nil }
    private static func unhex(_ c: UInt8) -> UInt8 { UInt8(GoStrconv.hexValue(c) ?? 0) }

    /// `url.unescape`.
    public static func unescape(_ s: [UInt8], _ mode: GoURLEscape.EscapeMode) throws(ParseError) -> [UInt8] {
        var count = 0
        var hasPlus = false
        var i = 0
        while i < s.count {
            switch s[i] {
            case UInt8(ascii: "%"):
                count += 1
                if i + 2 >= s.count || !isHex(s[i + 1]) || !isHex(s[i + 2]) {
                    let bad = Array(s[i..<min(s.count, i + 3)])
                    throw ParseError(message: "invalid URL escape \(GoStrconv.quote(bytes: bad))")
                }
                let triple = Array(s[i..<(i + 3)])
                if mode == .host && unhex(s[i + 1]) < 8 && triple != Array("%25".utf8) {
                    throw ParseError(message: "invalid URL escape \(GoStrconv.quote(bytes: triple))")
                }
                if mode == .zone {
                    let v = unhex(s[i + 1]) << 4 | unhex(s[i + 2])
                    if triple != Array("%25".utf8) && v != 0x20 && shouldEscape(v, .host) {
                        throw ParseError(message: "invalid URL escape \(GoStrconv.quote(bytes: triple))")
                    }
                }
                i += 3
            case UInt8(ascii: "+"):
                hasPlus = mode == .queryComponent
                i += 1
            default:
                if (mode == .host || mode == .zone) && s[i] < 0x80 && shouldEscape(s[i], mode) {
                    throw ParseError(message: "invalid character \(GoStrconv.quote(bytes: [s[i]])) in host name")
                }
                i += 1
            }
        }
        if count == 0 && !hasPlus { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "%") {
                out.append(unhex(s[i + 1]) << 4 | unhex(s[i + 2]))
                i += 3
            } else if s[i] == UInt8(ascii: "+") && mode == .queryComponent {
                out.append(0x20)
                i += 1
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    private static func shouldEscape(_ c: UInt8, _ mode: Encoding) -> Bool {
        GoURLEscape.shouldEscape(c, mode)
    }

    private static func escape(_ s: [UInt8], _ mode: Encoding) -> [UInt8] {
        guard s.contains(where: { shouldEscape($0, mode) }) else { return s }
        return GoURLEscape.escape(bytes: s, mode)
    }

    private static func validEncoded(_ s: [UInt8], _ mode: Encoding) -> Bool {
        for c in s {
            if Array("!$&'()*+,;=:@[]%".utf8).contains(c) { continue }
            if shouldEscape(c, mode) { return false }
        }
        return true
    }

    private mutating func setPath(_ p: [UInt8]) throws(ParseError) {
        path = try GoURL.unescape(p, .path)
        rawPath = GoURL.escape(path, .path) == p ? [] : p
    }

    private mutating func setFragment(_ f: [UInt8]) throws(ParseError) {
        fragment = try GoURL.unescape(f, .fragment)
        rawFragment = GoURL.escape(fragment, .fragment) == f ? [] : f
    }

    /// `URL.EscapedPath()`.
    public var escapedPath: [UInt8] {
        if !rawPath.isEmpty && GoURL.validEncoded(rawPath, .path),
            let unescaped = try? GoURL.unescape(rawPath, .path), unescaped == path
        {
            return rawPath
        }
        if path == [UInt8(ascii: "*")] { return path }
        return GoURL.escape(path, .path)
    }

    /// `URL.EscapedFragment()`.
    public var escapedFragment: [UInt8] {
        if !rawFragment.isEmpty && GoURL.validEncoded(rawFragment, .fragment),
            let unescaped = try? GoURL.unescape(rawFragment, .fragment), unescaped == fragment
        {
            return rawFragment
        }
        return GoURL.escape(fragment, .fragment)
    }

    /// `URL.String()`.
    public var text: String {
        var out: [UInt8] = []
        if !scheme.isEmpty {
            out += scheme
            out.append(UInt8(ascii: ":"))
        }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                if !(omitHost && host.isEmpty && user == nil) {
                    if !host.isEmpty || !path.isEmpty || user != nil { out += Array("//".utf8) }
                    if let user {
                        out += GoURL.escape(user.username, .userPassword)
                        if let password = user.password {
                            out.append(UInt8(ascii: ":"))
                            out += GoURL.escape(password, .userPassword)
                        }
                        out.append(UInt8(ascii: "@"))
                    }
                    if !host.isEmpty { out += GoURL.escape(host, .host) }
                }
            }
            let escaped = escapedPath
            if let first = escaped.first, first != UInt8(ascii: "/"), !host.isEmpty { out.append(UInt8(ascii: "/")) }
            if out.isEmpty {
                let segment = escaped.split(separator: UInt8(ascii: "/"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
                if segment.contains(UInt8(ascii: ":")) { out += Array("./".utf8) }
            }
            out += escaped
        }
        if forceQuery || !rawQuery.isEmpty {
            out.append(UInt8(ascii: "?"))
            out += rawQuery
        }
        if !fragment.isEmpty {
            out.append(UInt8(ascii: "#"))
            out += escapedFragment
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `URL.ResolveReference`.
    public func resolving(_ reference: GoURL) -> GoURL {
        var url = reference
        if reference.scheme.isEmpty { url.scheme = scheme }
        if !reference.scheme.isEmpty || !reference.host.isEmpty || reference.user != nil {
            try? url.setPath(GoURL.resolvePath(reference.escapedPath, []))
            return url
        }
        if !reference.opaque.isEmpty {
            url.user = nil
            url.host = []
            url.path = []
            return url
        }
        if reference.path.isEmpty && !reference.forceQuery && reference.rawQuery.isEmpty {
            url.rawQuery = rawQuery
            if reference.fragment.isEmpty {
                url.fragment = fragment
                url.rawFragment = rawFragment
            }
        }
        url.host = host
        url.user = user
        try? url.setPath(GoURL.resolvePath(escapedPath, reference.escapedPath))
        return url
    }

    private static func resolvePath(_ base: [UInt8], _ reference: [UInt8]) -> [UInt8] {
        var full: [UInt8]
        if reference.isEmpty {
            full = base
        } else if reference[0] != UInt8(ascii: "/") {
            let cut = base.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
            full = Array(base[..<cut]) + reference
        } else {
            full = reference
        }
        if full.isEmpty { return [] }
        var destination: [UInt8] = [UInt8(ascii: "/")]
        var first = true
        let elements = full.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var last: ArraySlice<UInt8> = []
        for element in elements {
            last = element
            if element.elementsEqual(".".utf8) {
                first = false
                continue
            }
            if element.elementsEqual("..".utf8) {
                let current = Array(destination.dropFirst())
                destination = [UInt8(ascii: "/")]
                if let index = current.lastIndex(of: UInt8(ascii: "/")) {
                    destination += current[..<index]
                } else {
                    first = true
                }
            } else {
                if !first { destination.append(UInt8(ascii: "/")) }
                destination += element
                first = false
            }
        }
        if last.elementsEqual(".".utf8) || last.elementsEqual("..".utf8) { destination.append(UInt8(ascii: "/")) }
        if destination.count > 1 && destination[1] == UInt8(ascii: "/") { destination.removeFirst() }
        return destination
    }

    /// `url.Userinfo.String()`.
    public var userText: String {
        guard let user else { return "" }
        var out = GoURL.escape(user.username, .userPassword)
        if let password = user.password {
            out.append(UInt8(ascii: ":"))
            out += GoURL.escape(password, .userPassword)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `URL.Hostname()`.
    public var hostname: [UInt8] {
        var h = host
        if let colon = h.lastIndex(of: UInt8(ascii: ":")), GoURL.validOptionalPort(Array(h[colon...])) { h = Array(h[..<colon]) }
        if h.first == UInt8(ascii: "["), h.last == UInt8(ascii: "]") { h = Array(h.dropFirst().dropLast()) }
        return h
    }
}
