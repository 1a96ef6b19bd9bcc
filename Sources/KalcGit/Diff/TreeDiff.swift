/// How one file differs between a branch and the tree a commit would give it.
public struct FileDiff: Sendable, Hashable {
    /// What happens to the file.
    public enum Status: Sendable, Hashable {
        /// The file is new.
        case added
        /// The file's content or mode changes.
        case modified
        /// The file goes.
        case deleted
        /// A file became a link or a submodule, or the reverse: the patch shows the old entry
        /// removed and the new one added, as git does.
        case typeChanged
    }

    /// The path from the root of the repository; bytes that are not UTF-8 become U+FFFD.
    public var path: String
    /// What happens to the file.
    public var status: Status
    /// The mode before, such as 0o100644; nil when added.
    public var oldMode: UInt32?
    /// The mode after; nil when deleted.
    public var newMode: UInt32?
    /// The blob before; nil when added.
    public var oldID: GitOID?
    /// The blob after; nil when deleted.
    public var newID: GitOID?
    /// Whether git compares the file as binary.
    public var isBinary: Bool
    /// Lines added.
    public var insertions: Int
    /// Lines removed.
    public var deletions: Int
    /// Bytes before.
    public var oldSize: Int
    /// Bytes after.
    public var newSize: Int
    /// This file's part of `git diff` output, byte for byte.
    public var patch: [UInt8]
}

/// The difference between a branch and the tree a commit of a `GitOpsTreeUpdate` would give
/// it, as `git diff --no-renames <branch> <new commit>` would print it.
public struct TreeDiff: Sendable, Hashable {
    /// The branch compared.
    public var branch: String
    /// The commit compared against: the branch's tip, else its base branch's tip; nil when
    /// neither exists and the comparison is with an empty tree.
    public var comparedCommit: GitOID?
    /// The changed files, in git's order.
    public var files: [FileDiff]

    /// Whether a commit would change nothing.
    public var isEmpty: Bool { files.isEmpty }

    /// The whole `git diff` output.
    public var patch: [UInt8] { files.flatMap(\.patch) }

    /// The counts, for `--stat` and `--shortstat`.
    public var stat: DiffStat {
        DiffStat(
            entries: files.map {
                DiffStat.Entry(
                    path: String(decoding: PathQuoting.quoted(Array($0.path.utf8)), as: UTF8.self),
                    insertions: $0.insertions,
                    deletions: $0.deletions,
                    isBinary: $0.isBinary,
                    oldSize: $0.oldSize,
                    newSize: $0.newSize
                )
            })
    }
}

extension GitRepository {
    /// What committing `update` to `branch` (created from `baseBranch` when missing) would
    /// change, without writing anything to the repository.
    public func diff(branch: String, baseBranch: String? = nil, update: GitOpsTreeUpdate, options: DiffOptions = DiffOptions()) throws(GitError) -> TreeDiff {
        let start = try startingPoint(branch: branch, baseBranch: baseBranch)
        let composed = try compose(ValidatedUpdate(update), onto: start.tree)
        let listings = try flatListings(of: composed)
        var files: [FileDiff] = []
        for path in Set(listings.old.keys).union(listings.new.keys).sorted() {
            let old = listings.old[path]
            let new = listings.new[path]
            guard old != new else { continue }
            let oldSide = try old.map { (entry) throws(GitError) in try side(entry, contents: [:]) }
            let newSide = try new.map { (entry) throws(GitError) in try side(entry, contents: listings.newContents) }
            if let oldSide, let newSide, TreeMode.kind(of: oldSide.mode) != TreeMode.kind(of: newSide.mode) {
                var removal = fileDiff(path, old: oldSide, new: nil, options: options)
                let addition = fileDiff(path, old: nil, new: newSide, options: options)
                removal.status = .typeChanged
                removal.newMode = addition.newMode
                removal.newID = addition.newID
                removal.newSize = addition.newSize
                removal.isBinary = removal.isBinary || addition.isBinary
                removal.insertions += addition.insertions
                removal.patch += addition.patch
                files.append(removal)
            } else {
                files.append(fileDiff(path, old: oldSide, new: newSide, options: options))
            }
        }
        return TreeDiff(branch: branch, comparedCommit: start.parent, files: files)
    }

    private func side(_ entry: FlatEntry, contents: [GitOID: [UInt8]]) throws(GitError) -> DiffSide {
        if TreeMode.kind(of: entry.mode) == TreeMode.submodule {
            return DiffSide(mode: entry.mode, id: entry.id, content: [])
        }
        if let content = contents[entry.id] {
            return DiffSide(mode: entry.mode, id: entry.id, content: content)
        }
        return DiffSide(mode: entry.mode, id: entry.id, content: try blobContent(entry.id))
    }

    private func fileDiff(_ path: TreePath, old: DiffSide?, new: DiffSide?, options: DiffOptions) -> FileDiff {
        let rendered = UnifiedDiff.render(path: path.bytes, old: old, new: new, options: options)
        let status: FileDiff.Status = old == nil ? .added : new == nil ? .deleted : .modified
        return FileDiff(
            path: path.string,
            status: status,
            oldMode: old?.mode,
            newMode: new?.mode,
            oldID: old?.id,
            newID: new?.id,
            isBinary: rendered.isBinary,
            insertions: rendered.insertions,
            deletions: rendered.deletions,
            oldSize: old?.content.count ?? 0,
            newSize: new?.content.count ?? 0,
            patch: rendered.patch
        )
    }
}
