import Foundation

/// Writes a compiled tree to a folder, replacing the folder as a whole.
///
/// The files are written to a new folder beside the destination, which then takes the
/// destination's place, so that a failed or interrupted compile leaves the previous output
/// exactly as it was. A destination that holds anything kalc does not write is refused.
struct OutputFolder {
    /// The top-level entries kalc writes; a destination holding anything else is not kalc's.
    static let ownedEntries: Set<String> = ["control-plane", "workloads", "gitops"]

    let path: String

    enum Failure: Error, CustomStringConvertible {
        case notOwned(String, [String])
        case unsafePath(String)
        case io(String)

        var description: String {
            switch self {
            case .notOwned(let folder, let entries):
                "\(folder) holds files kalc did not write (\(entries.prefix(5).joined(separator: ", "))); choose an empty or new folder"
            case .unsafePath(let path):
                "refusing to write \(path): it would land outside the output folder"
            case .io(let message):
                message
            }
        }
    }

    /// Replaces the folder with exactly `files` (relative path to content).
    func replace(with files: [String: String]) throws(Failure) {
        let manager = FileManager.default
        let destination = URL(fileURLWithPath: path).standardizedFileURL
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
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).kalc-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
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

    /// Moves `staging` to `destination`: a previous destination is first renamed aside (and
    /// restored if the second rename fails), then removed.
    private func swap(_ staging: URL, into destination: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: destination.path) else {
            guard rename(staging.path, destination.path) == 0 else { throw Failure.io("cannot move the output into \(destination.path)") }
            return
        }
        let previous = destination.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + "-previous")
        guard rename(destination.path, previous.path) == 0 else { throw Failure.io("cannot replace \(destination.path)") }
        guard rename(staging.path, destination.path) == 0 else {
            _ = rename(previous.path, destination.path)
            throw Failure.io("cannot replace \(destination.path)")
        }
        try manager.removeItem(at: previous)
    }

    /// Whether a relative path stays inside the folder: no empty, `.` or `..` components and
    /// not absolute.
    static func isSafe(_ relative: String) -> Bool {
        guard !relative.isEmpty, !relative.hasPrefix("/") else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") }
    }
}
