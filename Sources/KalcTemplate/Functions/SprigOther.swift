import KalcGo

/// sprig's defaults, encoding, reflection, path, URL, date and flow-control functions, and
/// the functions kalc refuses to evaluate.
enum SprigOther {
    typealias S = Sprig

    static let defaults: [TemplateFunction] = [
        TemplateFunction(
            "default", [.any], variadic: .any, result: .any,
            body: .values { a throws(FunctionFailure) in
                let given = a.dropFirst()
                if given.isEmpty || S.empty(given.first ?? .nil) { return a[0] }
                return given.first ?? .nil
            }),
        TemplateFunction("empty", [.any], result: .bool, body: .values { a throws(FunctionFailure) in .bool(S.empty(a[0])) }),
        TemplateFunction(
            "coalesce", [], variadic: .any, result: .any,
            body: .values { a throws(FunctionFailure) in
                a.first { !S.empty($0) } ?? .nil
            }),
        TemplateFunction(
            "ternary", [.any, .any, .bool], result: .any,
            body: .values { a throws(FunctionFailure) in
                if case .bool(true) = a[2] { return a[0] }
                return a[1]
            }),
        TemplateFunction(
            "toJson", [.any], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                return .string((try? GoJSON.marshal(a[0])) ?? "")
            }),
        TemplateFunction(
            "toPrettyJson", [.any], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                try budget.reserve(printing: a)
                return .string((try? GoJSON.marshalIndent(a[0], indent: "  ")) ?? "")
            }),
        TemplateFunction(
            "fail", [.string], result: .string,
            body: .values { a throws(FunctionFailure) in
                throw FunctionFailure(S.string(a, 0))
            }),
    ]

    static let reflection: [TemplateFunction] = [
        TemplateFunction("typeOf", [.any], result: .string, body: .values { a throws(FunctionFailure) in .string(a[0].typeName) }),
        TemplateFunction(
            "typeIs", [.string, .any], result: .bool,
            body: .values { a throws(FunctionFailure) in
                .bool(S.string(a, 0) == a[1].typeName)
            }),
        TemplateFunction(
            "typeIsLike", [.string, .any], result: .bool,
            body: .values { a throws(FunctionFailure) in
                let target = S.string(a, 0), t = a[1].typeName
                return .bool(target == t || "*" + target == t)
            }),
        TemplateFunction("kindOf", [.any], result: .string, body: .values { a throws(FunctionFailure) in .string(S.kindName(a[0])) }),
        TemplateFunction(
            "kindIs", [.string, .any], result: .bool,
            body: .values { a throws(FunctionFailure) in
                .bool(S.string(a, 0) == S.kindName(a[1]))
            }),
        TemplateFunction(
            "deepEqual", [.any, .any], result: .bool,
            body: .values { a throws(FunctionFailure) in
                .bool(S.deepEqual(a[0], a[1]))
            }),
    ]

    static let paths: [TemplateFunction] = [
        SprigStrings.str("base", GoPath.base),
        SprigStrings.str("dir", GoPath.dir),
        SprigStrings.str("clean", GoPath.clean),
        SprigStrings.str("ext", GoPath.ext),
        TemplateFunction(
            "isAbs", [.string], result: .bool,
            body: .values { a throws(FunctionFailure) in
                .bool(S.string(a, 0).hasPrefix("/"))
            }),
    ]

    static let urls: [TemplateFunction] = [
        TemplateFunction(
            "urlParse", [.string], result: .stringMap,
            body: .values { a throws(FunctionFailure) in
                let url: GoURL
                do throws(GoURL.ParseError) {
                    url = try GoURL.parse(S.string(a, 0))
                } catch {
                    throw FunctionFailure("unable to parse url: \(error.goText)")
                }
                func text(_ bytes: [UInt8]) -> GoValue { .string(GoStrings.string(bytes)) }
                return S.dict([
                    "scheme": text(url.scheme), "host": text(url.host), "hostname": text(url.hostname),
                    "path": text(url.path), "query": text(url.rawQuery), "opaque": text(url.opaque),
                    "fragment": text(url.fragment), "userinfo": .string(url.userText),
                ])
            }),
        TemplateFunction(
            "urlJoin", [.stringMap], result: .string,
            body: .values { a throws(FunctionFailure) in
                let dict = S.map(a, 0)
                func get(_ key: String) throws(FunctionFailure) -> String {
                    guard let value = dict.entries[.string(key)] else { return "" }
                    guard case .string(let s) = value else {
                        if value == .nil { throw FunctionFailure(S.nilDereference) }
                        throw FunctionFailure("unable to parse \(key) key, must be of type string, but \(S.kindName(value)) found")
                    }
                    return s
                }
                var url = GoURL()
                url.scheme = Array(try get("scheme").utf8)
                url.host = Array(try get("host").utf8)
                url.path = Array(try get("path").utf8)
                url.rawQuery = Array(try get("query").utf8)
                url.opaque = Array(try get("opaque").utf8)
                url.fragment = Array(try get("fragment").utf8)
                let userinfo = try get("userinfo")
                if !userinfo.isEmpty {
                    do throws(GoURL.ParseError) {
                        url.user = try GoURL.parse("proto://\(userinfo)@host").user
                    } catch {
                        throw FunctionFailure("unable to parse userinfo in dict: \(error.goText)")
                    }
                }
                return .string(url.text)
            }),
    ]

    // MARK: Dates

    static let clockReason = "reads the current time, so its result would differ from Kalypso's"

    /// The instant a date argument denotes; other types make sprig use the current time.
    static func instant(_ v: GoValue) throws(FunctionFailure) -> GoTime {
        switch v {
        case .int(let i): return GoTime(unixSeconds: Int64(i), nanoseconds: 0, offset: 0, zone: "UTC")
        case .int64(let i): return GoTime(unixSeconds: i, nanoseconds: 0, offset: 0, zone: "UTC")
        default:
            if let time = GoTime(v) { return time }
            throw FunctionFailure.refused("a date of type \(v.typeName) \(clockReason)")
        }
    }

    /// The time shown in a named zone (kalc knows only UTC; the local zone is UTC).
    static func inZone(_ time: GoTime, _ zone: String) throws(FunctionFailure) -> GoTime {
        switch zone {
        case "", "UTC", "Local":
            return GoTime(unixSeconds: time.unixSeconds, nanoseconds: time.nanoseconds, offset: 0, zone: "UTC")
        default:
            throw FunctionFailure.unsupported("time zone \(GoStrconv.quote(zone)) needs the time zone database")
        }
    }

    static let dates: [TemplateFunction] = [
        TemplateFunction(
            "date", [.string, .any], result: .string,
            body: .values { a throws(FunctionFailure) in
                .string(try inZone(try instant(a[1]), "Local").format(S.string(a, 0)))
            }),
        TemplateFunction(
            "htmlDate", [.any], result: .string,
            body: .values { a throws(FunctionFailure) in
                .string(try inZone(try instant(a[0]), "Local").format("2006-01-02"))
            }),
        TemplateFunction(
            "htmlDateInZone", [.any, .string], result: .string,
            body: .values { a throws(FunctionFailure) in
                .string(try inZone(try instant(a[0]), S.string(a, 1)).format("2006-01-02"))
            }),
        TemplateFunction(
            "dateInZone", [.string, .any, .string], result: .string,
            body: .values { a throws(FunctionFailure) in
                .string(try inZone(try instant(a[1]), S.string(a, 2)).format(S.string(a, 0)))
            }),
        TemplateFunction(
            "date_in_zone", [.string, .any, .string], result: .string,
            body: .values { a throws(FunctionFailure) in
                .string(try inZone(try instant(a[1]), S.string(a, 2)).format(S.string(a, 0)))
            }),
        TemplateFunction(
            "dateModify", [.string, .time], result: .time,
            body: .values { a throws(FunctionFailure) in
                dateModify(S.string(a, 0), a[1])
            }),
        TemplateFunction(
            "date_modify", [.string, .time], result: .time,
            body: .values { a throws(FunctionFailure) in
                dateModify(S.string(a, 0), a[1])
            }),
        TemplateFunction(
            "toDate", [.string, .string], result: .time,
            body: .values { a throws(FunctionFailure) in
                (GoTime.parse(layout: S.string(a, 0), value: S.string(a, 1)) ?? GoTime.zero).value
            }),
        TemplateFunction(
            "unixEpoch", [.time], result: .string,
            body: .values { a throws(FunctionFailure) in
                .string(String((GoTime(a[0]) ?? .zero).unixSeconds))
            }),
        TemplateFunction(
            "now", [], result: .time, availability: .refused(reason: "now \(clockReason)"),
            body: .values { _ throws(FunctionFailure) in .nil }),
        TemplateFunction(
            "ago", [.any], result: .string, availability: .refused(reason: "ago \(clockReason)"),
            body: .values { _ throws(FunctionFailure) in .nil }),
    ]

    static func dateModify(_ duration: String, _ date: GoValue) -> GoValue {
        guard let time = GoTime(date), let nanos = GoDuration.parse(duration) else { return date }
        var seconds = time.unixSeconds &+ nanos / 1_000_000_000
        var nsec = time.nanoseconds + nanos % 1_000_000_000
        if nsec >= 1_000_000_000 {
            seconds += 1
            nsec -= 1_000_000_000
        } else if nsec < 0 {
            seconds -= 1
            nsec += 1_000_000_000
        }
        return GoTime(unixSeconds: seconds, nanoseconds: nsec, offset: time.offset, zone: time.zone).value
    }

    // MARK: Refused and unsupported

    static func refused(_ name: String, _ parameters: [ParameterType], result: ParameterType = .string, _ reason: String) -> TemplateFunction {
        TemplateFunction(
            name, parameters, result: result, availability: .refused(reason: "\(name) \(reason)"),
            body: .values { _ throws(FunctionFailure) in .nil })
    }

    static let randomReason = "is random, so its result would differ from Kalypso's"
    static let hostReason = "depends on the machine kalc runs on, not on the one Kalypso runs on"
    static let certificate = ParameterType.value(.named("sprig.certificate"))

    static let refusedFunctions: [TemplateFunction] = [
        refused("env", [.string], hostReason),
        refused("expandenv", [.string], hostReason),
        refused("getHostByName", [.string], hostReason),
        refused("uuidv4", [], randomReason),
        refused("randAlpha", [.int], randomReason),
        refused("randAlphaNum", [.int], randomReason),
        refused("randAscii", [.int], randomReason),
        refused("randNumeric", [.int], randomReason),
        refused("shuffle", [.string], randomReason),
        refused("genPrivateKey", [.string], randomReason),
        refused("genCA", [.string, .int], result: certificate, randomReason),
        refused("genSelfSignedCert", [.string, .anySlice, .anySlice, .int], result: certificate, randomReason),
        refused("genSignedCert", [.string, .anySlice, .anySlice, .int, certificate], result: certificate, randomReason),
        refused("buildCustomCert", [.string, .string], result: certificate, randomReason),
        refused("encryptAES", [.string, .string], randomReason),
        TemplateFunction(
            "derivePassword", [.value(.uint64), .string, .string, .string, .string], result: .string,
            availability: .unsupported(reason: "derivePassword (scrypt) is not implemented"),
            body: .values { _ throws(FunctionFailure) in .nil }),
        TemplateFunction(
            "decryptAES", [.string, .string], result: .string,
            availability: .unsupported(reason: "decryptAES is not implemented"),
            body: .values { _ throws(FunctionFailure) in .nil }),
    ]
}

