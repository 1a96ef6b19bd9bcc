import Foundation
import KalcDiagnostics

/// Which files below a folder kalc reads: the folders its search enters and the file names
/// it keeps. A symbolic link is followed only to a place the search would reach without it.
public struct FileSelection: Sendable {
    /// Whether the search enters a folder of this name.
    public let entersFolder: @Sendable (String) -> Bool
    /// Whether the search keeps a file of this name.
    public let keepsFile: @Sendable (String) -> Bool
    /// The kind of file kept, for messages: `.kal file`.
    public let kind: String

    /// A selection of the files named `kind` that `keepsFile` keeps, below the folders `entersFolder` enters.
    public init(kind: String, entersFolder: @escaping @Sendable (String) -> Bool, keepsFile: @escaping @Sendable (String) -> Bool) {
        self.kind = kind
        self.entersFolder = entersFolder
        self.keepsFile = keepsFile
    }

    /// `.kal` sources: hidden folders and `node_modules` are not searched, hidden files not kept.
    public static let kalSources = FileSelection(
        kind: ".kal file",
        entersFolder: { !$0.hasPrefix(".") && $0 != "node_modules" },
        keepsFile: { !$0.hasPrefix(".") && $0.hasSuffix(".kal") })

    /// Whether `components` (a path relative to a project folder, split at `/`) name a file
    /// (or, when `isFolder`, a folder) this selection reaches.
    func reaches(_ components: [Substring], isFolder: Bool) -> Bool {
        let folders = isFolder ? components[...] : components.dropLast()
        guard folders.allSatisfy({ entersFolder(String($0)) }) else { return false }
        return isFolder || components.last.map { keepsFile(String($0)) } ?? false
    }
}

/// The folders that make up a project, whose real paths bound what kalc reads through
/// symbolic links: the folders given on the command line (the folder holding a file given
/// there), the folders an import names (the folder holding an imported file), the
/// language server's workspace folders, or the folder `kalc import` reads.
///
/// A path that reaches its file without a symbolic link below one of these folders is read
/// as named. A path that passes through a link (the file itself, or a folder on the way) is
/// read only when its real path lies inside one of the folders and is a place the search
/// would reach without links: not in a hidden folder such as `.git`, with the name of a
/// source. Anything else is refused unread (K0920), so that no byte of a file outside the
/// project can appear in a diagnostic.
public struct ProjectFolders: Sendable {
    /// The folders as named.
    public let paths: [String]

    /// The project made of the folders at `paths`.
    public init(_ paths: [String]) {
        self.paths = paths
    }

    /// These folders and `others`.
    public func adding(_ others: [String]) -> ProjectFolders {
        ProjectFolders(others + paths)
    }

    /// Why kalc does not read `path` (a file, or a folder when `isFolder`): nil when the path
    /// may be read.
    public func refusal(of path: String, isFolder: Bool, selection: FileSelection) -> Diagnostic? {
        guard let real = Self.realPath(path) else { return nil }
        let absolute = Self.absolute(path)
        var isInside = false
        for folder in paths {
            guard let realFolder = Self.realPath(folder) else { continue }
            let named = Self.absolute(folder)
            let namedPrefix = named == "/" ? "/" : named + "/"
            if absolute.hasPrefix(namedPrefix), real == Self.joined(realFolder, absolute.dropFirst(namedPrefix.count)) {
                return nil
            }
            if real == realFolder, isFolder { return nil }
            let realPrefix = realFolder == "/" ? "/" : realFolder + "/"
            guard real.hasPrefix(realPrefix) else { continue }
            isInside = true
            if selection.reaches(real.dropFirst(realPrefix.count).split(separator: "/"), isFolder: isFolder) {
                return nil
            }
        }
        return ReadingProblem.linkLeavesProject(path: path, isFolder: isFolder, isInside: isInside, selection: selection).diagnostic
    }

    /// The real path of `path` (symbolic links, `.` and `..` resolved), nil when nothing is there.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` made absolute against the current folder, `.` and `..` removed by their text.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func joined(_ folder: String, _ relative: Substring) -> String {
        relative.isEmpty ? folder : (folder == "/" ? "/" : folder + "/") + relative
    }
}
