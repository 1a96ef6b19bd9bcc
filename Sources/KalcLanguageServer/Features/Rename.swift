import KalcDiagnostics
import KalcSemantics
import KalcSyntax

/// Why a rename is refused, in words for the user.
public struct RenameRefusal: Error, Sendable {
    /// A sentence for the user.
    public var message: String
}

/// What a rename at a place would rename.
public struct RenameTarget: Sendable {
    /// The name under the cursor.
    public var location: Location
    /// The name as it is now.
    public var name: String
    /// What the name declares.
    public var declarations: [SymbolDeclaration]
}

/// Rename: a declared name and every reference to it, across files.
extension ProjectSnapshot {
    /// The declared name at a place that can be renamed.
    public func renameTarget(in path: String, at offset: Int) -> Result<RenameTarget, RenameRefusal> {
        guard let occurrence = index.occurrence(in: path, at: offset) else {
            return .failure(RenameRefusal(message: "there is no declared name here"))
        }
        let declarations = index.declarations(at: occurrence)
        guard let first = declarations.first else {
            if case .reference(let reference) = occurrence {
                return .failure(RenameRefusal(message: "no \(reference.kind.displayName) is named `\(reference.name)`"))
            }
            return .failure(RenameRefusal(message: "labels and config keys are not renamed"))
        }
        if let library = declarations.first(where: { files[$0.nameLocation.file] == nil }) {
            return .failure(RenameRefusal(message: "\(library.kind.displayName) `\(library.name)` belongs to the standard library"))
        }
        let name = first.name
        return .success(RenameTarget(location: occurrence.location, name: name, declarations: declarations))
    }

    /// The edits that rename the name at a place to `newName`, or why it cannot be.
    public func rename(in path: String, at offset: Int, to newName: String) -> Result<[TextEdit], RenameRefusal> {
        let target: RenameTarget
        switch renameTarget(in: path, at: offset) {
        case .success(let found): target = found
        case .failure(let refusal): return .failure(refusal)
        }
        let kinds = Set(target.declarations.map(\.kind))
        for kind in kinds.sorted(by: { $0.rawValue < $1.rawValue }) {
            if let problem = Self.problem(with: newName, for: kind) {
                return .failure(RenameRefusal(message: "`\(newName)` cannot name a \(kind.displayName): \(problem)"))
            }
        }
        if newName != target.name,
            let clash = index.declarations.first(where: { other in
                other.name == newName && target.declarations.contains { Self.sameScope($0, other) }
            })
        {
            return .failure(RenameRefusal(message: "a \(clash.kind.displayName) named `\(newName)` already exists"))
        }
        let places = target.declarations.map(\.nameLocation) + index.references(to: target.declarations).map(\.location)
        let edits = Array(Set(places)).sorted().map { TextEdit($0, replacement: newName) }
        return .success(edits)
    }

    /// Why `name` cannot name a thing of `kind`, nil when it can.
    static func problem(with name: String, for kind: SymbolKind) -> String? {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(path: "", text: name))
        let significant = tokens.filter { !$0.kind.isTrivia && $0.kind != .endOfFile }
        guard diagnostics.isEmpty, significant.count == 1, significant[0].kind == .word, significant[0].span == Span(start: 0, end: name.utf8.count) else {
            return "a name is one word of letters, digits, `-`, `_`, `.` and `/`"
        }
        guard kind != .repository else { return nil }
        if let problem = KubernetesNames.subdomainProblems(name).first { return problem }
        if kind == .environment {
            if name.contains("-") { return "Kalypso cannot schedule in an environment whose name contains `-`" }
            if name == "main" { return "`main` is the branch of the main control plane" }
        }
        if kind == .workload || kind == .clusterType, let problem = KubernetesNames.labelValueProblems(name).first {
            return problem
        }
        return nil
    }

    /// Whether two declarations would clash if they had the same name.
    private static func sameScope(_ renamed: SymbolDeclaration, _ other: SymbolDeclaration) -> Bool {
        guard renamed.kind == other.kind else {
            // A workload that registers itself also declares a registration.
            let kinds = Set([renamed.kind, other.kind])
            return kinds == [.workload, .registration] && (renamed.registersItself || other.registersItself)
        }
        switch renamed.kind {
        case .deploymentTarget: return renamed.workload == other.workload
        case .repository, .environment, .workload: return true
        default: return renamed.branch == other.branch
        }
    }
}
