import KalcDiagnostics
import KalcYAML

/// What makes a YAML document unusable as a Kubernetes object whatever its kind: a mapping
/// key that is not a string (JSON, which the API server speaks, has string keys only) and a
/// key written twice in one mapping (which of the two counts depends on the reader: kustomize
/// takes the first, the YAML to JSON conversion the last, and the API server refuses duplicate
/// fields). Flux fails the whole branch over either.
enum ObjectShape {
    /// One problem, at the offending key; `first` is the earlier key a duplicate repeats.
    struct Problem {
        var code: DiagnosticCode
        var message: String
        var key: YAMLNode
        var first: YAMLNode?
    }

    /// Every problem of a document, once per place: the copies an alias brings in keep the
    /// marks of the anchored text, so they are reported there once.
    static func problems(in document: YAMLNode) -> [Problem] {
        var problems: [Problem] = []
        var reported = Set<Int>()
        var pending = [document]
        while let node = pending.popLast() {
            switch node.content {
            case .scalar:
                break
            case .sequence(let items):
                pending.append(contentsOf: items.reversed())
            case .mapping(let entries):
                var firstKeys: [String: YAMLNode] = [:]
                for entry in entries {
                    if let problem = problem(with: entry.key, firstKeys: &firstKeys), reported.insert(entry.key.start.offset).inserted {
                        problems.append(problem)
                    }
                }
                for entry in entries.reversed() {
                    pending.append(entry.value)
                    pending.append(entry.key)
                }
            }
        }
        return problems
    }

    private static func problem(with key: YAMLNode, firstKeys: inout [String: YAMLNode]) -> Problem? {
        guard case .scalar(let text, let style) = key.content else {
            return Problem(code: .nonStringKey, message: "a key must be a string, not a \(key.isMapping ? "map" : "list")", key: key)
        }
        if let type = YAMLCore.nonStringType(text: text, style: style, tag: key.tag) {
            return Problem(code: .nonStringKey, message: "key `\(text)` is read as \(type), not as a string; quote it", key: key)
        }
        if let first = firstKeys[text] {
            return Problem(code: .duplicateKey, message: "key `\(text)` is written twice in this mapping", key: key, first: first)
        }
        firstKeys[text] = key
        return nil
    }
}

extension YAMLNode {
    var isMapping: Bool {
        if case .mapping = content { true } else { false }
    }
}

extension YAMLCore {
    /// What a scalar written as a key is read as, when it is not a string: `a number`, `a
    /// boolean` or `null`, by yaml.v3 (kustomize) or yaml.v2 (the conversion to JSON, which
    /// also reads `yes`, `no`, `on` and `off` as booleans).
    static func nonStringType(text: String, style: YAMLScalarStyle, tag: String?) -> String? {
        if let tag {
            switch tag {
            case YAMLTag.str: return nil
            case YAMLTag.null: return "null"
            case YAMLTag.bool: return "a boolean"
            case YAMLTag.int, YAMLTag.float: return "a number"
            default: return "a value tagged `\(tag)`"
            }
        }
        guard style == .plain else { return nil }
        if nullWords.contains(text) { return "null" }
        if booleanWords.contains(text) { return "a boolean" }
        return resolvesToNonString(text) ? "a number" : nil
    }

    static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    static let booleanWords: Set<String> = [
        "true", "True", "TRUE", "false", "False", "FALSE",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]
}
