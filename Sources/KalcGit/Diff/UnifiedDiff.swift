import KalcTextDiff

/// One side of a file in a diff: its mode, its object and its content.
struct DiffSide {
    var mode: UInt32
    var id: GitOID
    var content: [UInt8]
}

/// How a diff is printed.
public struct DiffOptions: Sendable, Hashable {
    /// Unchanged lines shown around each change (`git diff -U`).
    public var contextLines: Int
    /// Hexadecimal digits of object ids on `index` lines.
    public var abbreviation: Int

    /// git's defaults: three lines of context, seven digits.
    public init(contextLines: Int = 3, abbreviation: Int = 7) {
        self.contextLines = contextLines
        self.abbreviation = abbreviation
    }
}

/// One file's part of `git diff` output, with its counts.
struct RenderedFileDiff {
    var patch: [UInt8]
    var insertions: Int
    var deletions: Int
    var isBinary: Bool
}

/// Prints one file's change as `git diff` does: the `diff --git` header, mode and `index`
/// lines, then `---`/`+++` and hunks of changed lines, or `Binary files … differ`.
enum UnifiedDiff {
    /// git reads this many bytes of a file to decide whether it is binary (a NUL among them).
    private static let binaryProbeLength = 8000
    /// A hunk header shows at most this many bytes of the line it names.
    private static let functionNameLength = 80

    static func render(path: [UInt8], old: DiffSide?, new: DiffSide?, options: DiffOptions) -> RenderedFileDiff {
        var out: [UInt8] = []
        let oldName = PathQuoting.quoted(Array("a/".utf8) + path)
        let newName = PathQuoting.quoted(Array("b/".utf8) + path)
        out += Array("diff --git ".utf8) + oldName + [UInt8(ascii: " ")] + newName + [UInt8(ascii: "\n")]
        let nullID = String(repeating: "0", count: options.abbreviation)
        func abbreviated(_ side: DiffSide?) -> String {
            side.map { String($0.id.hex.prefix(options.abbreviation)) } ?? nullID
        }
        switch (old, new) {
        case (nil, let new?):
            out += Array("new file mode \(mode(new.mode))\nindex \(nullID)..\(abbreviated(new))\n".utf8)
        case (let old?, nil):
            out += Array("deleted file mode \(mode(old.mode))\nindex \(abbreviated(old))..\(nullID)\n".utf8)
        case (let old?, let new?):
            if old.mode != new.mode {
                out += Array("old mode \(mode(old.mode))\nnew mode \(mode(new.mode))\n".utf8)
                if old.id != new.id {
                    out += Array("index \(abbreviated(old))..\(abbreviated(new))\n".utf8)
                }
            } else {
                out += Array("index \(abbreviated(old))..\(abbreviated(new)) \(mode(new.mode))\n".utf8)
            }
        case (nil, nil):
            return RenderedFileDiff(patch: [], insertions: 0, deletions: 0, isBinary: false)
        }
        let oldContent = old.map(content) ?? []
        let newContent = new.map(content) ?? []
        if oldContent == newContent {
            return RenderedFileDiff(patch: out, insertions: 0, deletions: 0, isBinary: false)
        }
        let oldLabel = old == nil ? Array("/dev/null".utf8) : oldName
        let newLabel = new == nil ? Array("/dev/null".utf8) : newName
        if isBinary(oldContent) || isBinary(newContent) {
            out += Array("Binary files ".utf8) + oldLabel + Array(" and ".utf8) + newLabel + Array(" differ\n".utf8)
            return RenderedFileDiff(patch: out, insertions: 0, deletions: 0, isBinary: true)
        }
        // git ends a `---`/`+++` line that names a path holding a space with a tab.
        let tab: [UInt8] = path.contains(UInt8(ascii: " ")) ? [UInt8(ascii: "\t")] : []
        out += Array("--- ".utf8) + oldLabel + (old == nil ? [] : tab) + [UInt8(ascii: "\n")]
        out += Array("+++ ".utf8) + newLabel + (new == nil ? [] : tab) + [UInt8(ascii: "\n")]
        let counts = hunks(old: Lines(oldContent), new: Lines(newContent), context: max(0, options.contextLines), into: &out)
        return RenderedFileDiff(patch: out, insertions: counts.insertions, deletions: counts.deletions, isBinary: false)
    }

