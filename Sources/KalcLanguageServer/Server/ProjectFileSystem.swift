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
        var result: [String] = []
        var pending = [(folder, 0)]
        var visited = Set<String>()
        while let (current, depth) = pending.popLast() {
            // Symbolic links may form cycles: each real folder is searched once.
            let real = URL(fileURLWithPath: current).resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else { continue }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for entry in entries {
                if entry.hasPrefix(".") || entry == "node_modules" { continue }
                let path = current.hasSuffix("/") ? current + entry : current + "/" + entry
                guard let isFolder = isFolder(path) else { continue }
                if isFolder {
                    if depth < Self.maximumDepth { pending.append((path, depth + 1)) }
                } else if entry.hasSuffix(".kal") {
                    result.append(path)
                }
            }
        }
        return result.sorted()
    }

    public func read(_ path: String) -> FileReadResult {
        guard isFolder(path) == false else { return .missing }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > Self.maximumFileSize {
            return .problem(Diagnostic(.fileTooLarge, "file is larger than \(Self.maximumFileSize / 1024 / 1024) MiB", at: Location(file: path, span: .point(0)),
                                       hint: "split the control plane into several files"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .problem(Diagnostic(.unreadableFile, "cannot read the file", at: Location(file: path, span: .point(0))))
        }
        return .source(SourceFile(path: path, bytes: [UInt8](data)))
    }

    public func isFolder(_ path: String) -> Bool? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue
    }
}
