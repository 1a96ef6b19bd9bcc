import KalcDiagnostics
import KalcDriver
import KalcScheduling
import KalcSemantics
import KalcSyntax

/// One run of kalc's pipeline over every file of a project, as `kalc check` runs it: each
/// file parsed, the whole analysed and scheduled. Everything the editor features answer
/// comes from a snapshot, and a snapshot never changes.
public struct ProjectSnapshot: Sendable {
    /// The project's files by path (the standard library not included).
    public let files: [String: SourceFile]
    /// The syntax tree of each file, by path.
    public let trees: [String: SyntaxTree]
    /// The trees of the standard library modules the project imports.
    public let libraryTrees: [SyntaxTree]
    /// The Kalypso objects the project declares, and the diagnostics of the analysis.
    public let analysis: Analysis
    /// What Kalypso schedules in each environment.
    public let schedules: [EnvironmentSchedule]
    /// The declarations, references, labels and config keys of every file, by place.
    public let index: SymbolIndex
    /// The diagnostics of each file of the project (and of each file that could not be read),
    /// in report order; a file without any has an empty list. Semantic diagnostics are left
    /// out for files that do not parse.
    public let diagnostics: [String: [Diagnostic]]

    /// An empty project.
    public static let empty = ProjectSnapshot.analyze([])

    /// Runs the pipeline over `files`. `inputDiagnostics` are problems found while reading
    /// them (an unreadable file, an import that is not there); `parsed` holds trees that can
    /// be reused for files whose bytes did not change; `laterChecks` run when every file parses,
    /// and are told the result is no longer wanted when `isWanted` says so.
    public static func analyze(
        _ files: [SourceFile], inputDiagnostics: [Diagnostic] = [], parsed: [String: SyntaxTree] = [:], laterChecks: LaterChecks? = nil,
        isWanted: @escaping @Sendable () -> Bool = { true }
    ) -> ProjectSnapshot {
        let options = PipelineOptions(through: laterChecks == nil ? .schedule : .gitOps, laterChecks: laterChecks, parsed: parsed, isWanted: isWanted)
        return ProjectSnapshot(Pipeline.run(files, readProblems: inputDiagnostics, options: options))
    }

    /// The source of a file of the project or of the standard library.
    public func source(_ path: String) -> SourceFile? {
        files[path] ?? libraryTrees.first { $0.file.path == path }?.file
    }

    /// The tree of a file of the project or of the standard library.
    public func tree(_ path: String) -> SyntaxTree? {
        trees[path] ?? libraryTrees.first { $0.file.path == path }
    }

    /// The schedule of an environment.
    public func schedule(of environment: String) -> EnvironmentSchedule? {
        schedules.first { $0.environment.header.name.value == environment }
    }
}

extension ProjectSnapshot {
    /// The snapshot of one run of the pipeline through scheduling; empty when the run stopped
    /// before (its result was no longer wanted).
    init(_ result: PipelineResult) {
        guard let analysis = result.analysis, let scheduler = result.scheduler else {
            self = .empty
            return
        }
        var byFile: [String: [Diagnostic]] = [:]
        for file in result.files { byFile[file.path] = [] }
        for diagnostic in result.inputDiagnostics where !diagnostic.location.file.isEmpty {
            byFile[diagnostic.location.file] = []
        }
        for diagnostic in result.diagnostics where byFile[diagnostic.location.file] != nil {
            byFile[diagnostic.location.file, default: []].append(diagnostic)
        }
        for path in byFile.keys {
            byFile[path]?.sort(by: Diagnostic.reportOrder)
        }
        let trees = result.trees
        let imported = Set(
            trees.flatMap { tree in
                tree.items.compactMap { item -> String? in
                    guard item.kind == .importDecl, let target = item.significantTokens.dropFirst().first, target.kind == .word else { return nil }
                    return tree.text(target)
                }
            })
        let library = StandardLibrary.modules.filter { imported.contains($0.key) }.sorted { $0.key < $1.key }.map { SyntaxTree.parse($0.value) }
        self.init(
            files: Dictionary(result.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first }),
            trees: Dictionary(trees.map { ($0.file.path, $0) }, uniquingKeysWith: { first, _ in first }),
            libraryTrees: library,
            analysis: analysis,
            schedules: scheduler.schedules,
            index: SymbolIndex(trees + library),
            diagnostics: byFile
        )
    }
}
