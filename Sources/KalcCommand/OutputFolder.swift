import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a compiled tree to a folder, replacing the folder as a whole.
///
/// The files are written to a new folder beside the destination, with a manifest of what
/// was written (`OutputManifest`), and that folder then takes the destination's place, so
/// that a failed or interrupted compile leaves the previous output exactly as it was. A
/// destination is replaced only when `OutputOwnership` proves that everything in it, at any
/// depth, is a file kalc wrote; one that holds the compile's inputs, is a symbolic link, or
/// cannot be listed is refused. Every path is checked to stay inside the folder before
/// anything is written. Folders left beside the destination by an earlier compile are
/// removed when they can be proven kalc's and complete, and kept with a warning otherwise.
struct OutputFolder {
    let path: String

    /// Why the folder was not written.
    enum Failure: Error {
        /// The destination's name cannot be a folder kalc writes (empty, too long).
        case invalidName(String, reason: String)
        case symbolicLink(String)
        case notAFolder(String)
        /// The destination holds something kalc did not write: the proof's first problem.
        case notOwned(String, OutputOwnership.Problem)
        /// The destination is, or holds, an input of the compile.
        case holdsInput(String, input: String)
        case unsafePath(String)
        /// `action` ("create", "write", "replace") failed on `path` for `reason`.
        case io(path: String, action: String, reason: String)
        /// A signal asked kalc to stop before the output took the folder's place.
        case interrupted
    }

    /// What was left beside the destination, with the reason.
    enum Leftover {
        /// An earlier compile's folder that cannot be proven kalc's and complete.
        case unproven(String, OutputOwnership.Problem)
        /// The previous output, or part of it, that could not be removed.
        case notRemoved(String, path: String, reason: String)
    }

    /// Refuses a destination whose name cannot be a folder: empty, or longer than a file
    /// name or a path can be.
    func checkName() throws(Failure) {
        guard !path.isEmpty else { throw .invalidName(path, reason: "the name is empty") }
        if let long = path.split(separator: "/").first(where: { $0.utf8.count > Self.maximumNameLength }) {
            throw .invalidName(path, reason: "`\(long.prefix(16))…` is \(long.utf8.count) bytes long, and a file name is at most \(Self.maximumNameLength)")
        }
        guard path.utf8.count < Self.maximumPathLength else {
            throw .invalidName(path, reason: "the path is \(path.utf8.count) bytes long, and a path is shorter than \(Self.maximumPathLength)")
        }
    }

    /// Replaces the folder with exactly `files` (relative path to content); `inputs` are the
    /// paths the compile read, which the folder may neither be nor hold. Returns what was
    /// left beside the folder.
    func replace(with files: [String: String], inputs: [String] = []) throws(Failure) -> [Leftover] {
        try checkName()
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        var status = stat()
        var ownership: OutputOwnership?
        if lstat(destination.path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFLNK: throw .symbolicLink(path)
            case S_IFDIR: break
            default: throw .notAFolder(path)
            }
            if let input = Self.input(inside: destination.path, of: inputs) { throw .holdsInput(path, input: input) }
            let named = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            do {
                ownership = try OutputOwnership.prove(named, next: files)
            } catch {
                throw .notOwned(path, error)
            }
        } else if errno != ENOENT {
            throw .io(path: path, action: "read", reason: systemError())
        }
        for relative in files.keys where !Self.isSafe(relative) {
            throw .unsafePath(relative)
        }
        let parent = destination.deletingLastPathComponent()
        var leftovers = Self.removeAbandonedStagings(of: destination)
        let staging = parent.appendingPathComponent(Self.stagingPrefix(of: destination) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        if let (folder, reason) = Self.createFolders(parent.path) { throw .io(path: folder, action: "create", reason: reason) }
        let interruption = WriteInterruption.shared
        interruption.hold()
        defer { interruption.release() }
        guard mkdir(staging.path, 0o755) == 0 else { throw .io(path: staging.path, action: "create", reason: systemError()) }
        let previous: URL?
        do throws(Failure) {
            try Self.write(files, into: staging.path)
            if interruption.isRequested { throw Failure.interrupted }
            if let message = Self.writeNewFile(staging.path + "/" + OutputManifest.name, OutputManifest(files: files).text) {
                throw Failure.io(path: staging.path + "/" + OutputManifest.name, action: "write", reason: message)
            }
            previous = try swap(staging, into: destination)
        } catch {
            if let written = try? OutputOwnership.prove(staging.path, next: files) { _ = written.remove(under: staging.path) }
            throw error
        }
        if let previous, let ownership, let (kept, reason) = ownership.remove(under: previous.path) {
            leftovers.append(.notRemoved(previous.path, path: kept, reason: reason))
        }
        return leftovers
    }

    /// Creates `path` and the folders above it that are missing; the folder that could not
    /// be created and why.
    private static func createFolders(_ path: String) -> (String, String)? {
        if mkdir(path, 0o777) == 0 || errno == EEXIST { return nil }
        guard errno == ENOENT else { return (path, systemError()) }
        let above = (path as NSString).deletingLastPathComponent
        guard above != path, !above.isEmpty else { return (path, systemError(ENOENT)) }
        if let problem = createFolders(above) { return problem }
        return mkdir(path, 0o777) == 0 || errno == EEXIST ? nil : (path, systemError())
    }

