import CLibGit2

/// File modes of tree entries, as git writes them.
enum TreeMode {
    static let tree: UInt32 = 0o040000
    static let file: UInt32 = 0o100644
    static let executable: UInt32 = 0o100755
    static let symlink: UInt32 = 0o120000
    static let submodule: UInt32 = 0o160000
    /// The kind shared by ordinary and executable files.
    static let regularFile: UInt32 = 0o100000

    /// The kind of object an entry of this mode names: a folder, a file's bytes, a link's
    /// target, or a submodule's commit. git shows a change of kind as a removal and an addition.
    static func kind(of mode: UInt32) -> UInt32 {
        mode & 0o170000
    }
}

/// One entry of a tree as read from the repository.
struct TreeEntry: Hashable {
    /// The name, byte for byte.
    var name: [UInt8]
    /// The mode as stored, such as 0o100644.
    var mode: UInt32
    /// The object the entry names.
    var id: GitOID

    var isTree: Bool { TreeMode.kind(of: mode) == TreeMode.tree }
    /// Whether the entry is a submodule's commit (a gitlink).
    var isGitlink: Bool { TreeMode.kind(of: mode) == TreeMode.submodule }
}

/// A tree read from the repository, freed with this handle.
final class Tree {
    let pointer: OpaquePointer
    let id: GitOID

    init(lookup id: GitOID, in repository: OpaquePointer) throws(GitError) {
        var raw = id.raw
        var tree: OpaquePointer?
        try LibGit2.check(git_tree_lookup(&tree, repository, &raw), "read tree \(id.hex)")
        guard let tree else { throw LibGit2.lastError(code: -1, operation: "read tree \(id.hex)") }
        pointer = tree
        self.id = id
    }

    deinit {
        git_tree_free(pointer)
    }

    /// The entries in git's order.
    var entries: [TreeEntry] {
        (0..<git_tree_entrycount(pointer)).compactMap { index in
            git_tree_entry_byindex(pointer, index).map(Self.entry)
        }
    }

    /// The entry called `name`, if any.
    func entry(named name: [UInt8]) -> TreeEntry? {
        LibGit2.cString(name).withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { git_tree_entry_byname(pointer, $0) }.map(Self.entry)
        }
    }

    private static func entry(_ entry: OpaquePointer) -> TreeEntry {
        let name = git_tree_entry_name(entry).map(LibGit2.bytes(ofCString:)) ?? []
        let id = git_tree_entry_id(entry).map { GitOID($0.pointee) } ?? GitOID.zero
        return TreeEntry(name: name, mode: git_tree_entry_filemode_raw(entry).rawValue, id: id)
    }
}

/// A tree being built, from an existing tree or from nothing; freed with this handle.
final class TreeBuilder {
    private let pointer: OpaquePointer

    init(repository: OpaquePointer, source: Tree?) throws(GitError) {
        var builder: OpaquePointer?
        try LibGit2.check(git_treebuilder_new(&builder, repository, source?.pointer), "start a tree")
        guard let builder else { throw LibGit2.lastError(code: -1, operation: "start a tree") }
        pointer = builder
    }

    deinit {
        git_treebuilder_free(pointer)
    }

    /// Whether the tree has no entries.
    var isEmpty: Bool {
        git_treebuilder_entrycount(pointer) == 0
    }

    /// Adds or replaces the entry called `name`.
    func insert(_ name: [UInt8], id: GitOID, mode: UInt32) throws(GitError) {
        var raw = id.raw
        let code = LibGit2.cString(name).withUnsafeBufferPointer { buffer in
            git_treebuilder_insert(nil, pointer, buffer.baseAddress, &raw, git_filemode_t(rawValue: mode))
        }
        try LibGit2.check(code, "add `\(String(decoding: name, as: UTF8.self))` to a tree")
    }

    /// Removes the entry called `name` when there is one.
    func remove(_ name: [UInt8]) throws(GitError) {
        let code = LibGit2.cString(name).withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress, git_treebuilder_get(pointer, base) != nil else { return 0 }
            return git_treebuilder_remove(pointer, base)
        }
        try LibGit2.check(code, "remove `\(String(decoding: name, as: UTF8.self))` from a tree")
    }

    /// Writes the tree to the object database.
    func write() throws(GitError) -> GitOID {
        var raw = git_oid()
        try LibGit2.check(git_treebuilder_write(&raw, pointer), "write a tree")
        return GitOID(raw)
    }
}

/// A signature in libgit2's form, freed with this handle.
final class SignatureHandle {
    let pointer: UnsafeMutablePointer<git_signature>

    init(_ signature: GitSignature) throws(GitError) {
        var created: UnsafeMutablePointer<git_signature>?
        let code = git_signature_new(&created, signature.name, signature.email, signature.time.secondsSinceEpoch, Int32(signature.time.offsetMinutes))
        guard code >= 0, let created else {
            throw .invalidSignature("\(signature.name) <\(signature.email)>")
        }
        pointer = created
    }

    deinit {
        git_signature_free(pointer)
    }
}

/// A commit read from the repository, freed with this handle.
final class Commit {
    let pointer: OpaquePointer

    init(lookup id: GitOID, in repository: OpaquePointer, branch: String) throws(GitError) {
        var raw = id.raw
        var object: OpaquePointer?
        try LibGit2.check(git_object_lookup(&object, repository, &raw, GIT_OBJECT_ANY), "read commit \(id.hex) of branch `\(branch)`")
        guard let object else { throw LibGit2.lastError(code: -1, operation: "read commit \(id.hex)") }
        guard git_object_type(object) == GIT_OBJECT_COMMIT else {
            git_object_free(object)
            throw .notACommit(branch: branch, object: id)
        }
        pointer = object
    }

    deinit {
        git_commit_free(pointer)
    }

    /// The id of the commit's tree.
    var treeID: GitOID {
        git_commit_tree_id(pointer).map { GitOID($0.pointee) } ?? GitOID.zero
    }
}

/// A set of locked references updated together, freed (and unlocked) with this handle.
final class ReferenceTransaction {
    private let pointer: OpaquePointer

    init(repository: OpaquePointer) throws(GitError) {
        var transaction: OpaquePointer?
        try LibGit2.check(git_transaction_new(&transaction, repository), "start a reference transaction")
        guard let transaction else { throw LibGit2.lastError(code: -1, operation: "start a reference transaction") }
        pointer = transaction
    }

    deinit {
        git_transaction_free(pointer)
    }

    /// Locks `reference`, so that no other git process can change it until the end of the transaction.
    func lock(_ reference: String) throws(GitError) {
        try LibGit2.check(git_transaction_lock_ref(pointer, reference), "lock \(reference)")
    }

    /// Sets the locked `reference` to `id`, with a reflog entry by `signature`.
    func setTarget(_ reference: String, to id: GitOID, signature: SignatureHandle, message: String) throws(GitError) {
        var raw = id.raw
        try LibGit2.check(git_transaction_set_target(pointer, reference, &raw, signature.pointer, message), "update \(reference)")
    }

    /// Removes the locked `reference`.
    func remove(_ reference: String) throws(GitError) {
        try LibGit2.check(git_transaction_remove(pointer, reference), "remove \(reference)")
    }

    /// Writes every update and releases the locks. libgit2 moves the references one after
    /// the other: when one fails, those before it have moved and the rest have not.
    func commit() throws(GitError) {
        try LibGit2.check(git_transaction_commit(pointer), "update references")
    }
}

extension GitOID {
    /// Forty zeros, which git uses for "no object".
    static let zero = GitOID(git_oid())
}
