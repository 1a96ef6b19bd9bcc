/// A path inside a git tree, kept as the exact bytes of its components: names read from a
/// tree need not be UTF-8, and a kept file must keep its name byte for byte.
struct TreePath: Hashable, Comparable, Sendable {
    /// The components, none empty and none holding `/`.
    var components: [[UInt8]]

    init(components: [[UInt8]]) {
        self.components = components
    }

    /// The components joined with `/`.
    var bytes: [UInt8] {
        var joined: [UInt8] = []
        for (index, component) in components.enumerated() {
            if index > 0 { joined.append(UInt8(ascii: "/")) }
            joined.append(contentsOf: component)
        }
        return joined
    }

    /// The path as text; bytes that are not UTF-8 become U+FFFD.
    var string: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The top-level entry the path lies in.
    var top: [UInt8] {
        components.first ?? []
    }

    /// This path followed by one more component.
    func appending(_ component: [UInt8]) -> TreePath {
        TreePath(components: components + [component])
    }

    /// git's order of paths in a diff: by bytes, which puts `a/b` after `a-b` and before `a0`,
    /// as git's trees order a folder by its name followed by `/`.
    static func < (lhs: TreePath, rhs: TreePath) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}

/// Checks the paths of a `GitOpsTreeUpdate` and splits them into components.
enum TreePathValidation {
    /// The components of `path` when git can hold it in a tree.
    static func components(of path: String) throws(GitError) -> [[UInt8]] {
        guard !path.isEmpty else { throw .invalidPath(path: path, problem: .empty) }
        var components: [[UInt8]] = []
        for component in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            try check(Array(component), in: path)
            components.append(Array(component))
        }
        return components
    }

    /// Throws when a single path component is one git refuses.
    static func check(_ component: [UInt8], in path: String) throws(GitError) {
        guard !component.isEmpty else { throw .invalidPath(path: path, problem: .empty) }
        guard !component.contains(0), !component.contains(UInt8(ascii: "\\")) else {
            throw .invalidPath(path: path, problem: .invalidCharacter)
        }
        let text = String(decoding: component, as: UTF8.self)
        if text == "." || text == ".." || text.lowercased() == ".git" {
            throw .invalidPath(path: path, problem: .reservedComponent(text))
        }
    }
}

/// A `GitOpsTreeUpdate` whose paths have been checked.
struct ValidatedUpdate {
    /// The owned top-level folders, as bytes.
    var ownedFolders: Set<[UInt8]>
    /// The compiled files.
    var files: [TreePath: [UInt8]]
    /// The files outside the owned folders to write or remove.
    var edits: [TreePath: GitOpsTreeUpdate.FileEdit]

    init(_ update: GitOpsTreeUpdate) throws(GitError) {
        ownedFolders = []
        for folder in update.ownedFolders {
            let components = try TreePathValidation.components(of: folder)
            guard components.count == 1 else { throw .invalidPath(path: folder, problem: .outsideOwnedFolders) }
            ownedFolders.insert(components[0])
        }
        files = [:]
        for (path, content) in update.files {
            let components = try TreePathValidation.components(of: path)
            guard components.count > 1, ownedFolders.contains(components[0]) else {
                throw .invalidPath(path: path, problem: .outsideOwnedFolders)
            }
            files[TreePath(components: components)] = content
        }
        edits = [:]
        for (path, edit) in update.extraFiles {
            let components = try TreePathValidation.components(of: path)
            if ownedFolders.contains(components[0]) {
                throw .invalidPath(path: path, problem: .insideOwnedFolder(String(decoding: components[0], as: UTF8.self)))
            }
            edits[TreePath(components: components)] = edit
        }
        try checkFileAndFolder()
    }

    /// Throws when one path to write or remove is a folder of another.
    private func checkFileAndFolder() throws(GitError) {
        let paths = Set(files.keys).union(edits.keys)
        let joined = Set(paths.map(\.bytes))
        for path in paths where path.components.count > 1 {
            for length in 1..<path.components.count {
                let prefix = TreePath(components: Array(path.components[0..<length]))
                if joined.contains(prefix.bytes) {
                    throw .invalidPath(path: path.string, problem: .fileAndFolder(prefix.string))
                }
            }
        }
    }
}
