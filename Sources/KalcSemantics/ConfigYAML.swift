import KalcSyntax

/// Writes the maps and lists of config values as YAML flow text, which Kalypso reads back
/// (with yaml.v2) as nested values: words are plain scalars, read by YAML's rules (`3` is a
/// number, `true` a boolean); strings are double-quoted and stay strings.
enum ConfigYAML {
    static func flowText(_ node: SyntaxNode, in tree: SyntaxTree) -> String {
        switch node.kind {
        case .mapLiteral:
            let entries = node.children(.mapEntry).compactMap { entry -> String? in
                guard let key = entry.significantTokens.first else { return nil }
                let value = entry.childNodes.first.map { flowText($0, in: tree) } ?? "null"
                return scalar(key, in: tree) + ": " + value
            }
            return "{" + entries.joined(separator: ", ") + "}"
        case .listLiteral:
            return "[" + node.childNodes.map { flowText($0, in: tree) }.joined(separator: ", ") + "]"
        case .literal:
            guard let token = node.significantTokens.first else { return "null" }
            return scalar(token, in: tree)
        default:
            return quoted(tree.text(node.firstToken ?? Token(.word, node.span)))
        }
    }

    private static func scalar(_ token: Token, in tree: SyntaxTree) -> String {
        token.kind == .word ? tree.text(token) : quoted(tree.value(token))
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        StringLiteral.quote(text) { scalar in
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return scalar.value <= 0xFF
                ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
