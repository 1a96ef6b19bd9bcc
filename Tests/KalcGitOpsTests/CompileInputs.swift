import Foundation
import KalcDiagnostics
import KalcDriver
import KalcGitOps
import KalcResources
import KalcScheduling
import KalcSemantics
import KalcSyntax
import KalcTestSupport

/// A project's files made ready for a GitOps compile: parsed, analysed and scheduled, with
/// the standard library among the sources.
struct CompileInputs {
    var result: PipelineResult

    init(_ files: [SourceFile]) {
        result = Pipeline.run(files, options: PipelineOptions(through: .schedule))
    }

    init(_ text: String, path: String = "t.kal") {
        self.init([SourceFile(path: path, text: text)])
    }

    var trees: [SyntaxTree] { result.trees }
    var analysis: Analysis { result.analysis! }
    var scheduler: Scheduler { result.scheduler! }
    var sources: [String: SourceFile] { result.sources }
    var plane: ControlPlane { analysis.controlPlane }
    var schedules: [EnvironmentSchedule] { scheduler.schedules }

    /// Compiles the GitOps trees.
    func compile(
        cache: GitOpsCache? = nil, shouldContinue: @escaping @Sendable () -> Bool = { true }, keepsFiles: Bool = true,
        threads: Int = GitOpsCompiler.defaultThreads, reusesWork: Bool = true, maxOutputBytes: Int = GitOpsCompiler.maxOutputBytes
    ) -> GitOpsCompilation {
        let options = PipelineOptions(
            keepsFiles: keepsFiles, cache: cache, isWanted: shouldContinue, threads: threads, reusesWork: reusesWork,
            maxOutputBytes: maxOutputBytes)
        return Pipeline.gitOps(of: result, options: options) ?? GitOpsCompilation(trees: [], diagnostics: [])
    }
}

extension GoldenCase {
    /// The folders holding the inputs of every golden and oracle case, by case name.
    static func allInputs() throws -> [(name: String, input: String)] {
        try [repositoryRoot + "/Tests/Fixtures/golden", repositoryRoot + "/Tests/Fixtures/oracle-cases"].flatMap { root in
            try FileManager.default.contentsOfDirectory(atPath: root).sorted().map { ($0, root + "/" + $0 + "/input") }
        }
    }

    /// A Kalypso control plane's YAML read and printed as kalc source, with what reading it found.
    static func imported(_ input: String) throws -> (file: SourceFile, diagnostics: [Diagnostic]) {
        let reader = ControlPlaneReader.read(try yamlFiles(under: input), root: input)
        return (SourceFile(path: "imported.kal", text: KalSourceWriter.source(of: reader.plane)), reader.diagnostics)
    }
}
