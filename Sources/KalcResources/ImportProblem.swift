import KalcDiagnostics
import KalcSemantics
import KalcYAML

/// What the import finds wrong in one Kalypso object, with what each message needs.
///
/// `diagnostic(in:)` is the one place that turns a problem into its code, message, hint and
/// fix-its: a plain scalar that must be a string is quoted in place, an object of another
/// API is given Kalypso's.
enum ImportProblem {
    /// A key Kubernetes refuses (see `ObjectShape`).
    case shape(ObjectShape.Problem)
    /// A Kalypso kind under another API.
    case foreignAPIVersion(Located<String>, kind: Located<String>, expected: String)
    /// A scalar in a map of strings, `what.key`, that YAML reads as something else.
    case scalarNotString(what: String, key: String, YAMLNode)
}

extension ImportProblem {
    func diagnostic(in file: SourceFile) -> Diagnostic {
        func location(_ node: YAMLNode) -> Location {
            Location(file: file.path, span: Span(start: node.start.offset, end: node.end.offset))
        }
        switch self {
        case .shape(let problem):
            return Diagnostic(problem.code, problem.message, at: location(problem.key),
                              labels: problem.first.map { [DiagnosticLabel(location($0), "first written here")] } ?? [],
                              hint: problem.code == .duplicateKey ? "keep one of the two" : nil,
                              fixIts: problem.code == .nonStringKey ? Self.quoting(problem.key, in: file) : [])
        case .foreignAPIVersion(let apiVersion, let kind, let expected):
            return Diagnostic(.foreignAPIVersion, "`\(apiVersion.value)` is not the API of Kalypso's \(kind.value) objects (`\(expected)`); not imported", at: apiVersion.location,
                              notes: ["Kalypso reads \(kind.value) objects of `\(expected)` only; this one is some other API's."],
                              hint: "write `apiVersion: \(expected)` if Kalypso is meant to read it",
                              fixIts: [.replacing(apiVersion.location, with: expected)])
        case .scalarNotString(let what, let key, let node):
            return Diagnostic(.wrongFieldType, "`\(what).\(key)` must be a string; quote it", at: location(node),
                              fixIts: Self.quoting(node, in: file))
        }
    }

    /// The fix that puts a plain scalar in double quotes, when its text needs no escape.
    private static func quoting(_ node: YAMLNode, in file: SourceFile) -> [FixIt] {
        guard case .scalar(_, .plain) = node.content, node.tag == nil,
              node.start.offset < node.end.offset, node.end.offset <= file.bytes.count
        else { return [] }
        let text = String(decoding: file.bytes[node.start.offset..<node.end.offset], as: UTF8.self)
        guard !text.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline }) else { return [] }
        let location = Location(file: file.path, span: Span(start: node.start.offset, end: node.end.offset))
        return [FixIt("Quote `\(text)`", edits: [TextEdit(location, replacement: "\"\(text)\"")])]
    }
}