    /// The bytes a side is compared by: a submodule shows as the commit it names.
    private static func content(_ side: DiffSide) -> [UInt8] {
        if TreeMode.kind(of: side.mode) == TreeMode.submodule {
            return Array("Subproject commit \(side.id.hex)\n".utf8)
        }
        return side.content
    }

    static func isBinary(_ content: [UInt8]) -> Bool {
        content.prefix(binaryProbeLength).contains(0)
    }

    private static func mode(_ mode: UInt32) -> String {
        let octal = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 6 - octal.count)) + octal
    }

    /// Appends the hunks and returns how many lines were added and removed.
    private static func hunks(old: Lines, new: Lines, context: Int, into out: inout [UInt8]) -> (insertions: Int, deletions: Int) {
        let changes = LineDiff.changes(old: old, new: new)
        var insertions = 0
        var deletions = 0
        var first = 0
        while first < changes.count {
            // Changes closer than twice the context share a hunk.
            var last = first
            while last + 1 < changes.count,
                changes[last + 1].oldStart - (changes[last].oldStart + changes[last].oldCount) <= 2 * context
            {
                last += 1
            }
            let opening = changes[first]
            let closing = changes[last]
            let oldStart = max(opening.oldStart - context, 0)
            let newStart = max(opening.newStart - context, 0)
            let trailing = min(context, old.count - (closing.oldStart + closing.oldCount), new.count - (closing.newStart + closing.newCount))
            let oldEnd = closing.oldStart + closing.oldCount + trailing
            let newEnd = closing.newStart + closing.newCount + trailing
            out += header(
                oldStart: oldStart, oldCount: oldEnd - oldStart, newStart: newStart, newCount: newEnd - newStart,
                function: functionName(before: oldStart, in: old))
            var oldIndex = oldStart
            for change in changes[first...last] {
                while oldIndex < change.oldStart {
                    emit(old, oldIndex, prefix: UInt8(ascii: " "), into: &out)
                    oldIndex += 1
                }
                for index in change.oldStart..<(change.oldStart + change.oldCount) {
                    emit(old, index, prefix: UInt8(ascii: "-"), into: &out)
                }
                for index in change.newStart..<(change.newStart + change.newCount) {
                    emit(new, index, prefix: UInt8(ascii: "+"), into: &out)
                }
                deletions += change.oldCount
                insertions += change.newCount
                oldIndex = change.oldStart + change.oldCount
            }
            while oldIndex < oldEnd {
                emit(old, oldIndex, prefix: UInt8(ascii: " "), into: &out)
                oldIndex += 1
            }
            first = last + 1
        }
        return (insertions, deletions)
    }

    /// `@@ -l,s +l,s @@ function`: a count of one is left out, and an empty range names the
    /// line before it.
    private static func header(oldStart: Int, oldCount: Int, newStart: Int, newCount: Int, function: [UInt8]) -> [UInt8] {
        func range(_ start: Int, _ count: Int) -> String {
            let line = count == 0 ? start : start + 1
            return count == 1 ? "\(line)" : "\(line),\(count)"
        }
        var text = Array("@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@".utf8)
        if !function.isEmpty {
            text.append(UInt8(ascii: " "))
            text += function
        }
        text.append(UInt8(ascii: "\n"))
        return text
    }

    /// The nearest old line before `index` that starts with a letter, `_` or `$`, cut to 80
    /// bytes and without trailing white space: git's default guess at the enclosing function.
    private static func functionName(before index: Int, in lines: Lines) -> [UInt8] {
        var candidate = index - 1
        while candidate >= 0 {
            let line = lines[candidate]
            if let first = line.first, isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: "$") {
                var name = Array(line.prefix(functionNameLength))
                while let last = name.last, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(last) {
                    name.removeLast()
                }
                return name
            }
            candidate -= 1
        }
        return []
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func emit(_ lines: Lines, _ index: Int, prefix: UInt8, into out: inout [UInt8]) {
        out.append(prefix)
        out += lines[index]
        if !lines.isTerminated(index) {
            out += Array("\n\\ No newline at end of file\n".utf8)
        }
    }
}
