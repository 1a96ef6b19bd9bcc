import Foundation

/// A lock file git left beside a reference (`refs/heads/dev.lock`), and what can be told
/// about who holds it: whether a process has it open, and how long ago it was written.
///
/// git creates such a file to change a reference and renames it into place when done; a
/// process killed in between leaves it behind, and every git command refuses to change
/// the reference until it is removed.
public struct LockFile: Sendable, Hashable {
    /// Who has the lock file open.
    public enum Holders: Sendable, Hashable {
        /// These processes have it open (process ids, in increasing order).
        case processes([Int32])
        /// No process has it open.
        case none
        /// None of the processes kalc may inspect has it open; those of other users are
        /// hidden from it.
        case noneVisible
        /// This system does not say which processes have a file open (no `/proc`).
        case unknown
    }

    /// The lock file's path.
    public let path: String
    /// Who has it open.
    public let holders: Holders
    /// How many seconds ago it was last written; nil when that cannot be read.
    public let age: Int?

    /// Creates a description from its parts.
    public init(path: String, holders: Holders, age: Int?) {
        self.path = path
        self.holders = holders
        self.age = age
    }

    /// Whether the lock looks left over by a process that is gone: no process kalc may
    /// inspect has it open. A running git can hold a lock without keeping it open, and the
    /// processes of other users are hidden from an unprivileged kalc, so this is a hint, not
    /// a proof; the message says so.
    public var looksStale: Bool { holders == .none || holders == .noneVisible }

    /// Inspects the lock file at `path`: the processes that have it open, read from
    /// `/proc/<pid>/fd` (only the processes the caller may inspect), and its age.
    static func inspect(_ path: String, now: Date = Date()) -> LockFile {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var age: Int?
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let modified = attributes[.modificationDate] as? Date
        {
            age = max(0, Int(now.timeIntervalSince(modified)))
        }
        return LockFile(path: path, holders: holders(of: Set([path, resolved])), age: age)
    }

    private static func holders(of paths: Set<String>) -> Holders {
        guard let processes = try? FileManager.default.contentsOfDirectory(atPath: "/proc"),
            FileManager.default.fileExists(atPath: "/proc/self/fd")
        else {
            return .unknown
        }
        var found: [Int32] = []
        var hidden = false
        for name in processes {
            guard let pid = Int32(name) else { continue }
            let folder = "/proc/\(name)/fd"
            let descriptors: [String]
            do {
                descriptors = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                // A process that ended meanwhile holds nothing; one of another user is hidden.
                if (error as? CocoaError)?.code == .fileReadNoPermission { hidden = true }
                continue
            }
            for descriptor in descriptors {
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + descriptor), paths.contains(target) {
                    found.append(pid)
                    break
                }
            }
        }
        if !found.isEmpty { return .processes(found.sorted()) }
        return hidden ? .noneVisible : .none
    }
}

/// A branch that could not be locked, and its lock file.
public struct LockedBranch: Sendable, Hashable {
    /// The branch, such as `dev`.
    public let branch: String
    /// Its lock file, as found.
    public let lock: LockFile
}

extension LockFile: CustomStringConvertible {
    /// What is known about the lock and what to do about it, as the end of a sentence.
    public var description: String {
        let written = age.map { " (written \(Self.describe(seconds: $0)) ago)" } ?? ""
        switch holders {
        case .processes(let pids):
            let list = pids.map(String.init).joined(separator: ", ")
            return "`\(path)`\(written) is held open by process\(pids.count == 1 ? "" : "es") \(list); run again when \(pids.count == 1 ? "it is" : "they are") done"
        case .none:
            return
                "`\(path)`\(written) is held open by no process, so a git process that was killed or crashed most likely left it: if no git command is running on this repository, it is safe to remove it (`rm \(Self.shellQuoted(path))`) and run again"
        case .noneVisible:
            return
                "`\(path)`\(written) is held open by none of the processes kalc may inspect (those of other users are hidden from it), so a git process that was killed or crashed likely left it: if no git command is running on this repository, it is safe to remove it (`rm \(Self.shellQuoted(path))`) and run again"
        case .unknown:
            return
                "`\(path)`\(written) may be left by a git process that was killed or crashed: if no git command is running on this repository, it is safe to remove it (`rm \(Self.shellQuoted(path))`) and run again"
        }
    }

    /// `path` in single quotes, as a shell reads it back.
    private static func shellQuoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func describe(seconds: Int) -> String {
        switch seconds {
        case ..<120: "\(seconds) second\(seconds == 1 ? "" : "s")"
        case ..<7200: "\(seconds / 60) minutes"
        case ..<172_800: "\(seconds / 3600) hours"
        default: "\(seconds / 86400) days"
        }
    }
}