/// Go's `path` package.
enum GoPath {
    static func clean(_ path: String) -> String {
        let p = Array(path.utf8)
        if p.isEmpty { return "." }
        let rooted = p[0] == UInt8(ascii: "/")
        let n = p.count
        var out: [UInt8] = []
        var r = 0, dotdot = 0
        if rooted {
            out.append(UInt8(ascii: "/"))
            r = 1
            dotdot = 1
        }
        while r < n {
            if p[r] == UInt8(ascii: "/") {
                r += 1
            } else if p[r] == UInt8(ascii: ".") && (r + 1 == n || p[r + 1] == UInt8(ascii: "/")) {
                r += 1
            } else if p[r] == UInt8(ascii: ".") && r + 1 < n && p[r + 1] == UInt8(ascii: ".") && (r + 2 == n || p[r + 2] == UInt8(ascii: "/")) {
                r += 2
                if out.count > dotdot {
                    out.removeLast()
                    while out.count > dotdot && out.last != UInt8(ascii: "/") { out.removeLast() }
                } else if !rooted {
                    if !out.isEmpty { out.append(UInt8(ascii: "/")) }
                    out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: ".")])
                    dotdot = out.count
                }
            } else {
                if rooted && out.count != 1 || !rooted && !out.isEmpty { out.append(UInt8(ascii: "/")) }
                while r < n && p[r] != UInt8(ascii: "/") {
                    out.append(p[r])
                    r += 1
                }
            }
        }
        if out.isEmpty { return "." }
        return GoStrings.string(out)
    }

    static func base(_ path: String) -> String {
        var p = Array(path.utf8)
        if p.isEmpty { return "." }
        while p.count > 0 && p.last == UInt8(ascii: "/") { p.removeLast() }
        if let i = p.lastIndex(of: UInt8(ascii: "/")) { p = Array(p[(i + 1)...]) }
        if p.isEmpty { return "/" }
        return GoStrings.string(p)
    }

    static func dir(_ path: String) -> String {
        let p = Array(path.utf8)
        let i = p.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        return clean(GoStrings.string(p[..<i]))
    }

    static func ext(_ path: String) -> String {
        let p = Array(path.utf8)
        var i = p.count - 1
        while i >= 0 && p[i] != UInt8(ascii: "/") {
            if p[i] == UInt8(ascii: ".") { return GoStrings.string(p[i...]) }
            i -= 1
        }
        return ""
    }
}

