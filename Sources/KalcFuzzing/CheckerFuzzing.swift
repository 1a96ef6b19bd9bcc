import KalcDiagnostics
import KalcGitOps
import KalcScheduling
import KalcSemantics
import KalcSyntax

/// `kalc check` and `kalc compile` on a project of one file: lowering, the model checks,
/// scheduling and the GitOps trees (templates rendered, config validated) all in memory;
/// every diagnostic points into the file and renders in every format.
enum CheckerFuzzing {
    static func run(_ input: [UInt8]) -> [String] {
        let file = SourceFile(path: SyntaxFuzzing.path, bytes: input)
        let tree = SyntaxTree.parse(file)
        let analysis = Semantics.analyze([tree])
        let scheduler = Scheduler.schedule(analysis.controlPlane)
        var diagnostics = tree.diagnostics + analysis.diagnostics + scheduler.diagnostics
        let library = Array(StandardLibrary.modules.values)
        if !tree.diagnostics.hasErrors {
            var sources = Dictionary(library.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
            sources[file.path] = file
            let gitOps = GitOpsCompiler.compile(analysis.controlPlane, schedules: scheduler.schedules, sources: sources)
            diagnostics += gitOps.diagnostics
        }
        renderEveryFormat(diagnostics, sources: [file] + library)
        return spansOutside(file, in: diagnostics)
    }
}
