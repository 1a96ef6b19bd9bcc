/// Which files of a branch Flux's source-controller leaves out of what it delivers, as its
/// `sourceignore` package decides (a port of go-git's gitignore matcher):
///
/// - every `.sourceignore` file of the branch, in any folder but `.git`, holds gitignore
///   patterns for the paths below its folder; later files (deeper, then later in name order)
///   and later lines take precedence, and `!` includes again what an earlier pattern excluded;
/// - `.git/`, `.gitignore`, `.gitmodules` and `.gitattributes` are always left out;
/// - when the branch has no pattern at all, so are Flux's default exclusions: images and
///   archives (`*.jpg`, `*.zip`, ...), CI files (`.github/`, `.gitlab-ci.yml`, ...) and
///   `**/.sops.yaml`, `**/.flux.yaml`. A `.sourceignore` with any pattern replaces them.
///
/// Unlike git, Flux looks at every file on its own: a file in an excluded folder is
/// delivered when a later `!` pattern names it.
public struct SourceIgnore: Sendable {
    /// The name of the files that hold patterns.
    public static let fileName = ".sourceignore"

    /// Flux's `ExcludeVCS`: left out whatever the patterns say.
    static let versionControl = [".git/", ".gitignore", ".gitmodules", ".gitattributes"]
    /// Flux's `ExcludeExt`, `ExcludeCI` and `ExcludeExtra`: left out when there is no pattern.
    static let defaults = [
        "*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv", "*.flv", "*.tar.gz", "*.zip",
        ".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml", "appveyor.yml", ".drone.yml", "cloudbuild.yaml",
        "codeship-services.yml", "codeship-steps.yml",
        "**/.goreleaser.yml", "**/.sops.yaml", "**/.flux.yaml",
    ]

    /// The patterns, lowest precedence first.
    let patterns: [Pattern]

    /// The rules of a branch from its `.sourceignore` files: each the folder it is in (path
    /// components from the branch's root) and its text.
    public init(ignoreFiles: [(folder: [String], text: String)]) {
        let ordered = ignoreFiles.sorted { Self.precedes($0.folder, $1.folder) }
        let read = ordered.flatMap { file in Self.lines(of: file.text).map { Pattern($0, domain: file.folder) } }
        let base = read.isEmpty ? Self.versionControl + Self.defaults : Self.versionControl
        patterns = base.map { Pattern($0, domain: []) } + read
    }

    /// Whether Flux leaves out the file or folder at `path` (components from the branch's root).
    public func excludes(_ path: [String], isDirectory: Bool) -> Bool {
        for pattern in patterns.reversed() {
            if let isExclusion = pattern.match(path, isDirectory: isDirectory) {
                return isExclusion
            }
        }
        return false
    }

