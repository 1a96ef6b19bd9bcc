import KalcGitOpsLayout

/// A file the writer adds: its content and the id it has as a blob.
struct NewFile: Hashable {
    var content: [UInt8]
    var id: GitOID
}

/// What a path inside a replaced top-level entry holds in the composed tree.
enum PlacedEntry: Hashable {
    /// A file the writer adds.
    case file(NewFile)
    /// A submodule entry (a gitlink) of the starting tree, kept where it was: Kalypso's push
    /// deletes only files and symbolic links.
    case gitlink(GitOID)

    /// The entry as a flat listing shows it.
    var flat: FlatEntry {
        switch self {
        case .file(let file): FlatEntry(mode: TreeMode.file, id: file.id)
        case .gitlink(let id): FlatEntry(mode: TreeMode.submodule, id: id)
        }
    }
}

/// The tree a commit will hold, as changes to the tree it starts from.
///
/// The same changes are written as trees for a commit and applied to a flat listing of paths
/// for a diff, so that what `diff` shows is what `commit` writes.
struct ComposedTree {
    /// The tree the commit starts from; nil for a root commit.
    let start: Tree?
    /// Top-level names whose entry is replaced as a whole, with what it holds afterwards:
    /// the files replacing it and the gitlinks it kept, paths from the root; an empty set
    /// removes the entry.
    var replacements: [[UInt8]: [TreePath: PlacedEntry]]
    /// Single files outside the replaced names: written (a file) or removed (nil).
    var edits: [TreePath: NewFile?]
}

/// What a path of a tree holds in a flat listing: its mode and object.
struct FlatEntry: Hashable {
    var mode: UInt32
    var id: GitOID
}

extension GitRepository {
    /// How deep the writer follows nested folders of a kept tree.
    static let maximumTreeDepth = 1024

    /// Works out the changes `update` makes to `start`.
    func compose(_ update: ValidatedUpdate, onto start: Tree?) throws(GitError) -> ComposedTree {
        var replacements: [[UInt8]: [TreePath: PlacedEntry]] = [:]
        var gitlinks: [TreePath: GitOID] = [:]
        for entry in start?.entries ?? [] {
            if update.ownedFolders.contains(entry.name) || (entry.isTree && Self.belongsToScheduler(entry.name)) {
                if entry.isGitlink {
                    let name = String(decoding: entry.name, as: UTF8.self)
                    throw .pathConflict(path: name + "/", existing: name)
                }
                replacements[entry.name] = [:]
                try collectGitlinks(in: entry, into: &gitlinks)
            }
        }
        for folder in update.ownedFolders where replacements[folder] == nil {
            replacements[folder] = [:]
        }
        for (path, content) in update.files {
            replacements[path.top, default: [:]][path] = .file(NewFile(content: content, id: try Self.blobID(of: content)))
        }
        var edits: [TreePath: NewFile?] = [:]
        for (path, edit) in update.edits {
            var file: NewFile?
            if case .write(let content) = edit {
                file = NewFile(content: content, id: try Self.blobID(of: content))
            }
            if replacements[path.top] != nil {
                // The file lies in a cluster-type folder that goes: it is all that stays of it.
                if let file { replacements[path.top, default: [:]][path] = .file(file) }
                continue
            }
            try checkRoom(for: path, in: start)
            edits[path] = .some(file)
        }
        try Self.checkRoom(for: gitlinks, among: replacements)
        for (path, id) in gitlinks { replacements[path.top, default: [:]][path] = .gitlink(id) }
        return ComposedTree(start: start, replacements: replacements, edits: edits)
    }

    /// Whether a top-level folder is one the scheduler owns and replaces (see
    /// `GitOpsLayout.isSchedulerFolder`). Kalypso's push deletes every file under such a
    /// folder that is not a compiled cluster type, whatever else the folder holds, and keeps
    /// its gitlinks; the other folders and the files at the root are the repository owner's.
    static func belongsToScheduler(_ name: [UInt8]) -> Bool {
        GitOpsLayout.isSchedulerFolder(name)
    }

    /// Adds the gitlinks of a top-level entry that is replaced, by path: Kalypso's push deletes
    /// only the files and symbolic links under the scheduler's folders, wherever they lie, so
    /// every submodule entry stays where it is, with the folders leading to it.
    private func collectGitlinks(in entry: TreeEntry, into gitlinks: inout [TreePath: GitOID]) throws(GitError) {
        var listing: [TreePath: FlatEntry] = [:]
        try flatten(entry, at: TreePath(components: [entry.name]), depth: 0, into: &listing)
        for (path, flat) in listing where TreeMode.kind(of: flat.mode) == TreeMode.submodule {
            gitlinks[path] = flat.id
        }
    }

    /// Throws when a kept gitlink lies where a compiled file goes, or where one needs a folder,
    /// or when a compiled file lies where a gitlink needs a folder: kalc removes no gitlink to
    /// make room.
    private static func checkRoom(for gitlinks: [TreePath: GitOID], among replacements: [[UInt8]: [TreePath: PlacedEntry]]) throws(GitError) {
        guard !gitlinks.isEmpty else { return }
        var linkFolders = Set<TreePath>()
        for path in gitlinks.keys {
            for count in 1..<path.components.count { linkFolders.insert(TreePath(components: Array(path.components.prefix(count)))) }
        }
        for path in replacements.values.flatMap(\.keys).sorted() {
            if linkFolders.contains(path) { throw .pathConflict(path: path.string, existing: path.string + "/") }
            for count in 1...path.components.count {
                let reached = TreePath(components: Array(path.components.prefix(count)))
                if gitlinks[reached] != nil { throw .pathConflict(path: path.string, existing: reached.string) }
            }
        }
    }

