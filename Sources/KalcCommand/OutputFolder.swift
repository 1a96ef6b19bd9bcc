import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a compiled tree to a folder, replacing the folder as a whole.
///
/// The files are written to a new folder beside the destination, which then takes the
/// destination's place, so that a failed or interrupted compile leaves the previous output
/// exactly as it was. A destination that holds anything kalc does not write, or that is a
/// symbolic link, is refused; every path is checked to stay inside the folder before
/// anything is written. Staging folders left by an interrupted compile are removed by the
/// next one.
struct OutputFolder {
    /// The top-level entries kalc writes; a destination holding anything else is not kalc's.
    static let ownedEntries: Set<String> = ["control-plane", "workloads", "gitops"]

    let path: String

    enum Failure: Error, CustomStringConvertible {
        case notOwned(String, [String])
        case symbolicLink(String)
        case unsafePath(String)
        case io(String)

        var description: String {
            switch self {
            case .notOwned(let folder, let entries):
                "\(folder) holds files kalc did not write (\(entries.prefix(5).joined(separator: ", "))); choose an empty or new folder"
            case .symbolicLink(let folder):
                "\(folder) is a symbolic link; kalc replaces a folder as a whole and will not replace a link or write through it: give the folder it points to"
            case .unsafePath(let path):
                "refusing to write \(path): it would land outside the output folder, or its name is longer than \(OutputFolder.maximumNameLength) bytes"
            case .io(let message):
                message
            }
        }
    }

    /// Replaces the folder with exactly `files` (relative path to content).
    func replace(with files: [String: String]) throws(Failure) {
        let manager = FileManager.default
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        if (try? manager.destinationOfSymbolicLink(atPath: destination.path)) != nil { throw .symbolicLink(path) }
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .io("\(path) exists and is not a folder") }
            let entries = (try? manager.contentsOfDirectory(atPath: destination.path)) ?? []
            let foreign = entries.filter { !Self.ownedEntries.contains($0) }.sorted()
            if !foreign.isEmpty { throw .notOwned(path, foreign) }
        }
        for relative in files.keys where !Self.isSafe(relative) {
            throw .unsafePath(relative)
        }
        let parent = destination.deletingLastPathComponent()
        Self.removeAbandonedStagings(of: destination)
        let staging = parent.appendingPathComponent(Self.stagingPrefix(of: destination) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .io("cannot create \(staging.path): \(error.localizedDescription)")
        }
        do {
            try Self.write(files, into: staging.path)
            try swap(staging, into: destination)
        } catch {
            try? manager.removeItem(at: staging)
            if let failure = error as? Failure { throw failure }
            throw .io("cannot write \(path): \(error.localizedDescription)")
        }
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
            guard mkdir(path, 0o755) == 0 else { throw .io("cannot create \(path): \(String(cString: strerror(errno)))") }
        }
        let entries = Array(files)
        let workers = min(8, max(1, entries.count / 64))
        let failure = FirstFailure()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < entries.count, !failure.isSet {
                let (relative, content) = entries[index]
                let path = root + "/" + relative
                if let message = writeNewFile(path, content) { failure.set("cannot write \(path): \(message)") }
                index += workers
            }
        }
        if let message = failure.message { throw .io(message) }
    }

    /// Creates the file at `path` with `content`; the error's description when that fails.
    private static func writeNewFile(_ path: String, _ content: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var content = content
        let problem: String? = content.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
        guard close(descriptor) == 0 || problem != nil else { return String(cString: strerror(errno)) }
        return problem
    }

    /// The first failure of several threads.
    private final class FirstFailure: @unchecked Sendable {
        private let lock = NSLock()
        private var first: String?

        var isSet: Bool { lock.withLock { first != nil } }
        var message: String? { lock.withLock { first } }

        func set(_ message: String) {
            lock.withLock { if first == nil { first = message } }
        }
    }

    /// Moves `staging` to `destination`. Where the system can exchange two folders in one
    /// step (Linux's `renameat2` with `RENAME_EXCHANGE`), the destination always holds either
    /// the previous output or the new one; elsewhere the previous destination is renamed aside
    /// (and restored if the second rename fails). The previous output is then removed; a
    /// symbolic link in it is removed, never followed.
    private func swap(_ staging: URL, into destination: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: destination.path) else {
            guard rename(staging.path, destination.path) == 0 else { throw Failure.io("cannot move the output into \(destination.path)") }
            return
        }
        if Self.exchange(staging.path, destination.path) {
            try? manager.removeItem(at: staging)
            return
        }
        let previous = destination.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + "-previous")
        guard rename(destination.path, previous.path) == 0 else { throw Failure.io("cannot replace \(destination.path)") }
        guard rename(staging.path, destination.path) == 0 else {
            _ = rename(previous.path, destination.path)
            throw Failure.io("cannot replace \(destination.path)")
        }
        try? manager.removeItem(at: previous)
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
    /// random number follow.
    static func stagingPrefix(of destination: URL) -> String {
        ".\(destination.lastPathComponent).kalc-"
    }

    /// Removes the staging folders of `destination` whose compile no longer runs: those an
    /// interrupted compile left behind.
    static func removeAbandonedStagings(of destination: URL) {
        let manager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let prefix = stagingPrefix(of: destination)
        for entry in (try? manager.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? manager.removeItem(at: parent.appendingPathComponent(entry))
            }
        }
    }

    /// The longest file name most file systems allow, in bytes.
    static let maximumNameLength = 255

    /// Whether a relative path stays inside the folder and can be written: not absolute; no
    /// empty, `.` or `..` components; no NUL; no component longer than a file name can be.
    static func isSafe(_ relative: String) -> Bool {
        guard !relative.isEmpty, !relative.hasPrefix("/") else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") && $0.utf8.count <= maximumNameLength
        }
    }
}
