import Foundation
import KalcDiagnostics
import KalcSemantics
import KalcSyntax

/// Where the files that `import "path"` declarations name are read from, and how: the file
/// system, the folders the project already has (an import adds the folder it names, or the
/// folder holding the file it names), how far a search of an imported folder may go, and the
/// texts that replace files on disk (the documents an editor has open).
public struct ImportReading: Sendable {
    /// The files imports are read from.
    public var fileSystem: any ProjectFileSystem
    /// The folders of the project before any import: the paths given on the command line,
    /// or the language server's workspace folders (or the folder of a file opened outside it).
    public var project: ProjectFolders
    /// How much of an imported folder one search may look at.
    public var limit: SearchLimit
    /// The text read in place of the file at a path, if any.
    public var document: @Sendable (String) -> SourceFile?
    /// Whether imported paths are named with `.` and `..` resolved (the language server's
    /// paths, which must match the editor's) rather than as the import joins them.
    public var resolvesDots: Bool

    /// Imports read from `fileSystem` within `project`, searched within `limit`, with
    /// the texts `document` gives in place of files on disk; `resolvesDots` tells how imported
    /// files are named.
    public init(
        fileSystem: any ProjectFileSystem, project: ProjectFolders, limit: SearchLimit = .none,
        document: @escaping @Sendable (String) -> SourceFile? = { _ in nil }, resolvesDots: Bool = false
    ) {
        self.fileSystem = fileSystem
        self.project = project
        self.limit = limit
        self.document = document
        self.resolvesDots = resolvesDots
    }
}

/// A project's files once the files their imports name have joined: every file parsed, in
/// the order found (the files given first), with what reading and importing found.
public struct ImportedProject: Sendable {
    /// The files, those given first, then each imported file once.
    public var files: [SourceFile]
    /// The syntax tree of each file, in the order of `files`.
    public var trees: [SyntaxTree]
    /// Problems reading files (those given and those imported).
    public var readProblems: [Diagnostic]
    /// Imports refused or not found, each at its `import` declaration.
    public var importDiagnostics: [Diagnostic]

    /// Parses `files` and follows their imports through `reading` (none when nil), reading
    /// each imported file once; `readProblems` are those found reading `files`. A tree in
    /// `parsed` is reused for a file of the same path and bytes.
    public static func following(
        _ files: [SourceFile], readProblems: [Diagnostic], through reading: ImportReading?,
        parsed: [String: SyntaxTree] = [:]
    ) -> ImportedProject {
        func parse(_ file: SourceFile) -> SyntaxTree {
            if let previous = parsed[file.path], previous.file.bytes == file.bytes { return previous }
            return SyntaxTree.parse(file)
        }
        var project = ImportedProject(files: files, trees: files.map(parse), readProblems: readProblems, importDiagnostics: [])
        guard let reading else { return project }
        // A file is read once, under whichever name an import reaches it by, and a file that
        // could not be read is not tried again.
        var known = Set(files.map { SourceInputs.normalized($0.path) } + readProblems.map { SourceInputs.normalized($0.location.file) })
        var importedFolders = Set<String>()
        var index = 0
        while index < project.trees.count {
            let tree = project.trees[index]
            index += 1
            for item in tree.items where item.kind == .importDecl {
                guard let target = item.significantTokens.dropFirst().first, target.kind == .string else { continue }
                let relative = tree.value(target)
                let location = Location(file: tree.file.path, span: target.span)
                if let refusal = ImportPaths.refusal(of: relative, at: location) {
                    project.importDiagnostics.append(refusal)
                    continue
                }
                let base = (tree.file.path as NSString).deletingLastPathComponent
                let joined = relative.hasPrefix("/") || base.isEmpty ? relative : base + "/" + relative
                let path = reading.resolvesDots ? normalizedPath(joined) : joined
                guard let isFolder = reading.fileSystem.isFolder(path) else {
                    project.importDiagnostics.append(ReadingProblem.importNotFound(relative: relative, at: location).diagnostic)
                    continue
                }
                if !isFolder, let refusal = ImportPaths.refusal(ofFile: relative, at: location) {
                    project.importDiagnostics.append(refusal)
                    continue
                }
                // An import extends the project by the folder it names (or that holds the file).
                let holder = (path as NSString).deletingLastPathComponent
                let scope = reading.project.adding([isFolder ? path : (holder.isEmpty ? "." : holder)])
                var found = [path]
                if isFolder {
                    importedFolders.insert(SourceInputs.normalized(path))
                    let search = reading.fileSystem.kalFiles(under: path, project: scope, limit: reading.limit)
                    for problem in search.problems + [search.stopped].compactMap({ $0 }) where known.insert(SourceInputs.normalized(problem.location.file)).inserted {
                        project.readProblems.append(problem)
                    }
                    found = search.files.map { reading.resolvesDots ? normalizedPath($0) : $0 }
                }
                for path in found where known.insert(SourceInputs.normalized(path)).inserted {
                    let file: SourceFile
                    if let document = reading.document(path) {
                        file = document
                    } else {
                        switch reading.fileSystem.read(path, project: scope) {
                        case .source(let read): file = read
                        case .problem(let diagnostic):
                            project.readProblems.append(diagnostic)
                            continue
                        case .missing: continue
                        }
                    }
                    project.files.append(file)
                    project.trees.append(parse(file))
                }
            }
        }
        // A folder link refused by a search is part of the project once an import names it.
        project.readProblems.removeAll { $0.code == .linkLeavesProject && importedFolders.contains(SourceInputs.normalized($0.location.file)) }
        return project
    }
}

/// A path with `.`, `..` and repeated separators resolved, so that one file has one name;
/// a relative path is left as it is.
public func normalizedPath(_ path: String) -> String {
    guard path.hasPrefix("/") else { return path }
    return URL(fileURLWithPath: path).standardizedFileURL.path
}
