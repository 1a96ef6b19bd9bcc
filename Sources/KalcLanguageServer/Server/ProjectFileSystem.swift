import Foundation
import KalcDiagnostics

/// What reading one file gave: its source, or the diagnostic saying why there is none.
public enum FileReadResult: Sendable {
    case source(SourceFile)
    case problem(Diagnostic)
    case missing
}

/// The files a project is read from. The language server reads through this and nothing
/// else, so that the pure pipeline never touches the disk.
public protocol ProjectFileSystem: Sendable {
    /// Every `.kal` file below a folder, sorted by path (hidden folders and `node_modules` skipped).
    func kalFiles(under folder: String) -> [String]
    /// The content of a file.
    func read(_ path: String) -> FileReadResult
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

    public func kalFiles(under folder: String) -> [String] {
        Self.files(under: folder, descendingInto: { !$0.hasPrefix(".") && $0 != "node_modules" }, keeping: { !$0.hasPrefix(".") && $0.hasSuffix(".kal") })
    }

    /// Every file below a folder whose name `keeping` accepts, searching the subfolders whose
    /// names `descendingInto` accepts, sorted by path. Each real folder is searched once, so
    /// symbolic links that form cycles end the search instead of repeating it without end, and
    /// no deeper than `maximumDepth`.
    public static func files(under folder: String, descendingInto: (String) -> Bool, keeping: (String) -> Bool) -> [String] {
        var result: [String] = []
        var pending = [(folder, 0)]
        var visited = Set<String>()
        while let (current, depth) = pending.popLast() {
            let real = URL(fileURLWithPath: current).resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else { continue }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for entry in entries {
                let path = current == "." ? entry : (current.hasSuffix("/") ? current + entry : current + "/" + entry)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if depth < maximumDepth && descendingInto(entry) { pending.append((path, depth + 1)) }
                } else if keeping(entry) {
                    result.append(path)
                }
            }
        }
        return result.sorted()
    }

    /// The folders whose files are not files but views of the machine (its processes, its
    /// environment, its devices); kalc reads nothing there, even through a symbolic link.
    static let machineFolders = ["/proc/", "/sys/", "/dev/"]

    public func read(_ path: String) -> FileReadResult {
        guard isFolder(path) == false else { return .missing }
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: real)
        if Self.machineFolders.contains(where: real.hasPrefix) || (attributes.map { $0[.type] as? FileAttributeType != .typeRegular } ?? false) {
            return .problem(Diagnostic(.unreadableFile, "cannot read the file: it is not a regular file", at: Location(file: path, span: .point(0)),
                                       hint: "kalc reads regular files only, never devices, pipes or the files of /proc, /sys and /dev"))
        }
        if let size = attributes?[.size] as? Int, size > Self.maximumFileSize {
            return .problem(Diagnostic(.fileTooLarge, "file is larger than \(Self.maximumFileSize / 1024 / 1024) MiB", at: Location(file: path, span: .point(0)),
                                       hint: "split the control plane into several files"))
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= Self.maximumFileSize else {
            return .problem(Diagnostic(.unreadableFile, "cannot read the file: \(Self.readProblem(path))", at: Location(file: path, span: .point(0))))
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
