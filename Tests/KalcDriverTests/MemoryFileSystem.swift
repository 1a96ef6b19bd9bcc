import KalcDiagnostics
import KalcDriver

/// Files held in memory by absolute path, read as the disk would be: `.` and `..` resolved,
/// folders are the paths some file lies below, and a file named in `unreadable` is refused.
struct MemoryFileSystem: ProjectFileSystem {
    var files: [String: String]
    var unreadable: Set<String> = []

    private var paths: [String] { Array(files.keys) + unreadable }

    func kalFiles(under folder: String, project: ProjectFolders, limit: SearchLimit) -> FolderSearch {
        let named = folder.hasSuffix("/") ? folder : folder + "/"
        let prefix = normalizedPath(folder) + "/"
        return FolderSearch(files: paths.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".kal") }.map { named + $0.dropFirst(prefix.count) }.sorted())
    }

    func kalFiles(directlyIn folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return kalFiles(under: folder, project: ProjectFolders([folder]), limit: .none).files.filter { !$0.dropFirst(prefix.count).contains("/") }
    }

    func read(_ path: String, project: ProjectFolders) -> FileReadResult {
        if unreadable.contains(normalizedPath(path)) {
            return .problem(Diagnostic(.unreadableFile, "cannot read the file: permission denied", at: Location(file: path, span: .point(0))))
        }
        return files[normalizedPath(path)].map { .source(SourceFile(path: path, text: $0)) } ?? .missing
    }

    func isFolder(_ path: String) -> Bool? {
        let path = normalizedPath(path)
        if files[path] != nil || unreadable.contains(path) { return false }
        return paths.contains { $0.hasPrefix(path + "/") } ? true : nil
    }
}
