import KalcDiagnostics
import KalcDriver
import KalcGitOps
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
        let result = Pipeline.run([file])
        // Every diagnostic of every phase, those a report leaves out for a file that does not parse included.
        var diagnostics = result.trees.flatMap(\.diagnostics) + (result.analysis?.diagnostics ?? []) + (result.scheduler?.diagnostics ?? [])
        if let gitOps = result.gitOps,
            let alone = Pipeline.gitOps(of: result, options: PipelineOptions(reusesWork: false)),
            let check = Pipeline.gitOps(of: result, options: PipelineOptions(keepsFiles: false))
        {
            diagnostics += gitOps.diagnostics
            var broken: [String] = []
            if described(check.diagnostics) != described(alone.diagnostics) {
                broken.append("a check reports other diagnostics than a compile that works out every assignment on its own")
            }
            if described(gitOps.diagnostics) != described(alone.diagnostics) || files(gitOps) != files(alone) {
                broken.append("sharing work between assignments changes what a compile gives")
            }
            if !broken.isEmpty { return broken }
        }
        renderEveryFormat(diagnostics, sources: result.files + Array(StandardLibrary.modules.values))
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
