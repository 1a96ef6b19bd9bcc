import KalcDiagnostics
import KalcSemantics
import KalcYAML

/// What the import finds wrong in the YAML it reads, with what each message needs.
///
/// `diagnostic(in:)` is the one place that turns a problem into its code, message, labels,
/// notes, hint and fix-its: a plain scalar that must be a string is quoted in place, an
/// object of another API is given Kalypso's. Problems that carry their own locations need
/// no file: `diagnostic`.
enum ImportProblem {
    /// A key Kubernetes refuses (see `ObjectShape`).
    case shape(ObjectShape.Problem)
    /// A Kalypso kind under another API.
    case foreignAPIVersion(Located<String>, kind: Located<String>, expected: String)
    /// A scalar in a map of strings, `what.key`, that YAML reads as something else.
    case scalarNotString(what: String, key: String, YAMLNode)

    // MARK: Without a fix-it

    /// YAML that does not parse, from `start` to `end` (a point when there is no end).
    case invalidYAML(String, start: Int, end: Int?)
    /// An object defined twice in one branch or folder; `place` names it in words.
    case duplicateObject(kind: String, Located<String>, place: String, first: Location)
    /// An object other than a Workload in the folder of a registration.
    case notAWorkload(Located<String>, registration: String)
    case environmentOutsideMain(at: Location)
    case configMapWithoutPlatformLabel(Located<String>)
    /// An object of a kind kalc declares in environments only, in the main branch.
    case environmentKindInMain(Located<String>)
    case workloadOutsideItsFolder(at: Location)
    case unknownKind(Located<String>)
    /// A Workload in the folder of a registration no WorkloadRegistration names.
    case folderWithoutRegistration(String, workload: Location)
    case branchWithoutEnvironment(String, at: Location)
    /// A field the object lacks, reported at `node`: `this object has no `field``.
    case missingField(String, YAMLNode)
    case notAMapping(YAMLNode)
    /// A field missing at a path of keys, reported at `node`.
    case missingPath([String], YAMLNode)
    case notAString([String], YAMLNode)
    case notAStringList([String], YAMLNode)
    case notOnlyStrings([String], YAMLNode)
    case notAStringMap(String, YAMLNode)
    /// A map or list in a map of strings, `what.key`.
    case structureNotString(what: String, key: String, YAMLNode)
    case notAList(String, YAMLNode)
    case invalidObjectName(Located<String>, problems: [String])
    case invalidOperator(Located<String>)
    /// `Exists` or `DoesNotExist` with values.
    case operatorWithValues(Located<String>)
    case droppedLabels(kind: String, at: Location)
    case missingManifests(at: Location)
}

extension ImportProblem {
    /// The diagnostic of a problem that carries its locations (a `Located` value, a
    /// `Location`), which needs no file.
    var diagnostic: Diagnostic { diagnostic(in: SourceFile(path: "", text: "")) }

