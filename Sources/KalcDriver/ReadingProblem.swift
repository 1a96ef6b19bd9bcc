import KalcDiagnostics

/// Everything that keeps kalc from reading a workspace's files and folders: each case carries
/// what it is about, and `diagnostic` is the one place that words it.
public enum ReadingProblem: Sendable {
    /// The file at `path` is a device, a pipe, or a file of `/proc`, `/sys` or `/dev`.
    case notRegularFile(path: String)
    /// The file at `path` is larger than `DiskFileSystem.maximumFileSize`.
    case fileTooLarge(path: String)
    /// The file at `path` cannot be read, for `reason` in the system's words.
    case unreadableFile(path: String, reason: String)
    /// A path given as a file names a folder.
    case isAFolder(path: String)
    /// The folder at `path` cannot be listed, for `reason` in the system's words.
    case unlistableFolder(path: String, reason: String)
    /// The search of `folder` passed its limit with `unsearched` folders left, `first` the first.
    case searchStopped(folder: String, folders: Int, files: Int, unsearched: Int, first: String)
    /// A symbolic link leads the file or folder at `path` where kalc does not read: into a
    /// hidden folder or to a file `selection` would not keep (`isInside`), or out of the project.
    case linkLeavesProject(path: String, isFolder: Bool, isInside: Bool, selection: FileSelection)
    /// An import names `relative`, where nothing is.
    case importNotFound(relative: String, at: Location)

    /// The problem as kalc reports it.
    public var diagnostic: Diagnostic {
        switch self {
        case .notRegularFile(let path):
            return Diagnostic(
                .unreadableFile, "cannot read the file: it is not a regular file", at: whole(path),
                hint: "kalc reads regular files only, never devices, pipes or the files of /proc, /sys and /dev")
        case .fileTooLarge(let path):
            return Diagnostic(
                .fileTooLarge, "file is larger than \(DiskFileSystem.maximumFileSize / 1024 / 1024) MiB", at: whole(path),
                hint: "split the control plane into several files")
        case .unreadableFile(let path, let reason):
            return Diagnostic(.unreadableFile, "cannot read the file: \(reason)", at: whole(path))
        case .isAFolder(let path):
            return Diagnostic(.unreadableFile, "cannot read the file: it is a folder", at: whole(path))
        case .unlistableFolder(let path, let reason):
            return Diagnostic(
                .unreadableFile, "cannot list the folder: \(reason)", at: whole(path),
                hint: "make the folder readable (`chmod u+rx`), or leave it out of the paths given to kalc")
        case .searchStopped(let folder, let folders, let files, let unsearched, let first):
            return Diagnostic(
                .searchStopped,
                "stopped searching `\(folder)` after \(folders) folders and \(files) files; "
                    + "\(unsearched) folders found were not searched, `\(first)` the first",
                at: whole(folder),
                hint: "open a smaller folder (the project's own) as the workspace")
        case .linkLeavesProject(let path, let isFolder, let isInside, let selection):
            let what = isFolder ? "folder" : "file"
            let message =
                isInside
                ? "a symbolic link leads this \(what) into a hidden folder or to a file that is not a \(selection.kind); kalc does not read it"
                : "a symbolic link leads this \(what) out of the project; kalc does not read it"
            return Diagnostic(
                .linkLeavesProject, message,
                at: whole(path),
                hint: "kalc follows a symbolic link only to a \(selection.kind) or folder it would read without the link: "
                    + "inside the folders it is given or an import names, outside hidden folders such as .git")
        case .importNotFound(let relative, let at):
            return Diagnostic(
                .importNotFound, "no file or folder at `\(relative)`", at: at,
                hint: "paths are relative to the importing file")
        }
    }
}

/// A location naming a file or folder as a whole.
private func whole(_ path: String) -> Location {
    Location(file: path, span: .point(0))
}
