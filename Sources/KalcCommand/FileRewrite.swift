import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Rewrites a user's file with new content and keeps everything else about it: its mode,
/// owner and group, its extended attributes (ACLs among them), the other hard links to it,
/// and the symbolic links that lead to it (kalc writes the file they point to).
///
/// The new content goes to a new file beside the old one, which then takes its place in one
/// rename, so that a failed write leaves the old content — unless that would lose
/// something: a file with other hard links, extended attributes, or an owner kalc cannot
/// give a new file is written in place instead. A read-only file is refused, and so is a file
/// that resolves outside the folders it was found in.
struct FileRewrite {
    /// Why a file was not rewritten.
    enum Problem: Error {
        /// The file (through `path`, a symbolic link to `target` if not nil) has no write
        /// permission for anyone.
        case readOnly(path: String, target: String?)
        /// `path` resolves to `target`, outside every folder of `roots`.
        case outside(path: String, target: String, roots: [String])
        /// `path` is a symbolic link to nothing.
        case danglingLink(path: String)
        /// `action` ("write", "replace", "read") failed on `path` for `reason`.
        case io(path: String, action: String, reason: String)
    }

    /// The file to rewrite, as named.
    let path: String
    /// When not nil, the files and folders (as given on the command line) the file must
    /// resolve inside.
    var roots: [String]?

    /// Writes `content` to the file, creating it if it does not exist.
    func write(_ content: String) throws(Problem) {
        var status = stat()
        if lstat(path, &status) != 0 {
            guard errno == ENOENT else { throw .io(path: path, action: "read", reason: systemError()) }
            try Self.replace(path, with: content, keeping: nil)
            return
        }
        let isLink = status.st_mode & S_IFMT == S_IFLNK
        guard let target = OutputFolder.realPath(path) else { throw .danglingLink(path: path) }
        if let roots {
            let inside = roots.contains { root in
                guard let real = OutputFolder.realPath(root) else { return false }
                return target == real || target.hasPrefix(real == "/" ? "/" : real + "/")
            }
            guard inside else { throw .outside(path: path, target: target, roots: roots) }
        }
        guard stat(target, &status) == 0 else { throw .io(path: path, action: "read", reason: systemError()) }
        let isRegular = status.st_mode & S_IFMT == S_IFREG
        if isRegular && status.st_mode & 0o222 == 0 { throw .readOnly(path: path, target: isLink ? target : nil) }
        guard access(target, W_OK) == 0 else { throw .io(path: path, action: "write", reason: systemError()) }
        if isRegular && status.st_nlink == 1 && !Self.hasExtendedAttributes(target),
            (try? Self.replace(target, with: content, keeping: status)) != nil
        {
            return
        }
        try Self.writeInPlace(target, content, truncating: isRegular, named: path)
    }

    /// Writes `content` to a new file beside `target` and renames it over `target`, with the
    /// mode, owner and group of `previous` (or, for a new file, those a new file gets).
    private static func replace(_ target: String, with content: String, keeping previous: stat?) throws(Problem) {
        let url = URL(fileURLWithPath: target)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent.prefix(200)).kalc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, previous == nil ? 0o666 : 0o600)
        guard descriptor >= 0 else { throw .io(path: target, action: "write", reason: systemError()) }
        var problem: String?
        if let previous {
            if fchown(descriptor, previous.st_uid, previous.st_gid) != 0 || fchmod(descriptor, previous.st_mode & 0o7777) != 0 {
                problem = systemError()
            }
        }
        problem = problem ?? writeAll(descriptor, content)
        if close(descriptor) != 0 { problem = problem ?? systemError() }
        if problem == nil && rename(temporary, target) != 0 { problem = systemError() }
        if let problem {
            unlink(temporary)
            throw .io(path: target, action: previous == nil ? "write" : "replace", reason: problem)
        }
    }

    /// Writes `content` over the file's old content, keeping the file itself.
    private static func writeInPlace(_ target: String, _ content: String, truncating: Bool, named path: String) throws(Problem) {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, action: "write", reason: systemError()) }
        var problem = writeAll(descriptor, content)
        if problem == nil && truncating && ftruncate(descriptor, off_t(content.utf8.count)) != 0 { problem = systemError() }
        if close(descriptor) != 0 { problem = problem ?? systemError() }
        if let problem { throw .io(path: path, action: "write", reason: problem) }
    }

    /// Writes all of `content`; the reason when that fails.
    static func writeAll(_ descriptor: Int32, _ content: String) -> String? {
        var content = content
        return content.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return systemError()
                }
                offset += written
            }
            return nil
        }
    }

    /// Whether the file has extended attributes (ACLs, security labels), which a new file
    /// would not have.
    private static func hasExtendedAttributes(_ path: String) -> Bool {
        #if os(Linux)
        typealias ListAttributes = @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<CChar>?, Int) -> Int
        guard let symbol = dlsym(nil, "listxattr") else { return false }
        return unsafeBitCast(symbol, to: ListAttributes.self)(path, nil, 0) > 0
        #else
        return false
        #endif
    }
}