    func diagnostic(in file: SourceFile) -> Diagnostic {
        func location(_ node: YAMLNode) -> Location {
            Location(file: file.path, span: Span(start: node.start.offset, end: node.end.offset))
        }
        switch self {
        case .shape(let problem):
            return Diagnostic(
                problem.code, problem.message, at: location(problem.key),
                labels: problem.first.map { [DiagnosticLabel(location($0), "first written here")] } ?? [],
                hint: problem.code == .duplicateKey ? "keep one of the two" : nil,
                fixIts: problem.code == .nonStringKey ? Self.quoting(problem.key, in: file) : [])
        case .foreignAPIVersion(let apiVersion, let kind, let expected):
            return Diagnostic(
                .foreignAPIVersion, "`\(apiVersion.value)` is not the API of Kalypso's \(kind.value) objects (`\(expected)`); not imported", at: apiVersion.location,
                notes: ["Kalypso reads \(kind.value) objects of `\(expected)` only; this one is some other API's."],
                hint: "write `apiVersion: \(expected)` if Kalypso is meant to read it",
                fixIts: [.replacing(apiVersion.location, with: expected)])
        case .scalarNotString(let what, let key, let node):
            return Diagnostic(
                .wrongFieldType, "`\(what).\(key)` must be a string; quote it", at: location(node),
                fixIts: Self.quoting(node, in: file))
        case .invalidYAML(let message, let start, let end):
            return Diagnostic(.invalidYAML, message, at: Location(file: file.path, span: Span(start: start, end: end ?? start)))
        case .duplicateObject(let kind, let name, let place, let first):
            return Diagnostic(
                .duplicateObject, "\(kind) `\(name.value)` is defined a second time in \(place)", at: name.location,
                labels: [DiagnosticLabel(first, "first defined here")],
                hint: "remove one of the two, or rename it")
        case .notAWorkload(let kind, let registration):
            return Diagnostic(.ignoredObject, "\(kind.value) in the folder of registration `\(registration)` is not imported; only Workloads are", at: kind.location)
        case .environmentOutsideMain(let location):
            return Diagnostic(.ignoredObject, "an Environment outside the main branch is never read by Kalypso", at: location)
        case .configMapWithoutPlatformLabel(let name):
            return Diagnostic(.ignoredObject, "ConfigMap `\(name.value)` has no `platform-config` label, so Kalypso does not use it; not imported", at: name.location)
        case .environmentKindInMain(let kind):
            return Diagnostic(.notRepresentable, "a \(kind.value) in the main branch is not imported; kalc declares them in environments", at: kind.location)
        case .workloadOutsideItsFolder(let location):
            return Diagnostic(.ignoredObject, "a Workload belongs in the folder of its registration (`workloads/<registration>/`); not imported", at: location)
        case .unknownKind(let kind):
            return Diagnostic(.unknownKind, "kind `\(kind.value)` is not used by the Kalypso scheduler; not imported", at: kind.location)
        case .folderWithoutRegistration(let registration, let location):
            return Diagnostic(
                .ignoredObject, "no WorkloadRegistration is named `\(registration)`, so Kalypso never reads the Workloads of folder `workloads/\(registration)/`; not imported",
                at: location)
        case .branchWithoutEnvironment(let branch, let location):
            return Diagnostic(.ignoredObject, "branch `\(branch)` has no Environment in the main branch, so Kalypso never reads it; not imported", at: location)
        case .missingField(let field, let node):
            return Diagnostic(.missingField, "this object has no `\(field)`", at: location(node))
        case .notAMapping(let node):
            return Diagnostic(.wrongFieldType, "a Kubernetes object must be a mapping", at: location(node))
        case .missingPath(let path, let node):
            return Diagnostic(.missingField, "`\(path.joined(separator: "."))` is missing", at: location(node))
        case .notAString(let path, let node):
            return Diagnostic(.wrongFieldType, "`\(path.joined(separator: "."))` must be a string; the Kubernetes API server rejects anything else", at: location(node))
        case .notAStringList(let path, let node):
            return Diagnostic(.wrongFieldType, "`\(path.joined(separator: "."))` must be a list of strings", at: location(node))
        case .notOnlyStrings(let path, let node):
            return Diagnostic(.wrongFieldType, "`\(path.joined(separator: "."))` must hold strings only", at: location(node))
        case .notAStringMap(let what, let node):
            return Diagnostic(.wrongFieldType, "`\(what)` must be a map of strings", at: location(node))
        case .structureNotString(let what, let key, let node):
            return Diagnostic(.wrongFieldType, "`\(what).\(key)` must be a string, not a \(node.isMapping ? "map" : "list")", at: location(node))
        case .notAList(let path, let node):
            return Diagnostic(.wrongFieldType, "`\(path)` must be a list", at: location(node))
        case .invalidObjectName(let name, let problems):
            return Diagnostic(
                .invalidObjectName, "`\(name.value)` is not a valid Kubernetes object name: \(problems.joined(separator: "; "))", at: name.location,
                hint: "the Kubernetes API server rejects this object; rename it")
        case .invalidOperator(let op):
            return Diagnostic(.wrongFieldType, "`\(op.value)` is not a valid label selector operator (In, NotIn, Exists, DoesNotExist)", at: op.location)
        case .operatorWithValues(let op):
            return Diagnostic(
                .invalidSelector, "`\(op.value)` takes no values, and kalc cannot express values with it",
                at: op.location, notes: ["Kalypso fails to build the selector, so the policy never becomes ready and the environment is never pushed."],
                hint: "remove `values`")
        case .droppedLabels(let kind, let location):
            return Diagnostic(.notRepresentable, "the labels of a \(kind) are not kept by the import (Kalypso does not use them)", at: location)
        case .missingManifests(let location):
            return Diagnostic(.missingField, "`manifests` is missing", at: location)
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
