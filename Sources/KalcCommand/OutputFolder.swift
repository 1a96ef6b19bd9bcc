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
            for (relative, content) in files.sorted(by: { $0.key < $1.key }) {
                let url = staging.appendingPathComponent(relative)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard manager.createFile(atPath: url.path, contents: Data(content.utf8)) else {
                    throw Failure.io("cannot write \(url.path)")
                }
            }
            try swap(staging, into: destination)
        } catch {
            try? manager.removeItem(at: staging)
            if let failure = error as? Failure { throw failure }
            throw .io("cannot write \(path): \(error.localizedDescription)")
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
