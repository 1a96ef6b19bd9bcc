import KalcGitOpsLayout

/// What kalc writes into a branch of a platform GitOps repository for one environment: its
/// cluster-type folders, each replaced as a whole, and single files outside them.
///
/// Applied to the branch's current tree, the update
/// - replaces every top-level folder in `ownedFolders` with exactly the `files` under it;
/// - removes every other top-level folder whose name does not start with `.`, as Kalypso's
///   push deletes every file under it: by Kalypso's contract such folders hold the
///   scheduler's cluster types, and one that is not compiled any more is stale (what is
///   removed stays in the branch's history);
/// - keeps, in both, every submodule entry (gitlink) where it is, as Kalypso's push deletes
///   only files and symbolic links; a gitlink in the way of a compiled file is a conflict;
/// - writes or removes each of `extraFiles`;
/// - keeps everything else byte for byte: the files at the root and the folders whose name
///   starts with `.`, such as `.github`.
public struct GitOpsTreeUpdate: Sendable, Hashable {
    /// A change to one file outside the owned folders.
    public enum FileEdit: Sendable, Hashable {
        /// The file is written with this content (mode 100644).
        case write([UInt8])
        /// The file is removed if it is there; folders left empty go with it.
        case remove
    }

    /// The top-level folders the compiled tree owns: the environment's cluster types.
    public var ownedFolders: Set<String>
    /// The compiled files, by path from the root of the repository; each lies inside one of
    /// `ownedFolders`.
    public var files: [String: [UInt8]]
    /// Files outside the owned folders to write or remove, by path from the root.
    public var extraFiles: [String: FileEdit]

    /// Creates an update from its parts.
    public init(ownedFolders: Set<String>, files: [String: [UInt8]], extraFiles: [String: FileEdit] = [:]) {
        self.ownedFolders = ownedFolders
        self.files = files
        self.extraFiles = extraFiles
    }

    /// The update for one environment's compiled GitOps tree, paths from its root, laid out
    /// as `GitOpsLayout` says: every cluster-type folder of the tree is owned, and the
    /// promoted commit's file is written when the tree holds it and removed when it does
    /// not. Any other file outside a cluster-type folder is an error.
    public init(environmentTree: [String: [UInt8]]) throws(GitError) {
        var owned = Set<String>()
        var files: [String: [UInt8]] = [:]
        for (path, content) in environmentTree where path != GitOpsLayout.promotedCommitPath {
            guard let folder = GitOpsLayout.clusterTypeFolder(of: path) else {
                throw .invalidPath(path: path, problem: .outsideOwnedFolders)
            }
            owned.insert(folder)
            files[path] = content
        }
        let promoted = environmentTree[GitOpsLayout.promotedCommitPath]
        self.init(
            ownedFolders: owned,
            files: files,
            extraFiles: [GitOpsLayout.promotedCommitPath: promoted.map { .write($0) } ?? .remove]
        )
    }
}