    /// The first of `inputs` that is `folder` or lies inside it, symbolic links resolved.
    static func input(inside folder: String, of inputs: [String]) -> String? {
        guard let real = realPath(folder) else { return nil }
        return inputs.first { input in
            guard let resolved = realPath(input) else { return false }
            return resolved == real || resolved.hasPrefix(real == "/" ? "/" : real + "/")
        }
    }

    /// The path with every symbolic link resolved, if it exists.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes `files` into the new, empty folder `root`: every folder first (parents before
    /// children), then the files, spread over a few threads (creating thousands of small
    /// files is bound by the file system's latency, not by the processor). A file is created
    /// only where none exists, and never through a symbolic link.
    static func write(_ files: [String: String], into root: String) throws(Failure) {
        var folders = Set<String>()
        for relative in files.keys {
            var folder = Substring(relative)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !folders.insert(String(folder)).inserted { break }
            }
        }
        for folder in folders.sorted() {
            let path = root + "/" + folder
            guard mkdir(path, 0o755) == 0 else { throw .io(path: path, action: "create", reason: systemError()) }
        }
        let entries = Array(files)
        let workers = min(8, max(1, entries.count / 64))
        let failure = FirstFailure()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < entries.count, !failure.isSet, !WriteInterruption.shared.isRequested {
                let (relative, content) = entries[index]
                let path = root + "/" + relative
                if let reason = writeNewFile(path, content) { failure.set((path, reason)) }
                index += workers
            }
        }
        if let (path, reason) = failure.first { throw .io(path: path, action: "write", reason: reason) }
    }

    /// Creates the file at `path` with `content`; the reason when that fails.
    static func writeNewFile(_ path: String, _ content: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return systemError() }
        var problem = FileRewrite.writeAll(descriptor, content)
        if close(descriptor) != 0 { problem = problem ?? systemError() }
        // The file is kalc's own, just created: one cut short goes, so the folder stays provable.
        if problem != nil { unlink(path) }
        return problem
    }

    /// The first failure of several threads.
    private final class FirstFailure: @unchecked Sendable {
        private let lock = NSLock()
        private var failure: (path: String, reason: String)?

        var isSet: Bool { lock.withLock { failure != nil } }
        var first: (path: String, reason: String)? { lock.withLock { failure } }

        func set(_ failure: (path: String, reason: String)) {
            lock.withLock { if self.failure == nil { self.failure = failure } }
        }
    }

    /// Moves `staging` to `destination` and returns where the previous output now is, if
    /// there was one. Where the system can exchange two folders in one step (Linux's
    /// `renameat2` with `RENAME_EXCHANGE`), the destination always holds either the previous
    /// output or the new one, and the previous output takes the staging folder's name;
    /// elsewhere the previous destination is renamed aside (and restored if the second rename
    /// fails).
    private func swap(_ staging: URL, into destination: URL) throws(Failure) -> URL? {
        var status = stat()
        guard lstat(destination.path, &status) == 0 else {
            guard rename(staging.path, destination.path) == 0 else { throw .io(path: destination.path, action: "create", reason: systemError()) }
            return nil
        }
        if Self.exchange(staging.path, destination.path) { return staging }
        let previous = destination.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + "-previous")
        guard rename(destination.path, previous.path) == 0 else { throw .io(path: destination.path, action: "replace", reason: systemError()) }
        guard rename(staging.path, destination.path) == 0 else {
            let reason = systemError()
            _ = rename(previous.path, destination.path)
            throw .io(path: destination.path, action: "replace", reason: reason)
        }
        return previous
    }

    /// Exchanges two paths in one step, if the system can.
    private static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameExchange: UInt32 = 2
        return unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// The start of the name of every staging folder for `destination`; the process id and a
    /// random number follow (and `-previous` for a previous output renamed aside). A long
    /// destination name is shortened, so that the staging folder's name is a file name too.
    static func stagingPrefix(of destination: URL) -> String {
        var name = Substring(destination.lastPathComponent)
        while name.utf8.count > maximumNameLength - 37 { name = name.dropLast() }
        return ".\(name).kalc-"
    }

    /// Removes the folders an earlier compile of `destination` left beside it — a compile
    /// that no longer runs, killed while it wrote or unable to remove the previous output —
    /// when they can be proven kalc's and complete: everything in it is a file its manifest
    /// lists, unchanged (a folder interrupted before its manifest was written holds files no
    /// manifest lists). What cannot be proven stays, and is returned.
    static func removeAbandonedStagings(of destination: URL) -> [Leftover] {
        let parent = destination.deletingLastPathComponent()
        let prefix = stagingPrefix(of: destination)
        var leftovers: [Leftover] = []
        for entry in ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).sorted() where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0 else { continue }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let path = parent.appendingPathComponent(entry).path
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { continue }
            do {
                let ownership = try OutputOwnership.prove(path)
                if let (kept, reason) = ownership.remove(under: path) { leftovers.append(.notRemoved(path, path: kept, reason: reason)) }
            } catch {
                leftovers.append(.unproven(path, error))
            }
        }
        return leftovers
    }

    /// The longest file name most file systems allow, in bytes.
    static let maximumNameLength = 255
    /// Linux's `PATH_MAX`: a path is shorter.
    static let maximumPathLength = 4096

    /// Whether a relative path stays inside the folder and can be written: not absolute; no
    /// empty, `.` or `..` components; no NUL; no component longer than a file name can be.
    static func isSafe(_ relative: String) -> Bool {
        guard !relative.isEmpty, !relative.hasPrefix("/") else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") && $0.utf8.count <= maximumNameLength
        }
    }
}
