import CLibGit2

/// libgit2's process-wide state and the conversion of its return codes into `GitError`.
enum LibGit2 {
    /// Set up the first time it is read; Swift runs a global initialiser exactly once, even
    /// when several threads race to it. libgit2 is never shut down: it lives as long as the process.
    private static let initialization: Int32 = git_libgit2_init()

    /// Makes sure libgit2 is initialised before the first call into it.
    static func initialize() {
        _ = initialization
    }

    /// Throws the error libgit2 recorded for this thread when `code` reports a failure.
    static func check(_ code: Int32, _ operation: String) throws(GitError) {
        guard code < 0 else { return }
        throw lastError(code: code, operation: operation)
    }

    /// The error libgit2 recorded for this thread, as a `GitError`.
    static func lastError(code: Int32, operation: String) -> GitError {
        let message: String
        let category: Int32
        if let last = git_error_last(), let text = last.pointee.message {
            // Some messages end with an empty system error, as in "… for writing: ".
            var trimmed = String(cString: text)
            while let last = trimmed.last, last == " " || last == ":" || last == "\n" { trimmed.removeLast() }
            message = trimmed
            category = last.pointee.klass
        } else {
            message = "libgit2 error \(code)"
            category = 0
        }
        return .library(operation: operation, code: code, category: category, message: message)
    }

    /// The bytes of a NUL-terminated C string, without the NUL and without any decoding.
    static func bytes(ofCString pointer: UnsafePointer<CChar>) -> [UInt8] {
        var bytes: [UInt8] = []
        var cursor = pointer
        while cursor.pointee != 0 {
            bytes.append(UInt8(bitPattern: cursor.pointee))
            cursor += 1
        }
        return bytes
    }

    /// The exact bytes of a name or path, NUL-terminated for C.
    static func cString(_ bytes: [UInt8]) -> [CChar] {
        bytes.map { CChar(bitPattern: $0) } + [0]
    }
}

/// libgit2's error codes that kalc tells apart.
enum LibGit2Code {
    static let notFound = GIT_ENOTFOUND.rawValue
    static let locked = GIT_ELOCKED.rawValue
}
