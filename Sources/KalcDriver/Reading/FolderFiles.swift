import Foundation

extension ProjectFileSystem {
    /// The `.kal` files directly in a folder: those below it whose folder is `folder`.
    public func kalFiles(directlyIn folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return kalFiles(under: folder, project: ProjectFolders([folder]), limit: .workspace).files
            .filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
    }
}

extension DiskFileSystem {
    /// The `.kal` files directly in a folder, without searching its subfolders (a file opened
    /// from a home folder must not make kalc read the home folder's whole tree).
    public func kalFiles(directlyIn folder: String) -> [String] {
        let selection = FileSelection(
            kind: FileSelection.kalSources.kind, entersFolder: { _ in false },
            keepsFile: FileSelection.kalSources.keepsFile)
        return Self.search(folder, selecting: selection, project: ProjectFolders([folder])).files
    }
}

extension ProjectFileSystem {
    /// Every `.kal` file below `folder` (a language server's workspace folder) read within
    /// `limit`, by its path with `.` and `..` resolved, and what could not be searched or
    /// read, by the path of the place it is about.
    public func readKalFiles(under folder: String, project: ProjectFolders, limit: SearchLimit) -> [String: FileReadResult] {
        var files: [String: FileReadResult] = [:]
        let search = kalFiles(under: folder, project: project, limit: limit)
        for path in search.files {
            files[normalizedPath(path)] = read(path, project: project)
        }
        for problem in search.problems + [search.stopped].compactMap({ $0 }) {
            files[normalizedPath(problem.location.file)] = .problem(problem)
        }
        return files
    }
}
