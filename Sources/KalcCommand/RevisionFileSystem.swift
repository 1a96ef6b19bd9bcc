import Foundation
import KalcDiagnostics
import KalcGit
import KalcDriver

/// The `.kal` files of a commit, read through libgit2 from the repository that holds the
/// project, as the project's paths name them: a path is taken relative to the current
/// folder, as on disk, and looked up in the commit's tree by its place in the working tree.
struct RevisionFileSystem: ProjectFileSystem {
    /// The commit the revision named.
    let commit: GitOID
    /// File contents by path from the root of the repository; nil for a file too large to read.
    private let files: [String: [UInt8]?]
    private let folders: Set<String>
    /// The working tree's folder and the current folder, both without symbolic links.
    private let workingTree: String
    private let currentFolder: String

    /// Reads the `.kal` files of `revision` from the repository that holds `path`.
    init(revision: String, holding path: String) throws {
        let repository: GitRepository
        do {
            repository = try GitRepository.discover(holding: path)
        } catch {
            throw UsageError("cannot read --base \(revision): \(error.description)")
        }
        guard let workingDirectory = repository.workingDirectory else {
            throw UsageError("cannot read --base \(revision): \(repository.path) is a bare repository; run kalc in a working tree")
        }
        let snapshot: RevisionSnapshot
        do {
            snapshot = try repository.files(
                atRevision: revision, descendingInto: Self.searched, keeping: { $0.hasSuffix(".kal") },
                maximumSize: DiskFileSystem.maximumFileSize)
        } catch {
            throw UsageError("cannot read --base \(revision): \(error.description)")
        }
        commit = snapshot.commit
        files = Dictionary(snapshot.files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        folders = snapshot.folders
        workingTree = Self.real(workingDirectory)
        currentFolder = Self.real(FileManager.default.currentDirectoryPath)
    }

    /// Folders a project search descends into, as on disk.
    private static func searched(_ name: String) -> Bool {
        !name.hasPrefix(".") && name != "node_modules"
    }

    private static func real(_ path: String) -> String {
        var resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        while resolved.count > 1 && resolved.hasSuffix("/") { resolved.removeLast() }
        return resolved
    }

    /// The path in the commit's tree of a path as the command line names it; nil outside
    /// the working tree.
    private func treePath(_ path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : currentFolder + "/" + path
        let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        // The folders that exist on disk have their links resolved; the rest is taken as written.
        let resolved = Self.real(standardized)
        if resolved == workingTree { return "" }
        guard resolved.hasPrefix(workingTree + "/") else { return nil }
        return String(resolved.dropFirst(workingTree.count + 1))
    }

    func kalFiles(under folder: String, project: ProjectFolders, limit: SearchLimit) -> FolderSearch {
        FolderSearch(files: kalFiles(under: folder))
    }

    /// The `.kal` files of the commit below a folder, as the project search finds them on disk.
    private func kalFiles(under folder: String) -> [String] {
        guard let root = treePath(folder) else { return [] }
        let prefix = root.isEmpty ? "" : root + "/"
        return files.keys.filter { $0.hasPrefix(prefix) }.compactMap { path in
            let below = path.dropFirst(prefix.count)
            let components = below.split(separator: "/")
            guard components.dropLast().allSatisfy({ Self.searched(String($0)) }), components.last?.hasPrefix(".") == false else { return nil }
            return folder == "." ? String(below) : (folder.hasSuffix("/") ? folder + below : folder + "/" + below)
        }.sorted()
    }

    /// A file of the commit; a commit holds no symbolic link kalc would follow, so `project`
    /// has nothing to refuse.
    func read(_ path: String, project: ProjectFolders) -> FileReadResult {
        guard let inTree = treePath(path), let content = files[inTree] else { return .missing }
        guard let bytes = content else {
            return .problem(ReadingProblem.fileTooLarge(path: path).diagnostic)
        }
        return .source(SourceFile(path: path, bytes: bytes))
    }

    func isFolder(_ path: String) -> Bool? {
        guard let inTree = treePath(path) else { return nil }
        if files[inTree] != nil { return false }
        return folders.contains(inTree) ? true : nil
    }
}
