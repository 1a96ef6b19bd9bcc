import Dispatch
import Foundation
import KalcDiagnostics
import KalcDriver
import KalcSemantics
import KalcSyntax

/// A file the editor has open: its text replaces the file on disk.
struct OpenDocument: Sendable {
    var uri: String
    var path: String
    var version: Int?
    var languageID: String
    var text: DocumentText
    /// False once an edit could not be applied: the server no longer knows the editor's text,
    /// and waits for the whole text (a change without a range, or the document reopened).
    var isInSync = true

    /// The source file of the document's text.
    var file: SourceFile { text.sourceFile(path: path) }
}

/// A change on disk reported by the client (or implied by a save or a close).
enum FileChange: Sendable {
    case created(String)
    case changed(String)
    case deleted(String)
}

/// One result of checking: the snapshots of a generation of edits (the workspace's project
/// first, then one per folder outside it holding an open document), and the document
/// versions they were made from.
struct CheckResult: Sendable {
    var generation: Int
    var projects: [ProjectSnapshot]
    var versions: [String: Int?]
    /// How long the check took.
    var milliseconds: UInt64

    /// The workspace's project.
    var workspace: ProjectSnapshot { projects.first ?? .empty }

    /// The project a file belongs to: the first that has it, else the workspace's.
    func snapshot(of path: String) -> ProjectSnapshot {
        projects.first { $0.files[path] != nil || $0.diagnostics[path] != nil } ?? workspace
    }

    /// The diagnostics of every file, each from the first project that has the file.
    var diagnostics: [String: (diagnostics: [Diagnostic], project: ProjectSnapshot)] {
        var result: [String: (diagnostics: [Diagnostic], project: ProjectSnapshot)] = [:]
        for project in projects {
            for (path, diagnostics) in project.diagnostics where result[path] == nil {
                result[path] = (diagnostics, project)
            }
        }
        return result
    }
}

/// Runs kalc's pipeline off the server's queue, on a queue of its own.
///
/// Each edit makes a new generation; a check waits a moment (the debounce) and is skipped
/// when a newer generation was asked for meanwhile, and its result is dropped when one was
/// asked for while it ran. The checker owns the copy of the workspace read from disk, and
/// re-reads only what the client reports changed.
final class ProjectChecker: @unchecked Sendable {
    private let fileSystem: ProjectFileSystem
    private let debounce: DispatchTimeInterval
    private let laterChecks: LaterChecks?
    private let queue = DispatchQueue(label: "kalc.lsp.checker")

    private let lock = NSLock()
    // Guarded by `lock`: written by the server's queue, read by the checker's.
    private var latestGeneration = 0
    private var pendingFolders: [String]?
    private var pendingChanges: [FileChange] = []

    // Confined to `queue`.
    private var folders: [String] = []
    private var workspaceFiles: [String: FileReadResult] = [:]
    private var parsed: [String: SyntaxTree] = [:]

    init(fileSystem: ProjectFileSystem, debounce: DispatchTimeInterval, laterChecks: LaterChecks?) {
        self.fileSystem = fileSystem
        self.debounce = debounce
        self.laterChecks = laterChecks
    }

    /// Sets the workspace folders; the next check reads every `.kal` file below them.
    func setFolders(_ folders: [String]) {
        lock.withLock { pendingFolders = folders }
    }

    /// Notes files changed on disk; the next check reads them again.
    func noteChanges(_ changes: [FileChange]) {
        lock.withLock { pendingChanges += changes }
    }

