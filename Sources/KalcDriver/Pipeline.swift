import KalcDiagnostics
import KalcGitOps
import KalcScheduling
import KalcSemantics
import KalcSyntax

/// A phase of kalc's pipeline; each runs the ones before it.
public enum PipelinePhase: Int, Comparable, Sendable {
    /// Reading and parsing: the files given and those their imports name.
    case parse
    /// Lowering to the model, name resolution and the static checks.
    case check
    /// Kalypso's scheduling in each environment.
    case schedule
    /// Config composed and validated, templates rendered, the GitOps trees built (only when
    /// every file parses).
    case gitOps

    public static func < (lhs: PipelinePhase, rhs: PipelinePhase) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Checks that replace the GitOps phase (the language server is handed them): given the
/// control plane, the schedules, the sources (the standard library included) and whether
/// the result is still wanted, their diagnostics.
public typealias LaterChecks = @Sendable (ControlPlane, [EnvironmentSchedule], [String: SourceFile], @escaping @Sendable () -> Bool) -> [Diagnostic]

/// How far the pipeline runs and how.
public struct PipelineOptions: Sendable {
    /// The last phase run.
    public var through: PipelinePhase
    /// The environments whose GitOps trees are compiled, nil for all.
    public var environments: Set<String>?
    /// Whether the GitOps trees keep their files (false when only diagnostics are wanted).
    public var keepsFiles: Bool
    /// What earlier GitOps compiles of a similar project rendered.
    public var cache: GitOpsCache?
    /// Checks run in place of the GitOps compile, when set.
    public var laterChecks: LaterChecks?
    /// Trees of an earlier run, reused for files of the same path and bytes.
    public var parsed: [String: SyntaxTree]
    /// Whether the result is still wanted: the pipeline stops between phases when it is not.
    public var isWanted: @Sendable () -> Bool
    /// Threads of the GitOps compile.
    public var threads: Int
    /// Whether the GitOps compile shares work between assignments.
    public var reusesWork: Bool
    /// The most bytes of GitOps files a compile holds.
    public var maxOutputBytes: Int

    /// Options running the pipeline through `through`; the GitOps phase's options as
    /// `GitOpsCompiler.compile` has them.
    public init(
        through: PipelinePhase = .gitOps, environments: Set<String>? = nil, keepsFiles: Bool = true, cache: GitOpsCache? = nil,
        laterChecks: LaterChecks? = nil, parsed: [String: SyntaxTree] = [:], isWanted: @escaping @Sendable () -> Bool = { true },
        threads: Int = GitOpsCompiler.defaultThreads, reusesWork: Bool = true, maxOutputBytes: Int = GitOpsCompiler.maxOutputBytes
    ) {
        self.through = through
        self.environments = environments
        self.keepsFiles = keepsFiles
        self.cache = cache
        self.laterChecks = laterChecks
        self.parsed = parsed
        self.isWanted = isWanted
        self.threads = threads
        self.reusesWork = reusesWork
        self.maxOutputBytes = maxOutputBytes
    }
}

/// Told of the pipeline's progress: each phase as it begins, the time each took, and notes
/// on what a phase did (`kalc --timings` and `--progress`).
public protocol PipelineObserver: AnyObject {
    /// A phase begins: `description` says what it does ("parsing 12 files").
    func begin(_ description: String)
    /// Phase `name` took `time`.
    func record(_ name: String, _ time: Duration)
    /// A line on what a phase did.
    func note(_ text: String)
}

/// What one run of the pipeline gave: the project's files and trees, and the result of each
/// phase run (nil for a phase not run, and for the GitOps trees when some file does not parse).
public struct PipelineResult: Sendable {
    /// The files, those given first, then each imported file once.
    public var files: [SourceFile]
    /// The syntax tree of each file, in the order of `files`.
    public var trees: [SyntaxTree]
    /// Problems reading files.
    public var inputDiagnostics: [Diagnostic]
    /// The model and the diagnostics of the analysis.
    public var analysis: Analysis?
    /// The schedules of every environment.
    public var scheduler: Scheduler?
    /// The GitOps trees, or the diagnostics of the checks run in their place.
    public var gitOps: GitOpsCompilation?
    /// The diagnostics past parsing (imports, analysis, scheduling, GitOps), repeats merged,
    /// those of files that do not parse left out.
    public var semanticDiagnostics: [Diagnostic]

