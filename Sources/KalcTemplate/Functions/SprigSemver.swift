import KalcGo

/// sprig's semantic-version functions, a port of Masterminds/semver v3.2.0 (the
/// semver release sprig 3.2.3 uses): `semver` parses leniently, `semverCompare` checks a constraint.
enum SprigSemver {
    static let all: [TemplateFunction] = [
        TemplateFunction(
            "semver", [.string], result: .value(.named(SemanticVersion.typeName)),
            body: .values { a throws(FunctionFailure) in
                try SemanticVersion.parse(Sprig.string(a, 0)).value
            }),
        TemplateFunction(
            "semverCompare", [.string, .string], result: .bool,
            body: .values { a throws(FunctionFailure) in
                let constraints = try SemanticVersionConstraints.parse(Sprig.string(a, 0))
                let version = try SemanticVersion.parse(Sprig.string(a, 1))
                return .bool(constraints.check(version))
            }),
    ]
}

/// `semver.Version`.
struct SemanticVersion: Sendable, Hashable {
    static let typeName = "*semver.Version"

    var major: UInt64
    var minor: UInt64
    var patch: UInt64
    var pre: String
    var metadata: String
    var original: String

    static let invalid = "Invalid Semantic Version"

    private static let versionPattern = #"v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?"# + #"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"# + #"(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"#

    private static let versionRegex = try? GoRegexp("^" + versionPattern + "$")

    private static let digits = Set("0123456789".unicodeScalars)
    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789".unicodeScalars)

    private static func containsOnly(_ s: String, _ set: Set<Unicode.Scalar>) -> Bool { s.unicodeScalars.allSatisfy(set.contains) }

    /// `semver.NewVersion`.
    static func parse(_ v: String) throws(FunctionFailure) -> SemanticVersion {
        guard let regex = versionRegex, let m = try SprigRegex.searching({ () throws(GoRegexpTextTooLong) in try regex.findSubmatch(v) }) else { throw FunctionFailure(invalid) }
        func segment(_ text: String) throws(FunctionFailure) -> UInt64 {
            do {
                return try GoStrconv.parseUint(text, base: 10)
            } catch {
                throw FunctionFailure("Error parsing version segment: \(error.message)")
            }
        }
        var version = SemanticVersion(major: 0, minor: 0, patch: 0, pre: m[5], metadata: m[8], original: v)
        version.major = try segment(m[1])
        if !m[2].isEmpty { version.minor = try segment(String(m[2].dropFirst())) }
        if !m[3].isEmpty { version.patch = try segment(String(m[3].dropFirst())) }
        if !version.pre.isEmpty {
            for part in version.pre.split(separator: ".", omittingEmptySubsequences: false).map(String.init) {
                if containsOnly(part, digits) {
                    if part.utf8.count > 1 && part.hasPrefix("0") { throw FunctionFailure("Version segment starts with 0") }
                } else if !containsOnly(part, allowed) {
                    throw FunctionFailure("Invalid Prerelease string")
                }
            }
        }
        if !version.metadata.isEmpty {
            for part in version.metadata.split(separator: ".", omittingEmptySubsequences: false) where !containsOnly(String(part), allowed) {
                throw FunctionFailure("Invalid Metadata string")
            }
        }
        return version
    }

    /// `Version.String()`.
    var description: String {
        var s = "\(major).\(minor).\(patch)"
        if !pre.isEmpty { s += "-" + pre }
        if !metadata.isEmpty { s += "+" + metadata }
        return s
    }

    /// `Version.Compare`.
    func compare(_ o: SemanticVersion) -> Int {
        for (a, b) in [(major, o.major), (minor, o.minor), (patch, o.patch)] where a != b { return a < b ? -1 : 1 }
        if pre.isEmpty && o.pre.isEmpty { return 0 }
        if pre.isEmpty { return 1 }
        if o.pre.isEmpty { return -1 }
        return Self.comparePrerelease(pre, o.pre)
    }

    static func comparePrerelease(_ v: String, _ o: String) -> Int {
        let sparts = v.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let oparts = o.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for i in 0..<max(sparts.count, oparts.count) {
            let d = comparePrePart(i < sparts.count ? sparts[i] : "", i < oparts.count ? oparts[i] : "")
            if d != 0 { return d }
        }
        return 0
    }

    private static func comparePrePart(_ s: String, _ o: String) -> Int {
        if s == o { return 0 }
        if s.isEmpty { return o.isEmpty ? 1 : -1 }
        if o.isEmpty { return 1 }
        let oi = try? GoStrconv.parseUint(o, base: 10)
        let si = try? GoStrconv.parseUint(s, base: 10)
        switch (oi, si) {
        case (nil, nil): return GoOrdering.less(o, s) ? 1 : -1
        case (nil, _): return -1
        case (_, nil): return 1
        case (let oi?, let si?): return si > oi ? 1 : -1
        }
    }

