import KalcDiagnostics
import KalcDriver
import KalcGitOps
import KalcScheduling
import KalcSemantics
import KalcSyntax

/// A project read from disk: the files named on the command line, the files their
/// `import "path"` declarations bring in, their syntax trees and the analysis.
struct Project {
    var files: [SourceFile]
    var trees: [SyntaxTree]
    var analysis: Analysis
    var scheduler: Scheduler
    /// The GitOps trees; empty when some file does not parse.
    var gitOps: GitOpsCompilation
    /// Problems reading files (exit status 2).
    var inputDiagnostics: [Diagnostic]
    /// Every diagnostic, semantic ones left out for files that do not even parse.
    let diagnostics: [Diagnostic]
    private let pipeline: PipelineResult

    /// The sources of every file a diagnostic can point into, the standard library included.
    var sources: [SourceFile] { files + Array(StandardLibrary.modules.values) }

    /// Whether some file has syntax errors (nothing past parsing is trusted then).
    var hasSyntaxErrors: Bool { pipeline.hasSyntaxErrors }

    /// The diagnostics that matter when compiling only `environments`: those of the whole
    /// project and those of these environments.
    func diagnostics(for environments: Set<String>?) -> [Diagnostic] {
        pipeline.diagnostics(for: environments)
    }

    /// Reads, parses and checks the project at `paths`, and compiles its GitOps trees (those
    /// of `environments`, or all) unless some file does not parse — without their files when
    /// only diagnostics are wanted (`keepsFiles` false); `timer` notes each phase. The files
    /// come from `fileSystem`: the disk, or a commit of a git repository. `progress` is told
    /// each of the five phases as it begins.
    static func load(
        _ paths: [String], environments: Set<String>? = nil, keepsFiles: Bool = true, timer: PhaseTimer? = nil,
        progress: Progress? = nil, from fileSystem: any ProjectFileSystem = DiskFileSystem()
    ) throws -> Project {
        let observer = timer != nil || progress != nil ? CommandObserver(timer: timer, progress: progress) : nil
        let result = try Pipeline.load(paths, from: fileSystem, options: PipelineOptions(environments: environments, keepsFiles: keepsFiles), observer: observer)
        guard let analysis = result.analysis, let scheduler = result.scheduler else {
            preconditionFailure("the pipeline runs every phase for the command line")
        }
        return Project(
            files: result.files, trees: result.trees, analysis: analysis, scheduler: scheduler,
            gitOps: result.gitOps ?? GitOpsCompilation(trees: [], diagnostics: []), inputDiagnostics: result.inputDiagnostics,
            diagnostics: result.diagnostics, pipeline: result)
    }
}

/// The pipeline's progress shown with `--progress` and timed with `--timings`.
private final class CommandObserver: PipelineObserver {
    let timer: PhaseTimer?
    let progress: Progress?

    init(timer: PhaseTimer?, progress: Progress?) {
        self.timer = timer
        self.progress = progress
    }

    func begin(_ description: String) { progress?.begin(description) }
    func record(_ name: String, _ time: Duration) { timer?.record(name, time) }
    func note(_ text: String) { timer?.notes.append(text) }
}