    /// Throws when the current tree holds a file where `path` needs a folder, or a folder or a
    /// gitlink at `path`.
    private func checkRoom(for path: TreePath, in start: Tree?) throws(GitError) {
        var tree = start
        for (index, component) in path.components.enumerated() {
            guard let current = tree, let entry = current.entry(named: component) else { return }
            let isLast = index == path.components.count - 1
            let reached = TreePath(components: Array(path.components[0...index]))
            if isLast {
                if entry.isTree { throw .pathConflict(path: path.string, existing: reached.string + "/") }
                if entry.isGitlink { throw .pathConflict(path: path.string, existing: reached.string) }
                return
            }
            guard entry.isTree else { throw .pathConflict(path: path.string, existing: reached.string) }
            tree = try self.tree(entry.id)
        }
    }

    // MARK: Writing

    /// Writes the composed tree and everything new in it; returns the root tree's id.
    func write(_ composed: ComposedTree) throws(GitError) -> GitOID {
        let root = try treeBuilder(from: composed.start)
        for (name, files) in composed.replacements {
            try root.remove(name)
            guard !files.isEmpty else { continue }
            let relative = files.map { (Array($0.key.components.dropFirst()), $0.value) }
            try root.insert(name, id: try writeFolder(relative), mode: TreeMode.tree)
        }
        let edits = composed.edits.map { ($0.key.components, $0.value) }
        try apply(edits, to: root, source: composed.start)
        return try root.write()
    }

    /// Writes a new folder holding exactly `entries` (paths relative to it).
    private func writeFolder(_ entries: [([[UInt8]], PlacedEntry)]) throws(GitError) -> GitOID {
        let builder = try treeBuilder(from: nil)
        for (name, group) in Dictionary(grouping: entries, by: { $0.0.first ?? [] }) {
            if group.count == 1, group[0].0.count == 1 {
                switch group[0].1 {
                case .file(let file): try builder.insert(name, id: try writeBlob(file.content), mode: TreeMode.file)
                case .gitlink(let id): try builder.insert(name, id: id, mode: TreeMode.submodule)
                }
            } else {
                let nested = group.map { (Array($0.0.dropFirst()), $0.1) }
                try builder.insert(name, id: try writeFolder(nested), mode: TreeMode.tree)
            }
        }
        return try builder.write()
    }

    /// Applies single-file edits (paths relative to `builder`'s tree) on top of `source`,
    /// keeping every other entry as it is; folders left empty are removed.
    private func apply(_ edits: [([[UInt8]], NewFile?)], to builder: TreeBuilder, source: Tree?) throws(GitError) {
        for (name, group) in Dictionary(grouping: edits, by: { $0.0.first ?? [] }) {
            if group.count == 1, group[0].0.count == 1 {
                if let file = group[0].1 {
                    try builder.insert(name, id: try writeBlob(file.content), mode: TreeMode.file)
                } else {
                    try builder.remove(name)
                }
                continue
            }
            var existing: Tree?
            if let entry = source?.entry(named: name) {
                guard entry.isTree else { throw .pathConflict(path: String(decoding: name, as: UTF8.self), existing: String(decoding: name, as: UTF8.self)) }
                existing = try tree(entry.id)
            }
            let nested = try treeBuilder(from: existing)
            try apply(group.map { (Array($0.0.dropFirst()), $0.1) }, to: nested, source: existing)
            if nested.isEmpty {
                try builder.remove(name)
            } else {
                try builder.insert(name, id: try nested.write(), mode: TreeMode.tree)
            }
        }
    }

    // MARK: Flat listings

    /// The files of the entries the composition replaces or edits, before and after, by path;
    /// the contents of new files come along so that they need not be read back.
    func flatListings(of composed: ComposedTree) throws(GitError) -> (old: [TreePath: FlatEntry], new: [TreePath: FlatEntry], newContents: [GitOID: [UInt8]]) {
        var affected = Set(composed.replacements.keys)
        for path in composed.edits.keys { affected.insert(path.top) }
        var old: [TreePath: FlatEntry] = [:]
        for name in affected {
            guard let entry = composed.start?.entry(named: name) else { continue }
            try flatten(entry, at: TreePath(components: [name]), depth: 0, into: &old)
        }
        var new = old.filter { composed.replacements[$0.key.top] == nil }
        var contents: [GitOID: [UInt8]] = [:]
        for entries in composed.replacements.values {
            for (path, entry) in entries {
                new[path] = entry.flat
                if case .file(let file) = entry { contents[file.id] = file.content }
            }
        }
        for (path, file) in composed.edits {
            if let file {
                new[path] = FlatEntry(mode: TreeMode.file, id: file.id)
                contents[file.id] = file.content
            } else {
                new[path] = nil
            }
        }
        return (old, new, contents)
    }

    private func flatten(_ entry: TreeEntry, at path: TreePath, depth: Int, into listing: inout [TreePath: FlatEntry]) throws(GitError) {
        guard entry.isTree else {
            listing[path] = FlatEntry(mode: entry.mode, id: entry.id)
            return
        }
        guard depth < Self.maximumTreeDepth else { throw .treeTooDeep(path: path.string) }
        for child in try tree(entry.id).entries {
            try flatten(child, at: path.appending(child.name), depth: depth + 1, into: &listing)
        }
    }
}