    /// The version as a template value (a pointer to a struct with unexported fields).
    var value: GoValue {
        .structure(
            GoStruct(
                typeName: Self.typeName,
                fields: [
                    .init(name: "major", type: .uint64, value: .uint64(major)),
                    .init(name: "minor", type: .uint64, value: .uint64(minor)),
                    .init(name: "patch", type: .uint64, value: .uint64(patch)),
                    .init(name: "pre", type: .string, value: .string(pre)),
                    .init(name: "metadata", type: .string, value: .string(metadata)),
                    .init(name: "original", type: .string, value: .string(original)),
                ]))
    }

    /// Reads a version back from its template value.
    init?(_ value: GoValue) {
        guard case .structure(let s) = value, s.typeName == Self.typeName, s.fields.count == 6,
            case .uint64(let major) = s.fields[0].value, case .uint64(let minor) = s.fields[1].value,
            case .uint64(let patch) = s.fields[2].value, case .string(let pre) = s.fields[3].value,
            case .string(let metadata) = s.fields[4].value, case .string(let original) = s.fields[5].value
        else { return nil }
        self.init(major: major, minor: minor, patch: patch, pre: pre, metadata: metadata, original: original)
    }

    init(major: UInt64, minor: UInt64, patch: UInt64, pre: String, metadata: String, original: String) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.pre = pre
        self.metadata = metadata
        self.original = original
    }

    /// The methods of `*semver.Version` templates can call.
    static func method(named name: String, on version: SemanticVersion) -> TemplateFunction? {
        func nullary(_ result: GoType, _ value: @escaping @Sendable () -> GoValue) -> TemplateFunction {
            TemplateFunction(name, [], result: .value(result), body: .values { _ throws(FunctionFailure) in value() })
        }
        func comparing(_ result: GoType, _ f: @escaping @Sendable (Int) -> GoValue) -> TemplateFunction {
            TemplateFunction(
                name, [.value(.named(typeName))], result: .value(result),
                body: .values { a throws(FunctionFailure) in
                    guard let other = SemanticVersion(a[0]) else { throw FunctionFailure(Sprig.nilDereference) }
                    return f(version.compare(other))
                })
        }
        switch name {
        case "Major": return nullary(.uint64) { .uint64(version.major) }
        case "Minor": return nullary(.uint64) { .uint64(version.minor) }
        case "Patch": return nullary(.uint64) { .uint64(version.patch) }
        case "Prerelease": return nullary(.string) { .string(version.pre) }
        case "Metadata": return nullary(.string) { .string(version.metadata) }
        case "Original": return nullary(.string) { .string(version.original) }
        case "String": return nullary(.string) { .string(version.description) }
        case "LessThan": return comparing(.bool) { .bool($0 < 0) }
        case "GreaterThan": return comparing(.bool) { .bool($0 > 0) }
        case "Equal": return comparing(.bool) { .bool($0 == 0) }
        case "Compare": return comparing(.int) { .int($0) }
        case "IncMajor", "IncMinor", "IncPatch", "SetPrerelease", "SetMetadata", "MarshalJSON", "MarshalText", "Value", "Scan",
            "UnmarshalJSON", "UnmarshalText":
            return TemplateFunction(
                name, [], variadic: .any, result: .any,
                availability: .unsupported(reason: "the semver.Version method \(name) is not supported"),
                body: .values { _ throws(FunctionFailure) in .nil })
        default:
            return nil
        }
    }
}

/// `semver.Constraints`.
struct SemanticVersionConstraints: Sendable {
    struct Constraint: Sendable {
        var con: SemanticVersion
        var orig: String
        var origfunc: String
        var minorDirty: Bool
        var dirty: Bool
        var patchDirty: Bool
    }

    var constraints: [[Constraint]]

