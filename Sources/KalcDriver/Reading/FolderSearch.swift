import Foundation
import KalcDiagnostics

/// How much of the disk one search may look at. The language server bounds the search of
/// its workspace folders, since an editor may open `/` or a home folder as the workspace.
public struct SearchLimit: Sendable {
    /// The most folders listed.
    public var folders: Int
    /// The most files kept.
    public var files: Int
    /// The longest time the search takes, nil for no bound.
    public var duration: Duration?

    /// A limit of `folders` folders listed, `files` files kept and `duration` of search.
    public init(folders: Int, files: Int, duration: Duration?) {
        self.folders = folders
        self.files = files
        self.duration = duration
    }

    /// No bound but the depth: what the command line searches.
    public static let none = SearchLimit(folders: .max, files: .max, duration: nil)
    /// The search of a language-server workspace folder.
    public static let workspace = SearchLimit(folders: 10_000, files: 5_000, duration: .seconds(5))
}

/// What searching a folder found: the files in path order, the folders and links it did not
/// search or follow (each a diagnostic, so that nothing is left out silently), and whether
/// it stopped at its limit.
public struct FolderSearch: Sendable {
    /// The files found, sorted by path.
    public var files: [String] = []
    /// A folder that cannot be listed (K0901) or a link leading out of the project (K0920).
    public var problems: [Diagnostic] = []
    /// Set when the search stopped at its limit before it searched everything (K0921).
    public var stopped: Diagnostic?

    /// A search result with these files and problems.
    public init(files: [String] = [], problems: [Diagnostic] = [], stopped: Diagnostic? = nil) {
        self.files = files
        self.problems = problems
        self.stopped = stopped
    }
}

extension DiskFileSystem {
    /// Every file below `folder` that `selection` keeps, searching the subfolders it enters,
    /// breadth first and in name order, no deeper than `maximumDepth` and within `limit`.
    /// Each real folder is searched once, so symbolic links that form cycles end the search;
    /// links to folders are followed only within `project` (see `ProjectFolders`; links to
    /// files are judged when the file is read); the file systems of `/proc`, `/sys` and
    /// `/dev` are never entered.
    public static func search(_ folder: String, selecting selection: FileSelection, project: ProjectFolders, limit: SearchLimit = .none) -> FolderSearch {
        var search = FolderSearch()
        // The folder itself may be a link below a project folder (`control-plane` for `kalc import`).
        if let refusal = project.refusal(of: folder, isFolder: true, selection: selection) {
            search.problems.append(refusal)
            return search
        }
        let clock = ContinuousClock()
        let deadline = limit.duration.map { clock.now + $0 }
        var pending = [(path: folder, depth: 0)]
        var next = 0
        var visited = Set<String>()
        while next < pending.count {
            let (current, depth) = pending[next]
            if visited.count >= limit.folders || search.files.count >= limit.files || deadline.map({ clock.now >= $0 }) == true {
                search.stopped =
                    ReadingProblem.searchStopped(
                        folder: folder, folders: visited.count, files: search.files.count,
                        unsearched: pending.count - next, first: current
                    ).diagnostic
                break
            }
            next += 1
            guard let real = ProjectFolders.realPath(current), !isMachineFolder(real), visited.insert(real).inserted else { continue }
            let entries: [FolderEntry]
            switch listing(of: current) {
            case .success(let listed): entries = listed
            case .failure(let reason):
                search.problems.append(ReadingProblem.unlistableFolder(path: current, reason: "\(reason)").diagnostic)
                continue
            }
            for entry in entries {
                let path = current == "." ? entry.name : (current.hasSuffix("/") ? current + entry.name : current + "/" + entry.name)
                guard let isFolder = entry.isFolder ?? Self.isFolder(following: path) else { continue }
                if isFolder {
                    guard depth < maximumDepth, selection.entersFolder(entry.name) else { continue }
                    if entry.isLink, let refusal = project.refusal(of: path, isFolder: true, selection: selection) {
                        search.problems.append(refusal)
                    } else {
                        pending.append((path, depth + 1))
                    }
                } else if selection.keepsFile(entry.name) {
                    // Reading the file refuses it when a link leads it out of the project.
                    search.files.append(path)
                }
            }
        }
        search.files.sort()
        return search
    }

    /// One name in a folder, with what `readdir` says of it.
    private struct FolderEntry {
        var name: String
        /// Whether it is a folder, nil when only following a link can tell.
        var isFolder: Bool?
        var isLink: Bool
    }

    /// The entries of a folder in name order, or why it cannot be listed (the system's words).
    private static func listing(of folder: String) -> Result<[FolderEntry], ListingError> {
        guard let stream = opendir(folder) else { return .failure(ListingError(errno)) }
        defer { closedir(stream) }
        var entries: [FolderEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { return .failure(ListingError(errno)) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != ".." else { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): entries.append(FolderEntry(name: name, isFolder: true, isLink: false))
            case Int32(DT_REG): entries.append(FolderEntry(name: name, isFolder: false, isLink: false))
            case Int32(DT_LNK): entries.append(FolderEntry(name: name, isFolder: nil, isLink: true))
            case Int32(DT_UNKNOWN): entries.append(FolderEntry(name: name, isFolder: nil, isLink: isLink(folder + "/" + name)))
            default: entries.append(FolderEntry(name: name, isFolder: false, isLink: false))
            }
        }
        return .success(entries.sorted { $0.name < $1.name })
    }

    /// Whether `path` is a folder once links are followed; nil when it leads nowhere.
    private static func isFolder(following path: String) -> Bool? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & S_IFMT == S_IFDIR
    }

    private static func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// Whether a real path lies in the folders that show the machine rather than files, or
    /// on a file system that does (`proc`, `sysfs`, `cgroup` and their kin, wherever mounted).
    static func isMachineFolder(_ real: String) -> Bool {
        (machineFolders + pseudoMountPoints).contains { real.hasPrefix($0) || real + "/" == $0 }
    }

    /// The file systems that hold views of the machine, not files.
    private static let pseudoFileSystems: Set<Substring> = [
        "proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "debugfs", "tracefs", "securityfs",
        "bpf", "pstore", "mqueue", "configfs", "fusectl", "binfmt_misc", "hugetlbfs", "efivarfs", "autofs",
    ]

    /// Where such file systems are mounted (each ending in `/`), from the mount table.
    private static let pseudoMountPoints: [String] = {
        guard let table = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return [] }
        return table.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 2, pseudoFileSystems.contains(fields[2]) else { return nil }
            // The table writes a space in a mount point as `\040`.
            let point = fields[1].replacingOccurrences(of: "\\040", with: " ")
            return point.hasSuffix("/") ? point : point + "/"
        }
    }()
}

/// Why a folder cannot be listed: the system's text for an `errno`.
struct ListingError: Error, CustomStringConvertible {
    let code: Int32

    init(_ code: Int32) {
        self.code = code
    }

    var description: String { String(cString: strerror(code)).lowercased() }
}
