import CLibGit2

/// The libgit2 kalc runs with.
public enum GitLibrary {
    /// The version of the libgit2 linked in, such as `1.5.1`.
    public static var version: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        guard git_libgit2_version(&major, &minor, &revision) == 0 else { return "unknown" }
        return "\(major).\(minor).\(revision)"
    }
}
