/// The naming rules the Kubernetes API server applies to the objects Kalypso creates, with
/// the API server's own messages.
public enum KubernetesNames {
    /// Problems with a DNS-1123 subdomain (object names): empty when valid.
    public static func subdomainProblems(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > 253 { problems.append("must be no more than 253 characters") }
        if !isSubdomain(value) {
            problems.append("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")
        }
        return problems
    }

    /// Problems with a label key (an optional DNS subdomain prefix and `/`, then a name of
    /// at most 63 characters): empty when valid.
    public static func labelKeyProblems(_ key: String) -> [String] {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        var problems: [String] = []
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            name = parts[1]
            if parts[0].isEmpty {
                problems.append("prefix part must be non-empty")
            } else {
                problems += subdomainProblems(String(parts[0])).map { "prefix part " + $0 }
            }
        default:
            return [
                "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/'"
            ]
        }
        if name.isEmpty {
            problems.append("name part must be non-empty")
        } else {
            if name.utf8.count > 63 { problems.append("name part must be no more than 63 characters") }
            if !isQualifiedName(name) {
                problems.append("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")
            }
        }
        return problems
    }

    /// Problems with a label value (empty, or at most 63 characters of alphanumerics, `-`,
    /// `_` and `.`, starting and ending with an alphanumeric): empty when valid.
    public static func labelValueProblems(_ value: String) -> [String] {
        if isLabelValue(value) { return [] }
        var problems: [String] = []
        if value.utf8.count > 63 { problems.append("must be no more than 63 characters") }
        if !value.isEmpty && !isQualifiedName(Substring(value)) {
            problems.append("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")
        }
        return problems
    }

    /// Whether `value` is a valid label value (`labelValueProblems` is empty).
    public static func isLabelValue(_ value: String) -> Bool {
        value.utf8.count <= 63 && (value.isEmpty || isQualifiedName(Substring(value)))
    }

    /// Whether a ConfigMap key is valid: `[-._a-zA-Z0-9]+`, not `.` or `..`, at most 253 characters.
    public static func configMapKeyProblems(_ key: String) -> [String] {
        var problems: [String] = []
        if key.isEmpty || key.utf8.count > 253 { problems.append("must be 1 to 253 characters") }
        if key == "." || key == ".." { problems.append("must not be '.' or '..'") }
        if !key.utf8.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }) {
            problems.append("a valid config key must consist of alphanumeric characters, '-', '_' or '.'")
        }
        return problems
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`
    static func isSubdomain(_ value: String) -> Bool {
        value.utf8.withContiguousStorageIfAvailable(isSubdomain) ?? isSubdomain(Array(value.utf8))
    }

    private static func isSubdomain<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        // One pass: every `.`-separated label starts and ends with a lower-case alphanumeric
        // character and holds nothing but those and `-`.
        let dot = UInt8(ascii: ".")
        var previous = dot
        for byte in bytes {
            if byte == dot {
                guard isLowerAlphanumeric(previous) else { return false }
            } else if byte == UInt8(ascii: "-") {
                guard previous != dot else { return false }
            } else if !isLowerAlphanumeric(byte) {
                return false
            }
            previous = byte
        }
        return isLowerAlphanumeric(previous)
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    static func isQualifiedName(_ value: Substring) -> Bool {
        value.utf8.withContiguousStorageIfAvailable(isQualifiedName) ?? isQualifiedName(Array(value.utf8))
    }

    private static func isQualifiedName<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first, isAlphanumeric(first) else { return false }
        var last = first
        for byte in bytes {
            guard isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") else { return false }
            last = byte
        }
        return isAlphanumeric(last)
    }
}