    /// Checks the project with `documents` open, after the debounce delay when `debounced`,
    /// and hands the result to `completion` unless a newer generation supersedes it.
    func check(generation: Int, documents: [String: OpenDocument], debounced: Bool, completion: @escaping @Sendable (CheckResult) -> Void) {
        lock.withLock { latestGeneration = generation }
        queue.asyncAfter(deadline: .now() + (debounced ? debounce : .nanoseconds(0))) { [self] in
            applyPendingChanges()
            guard isLatest(generation) else { return }
            let started = DispatchTime.now().uptimeNanoseconds
            var result = run(generation: generation, documents: documents)
            result.milliseconds = (DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
            guard isLatest(generation) else { return }
            completion(result)
        }
    }

    private func isLatest(_ generation: Int) -> Bool {
        lock.withLock { latestGeneration == generation }
    }

    // MARK: Reading the workspace

    private func applyPendingChanges() {
        let (newFolders, changes) = lock.withLock {
            defer {
                pendingFolders = nil
                pendingChanges = []
            }
            return (pendingFolders, pendingChanges)
        }
        if let newFolders {
            folders = newFolders
            workspaceFiles = [:]
            for folder in folders {
                workspaceFiles.merge(fileSystem.readKalFiles(under: folder, project: project, limit: .workspace)) { _, later in later }
            }
        }
        for change in changes {
            switch change {
            case .created(let path), .changed(let path):
                guard path.hasSuffix(".kal"), isInWorkspace(path) else { continue }
                switch fileSystem.read(path, project: project) {
                case .missing: workspaceFiles[path] = nil
                case let result: workspaceFiles[path] = result
                }
            case .deleted(let path):
                workspaceFiles[path] = nil
                let folderPrefix = path.hasSuffix("/") ? path : path + "/"
                for known in workspaceFiles.keys where known.hasPrefix(folderPrefix) {
                    workspaceFiles[known] = nil
                }
            }
        }
    }

    /// The workspace folders, within which symbolic links are followed.
    private var project: ProjectFolders { ProjectFolders(folders) }

    private func isInWorkspace(_ path: String) -> Bool {
        folders.contains { folder in
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            return path.hasPrefix(prefix)
        }
    }

    // MARK: Checking

    /// Checks the workspace's project, with the documents open in it, and one project for
    /// each folder outside the workspace holding an open document: the `.kal` files directly
    /// in that folder, with its open documents. A file opened from elsewhere never joins the
    /// workspace's project.
    private func run(generation: Int, documents: [String: OpenDocument]) -> CheckResult {
        var sources: [String: SourceFile] = [:]
        var problems: [String: Diagnostic] = [:]
        for (path, entry) in workspaceFiles {
            switch entry {
            case .source(let file): sources[path] = file
            case .problem(let diagnostic): problems[path] = diagnostic
            case .missing: break
            }
        }
        var outside: [String: [OpenDocument]] = [:]
        for (path, document) in documents where isKalDocument(document) {
            if isInWorkspace(path) {
                sources[path] = document.file
                problems[path] = nil
            } else {
                outside[(path as NSString).deletingLastPathComponent, default: []].append(document)
            }
        }
        var trees: [String: SyntaxTree] = [:]
        var projects = [analyze(sources: sources, problems: problems, documents: documents, generation: generation, trees: &trees)]
        for folder in outside.keys.sorted() {
            var sources: [String: SourceFile] = [:]
            var problems: [String: Diagnostic] = [:]
            // Open files of the folder are taken from their documents below.
            for path in fileSystem.kalFiles(directlyIn: folder).map(normalizedPath) where documents[path] == nil {
                switch fileSystem.read(path, project: ProjectFolders([folder])) {
                case .source(let file): sources[path] = file
                case .problem(let diagnostic): problems[path] = diagnostic
                case .missing: break
                }
            }
            for document in outside[folder] ?? [] {
                sources[document.path] = document.file
                problems[document.path] = nil
            }
            projects.append(analyze(sources: sources, problems: problems, documents: documents, generation: generation, trees: &trees))
        }
        parsed = trees
        return CheckResult(generation: generation, projects: projects, versions: documents.mapValues(\.version), milliseconds: 0)
    }

    /// One project: `sources` and the files they import, parsed (reusing `parsed` trees and
    /// adding to `trees`) and analysed.
    private func analyze(
        sources: [String: SourceFile], problems: [String: Diagnostic], documents: [String: OpenDocument], generation: Int,
        trees: inout [String: SyntaxTree]
    ) -> ProjectSnapshot {
        // Files brought in by `import "path"` join the project, as `kalc check` reads them.
        let imports = ImportReading(
            fileSystem: fileSystem, project: project, limit: .workspace,
            document: { documents[$0]?.file }, resolvesDots: true)
        let options = PipelineOptions(
            through: laterChecks == nil ? .schedule : .gitOps, laterChecks: laterChecks, parsed: parsed,
            isWanted: { [self] in isLatest(generation) })
        let result = Pipeline.run(
            sources.keys.sorted().compactMap { sources[$0] }, readProblems: problems.keys.sorted().compactMap { problems[$0] },
            imports: imports, options: options)
        for tree in result.trees {
            trees[tree.file.path] = tree
        }
        return ProjectSnapshot(result)
    }

    private func isKalDocument(_ document: OpenDocument) -> Bool {
        document.path.hasSuffix(".kal") || document.languageID == "kalc" || document.languageID == "kal"
    }
}