/// Go's `time.ParseDuration`, in nanoseconds.
enum GoDuration {
    static func parse(_ text: String) -> Int64? {
        var s = Array(text.utf8)[...]
        var d: UInt64 = 0
        var neg = false
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            neg = c == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        if String(decoding: s, as: UTF8.self) == "0" { return 0 }
        if s.isEmpty { return nil }
        let units: [(String, UInt64)] = [
            ("ns", 1), ("us", 1000), ("µs", 1000), ("μs", 1000), ("ms", 1_000_000),
            ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
        ]
        while !s.isEmpty {
            guard let c = s.first, c == UInt8(ascii: ".") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) else { return nil }
            var v: UInt64 = 0
            var pre = false
            while let c = s.first, c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(c - UInt8(ascii: "0")))
                if o1 || o2 || a > 1 << 63 { return nil }
                v = a
                s = s.dropFirst()
                pre = true
            }
            var f: UInt64 = 0
            var scale = 1.0
            var post = false
            if s.first == UInt8(ascii: ".") {
                s = s.dropFirst()
                var overflow = false
                while let c = s.first, c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                    if !overflow {
                        if f > (1 << 63 - 1) / 10 {
                            overflow = true
                        } else {
                            f = f * 10 + UInt64(c - UInt8(ascii: "0"))
                            scale *= 10
                        }
                    }
                    s = s.dropFirst()
                    post = true
                }
            }
            if !pre && !post { return nil }
            var unitLength = 0
            while unitLength < s.count {
                let c = s[s.startIndex + unitLength]
                if c == UInt8(ascii: ".") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) { break }
                unitLength += 1
            }
            if unitLength == 0 { return nil }
            let unitName = String(decoding: s.prefix(unitLength), as: UTF8.self)
            s = s.dropFirst(unitLength)
            guard let unit = units.first(where: { $0.0 == unitName })?.1 else { return nil }
            if v > (1 << 63) / unit { return nil }
            v *= unit
            if f > 0 {
                v += UInt64(Double(f) * (Double(unit) / scale))
                if v > 1 << 63 { return nil }
            }
            d += v
            if d > 1 << 63 { return nil }
        }
        if neg { return d == 1 << 63 ? Int64.min : -Int64(d) }
        if d > UInt64(Int64.max) { return nil }
        return Int64(d)
    }
}
