import CLibGit2

/// A file of a commit's tree, read from the object database without checking anything out.
public struct RevisionFile: Sendable, Hashable {
    /// The path from the root of the repository, components joined by `/`.
    public var path: String
    /// The bytes, nil when the file is larger than the limit it was read with.
    public var bytes: [UInt8]?
}

/// The files of one commit that a reader asked for.
public struct RevisionSnapshot: Sendable {
    /// The commit the revision named.
    public var commit: GitOID
    /// The files, sorted by path.
    public var files: [RevisionFile]
    /// Every folder of the tree that holds a file kept, and their parents, by path ("" is the root).
    public var folders: Set<String>
}

extension GitRepository {
    /// Folders nested deeper than this in a commit's tree are not read.
    public static let maximumRevisionDepth = 64

    /// Opens the repository that holds `path`: the nearest folder at or above it with a
    /// `.git`, or a bare repository.
    public static func discover(holding path: String) throws(GitError) -> GitRepository {
        LibGit2.initialize()
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let code = git_repository_discover(&buffer, path, 0, nil)
        guard code >= 0, let found = buffer.ptr else {
            let error = LibGit2.lastError(code: code, operation: "find the git repository of \(path)")
            if case .library(_, _, _, let message) = error { throw .notARepository(path: path, message: message) }
            throw error
        }
        return try GitRepository(path: String(cString: found))
    }

    /// The folder of the working tree, ending in `/`; nil for a bare repository.
    public var workingDirectory: String? {
        git_repository_workdir(pointer).map { String(cString: $0) }
    }

    /// The regular files of the tree of the commit `revision` names (any revision git
    /// accepts: `HEAD~1`, a branch, a tag, an id) whose file name `keeping` accepts, in
    /// folders whose names `descendingInto` accepts; files larger than `maximumSize` bytes
    /// are listed without their bytes. Symbolic links and submodules are not followed.
    public func files(
        atRevision revision: String, descendingInto: (String) -> Bool, keeping: (String) -> Bool,
        maximumSize: Int
    ) throws(GitError) -> RevisionSnapshot {
        var object: OpaquePointer?
        try LibGit2.check(git_revparse_single(&object, pointer, revision), "find the revision `\(revision)`")
        guard let object else { throw LibGit2.lastError(code: -1, operation: "find the revision `\(revision)`") }
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        try LibGit2.check(git_object_peel(&peeled, object, GIT_OBJECT_COMMIT), "read the revision `\(revision)` as a commit")
        guard let peeled else { throw LibGit2.lastError(code: -1, operation: "read the revision `\(revision)`") }
        defer { git_object_free(peeled) }
        let commitID = git_object_id(peeled).map { GitOID($0.pointee) } ?? GitOID.zero
        let treeID = git_commit_tree_id(peeled).map { GitOID($0.pointee) } ?? GitOID.zero
        var snapshot = RevisionSnapshot(commit: commitID, files: [], folders: [""])
        var pending: [(id: GitOID, path: String, depth: Int)] = [(treeID, "", 0)]
        while let (id, folder, depth) = pending.popLast() {
            let tree = try self.tree(id)
            for entry in tree.entries {
                let name = String(decoding: entry.name, as: UTF8.self)
                let path = folder.isEmpty ? name : folder + "/" + name
                if entry.isTree {
                    if depth < Self.maximumRevisionDepth && descendingInto(name) { pending.append((entry.id, path, depth + 1)) }
                } else if TreeMode.kind(of: entry.mode) == TreeMode.regularFile && keeping(name) {
                    let size = try blobSize(entry.id)
                    let bytes = size > maximumSize ? nil : try blobContent(entry.id)
                    snapshot.files.append(RevisionFile(path: path, bytes: bytes))
                    var parent = folder
                    while snapshot.folders.insert(parent).inserted, let slash = parent.lastIndex(of: "/") {
                        parent = String(parent[..<slash])
                    }
                }
            }
        }
        snapshot.files.sort { $0.path < $1.path }
        return snapshot
    }

    /// The size of a blob in bytes, read without its content.
    func blobSize(_ id: GitOID) throws(GitError) -> Int {
        var raw = id.raw
        var blob: OpaquePointer?
        try LibGit2.check(git_blob_lookup(&blob, pointer, &raw), "read blob \(id.hex)")
        guard let blob else { return 0 }
        defer { git_blob_free(blob) }
        return Int(git_blob_rawsize(blob))
    }
}
