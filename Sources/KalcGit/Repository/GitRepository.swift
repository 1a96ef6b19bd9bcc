import CLibGit2

/// A git repository on disk, bare or with a working tree, opened through libgit2.
///
/// The writer only ever adds objects and moves branch references: it never reads or writes
/// the index or the working tree. When a branch that a working tree has checked out is
/// updated, that working tree shows the difference as uncommitted changes, exactly as after
/// `git update-ref`.
public final class GitRepository {
    let pointer: OpaquePointer
    /// The path the repository was opened with.
    public let path: String
    /// Whether the repository has no working tree.
    public let isBare: Bool
    /// The folder of the repository's own files (`.git/`, or the repository itself when bare).
    public let gitDirectory: String
    /// The folder the repository's branches live in: `gitDirectory`, or for a linked working
    /// tree the main repository's folder that it shares them with.
    public let commonDirectory: String

    /// Opens the repository at `path`: a bare repository, a `.git` folder, or a working tree
    /// with its `.git`. Folders above `path` are not searched.
    public init(path: String) throws(GitError) {
        LibGit2.initialize()
        var repository: OpaquePointer?
        let code = git_repository_open(&repository, path)
        guard code >= 0, let repository else {
            let error = LibGit2.lastError(code: code, operation: "open \(path)")
            if code == LibGit2Code.notFound, case .library(_, _, _, let message) = error {
                throw .notARepository(path: path, message: message)
            }
            throw error
        }
        pointer = repository
        self.path = path
        isBare = git_repository_is_bare(repository) != 0
        gitDirectory = git_repository_path(repository).map { String(cString: $0) } ?? path
        commonDirectory = git_repository_commondir(repository).map { String(cString: $0) } ?? gitDirectory
    }

    deinit {
        git_repository_free(pointer)
    }

    /// The commit a branch points to, or nil when there is no such branch.
    public func tip(ofBranch branch: String) throws(GitError) -> GitOID? {
        let name = try Self.referenceName(ofBranch: branch)
        var reference: OpaquePointer?
        let code = git_reference_lookup(&reference, pointer, name)
        if code == LibGit2Code.notFound { return nil }
        try LibGit2.check(code, "read branch `\(branch)`")
        guard let reference else { return nil }
        defer { git_reference_free(reference) }
        guard git_reference_type(reference) == GIT_REFERENCE_DIRECT, let target = git_reference_target(reference) else {
            throw .symbolicBranch(branch)
        }
        return GitOID(target.pointee)
    }

    /// The branch the repository's `HEAD` names (checked out in a working tree, or the default
    /// branch of a bare repository); nil when `HEAD` is detached.
    public var headBranch: String? {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, pointer, "HEAD") >= 0, let reference else { return nil }
        defer { git_reference_free(reference) }
        guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(reference) else {
            return nil
        }
        let name = String(cString: target)
        return name.hasPrefix(Self.branchPrefix) ? String(name.dropFirst(Self.branchPrefix.count)) : nil
    }

    /// `user.name` and `user.email` from the repository's configuration (with the global and
    /// system files), when both are set.
    public var configuredIdentity: (name: String, email: String)? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, pointer) >= 0, let config else { return nil }
        defer { git_config_free(config) }
        func value(_ key: String) -> String? {
            var text: UnsafePointer<CChar>?
            guard git_config_get_string(&text, config, key) >= 0, let text else { return nil }
            return String(cString: text)
        }
        guard let name = value("user.name"), let email = value("user.email") else { return nil }
        return (name, email)
    }

    // MARK: Objects

    static let branchPrefix = "refs/heads/"

    /// `refs/heads/<branch>`, when git accepts it as a branch name.
    static func referenceName(ofBranch branch: String) throws(GitError) -> String {
        let name = branchPrefix + branch
        var valid: Int32 = 0
        guard !branch.isEmpty, branch != "HEAD", !branch.hasPrefix("-"),
            git_reference_name_is_valid(&valid, name) >= 0, valid != 0
        else {
            throw .invalidBranchName(branch)
        }
        return name
    }

    func commit(_ id: GitOID, ofBranch branch: String) throws(GitError) -> Commit {
        try Commit(lookup: id, in: pointer, branch: branch)
    }

    func tree(_ id: GitOID) throws(GitError) -> Tree {
        try Tree(lookup: id, in: pointer)
    }

    func treeBuilder(from source: Tree?) throws(GitError) -> TreeBuilder {
        try TreeBuilder(repository: pointer, source: source)
    }

    /// The bytes of a blob.
    func blobContent(_ id: GitOID) throws(GitError) -> [UInt8] {
        var raw = id.raw
        var blob: OpaquePointer?
        try LibGit2.check(git_blob_lookup(&blob, pointer, &raw), "read blob \(id.hex)")
        guard let blob else { return [] }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }

    /// Writes `content` as a blob and returns its id.
    func writeBlob(_ content: [UInt8]) throws(GitError) -> GitOID {
        var raw = git_oid()
        let code = content.withUnsafeBytes { buffer in
            git_blob_create_from_buffer(&raw, pointer, buffer.baseAddress, buffer.count)
        }
        try LibGit2.check(code, "write a blob")
        return GitOID(raw)
    }

    /// The id `content` has as a blob, without writing it.
    static func blobID(of content: [UInt8]) throws(GitError) -> GitOID {
        LibGit2.initialize()
        var raw = git_oid()
        let code = content.withUnsafeBytes { buffer in
            git_odb_hash(&raw, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB)
        }
        try LibGit2.check(code, "hash a blob")
        return GitOID(raw)
    }

    /// Writes a commit object (no reference moves) and returns its id.
    func writeCommit(tree treeID: GitOID, parents: [Commit], author: GitSignature, committer: GitSignature, message: String) throws(GitError) -> GitOID {
        let tree = try self.tree(treeID)
        let authorHandle = try SignatureHandle(author)
        let committerHandle = try SignatureHandle(committer)
        var raw = git_oid()
        var parentPointers: [OpaquePointer?] = parents.map { Optional($0.pointer) }
        let code = parentPointers.withUnsafeMutableBufferPointer { buffer in
            git_commit_create(&raw, pointer, nil, authorHandle.pointer, committerHandle.pointer, nil, message, tree.pointer, buffer.count, buffer.baseAddress)
        }
        try LibGit2.check(code, "write a commit")
        return GitOID(raw)
    }
}
