import KalcDiagnostics
import KalcSyntax

/// The result of analysing a project: the Kalypso objects it declares and every problem
/// found on the way.
public struct Analysis: Sendable {
    public var controlPlane: ControlPlane
    public var diagnostics: [Diagnostic]
}

/// The standard library: modules written in kalc, compiled into the binary.
public enum StandardLibrary {
    /// Module name (`std.templates`) to its source.
    public static var modules: [String: SourceFile] {
        var result: [String: SourceFile] = [:]
        for (name, text) in StandardLibrarySources.modules {
            result[name] = SourceFile(path: "<\(name)>", text: text)
        }
        return result
    }

    /// The templates `std.templates` declares, lowered once.
    public static let templates: [TemplateObject] = {
        guard let file = modules["std.templates"] else { return [] }
        let tree = SyntaxTree.parse(file)
        var lowering = Lowering(firstTree: tree)
        lowering.lower([tree], threads: 1)
        return lowering.plane.templates
    }()
}

/// Resolves and checks a project.
public enum Semantics {
    /// Analyses the parsed files of a project. Imports of the standard library are added
    /// once; imports of paths must already be among `trees` (the caller reads files).
    public static func analyze(_ trees: [SyntaxTree], threads: Int = Parallel.defaultThreads) -> Analysis {
        var diagnostics: [Diagnostic] = []
        var modules: [String] = []
        let library = StandardLibrary.modules
        for tree in trees {
            for item in tree.items where item.kind == .importDecl {
                guard let target = item.significantTokens.dropFirst().first, target.kind == .word else { continue }
                let name = tree.text(target)
                if library[name] != nil {
                    if !modules.contains(name) { modules.append(name) }
                } else {
                    diagnostics.append(SemanticProblem.unknownModule(name, at: Location(file: tree.file.path, span: target.span), modules: Array(library.keys)).diagnostic)
                }
            }
        }
        let libraryTrees = modules.sorted().compactMap { library[$0] }.map(SyntaxTree.parse)
        let all = trees + libraryTrees
        guard let first = all.first else {
            return Analysis(controlPlane: ControlPlane(), diagnostics: diagnostics)
        }
        var lowering = Lowering(firstTree: first)
        lowering.lower(all, threads: threads)
        var checks = ModelChecks(plane: lowering.plane)
        checks.run()
        diagnostics += lowering.diagnostics + checks.diagnostics
        return Analysis(controlPlane: lowering.plane, diagnostics: diagnostics)
    }
}
