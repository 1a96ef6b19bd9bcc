import Foundation
import KalcDiagnostics

/// What reading one file gave: its source, or the diagnostic saying why there is none.
public enum FileReadResult: Sendable {
    case source(SourceFile)
    case problem(Diagnostic)
    case missing
}

/// The files a project is read from: the disk, a commit of a git repository, or files held
/// in memory. kalc reads a project through this and nothing else, so that the pure pipeline
/// never touches the disk.
public protocol ProjectFileSystem: Sendable {
    /// Every `.kal` file below a folder, sorted by path (hidden folders and `node_modules`
    /// skipped), and what was not searched, within `limit`; links are followed only within
    /// `project`.
    func kalFiles(under folder: String, project: ProjectFolders, limit: SearchLimit) -> FolderSearch
    /// The `.kal` files directly in a folder, sorted by path.
    func kalFiles(directlyIn folder: String) -> [String]
    /// The content of a file, refused unread when a symbolic link leads it out of `project`.
    func read(_ path: String, project: ProjectFolders) -> FileReadResult
    /// Whether a path is a folder (false for a file), nil when nothing is there.
    func isFolder(_ path: String) -> Bool?
}

/// The real file system.
public struct DiskFileSystem: ProjectFileSystem {
    /// Files larger than this are refused rather than read.
    public static let maximumFileSize = 32 * 1024 * 1024
    /// Folders nested deeper than this below a workspace folder are not searched.
    public static let maximumDepth = 64

    public init() {}

    public func kalFiles(under folder: String, project: ProjectFolders, limit: SearchLimit) -> FolderSearch {
        Self.search(folder, selecting: .kalSources, project: project, limit: limit)
    }

    /// The folders whose files are not files but views of the machine (its processes, its
    /// environment, its devices); kalc reads nothing there, even through a symbolic link.
    static let machineFolders = ["/proc/", "/sys/", "/dev/"]

    public func read(_ path: String, project: ProjectFolders) -> FileReadResult {
        read(path, project: project, selection: .kalSources)
    }

    /// The content of a file that `selection` would keep, refused unread when it is not a
    /// regular file, when it is too large, or when a symbolic link leads it out of `project`.
    public func read(_ path: String, project: ProjectFolders, selection: FileSelection) -> FileReadResult {
        guard isFolder(path) == false else { return .missing }
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: real)
        if Self.machineFolders.contains(where: real.hasPrefix) || (attributes.map { $0[.type] as? FileAttributeType != .typeRegular } ?? false) {
            return .problem(ReadingProblem.notRegularFile(path: path).diagnostic)
        }
        if let refusal = project.refusal(of: path, isFolder: false, selection: selection) {
            return .problem(refusal)
        }
        if let size = attributes?[.size] as? Int, size > Self.maximumFileSize {
            return .problem(ReadingProblem.fileTooLarge(path: path).diagnostic)
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= Self.maximumFileSize else {
            return .problem(ReadingProblem.unreadableFile(path: path, reason: Self.readProblem(path)).diagnostic)
        }
        return .source(SourceFile(path: path, bytes: [UInt8](data)))
    }

    /// Why the file at `path` cannot be read, in the system's words ("permission denied").
    static func readProblem(_ path: String) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        let number = descriptor < 0 ? errno : EIO
        if descriptor >= 0 { close(descriptor) }
        let text = String(cString: strerror(number))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    public func isFolder(_ path: String) -> Bool? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue
    }
}