    /// The pattern lines of a file: neither blank nor comments (`#` first), in order.
    static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        return lines.filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
    }

    /// Go's `os.ReadDir` order, depth first: a folder before what is inside it, names by bytes.
    static func precedes(_ left: [String], _ right: [String]) -> Bool {
        left.lexicographicallyPrecedes(right) { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// One line of a `.sourceignore` file, for the paths below `domain`.
    struct Pattern: Sendable, Hashable {
        let domain: [String]
        /// The pattern split at `/`; an empty first part anchors it at its folder.
        let parts: [String]
        let isInclusion: Bool
        let isDirectoryOnly: Bool
        /// Whether the pattern has a `/` (then it matches the path from its folder on, not
        /// any one name).
        let isPathPattern: Bool

        init(_ line: String, domain: [String]) {
            var text = Substring(line)
            isInclusion = text.hasPrefix("!")
            if isInclusion { text = text.dropFirst() }
            if !text.hasSuffix("\\ ") {
                while text.hasSuffix(" ") { text = text.dropLast() }
            }
            isDirectoryOnly = text.hasSuffix("/")
            if isDirectoryOnly { text = text.dropLast() }
            isPathPattern = text.contains("/")
            parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            self.domain = domain
        }

        /// Nil when the pattern says nothing about `path`; otherwise whether it excludes it.
        func match(_ path: [String], isDirectory: Bool) -> Bool? {
            guard path.count > domain.count, Array(path.prefix(domain.count)) == domain else { return nil }
            let below = Array(path.dropFirst(domain.count))
            let matched = isPathPattern ? pathMatch(below, isDirectory: isDirectory) : nameMatch(below, isDirectory: isDirectory)
            return matched ? !isInclusion : nil
        }

        /// A pattern without `/` matches any name of the path; a folder-only one, not the last
        /// name of a file.
        private func nameMatch(_ path: [String], isDirectory: Bool) -> Bool {
            for (index, name) in path.enumerated() where GoGlob.match(parts[0], name) {
                return !(isDirectoryOnly && !isDirectory && index == path.count - 1)
            }
            return false
        }

        /// A pattern with `/` matches the path from its folder on, part by part; `**` matches
        /// any number of folders, and what is below a matched path is matched too.
        private func pathMatch(_ fullPath: [String], isDirectory: Bool) -> Bool {
            var path = fullPath[...]
            var matched = false
            var canTraverse = false
            for (index, part) in parts.enumerated() {
                if part.isEmpty {
                    canTraverse = false
                    continue
                }
                if part == "**" {
                    if index == parts.count - 1 { break }
                    canTraverse = true
                    continue
                }
                if part.contains("**") { return false }
                if path.isEmpty { return false }
                if canTraverse {
                    canTraverse = false
                    while let name = path.first {
                        path = path.dropFirst()
                        if GoGlob.match(part, name) {
                            matched = true
                            break
                        } else if path.isEmpty {
                            matched = false
                        }
                    }
                } else {
                    guard let name = path.first, GoGlob.match(part, name) else { return false }
                    matched = true
                    path = path.dropFirst()
                }
            }
            if matched && isDirectoryOnly && !isDirectory && path.isEmpty {
                return false
            }
            return matched
        }
    }
}

extension SourceIgnore {
    /// The YAML files of the imported folder that Flux delivers, from every path below it
    /// (relative to it, `.sourceignore` files included) and the text of those files: each
    /// branch (`control-plane/<branch>`) and Workload folder (`workloads/<registration>`)
    /// is taken as a repository of its own, with its own `.sourceignore` files.
    ///
    /// The main branch reaches Kalypso through two sources: its BaseRepo delivers it as its
    /// `.sourceignore` says, and the `control-plane` GitRepository of Kalypso's Helm chart
    /// delivers `.environments/` whatever `.sourceignore` says (its own `ignore` is `/*` and
    /// `!/.environments`, which come after the branch's patterns). So `.environments/` is
    /// read even when `.sourceignore` lists it, as Kalypso's own control plane does.
    public static func deliveredYAMLFiles(_ paths: [String], ignoreFiles: [String: String]) -> [String] {
        func split(_ path: String) -> (root: [String], rest: [String])? {
            let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            guard parts.count >= 3 else { return nil }
            return (Array(parts.prefix(2)), Array(parts.dropFirst(2)))
        }
        var folders: [[String]: [(folder: [String], text: String)]] = [:]
        for (path, text) in ignoreFiles {
            guard let (root, rest) = split(path) else { continue }
            folders[root, default: []].append((Array(rest.dropLast()), text))
        }
        var rules: [[String]: SourceIgnore] = [:]
        return paths.filter { path in
            guard path.hasSuffix(".yaml") || path.hasSuffix(".yml"), let (root, rest) = split(path) else { return false }
            if root == ["control-plane", "main"] && rest.first == ".environments" { return true }
            if rules[root] == nil { rules[root] = SourceIgnore(ignoreFiles: folders[root] ?? []) }
            return rules[root]?.excludes(rest, isDirectory: false) == false
        }
    }
}

/// Go's `path/filepath.Match` on one name: `*` any run of characters but `/`, `?` one
/// character, `[...]` a class (`^` negates, `a-z` ranges), `\` escapes. A malformed pattern
/// matches nothing, as Flux treats Go's error.
enum GoGlob {
    static func match(_ pattern: String, _ name: String) -> Bool {
        var pattern = Array(pattern.unicodeScalars)[...]
        var name = Array(name.unicodeScalars)[...]
        patterns: while !pattern.isEmpty {
            let (star, chunk, rest) = scanChunk(pattern)
            pattern = rest
            if star && chunk.isEmpty {
                return !name.contains("/")
            }
            let (remainder, ok, bad) = matchChunk(chunk, name)
            if ok && (remainder.isEmpty || !pattern.isEmpty) {
                name = remainder
                continue
            }
            if bad { return false }
            if star {
                var index = name.startIndex
                while index < name.endIndex && name[index] != "/" {
                    let (remainder, ok, bad) = matchChunk(chunk, name[(index + 1)...])
                    if ok {
                        if pattern.isEmpty && !remainder.isEmpty {
                            index += 1
                            continue
                        }
                        name = remainder
                        continue patterns
                    }
                    if bad { return false }
                    index += 1
                }
            }
            return false
        }
        return name.isEmpty
    }

    typealias Scalars = ArraySlice<Unicode.Scalar>

    /// Leading stars, then the text up to the next star outside a class.
    private static func scanChunk(_ pattern: Scalars) -> (star: Bool, chunk: Scalars, rest: Scalars) {
        var pattern = pattern
        var star = false
        while pattern.first == "*" {
            pattern = pattern.dropFirst()
            star = true
        }
        var inRange = false
        var index = pattern.startIndex
        scan: while index < pattern.endIndex {
            switch pattern[index] {
            case "\\":
                if index + 1 < pattern.endIndex { index += 1 }
            case "[": inRange = true
            case "]": inRange = false
            case "*": if !inRange { break scan }
            default: break
            }
            index += 1
        }
        return (star, pattern[..<index], pattern[index...])
    }

    /// Matches a chunk at the start of `name`: what is left of it, whether it matched, and
    /// whether the chunk is malformed.
    private static func matchChunk(_ chunk: Scalars, _ name: Scalars) -> (rest: Scalars, ok: Bool, bad: Bool) {
        var chunk = chunk
        var name = name
        var failed = false
        while let first = chunk.first {
            if !failed && name.isEmpty { failed = true }
            switch first {
            case "[":
                var character: Unicode.Scalar = "\0"
                if !failed {
                    character = name.removeFirst()
                }
                chunk = chunk.dropFirst()
                let negated = chunk.first == "^"
                if negated { chunk = chunk.dropFirst() }
                var isMatch = false
                var ranges = 0
                while true {
                    if chunk.first == "]" && ranges > 0 {
                        chunk = chunk.dropFirst()
                        break
                    }
                    guard let (low, afterLow) = escaped(chunk) else { return ([], false, true) }
                    chunk = afterLow
                    var high = low
                    if chunk.first == "-" {
                        guard let (upper, afterHigh) = escaped(chunk.dropFirst()) else { return ([], false, true) }
                        high = upper
                        chunk = afterHigh
                    }
                    if low <= character && character <= high { isMatch = true }
                    ranges += 1
                }
                if isMatch == negated { failed = true }
            case "?":
                if !failed {
                    if name.first == "/" { failed = true }
                    name = name.dropFirst()
                }
                chunk = chunk.dropFirst()
            default:
                if first == "\\" {
                    chunk = chunk.dropFirst()
                    if chunk.isEmpty { return ([], false, true) }
                }
                if !failed {
                    if chunk.first != name.first { failed = true }
                    name = name.dropFirst()
                }
                chunk = chunk.dropFirst()
            }
        }
        return failed ? ([], false, false) : (name, true, false)
    }

    /// One character of a class, unescaped, and what follows it; nil when malformed.
    private static func escaped(_ chunk: Scalars) -> (Unicode.Scalar, Scalars)? {
        var chunk = chunk
        guard let first = chunk.first, first != "-", first != "]" else { return nil }
        if first == "\\" {
            chunk = chunk.dropFirst()
            guard !chunk.isEmpty else { return nil }
        }
        let character = chunk.removeFirst()
        guard !chunk.isEmpty else { return nil }
        return (character, chunk)
    }
}
