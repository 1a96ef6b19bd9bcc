import KalcDiagnostics
import KalcGitOps
import KalcScheduling
import KalcSemantics
import KalcSyntax

/// `kalc check` and `kalc compile` on a project of one file: lowering, the model checks,
/// scheduling and the GitOps trees (templates rendered, config validated) all in memory;
/// every diagnostic points into the file and renders in every format, and sharing work
/// between assignments changes nothing: a check reports what a compile that works out every
/// assignment on its own reports, and a compile that shares work writes the same trees.
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
            let alone = GitOpsCompiler.compile(analysis.controlPlane, schedules: scheduler.schedules, sources: sources, reusesWork: false)
            let check = GitOpsCompiler.compile(analysis.controlPlane, schedules: scheduler.schedules, sources: sources, keepsFiles: false)
            var broken: [String] = []
            if described(check.diagnostics) != described(alone.diagnostics) {
                broken.append("a check reports other diagnostics than a compile that works out every assignment on its own")
            }
            if described(gitOps.diagnostics) != described(alone.diagnostics) || files(gitOps) != files(alone) {
                broken.append("sharing work between assignments changes what a compile gives")
            }
            if !broken.isEmpty { return broken }
        }
        renderEveryFormat(diagnostics, sources: [file] + library)
        return spansOutside(file, in: diagnostics)
    }

    private static func described(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { diagnostic in
            ([diagnostic.environment ?? "-", "\(diagnostic.location)", "\(diagnostic.code)", diagnostic.message, diagnostic.hint ?? "-"]
                + diagnostic.notes + diagnostic.labels.map { "\($0.location) \($0.message)" }).joined(separator: "\n")
        }
    }

    private static func files(_ compilation: GitOpsCompilation) -> [String: String] {
        var files: [String: String] = [:]
        for tree in compilation.trees {
            for (path, content) in tree.files { files[tree.environment + "/" + path] = content }
        }
        return files
    }
}
