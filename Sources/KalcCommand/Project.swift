import Foundation
import KalcDiagnostics
import KalcGitOps
import KalcLanguageServer
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

    /// The sources of every file a diagnostic can point into, the standard library included.
    var sources: [SourceFile] { files + Array(StandardLibrary.modules.values) }

    /// Every diagnostic, semantic ones left out for files that do not even parse.
    var diagnostics: [Diagnostic] {
        let broken = Set(trees.filter { $0.diagnostics.hasErrors }.map(\.file.path))
        return inputDiagnostics + trees.flatMap(\.diagnostics) + analysis.diagnostics.filter { !broken.contains($0.location.file) }
    }

    /// Whether some file has syntax errors (nothing past parsing is trusted then).
    var hasSyntaxErrors: Bool { trees.contains { $0.diagnostics.hasErrors } }

    /// The diagnostics that matter when compiling only `environments`: those of the whole
    /// project and those of these environments.
    func diagnostics(for environments: Set<String>?) -> [Diagnostic] {
        guard let environments else { return diagnostics }
        return diagnostics.filter { $0.environment.map(environments.contains) ?? true }
    }

    /// Reads, parses and checks the project at `paths`, and compiles its GitOps trees (those
    /// of `environments`, or all) unless some file does not parse — without their files when
    /// only diagnostics are wanted (`keepsFiles` false); `timer` notes each phase. The files
    /// come from `fileSystem`: the disk, or a commit of a git repository. `progress` is told
    /// each of the five phases as it begins.
    static func load(_ paths: [String], environments: Set<String>? = nil, keepsFiles: Bool = true, timer: PhaseTimer? = nil,
                     progress: Progress? = nil, from fileSystem: any ProjectFileSystem = DiskFileSystem()) throws -> Project {
        let clock = ContinuousClock()
        var started = clock.now
        progress?.begin("reading files")
        var inputs = try SourceInputs.load(paths, from: fileSystem)
        // Imports extend the project; a link below an import's folder may also lead into the
        // folders given on the command line.
        let commandLine = ProjectFolders(try SourceInputs.projectFolders(of: paths.isEmpty ? ["."] : paths, in: fileSystem))
        timer?.record("read", clock.now - started)
        started = clock.now
        if inputs.files.isEmpty && inputs.diagnostics.isEmpty {
            throw UsageError("no .kal files found in \(paths.isEmpty ? "." : paths.joined(separator: ", "))")
        }
        progress?.begin("parsing \(inputs.files.count) files")
        var trees = inputs.files.map(SyntaxTree.parse)
        var loaded = Set(inputs.files.map { SourceInputs.normalized($0.path) })
        var importDiagnostics: [Diagnostic] = []
        var importedFolders = Set<String>()
        var index = 0
        while index < trees.count {
            let tree = trees[index]
            index += 1
            for item in tree.items where item.kind == .importDecl {
                guard let target = item.significantTokens.dropFirst().first, target.kind == .string else { continue }
                let relative = tree.value(target)
                let location = Location(file: tree.file.path, span: target.span)
                if let refusal = ImportPaths.refusal(of: relative, at: location) {
                    importDiagnostics.append(refusal)
                    continue
                }
                let base = (tree.file.path as NSString).deletingLastPathComponent
                let path = relative.hasPrefix("/") ? relative : (base.isEmpty ? relative : base + "/" + relative)
                guard let isFolder = fileSystem.isFolder(path) else {
                    importDiagnostics.append(Diagnostic(.importNotFound, "no file or folder at `\(relative)`", at: location,
                                                        hint: "paths are relative to the importing file"))
                    continue
                }
                if !isFolder, let refusal = ImportPaths.refusal(ofFile: relative, at: location) {
                    importDiagnostics.append(refusal)
                    continue
                }
                if isFolder { importedFolders.insert(SourceInputs.normalized(path)) }
                var found = try SourceInputs.load([path], within: commandLine, from: fileSystem)
                found.files.removeAll { !loaded.insert(SourceInputs.normalized($0.path)).inserted }
                inputs.diagnostics += found.diagnostics
                inputs.files += found.files
                trees += found.files.map(SyntaxTree.parse)
            }
        }
        // A folder link refused by a search is part of the project once an import names it.
        inputs.diagnostics.removeAll { $0.code == .linkLeavesProject && importedFolders.contains(SourceInputs.normalized($0.location.file)) }
        timer?.record("parse", clock.now - started)
        progress?.begin("checking \(trees.count) files")
        let analysis = PhaseTimer.measure("check", on: timer) { Semantics.analyze(trees) }
        progress?.begin("scheduling \(analysis.controlPlane.environments.count) environments")
        let scheduler = PhaseTimer.measure("schedule", on: timer) { Scheduler.schedule(analysis.controlPlane) }
        let sources = Dictionary((inputs.files + Array(StandardLibrary.modules.values)).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let broken = trees.contains { $0.diagnostics.hasErrors }
        started = clock.now
        let assignments = scheduler.schedules.reduce(0) { $0 + $1.assignments.count }
        progress?.begin((keepsFiles ? "rendering" : "checking config and templates of") + " \(assignments) assignments")
        let gitOps = broken ? GitOpsCompilation(trees: [], diagnostics: [])
            : GitOpsCompiler.compile(analysis.controlPlane, schedules: scheduler.schedules, sources: sources, only: environments, keepsFiles: keepsFiles)
        if let timer, !broken {
            // The GitOps compile interleaves config and templates; it measures both.
            let total = clock.now - started
            timer.record("config", gitOps.timings.config)
            timer.record("render", total - gitOps.timings.config)
            let reused = gitOps.timings.firstPassesReused
            timer.notes.append("render: \(gitOps.timings.manifestsRendered) manifests rendered" + (keepsFiles ? "" : ", \(reused) outcomes known from an equal render"))
        }
        var project = Project(files: inputs.files, trees: trees, analysis: analysis, scheduler: scheduler, gitOps: gitOps, inputDiagnostics: inputs.diagnostics)
        project.analysis.diagnostics = (project.analysis.diagnostics + importDiagnostics + scheduler.diagnostics + gitOps.diagnostics).mergingRepeats()
        return project
    }
}