    private static let cvRegex =
        #"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?"# + #"(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"# + #"(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"#
    private static let ops = #"=||!=|>|<|>=|=>|<=|=<|~|~>|\^"#
    private static let constraintRegex = try? GoRegexp(#"^\s*("# + ops + #")\s*("# + cvRegex + #")\s*$"#)
    private static let constraintRangeRegex = try? GoRegexp(#"\s*("# + cvRegex + #")\s+-\s+("# + cvRegex + #")\s*"#)
    private static let findConstraintRegex = try? GoRegexp("(" + ops + #")\s*("# + cvRegex + ")")
    private static let validConstraintRegex = try? GoRegexp(#"^(\s*("# + ops + #")\s*("# + cvRegex + #")\s*)((?:\s+|,\s*)("# + ops + #")\s*("# + cvRegex + #")\s*)*$"#)

    private static func isX(_ s: String) -> Bool { s == "x" || s == "*" || s == "X" }

    /// `semver.NewConstraint`.
    static func parse(_ text: String) throws(FunctionFailure) -> SemanticVersionConstraints {
        guard let valid = validConstraintRegex, let find = findConstraintRegex else { throw FunctionFailure("constraint Parser Error") }
        let c = try rewriteRange(text)
        var or: [[Constraint]] = []
        for v in GoStrings.split(c, "||") ?? [] {
            if !valid.matches(v) { throw FunctionFailure("improper constraint: \(v)") }
            let found = try SprigRegex.searching { () throws(GoRegexpTextTooLong) in try find.findAll(v, -1) } ?? [v]
            var result: [Constraint] = []
            for s in found { result.append(try parseConstraint(s)) }
            or.append(result)
        }
        return SemanticVersionConstraints(constraints: or)
    }

    private static func rewriteRange(_ i: String) throws(FunctionFailure) -> String {
        guard let range = constraintRangeRegex else { return i }
        let matches = try SprigRegex.searching { () throws(GoRegexpTextTooLong) in try range.findAllSubmatches(i) }
        var o = i
        for m in matches {
            let replacement = ">= \(m[1]), <= \(m[11])"
            o = GoStrings.replaceFirst(o, m[0], replacement)
        }
        return o
    }

    private static func parseConstraint(_ c: String) throws(FunctionFailure) -> Constraint {
        if c.isEmpty {
            return Constraint(
                con: SemanticVersion(major: 0, minor: 0, patch: 0, pre: "", metadata: "", original: "0.0.0"),
                orig: c, origfunc: "", minorDirty: false, dirty: true, patchDirty: false)
        }
        guard let regex = constraintRegex, let m = try SprigRegex.searching({ () throws(GoRegexpTextTooLong) in try regex.findSubmatch(c) }) else {
            throw FunctionFailure("improper constraint: \(c)")
        }
        var ver = m[2]
        var minorDirty = false, patchDirty = false, dirty = false
        if isX(m[3]) || m[3].isEmpty {
            ver = "0.0.0" + m[6]
            dirty = true
        } else if isX(String(m[4].dropFirst())) || m[4].isEmpty {
            minorDirty = true
            dirty = true
            ver = m[3] + ".0.0" + m[6]
        } else if isX(String(m[5].dropFirst())) || m[5].isEmpty {
            dirty = true
            patchDirty = true
            ver = m[3] + m[4] + ".0" + m[6]
        }
        let con: SemanticVersion
        do {
            con = try SemanticVersion.parse(ver)
        } catch {
            throw FunctionFailure("constraint Parser Error")
        }
        return Constraint(con: con, orig: m[2], origfunc: m[1], minorDirty: minorDirty, dirty: dirty, patchDirty: patchDirty)
    }

    /// `Constraints.Check`.
    func check(_ v: SemanticVersion) -> Bool {
        constraints.contains { group in group.allSatisfy { Self.check(v, $0) } }
    }

    private static func check(_ v: SemanticVersion, _ c: Constraint) -> Bool {
        let prereleaseRejected = !v.pre.isEmpty && c.con.pre.isEmpty
        switch c.origfunc {
        case "", "=":
            if prereleaseRejected { return false }
            if c.dirty { return tilde(v, c) }
            return v.compare(c.con) == 0
        case "!=":
            return notEqual(v, c)
        case ">":
            if prereleaseRejected { return false }
            if !c.dirty { return v.compare(c.con) == 1 }
            if v.major > c.con.major { return true }
            if v.major < c.con.major { return false }
            if c.minorDirty { return false }
            if c.patchDirty { return v.minor > c.con.minor }
            return v.compare(c.con) == 1
        case "<":
            if prereleaseRejected { return false }
            return v.compare(c.con) < 0
        case ">=", "=>":
            if prereleaseRejected { return false }
            return v.compare(c.con) >= 0
        case "<=", "=<":
            if prereleaseRejected { return false }
            if !c.dirty { return v.compare(c.con) <= 0 }
            if v.major > c.con.major { return false }
            if v.major == c.con.major && v.minor > c.con.minor && !c.minorDirty { return false }
            return true
        case "~", "~>":
            return tilde(v, c)
        case "^":
            if prereleaseRejected { return false }
            if v.compare(c.con) < 0 { return false }
            if c.con.major > 0 || c.minorDirty { return v.major == c.con.major }
            if c.con.major == 0 && v.major > 0 { return false }
            if c.con.minor > 0 || c.patchDirty { return v.minor == c.con.minor }
            if c.con.minor == 0 && v.minor > 0 { return false }
            return c.con.patch == v.patch
        default:
            return false
        }
    }

    private static func tilde(_ v: SemanticVersion, _ c: Constraint) -> Bool {
        if !v.pre.isEmpty && c.con.pre.isEmpty { return false }
        if v.compare(c.con) < 0 { return false }
        if c.con.major == 0 && c.con.minor == 0 && c.con.patch == 0 && !c.minorDirty && !c.patchDirty { return true }
        if v.major != c.con.major { return false }
        if v.minor != c.con.minor && !c.minorDirty { return false }
        return true
    }

    private static func notEqual(_ v: SemanticVersion, _ c: Constraint) -> Bool {
        if c.dirty {
            if !v.pre.isEmpty && c.con.pre.isEmpty { return false }
            if c.con.major != v.major { return true }
            if c.con.minor != v.minor && !c.minorDirty { return true }
            if c.minorDirty { return false }
            if c.con.patch != v.patch && !c.patchDirty { return true }
            if c.patchDirty {
                if !v.pre.isEmpty || !c.con.pre.isEmpty { return SemanticVersion.comparePrerelease(v.pre, c.con.pre) != 0 }
                return false
            }
        }
        return v.compare(c.con) != 0
    }
}
