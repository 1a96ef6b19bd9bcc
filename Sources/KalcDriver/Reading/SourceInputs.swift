import Foundation
import KalcDiagnostics

/// The `.kal` files named on the command line: files as given, folders searched
/// recursively (hidden folders and build folders skipped), in a stable order.
public struct SourceInputs: Sendable {
    /// The files read, in the order of the paths and, within a folder, by path.
    public var files: [SourceFile] = []
    /// Problems reading inputs: unreadable or oversized files, folders that cannot be listed,
    /// symbolic links leading out of the project.
    public var diagnostics: [Diagnostic] = []

    /// Reads every `.kal` file below `paths` (default: the current folder) from `fileSystem`
    /// (the disk, or a commit of a git repository), following symbolic links only within
    /// those paths and `project`. Throws an `InputError` for a path that does not exist.
    public static func load(
        _ paths: [String], within project: ProjectFolders = ProjectFolders([]),
        from fileSystem: any ProjectFileSystem = DiskFileSystem()
    ) throws -> SourceInputs {
        var inputs = SourceInputs()
        var seen = Set<String>()
        let paths = paths.isEmpty ? ["."] : paths
        let folders = try projectFolders(of: paths, in: fileSystem)
        for (path, folder) in zip(paths, folders) {
            let scope = project.adding([folder])
            var found = [path]
            if folder == path {
                let search = fileSystem.kalFiles(under: path, project: scope, limit: .none)
                inputs.diagnostics += search.problems
                found = search.files
            }
            for file in found where seen.insert(normalized(file)).inserted {
                inputs.read(file, project: scope, from: fileSystem)
            }
        }
        return inputs
    }

    /// The folder each path makes part of the project: the path itself when it is a folder,
    /// the folder holding it when it is a file. Throws an `InputError` for a path that does
    /// not exist.
    public static func projectFolders(of paths: [String], in fileSystem: any ProjectFileSystem = DiskFileSystem()) throws -> [String] {
        try paths.map { path in
            guard let isFolder = fileSystem.isFolder(path) else {
                throw InputError("no such file or folder: \(path)")
            }
            if isFolder { return path }
            let holder = (path as NSString).deletingLastPathComponent
            return holder.isEmpty ? "." : holder
        }
    }

    /// One name for each file: `path` made absolute, `.` and `..` resolved by their text.
    public static func normalized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    mutating func read(_ path: String, project: ProjectFolders, from fileSystem: any ProjectFileSystem) {
        switch fileSystem.read(path, project: project) {
        case .source(let file): files.append(file)
        case .problem(let diagnostic): diagnostics.append(diagnostic)
        case .missing: diagnostics.append(ReadingProblem.isAFolder(path: path).diagnostic)
        }
    }
}

/// A path given to kalc that names nothing, or names no `.kal` file (exit status 2).
public struct InputError: Error, CustomStringConvertible {
    public var description: String

    /// The error that `description` explains.
    public init(_ description: String) {
        self.description = description
    }
}
