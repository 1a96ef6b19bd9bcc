import KalcDiagnostics
import KalcJSON
import KalcSyntax

/// Turns the typed shorthand of a `requires { ... }` clause into JSON Schema text.
///
/// `key: string "description"` becomes a property of type string with that description,
/// required unless written `key?`; `"a" | "b"` an enumeration; `format`, `pattern`, `min`
/// and `max` the matching keywords (`min`/`max` are lengths for strings, bounds for
/// numbers, item counts for arrays).
enum RequirementSchema {
    static let types = ["string", "integer", "number", "boolean", "object", "array"]

    static func json(_ requirements: [RequirementSyntax], in tree: SyntaxTree) -> (String, [Diagnostic]) {
        var problems: [Diagnostic] = []
        var properties: [String] = []
        var required: [String] = []
        var seen = Set<String>()
        for requirement in requirements {
            guard let keyToken = requirement.key, !requirement.type.isEmpty else { continue }
            let key = tree.value(keyToken)
            guard seen.insert(key).inserted else {
                problems.append(SemanticProblem.requirementWrittenTwice(key, at: Location(file: tree.file.path, span: keyToken.span)).diagnostic)
                continue
            }
            var members: [String] = []
            var typeName = "string"
            if requirement.type.count == 1, requirement.type[0].kind == .word {
                typeName = tree.text(requirement.type[0])
                if !types.contains(typeName) {
                    problems.append(SemanticProblem.unknownRequirementType(typeName, at: Location(file: tree.file.path, span: requirement.type[0].span), types: types).diagnostic)
                }
                members.append("\"type\": \(quote(typeName))")
            } else {
                members.append("\"type\": \"string\"")
                members.append("\"enum\": [" + requirement.type.map { quote(tree.value($0)) }.joined(separator: ", ") + "]")
            }
            for (keyword, value) in requirement.constraints {
                guard let value else { continue }
                let text = tree.value(value)
                switch tree.text(keyword) {
                case "format": members.append("\"format\": \(quote(text))")
                case "pattern": members.append("\"pattern\": \(quote(text))")
                case "min", "max":
                    guard Double(text) != nil, value.kind == .word else {
                        problems.append(SemanticProblem.notANumber(keyword: tree.text(keyword), text, at: Location(file: tree.file.path, span: value.span)).diagnostic)
                        continue
                    }
                    let isMin = tree.text(keyword) == "min"
                    let name: String
                    switch typeName {
                    case "integer", "number": name = isMin ? "minimum" : "maximum"
                    case "array": name = isMin ? "minItems" : "maxItems"
                    case "object": name = isMin ? "minProperties" : "maxProperties"
                    default: name = isMin ? "minLength" : "maxLength"
                    }
                    members.append("\(quote(name)): \(text)")
                default: continue
                }
            }
            if let description = requirement.description {
                members.append("\"description\": \(quote(tree.value(description)))")
            }
            properties.append("    \(quote(key)): {\n      " + members.joined(separator: ",\n      ") + "\n    }")
            if !requirement.isOptional { required.append(key) }
        }
        var lines = ["{", "  \"type\": \"object\","]
        lines.append("  \"properties\": {" + (properties.isEmpty ? "}" : "\n" + properties.joined(separator: ",\n") + "\n  }") + (required.isEmpty ? "" : ","))
        if !required.isEmpty {
            lines.append("  \"required\": [" + required.map(quote).joined(separator: ", ") + "]")
        }
        lines.append("}")
        return (lines.joined(separator: "\n") + "\n", problems)
    }

    static func quote(_ text: String) -> String { JSONValue.quoted(text) }
}
