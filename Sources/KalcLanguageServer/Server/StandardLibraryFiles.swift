import Foundation
import KalcDriver
import KalcSemantics

/// The standard library's source, written where an editor can open it, so that go to
/// definition, hovers and references can lead into it: one folder per kalc version under the
/// user's cache folder, `$XDG_CACHE_HOME/kalc/VERSION/stdlib/` (else `~/.cache/kalc/...`),
/// one read-only file per module (`std.templates.kal`).
///
/// Only kalc writes there: each file is written whole to a temporary file beside it and
/// renamed into place, and only when missing or different, so an editor never reads half a
/// file and two servers starting at once both leave the whole text.
enum StandardLibraryFiles {
    /// The folder of a version's files; nil when there is no cache folder (no `HOME`).
    static func folder(version: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let cache: String
        if let configured = environment["XDG_CACHE_HOME"], configured.hasPrefix("/") {
            cache = configured
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            cache = (home as NSString).appendingPathComponent(".cache")
        } else {
            return nil
        }
        let safeVersion = version.isEmpty ? "development" : String(version.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
        return normalizedPath((cache as NSString).appendingPathComponent("kalc/\(safeVersion)/stdlib"))
    }

    /// Writes every module into `folder` and returns the path written for each module's
    /// file name in the pipeline (`<std.templates>`); throws when a file cannot be written.
    static func writeModules(into folder: String) throws -> [String: String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        var written: [String: String] = [:]
        for (name, file) in StandardLibrary.modules {
            let path = folder + "/" + name + ".kal"
            if FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) != file.bytes {
                try writeAtomically(file.bytes, to: path)
            }
            written[file.path] = path
        }
        return written
    }

    /// Writes `bytes` to a new temporary file in the destination's folder and renames it
    /// over the destination (replacing a file or a link, never writing through one).
    private static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = (path as NSString).deletingLastPathComponent + "/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o444)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary]) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                close(descriptor)
                unlink(temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
            }
            offset += count
        }
        fsync(descriptor)
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