    /// The paths of the files with syntax errors (nothing past parsing is trusted there).
    public var brokenFiles: Set<String> { Set(trees.filter { $0.diagnostics.hasErrors }.map(\.file.path)) }

    /// Whether some file has syntax errors.
    public var hasSyntaxErrors: Bool { trees.contains { $0.diagnostics.hasErrors } }

    /// Every diagnostic: reading, syntax, then the rest.
    public var diagnostics: [Diagnostic] { inputDiagnostics + trees.flatMap(\.diagnostics) + semanticDiagnostics }

    /// The diagnostics that matter when compiling only `environments` (all when nil): those
    /// of the whole project and those of these environments.
    public func diagnostics(for environments: Set<String>?) -> [Diagnostic] {
        guard let environments else { return diagnostics }
        return diagnostics.filter { $0.environment.map(environments.contains) ?? true }
    }

    /// The sources of the files and of the standard library, by path (a project's file first).
    public var sources: [String: SourceFile] {
        Dictionary((files + Array(StandardLibrary.modules.values)).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// kalc's pipeline, the one sequence `kalc check`, `kalc compile`, the language server, the
/// fuzz targets and the tests run: read, parse, follow imports, analyse, schedule, compile
/// the GitOps trees, and keep the diagnostics that count.
public enum Pipeline {
    /// Reads the `.kal` files at `paths` (the current folder when empty) and the files their
    /// imports name from `fileSystem`, and runs the pipeline on them. Throws an `InputError`
    /// for a path that names nothing, or when no `.kal` file is found.
    public static func load(
        _ paths: [String], from fileSystem: any ProjectFileSystem = DiskFileSystem(), options: PipelineOptions = PipelineOptions(),
        observer: PipelineObserver? = nil
    ) throws -> PipelineResult {
        let clock = ContinuousClock()
        let started = clock.now
        observer?.begin("reading files")
        let inputs = try SourceInputs.load(paths, from: fileSystem)
        // Imports extend the project; a link below an import's folder may also lead into the
        // folders given on the command line.
        let folders = ProjectFolders(try SourceInputs.projectFolders(of: paths.isEmpty ? ["."] : paths, in: fileSystem))
        observer?.record("read", clock.now - started)
        if inputs.files.isEmpty && inputs.diagnostics.isEmpty {
            throw InputError("no .kal files found in \(paths.isEmpty ? "." : paths.joined(separator: ", "))")
        }
        return run(
            inputs.files, readProblems: inputs.diagnostics, imports: ImportReading(fileSystem: fileSystem, project: folders),
            options: options, observer: observer)
    }

    /// Runs the pipeline on `files`, following their imports through `imports` (not when nil);
    /// `readProblems` are those found reading `files`.
    public static func run(
        _ files: [SourceFile], readProblems: [Diagnostic] = [], imports: ImportReading? = nil,
        options: PipelineOptions = PipelineOptions(), observer: PipelineObserver? = nil
    ) -> PipelineResult {
        let clock = ContinuousClock()
        let started = clock.now
        observer?.begin("parsing \(files.count) files")
        let project = ImportedProject.following(files, readProblems: readProblems, through: imports, parsed: options.parsed)
        observer?.record("parse", clock.now - started)
        var result = PipelineResult(files: project.files, trees: project.trees, inputDiagnostics: project.readProblems, semanticDiagnostics: [])
        // Import diagnostics count with the analysis': none for a file that does not parse.
        let semantic = phases(after: project, into: &result, options: options, observer: observer)
        let broken = result.brokenFiles
        result.semanticDiagnostics = semantic.mergingRepeats().filter { !broken.contains($0.location.file) }
        return result
    }

    /// Runs the phases past parsing that `options` asks for into `result`, stopping between
    /// phases once the result is no longer wanted; returns their diagnostics, unfiltered.
    private static func phases(
        after project: ImportedProject, into result: inout PipelineResult, options: PipelineOptions,
        observer: PipelineObserver?
    ) -> [Diagnostic] {
        let importDiagnostics = project.importDiagnostics
        guard options.through >= .check, options.isWanted() else { return importDiagnostics }
        observer?.begin("checking \(project.trees.count) files")
        let analysis = measure("check", observer) { Semantics.analyze(project.trees) }
        result.analysis = analysis
        guard options.through >= .schedule, options.isWanted() else { return analysis.diagnostics + importDiagnostics }
        observer?.begin("scheduling \(analysis.controlPlane.environments.count) environments")
        let scheduler = measure("schedule", observer) { Scheduler.schedule(analysis.controlPlane) }
        result.scheduler = scheduler
        let scheduled = analysis.diagnostics + importDiagnostics + scheduler.diagnostics
        guard options.through >= .gitOps, !result.hasSyntaxErrors else { return scheduled }
        let gitOps = compileGitOps(analysis.controlPlane, scheduler.schedules, sources: result.sources, options: options, observer: observer)
        result.gitOps = gitOps
        return scheduled + gitOps.diagnostics
    }

    /// The GitOps phase run on a result scheduled already, with options of its own (a compile
    /// that shares no work, one that keeps no files), even when some file does not parse (the
    /// tests compile what the model of a broken file gives); nil when the result was not scheduled.
    public static func gitOps(of result: PipelineResult, options: PipelineOptions) -> GitOpsCompilation? {
        guard let analysis = result.analysis, let scheduler = result.scheduler else { return nil }
        return compileGitOps(analysis.controlPlane, scheduler.schedules, sources: result.sources, options: options, observer: nil)
    }

    /// The GitOps phase as the language server runs it after every edit that leaves each file
    /// parsing: config requirements and templates checked, no file kept, and what `cache`
    /// holds from earlier edits not rendered again.
    public static func gitOpsChecks(cache: GitOpsCache) -> LaterChecks {
        { plane, schedules, sources, isWanted in
            GitOpsCompiler.compile(plane, schedules: schedules, sources: sources, cache: cache, shouldContinue: isWanted, keepsFiles: false).diagnostics
        }
    }

    /// The GitOps phase: the compile, or the checks `options` has in its place.
    private static func compileGitOps(
        _ plane: ControlPlane, _ schedules: [EnvironmentSchedule], sources: [String: SourceFile],
        options: PipelineOptions, observer: PipelineObserver?
    ) -> GitOpsCompilation {
        if let laterChecks = options.laterChecks {
            return GitOpsCompilation(trees: [], diagnostics: laterChecks(plane, schedules, sources, options.isWanted))
        }
        let clock = ContinuousClock()
        let started = clock.now
        let assignments = schedules.reduce(0) { $0 + $1.assignments.count }
        observer?.begin((options.keepsFiles ? "rendering" : "checking config and templates of") + " \(assignments) assignments")
        let gitOps = GitOpsCompiler.compile(
            plane, schedules: schedules, sources: sources, only: options.environments,
            cache: options.cache, shouldContinue: options.isWanted, keepsFiles: options.keepsFiles,
            threads: options.threads, reusesWork: options.reusesWork, maxOutputBytes: options.maxOutputBytes)
        if let observer {
            // The GitOps compile interleaves config and templates; it measures both.
            observer.record("config", gitOps.timings.config)
            observer.record("render", clock.now - started - gitOps.timings.config)
            let reused = gitOps.timings.firstPassesReused
            observer.note(
                "render: \(gitOps.timings.manifestsRendered) manifests rendered"
                    + (options.keepsFiles ? "" : ", \(reused) outcomes known from an equal render"))
        }
        return gitOps
    }

    private static func measure<T>(_ name: String, _ observer: PipelineObserver?, _ body: () -> T) -> T {
        guard let observer else { return body() }
        let clock = ContinuousClock()
        let started = clock.now
        let value = body()
        observer.record(name, clock.now - started)
        return value
    }
}
