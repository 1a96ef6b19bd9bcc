import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The proof, entry by entry and at any depth, that everything in an existing output folder
/// is a file kalc wrote, so that replacing or removing the folder loses nothing.
///
/// A file is kalc's when its manifest (`.kalc-output`) lists it with the file's SHA-256
/// digest, or when it holds exactly the bytes the compile is about to write at its place (so
/// an output written before manifests existed can be replaced). A folder is kalc's when it
/// is a folder of such a file. Anything else — another file, a file changed since kalc wrote
/// it, a symbolic link, a pipe, an empty folder of someone else's — makes the folder
/// someone's, and so does a folder kalc cannot list or a file it cannot read: what kalc
/// cannot see, it cannot prove.
struct OutputOwnership {
    /// The files proven kalc's, by path relative to the folder, each with what it was when
    /// proven; the manifest, if any, last.
    var files: [(relative: String, fingerprint: Fingerprint)] = []
    /// The folders below the folder, deepest first.
    var folders: [String] = []

    /// The largest file kalc reads to prove it: four times the largest output of a template.
    static let maximumProvenSize = 256 << 20

    /// What sets a file apart from the one proven: any write, rename or link changes one of
    /// these.
    struct Fingerprint: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: timespec
        var changed: timespec

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            modified = status.st_mtim
            changed = status.st_ctim
        }

        static func == (lhs: Fingerprint, rhs: Fingerprint) -> Bool {
            lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
                && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
                && lhs.changed.tv_sec == rhs.changed.tv_sec && lhs.changed.tv_nsec == rhs.changed.tv_nsec
        }
    }

    /// What makes an entry someone else's.
    enum Foreign: Equatable {
        case file, changedFile, symbolicLink, folder, special, unreadableManifest
    }

    /// Why the proof failed: the first entry that is not kalc's, or one kalc cannot see.
    enum Problem: Error, Equatable {
        /// `relative` (below the folder) is not kalc's.
        case foreign(relative: String, Foreign)
        /// kalc cannot `action` ("list", "read", "remove") `path`, for `reason` (the system's words).
        case cannotInspect(path: String, action: String, reason: String)
    }

    /// Proves that everything below `root` is kalc's; `next` is what the compile will write
    /// (relative path to content). Entries are visited in name order, so the problem named
    /// is the same from run to run.
    static func prove(_ root: String, next: [String: String] = [:]) throws(Problem) -> OutputOwnership {
        let manifestPath = root + "/" + OutputManifest.name
        var manifest: OutputManifest?
        var manifestFingerprint: Fingerprint?
        var status = stat()
        if lstat(manifestPath, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFREG else { throw .foreign(relative: OutputManifest.name, kind(of: status)) }
            let bytes = try read(manifestPath, size: Int(status.st_size), limit: OutputManifest.maximumSize)
            guard let bytes, let parsed = OutputManifest(text: String(decoding: bytes, as: UTF8.self)) else {
                throw .foreign(relative: OutputManifest.name, .unreadableManifest)
            }
            manifest = parsed
            manifestFingerprint = Fingerprint(status)
        }
        var ownedFolders = Set<String>()
        for path in Array(next.keys) + (manifest.map { Array($0.digests.keys) } ?? []) {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !ownedFolders.insert(String(folder)).inserted { break }
            }
        }
        var proof = OutputOwnership()
        try proof.visit(root, relative: "", owned: ownedFolders, manifest: manifest, next: next)
        if let manifestFingerprint { proof.files.append((OutputManifest.name, manifestFingerprint)) }
        return proof
    }

    private mutating func visit(
        _ root: String, relative folder: String, owned: Set<String>, manifest: OutputManifest?,
        next: [String: String]
    ) throws(Problem) {
        let path = folder.isEmpty ? root : root + "/" + folder
        for name in try Self.entries(of: path) {
            let relative = folder.isEmpty ? name : folder + "/" + name
            let entryPath = root + "/" + relative
            var status = stat()
            guard lstat(entryPath, &status) == 0 else { throw .cannotInspect(path: entryPath, action: "read", reason: systemError()) }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                guard owned.contains(relative) else { throw .foreign(relative: relative, .folder) }
                try visit(root, relative: relative, owned: owned, manifest: manifest, next: next)
                folders.append(relative)
            case S_IFREG:
                if relative == OutputManifest.name { continue }
                try proveFile(entryPath, relative: relative, status: status, manifest: manifest, next: next)
                files.append((relative, Fingerprint(status)))
            default:
                throw .foreign(relative: relative, Self.kind(of: status))
            }
        }
        guard access(path, W_OK | X_OK) == 0 else { throw .cannotInspect(path: path, action: "remove", reason: systemError()) }
    }

    /// Proves one regular file: the bytes about to be written at its place, or the digest
    /// its manifest lists.
    private func proveFile(
        _ path: String, relative: String, status: stat, manifest: OutputManifest?,
        next: [String: String]
    ) throws(Problem) {
        let size = Int(status.st_size)
        let listed = manifest?.digests[relative]
        let upcoming = next[relative].map { Array($0.utf8) }
        guard listed != nil || upcoming?.count == size else { throw .foreign(relative: relative, .file) }
        guard let bytes = try Self.read(path, size: size, limit: Self.maximumProvenSize) else {
            throw .foreign(relative: relative, listed == nil ? .file : .changedFile)
        }
        if let upcoming, upcoming == bytes { return }
        guard let listed else { throw .foreign(relative: relative, .file) }
        guard OutputManifest.digest(bytes) == listed else { throw .foreign(relative: relative, .changedFile) }
    }

    /// The names in a folder, sorted, without `.` and `..`.
    private static func entries(of path: String) throws(Problem) -> [String] {
        guard let directory = opendir(path) else { throw .cannotInspect(path: path, action: "list", reason: systemError()) }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw .cannotInspect(path: path, action: "list", reason: systemError()) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The bytes of the regular file at `path`, read without following a symbolic link; nil
    /// when it is larger than `limit` or its size is not `size`.
    private static func read(_ path: String, size: Int, limit: Int) throws(Problem) -> [UInt8]? {
        guard size <= limit else { return nil }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .cannotInspect(path: path, action: "read", reason: systemError()) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if read < 0 {
                if errno == EINTR { continue }
                throw .cannotInspect(path: path, action: "read", reason: systemError())
            }
            if read == 0 { break }
            count += read
        }
        guard count == size else { return nil }
        bytes.removeLast()
        return bytes
    }

    private static func kind(of status: stat) -> Foreign {
        switch status.st_mode & S_IFMT {
        case S_IFLNK: .symbolicLink
        case S_IFDIR: .folder
        case S_IFREG: .file
        default: .special
        }
    }

    /// Removes the proven files and folders of `root` — and nothing else: a file that
    /// changed since it was proven stays, and folders are removed with `rmdir`, which never
    /// removes a folder that still holds something. The manifest goes last, so whatever is
    /// left can still be proven kalc's. Returns the first thing that could not be removed,
    /// with the reason.
    func remove(under root: String) -> (path: String, reason: String)? {
        var kept: (path: String, reason: String)?
        let manifest = files.last.flatMap { $0.relative == OutputManifest.name ? $0 : nil }
        for (relative, fingerprint) in files where relative != OutputManifest.name {
            let path = root + "/" + relative
            var status = stat()
            guard lstat(path, &status) == 0, Fingerprint(status) == fingerprint else {
                kept = kept ?? (path, "it changed while kalc was writing the new output")
                continue
            }
            if unlink(path) != 0 { kept = kept ?? (path, systemError()) }
        }
        for relative in folders {
            if rmdir(root + "/" + relative) != 0 { kept = kept ?? (root + "/" + relative, systemError()) }
        }
        guard kept == nil else { return kept }
        if let manifest {
            let path = root + "/" + manifest.relative
            var status = stat()
            guard lstat(path, &status) == 0, Fingerprint(status) == manifest.fingerprint else {
                return (path, "it changed while kalc was writing the new output")
            }
            if unlink(path) != 0 { return (path, systemError()) }
        }
        return rmdir(root) == 0 ? nil : (root, systemError())
    }
}

/// The system's description of the last error (`errno`), in lower case: "permission denied".
func systemError(_ number: Int32 = errno) -> String {
    let text = String(cString: strerror(number))
    return text.prefix(1).lowercased() + text.dropFirst()
}
