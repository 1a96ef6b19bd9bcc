/// Go's `net/url` escaping.
public enum GoURLEscape {
    public enum EscapeMode { case queryComponent, pathSegment, path, host, zone, userPassword, fragment }

    /// `url.shouldEscape`.
    public static func shouldEscape(_ c: UInt8, _ mode: EscapeMode) -> Bool {
        if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
            return false
        }
        if mode == .host || mode == .zone {
            switch c {
            case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"),
                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""):
                return false
            default: break
            }
        }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: ":"),
             UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"):
            switch mode {
            case .path: return c == UInt8(ascii: "?")
            case .pathSegment: return c == UInt8(ascii: "/") || c == UInt8(ascii: ";") || c == UInt8(ascii: ",") || c == UInt8(ascii: "?")
            case .userPassword: return c == UInt8(ascii: "@") || c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: ":")
            case .queryComponent: return true
            case .fragment: return false
            default: break
            }
        default: break
        }
        if mode == .fragment {
            switch c {
            case UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"): return false
            default: break
            }
        }
        return true
    }

    /// `url.escape`.
    public static func escape(_ s: String, _ mode: EscapeMode) -> String {
        var out: [UInt8] = []
        for c in s.utf8 {
            if shouldEscape(c, mode) {
                if c == 0x20 && mode == .queryComponent {
                    out.append(UInt8(ascii: "+"))
                } else {
                    out.append(UInt8(ascii: "%"))
                    out.append(GoStrconv.upperHex[Int(c >> 4)])
                    out.append(GoStrconv.upperHex[Int(c & 15)])
                }
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `url.QueryEscape`.
    public static func queryEscape(_ s: String) -> String { escape(s, .queryComponent) }
}

/// A parsed URL (`net/url.URL`), as much of it as sprig's `urlParse` and `urlJoin` use.
public struct GoParsedURL: Sendable {
    public var scheme = ""
    public var opaque = ""
    public var user: (username: String, password: String?)? = nil
    public var host = ""
    public var path = ""
    public var rawPath = ""
    public var forceQuery = false
    public var rawQuery = ""
    public var fragment = ""
    public var rawFragment = ""

    public struct Failure: Error { public var message: String }

    public init() {}

    private static func isHex(_ c: UInt8) -> Bool { GoStrconv.hexValue(c) != nil }
    private static func unhex(_ c: UInt8) -> UInt8 { UInt8(GoStrconv.hexValue(c) ?? 0) }

    /// `url.unescape`.
    public static func unescape(_ text: String, _ mode: GoURLEscape.EscapeMode) throws(Failure) -> String {
        let s = Array(text.utf8)
        var n = 0
        var hasPlus = false
        var i = 0
        while i < s.count {
            switch s[i] {
            case UInt8(ascii: "%"):
                n += 1
                if i + 2 >= s.count || !isHex(s[i + 1]) || !isHex(s[i + 2]) {
                    let rest = Array(s[i...].prefix(3))
                    throw Failure(message: "invalid URL escape " + GoStrconv.quote(GoStrings.string(rest)))
                }
                let escape = GoStrings.string(s[i..<(i + 3)])
                if mode == .host && unhex(s[i + 1]) < 8 && escape != "%25" {
                    throw Failure(message: "invalid URL escape " + GoStrconv.quote(escape))
                }
                if mode == .zone {
                    let v = unhex(s[i + 1]) << 4 | unhex(s[i + 2])
                    if escape != "%25" && v != 0x20 && GoURLEscape.shouldEscape(v, .host) {
                        throw Failure(message: "invalid URL escape " + GoStrconv.quote(escape))
                    }
                }
                i += 3
            case UInt8(ascii: "+"):
                hasPlus = mode == .queryComponent
                i += 1
            default:
                if (mode == .host || mode == .zone) && s[i] < 0x80 && GoURLEscape.shouldEscape(s[i], mode) {
                    throw Failure(message: "invalid character " + GoStrconv.quote(GoStrings.string([s[i]])) + " in host name")
                }
                i += 1
            }
        }
        if n == 0 && !hasPlus { return text }
        var out: [UInt8] = []
        i = 0
        while i < s.count {
            switch s[i] {
            case UInt8(ascii: "%"):
                out.append(unhex(s[i + 1]) << 4 | unhex(s[i + 2]))
                i += 2
            case UInt8(ascii: "+"):
                out.append(mode == .queryComponent ? 0x20 : UInt8(ascii: "+"))
            default:
                out.append(s[i])
            }
            i += 1
        }
        return GoStrings.string(out)
    }

    private static func validOptionalPort(_ port: ArraySlice<UInt8>) -> Bool {
        guard let first = port.first else { return true }
        if first != UInt8(ascii: ":") { return false }
        return port.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func parseHost(_ text: String) throws(Failure) -> String {
        let host = Array(text.utf8)
        if host.first == UInt8(ascii: "[") {
            guard let i = host.lastIndex(of: UInt8(ascii: "]")) else { throw Failure(message: "missing ']' in host") }
            let colonPort = host[(i + 1)...]
            if !validOptionalPort(colonPort) {
                throw Failure(message: "invalid port \(GoStrconv.quote(GoStrings.string(colonPort))) after host")
            }
            if let zone = GoStrings.index(host[..<i], Array("%25".utf8)) {
                let h1 = try unescape(GoStrings.string(host[..<zone]), .host)
                let h2 = try unescape(GoStrings.string(host[zone..<i]), .zone)
                let h3 = try unescape(GoStrings.string(host[i...]), .host)
                return h1 + h2 + h3
            }
        } else if let i = host.lastIndex(of: UInt8(ascii: ":")) {
            let colonPort = host[i...]
            if !validOptionalPort(colonPort) {
                throw Failure(message: "invalid port \(GoStrconv.quote(GoStrings.string(colonPort))) after host")
            }
        }
        return try unescape(text, .host)
    }

    private static func validUserinfo(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { r in
            (r >= "A" && r <= "Z") || (r >= "a" && r <= "z") || (r >= "0" && r <= "9") || "-._:~!$&'()*+,;=%@".unicodeScalars.contains(r)
        }
    }

    /// `url.Parse`.
    public static func parse(_ rawURL: String) throws(Failure) -> GoParsedURL {
        let bytes = Array(rawURL.utf8)
        let hashIndex = bytes.firstIndex(of: UInt8(ascii: "#"))
        let u = GoStrings.string(bytes[..<(hashIndex ?? bytes.count)])
        let frag = hashIndex.map { GoStrings.string(bytes[($0 + 1)...]) } ?? ""
        var url: GoParsedURL
        do {
            url = try parseWithoutFragment(u)
        } catch {
            throw Failure(message: "parse \(GoStrconv.quote(u)): \(error.message)")
        }
        if frag.isEmpty { return url }
        do {
            url.fragment = try unescape(frag, .fragment)
            url.rawFragment = GoURLEscape.escape(url.fragment, .fragment) == frag ? "" : frag
        } catch {
            throw Failure(message: "parse \(GoStrconv.quote(rawURL)): \(error.message)")
        }
        return url
    }

    private static func parseWithoutFragment(_ rawURL: String) throws(Failure) -> GoParsedURL {
        if rawURL.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw Failure(message: "net/url: invalid control character in URL")
        }
        var url = GoParsedURL()
        if rawURL == "*" {
            url.path = "*"
            return url
        }
        // getScheme
        let bytes = Array(rawURL.utf8)
        var rest = rawURL
        scan: for (i, c) in bytes.enumerated() {
            if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) { continue }
            if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") {
                if i == 0 { break scan }
                continue
            }
            if c == UInt8(ascii: ":") {
                if i == 0 { throw Failure(message: "missing protocol scheme") }
                url.scheme = GoStrings.string(bytes[..<i])
                rest = GoStrings.string(bytes[(i + 1)...])
            }
            break scan
        }
        url.scheme = GoStrings.toLower(url.scheme)
        let restBytes = Array(rest.utf8)
        let questionMarks = restBytes.filter { $0 == UInt8(ascii: "?") }.count
        if restBytes.last == UInt8(ascii: "?") && questionMarks == 1 {
            url.forceQuery = true
            rest = GoStrings.string(restBytes.dropLast())
        } else if let q = restBytes.firstIndex(of: UInt8(ascii: "?")) {
            rest = GoStrings.string(restBytes[..<q])
            url.rawQuery = GoStrings.string(restBytes[(q + 1)...])
        }
        if !rest.hasPrefix("/") {
            if !url.scheme.isEmpty {
                url.opaque = rest
                return url
            }
            let segment = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if segment.contains(":") { throw Failure(message: "first path segment in URL cannot contain colon") }
        }
        if (!url.scheme.isEmpty || !rest.hasPrefix("///")) && rest.hasPrefix("//") {
            var authority = String(rest.dropFirst(2))
            rest = ""
            if let slash = authority.firstIndex(of: "/") {
                rest = String(authority[slash...])
                authority = String(authority[..<slash])
            }
            let authorityBytes = Array(authority.utf8)
            let at = authorityBytes.lastIndex(of: UInt8(ascii: "@"))
            url.host = try parseHost(at.map { GoStrings.string(authorityBytes[($0 + 1)...]) } ?? authority)
            if let at {
                let userinfo = GoStrings.string(authorityBytes[..<at])
                if !validUserinfo(userinfo) { throw Failure(message: "net/url: invalid userinfo") }
                if let colon = userinfo.firstIndex(of: ":") {
                    url.user = (try unescape(String(userinfo[..<colon]), .userPassword),
                                try unescape(String(userinfo[userinfo.index(after: colon)...]), .userPassword))
                } else {
                    url.user = (try unescape(userinfo, .userPassword), nil)
                }
            }
        }
        url.path = try unescape(rest, .path)
        url.rawPath = GoURLEscape.escape(url.path, .path) == rest ? "" : rest
        return url
    }

    /// `url.Userinfo.String()`.
    public var userString: String {
        guard let user else { return "" }
        var s = GoURLEscape.escape(user.username, .userPassword)
        if let password = user.password { s += ":" + GoURLEscape.escape(password, .userPassword) }
        return s
    }

    /// `URL.Hostname()`.
    public var hostname: String {
        var h = Array(host.utf8)
        if let colon = h.lastIndex(of: UInt8(ascii: ":")), Self.validOptionalPort(h[colon...]) { h = Array(h[..<colon]) }
        if h.first == UInt8(ascii: "["), h.last == UInt8(ascii: "]") { h = Array(h.dropFirst().dropLast()) }
        return GoStrings.string(h)
    }

    private static func validEncoded(_ s: String, _ mode: GoURLEscape.EscapeMode) -> Bool {
        s.utf8.allSatisfy { c in "!$&'()*+,;=:@[]%".utf8.contains(c) || !GoURLEscape.shouldEscape(c, mode) }
    }

    /// `URL.EscapedPath()`.
    public var escapedPath: String {
        if !rawPath.isEmpty && Self.validEncoded(rawPath, .path), let p = try? Self.unescape(rawPath, .path), p == path { return rawPath }
        if path == "*" { return "*" }
        return GoURLEscape.escape(path, .path)
    }

    /// `URL.EscapedFragment()`.
    public var escapedFragment: String {
        if !rawFragment.isEmpty && Self.validEncoded(rawFragment, .fragment), let f = try? Self.unescape(rawFragment, .fragment), f == fragment {
            return rawFragment
        }
        return GoURLEscape.escape(fragment, .fragment)
    }

    /// `URL.String()`.
    public var string: String {
        var buf = ""
        if !scheme.isEmpty { buf += scheme + ":" }
        if !opaque.isEmpty {
            buf += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                if !host.isEmpty || !path.isEmpty || user != nil { buf += "//" }
                if user != nil { buf += userString + "@" }
                if !host.isEmpty { buf += GoURLEscape.escape(host, .host) }
            }
            let p = escapedPath
            if !p.isEmpty && !p.hasPrefix("/") && !host.isEmpty { buf += "/" }
            if buf.isEmpty {
                let segment = p.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                if segment.contains(":") { buf += "./" }
            }
            buf += p
        }
        if forceQuery || !rawQuery.isEmpty { buf += "?" + rawQuery }
        if !fragment.isEmpty { buf += "#" + escapedFragment }
        return buf
    }
}
