import KalcGo

/// The `format` values gojsonschema 1.2.0 asserts, with its checks; any other format passes.
public enum FormatCheckers {
    /// The formats gojsonschema knows, in alphabetical order.
    public static let knownFormats: [String] = [
        "date", "date-time", "email", "hostname", "idn-email", "ipv4", "ipv6", "iri", "iri-reference",
        "json-pointer", "regex", "relative-json-pointer", "time", "uri", "uri-reference", "uri-template", "uuid",
    ]

    /// Whether gojsonschema accepts a string for the format (unknown formats accept everything).
    public static func isValid(_ value: String, format: String) -> Bool {
        switch format {
        case "date": return parsesAsTime(value, layout: "2006-01-02")
        case "time": return isTime(value)
        case "date-time": return isDateTime(value)
        case "hostname": return Patterns.hostname.matches(value) && value.utf8.count < 256
        case "email", "idn-email": return GoMailAddress.parses(value)
        case "ipv4": return GoIP.parses(value) && value.contains(".")
        case "ipv6": return GoIP.parses(value) && value.contains(":")
        case "uri", "iri": return isURI(value)
        case "uri-reference", "iri-reference": return isURIReference(value)
        case "uri-template": return isURITemplate(value)
        case "uuid": return Patterns.uuid.matches(value)
        case "regex": return value.isEmpty || (try? GoRegexp(value)) != nil
        case "json-pointer": return Patterns.jsonPointer.matches(value)
        case "relative-json-pointer": return Patterns.relativeJSONPointer.matches(value)
        default: return true
        }
    }

    /// Whether gojsonschema knows the format; a known format fails every number.
    public static func isKnown(_ format: String) -> Bool {
        knownFormats.contains(format)
    }

    /// `time.Parse` as the reference's Go (1.19) does it: a zone offset's digits are read
    /// with `atoi`, so `+-1:00` is accepted.
    private static func parsedTime(_ value: String, layout: String) -> GoTime? {
        GoTime.parse(layout: layout, value: value, rfc3339Strict: false)
    }

    private static func parsesAsTime(_ value: String, layout: String) -> Bool {
        parsedTime(value, layout: layout) != nil
    }

    private static func isDateTime(_ value: String) -> Bool {
        let layouts = ["15:04:05", "15:04:05Z07:00", "2006-01-02", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.999999999Z07:00"]
        return layouts.contains { parsesAsTime(value, layout: $0) }
    }

    private static func isTime(_ value: String) -> Bool {
        if parsesAsTime(value, layout: "15:04:05Z07:00") { return true }
        // The parsed time must print back as the input (no fraction, two-digit hour).
        return parsedTime(value, layout: "15:04:05")?.format("15:04:05") == value
    }

    private static func isURI(_ value: String) -> Bool {
        guard let url = try? GoURL.parse(value), !url.scheme.isEmpty else { return false }
        return !value.contains("\\")
    }

    private static func isURIReference(_ value: String) -> Bool {
        (try? GoURL.parse(value)) != nil && !value.contains("\\")
    }

    private static func isURITemplate(_ value: String) -> Bool {
        guard let url = try? GoURL.parse(value), !value.contains("\\") else { return false }
        return Patterns.uriTemplate.matches(String(decoding: url.path, as: UTF8.self))
    }

    /// The regular expressions of gojsonschema's format checkers.
    private enum Patterns {
        static let hostname = compile(#"^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]{0,61}[a-zA-Z0-9])(\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]{0,61}[a-zA-Z0-9]))*$"#)
        static let uriTemplate = compile("^([^{]*({[^}]*})?)*$")
        static let uuid = compile("^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$")
        static let jsonPointer = compile("^(?:/(?:[^~/]|~0|~1)*)*$")
        static let relativeJSONPointer = compile("^(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)$")

        private static func compile(_ pattern: String) -> GoRegexp {
            do {
                return try GoRegexp(pattern)
            } catch {
                // The patterns above are constants known to compile.
                preconditionFailure("format pattern does not compile: \(error)")
            }
        }
    }
}
