/// The counts of a diff, per file and in total, as `git diff --stat` shows them.
public struct DiffStat: Sendable, Hashable {
    /// One file's counts.
    public struct Entry: Sendable, Hashable {
        /// The path, quoted as git prints it when it holds unusual bytes.
        public var path: String
        /// Lines added; for a binary file, 0.
        public var insertions: Int
        /// Lines removed; for a binary file, 0.
        public var deletions: Int
        /// Whether git compares the file as binary; then `oldSize` and `newSize` are shown.
        public var isBinary: Bool
        /// Bytes before.
        public var oldSize: Int
        /// Bytes after.
        public var newSize: Int
    }

    /// The files, in the order of the diff.
    public var entries: [Entry]

    /// Creates the counts from their entries.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Lines added in all text files.
    public var insertions: Int { entries.reduce(0) { $0 + ($1.isBinary ? 0 : $1.insertions) } }
    /// Lines removed in all text files.
    public var deletions: Int { entries.reduce(0) { $0 + ($1.isBinary ? 0 : $1.deletions) } }

    /// git's last line of `--stat`, as in ` 2 files changed, 3 insertions(+), 1 deletion(-)`.
    public var summary: String {
        let files = entries.count
        guard files > 0 else { return " 0 files changed" }
        var text = files == 1 ? " 1 file changed" : " \(files) files changed"
        let insertions = insertions
        let deletions = deletions
        if insertions != 0 || deletions == 0 {
            text += insertions == 1 ? ", 1 insertion(+)" : ", \(insertions) insertions(+)"
        }
        if deletions != 0 || insertions == 0 {
            text += deletions == 1 ? ", 1 deletion(-)" : ", \(deletions) deletions(-)"
        }
        return text
    }

    /// The whole `git diff --stat` block for a terminal `width` columns wide (git uses 80
    /// when its output is not a terminal): one line per file with the count and a bar of
    /// `+` and `-` scaled to fit, then the summary line. Each line ends with a newline.
    public func rendered(width requestedWidth: Int = 80) -> String {
        guard !entries.isEmpty else { return "" }
        var maximumNameLength = 0
        var maximumChange = 0
        var binaryWidth = 0
        var numberWidth = 0
        for entry in entries {
            maximumNameLength = max(maximumNameLength, entry.path.count)
            if entry.isBinary {
                binaryWidth = max(binaryWidth, 14 + Self.decimalWidth(entry.newSize) + Self.decimalWidth(entry.oldSize))
                numberWidth = 3
            } else {
                maximumChange = max(maximumChange, entry.insertions + entry.deletions)
            }
        }
        numberWidth = max(numberWidth, Self.decimalWidth(maximumChange))
        // At least room for a 10-column name and a 6-column bar.
        let width = max(requestedWidth, 16 + 6 + numberWidth)
        var graphWidth = maximumChange + 4 > binaryWidth ? maximumChange : binaryWidth - 4
        var nameWidth = maximumNameLength
        if nameWidth + numberWidth + 6 + graphWidth > width {
            if graphWidth > width * 3 / 8 - numberWidth - 6 {
                graphWidth = max(6, width * 3 / 8 - numberWidth - 6)
            }
            if nameWidth > width - numberWidth - 6 - graphWidth {
                nameWidth = width - numberWidth - 6 - graphWidth
            } else {
                graphWidth = width - numberWidth - 6 - nameWidth
            }
        }

        var text = ""
        for entry in entries {
            var name = Substring(entry.path)
            var prefix = ""
            var nameColumns = nameWidth
            if nameWidth < name.count {
                // Long names lose their start, at a `/` when there is one.
                prefix = "..."
                nameColumns -= 3
                name = name.suffix(max(0, nameColumns))
                if let slash = name.firstIndex(of: "/") { name = name[slash...] }
            }
            let paddedName = prefix + name + String(repeating: " ", count: max(0, nameColumns - name.count))
            if entry.isBinary {
                text += " \(paddedName) | \(Self.padded("Bin", numberWidth)) \(entry.oldSize) -> \(entry.newSize) bytes\n"
                continue
            }
            var added = entry.insertions
            var removed = entry.deletions
            if graphWidth <= maximumChange {
                var total = Self.scale(added + removed, graphWidth, maximumChange)
                if total < 2 && added > 0 && removed > 0 { total = 2 }
                if added < removed {
                    added = Self.scale(added, graphWidth, maximumChange)
                    removed = total - added
                } else {
                    removed = Self.scale(removed, graphWidth, maximumChange)
                    added = total - removed
                }
            }
            let change = entry.insertions + entry.deletions
            text += " \(paddedName) | \(Self.padded(String(change), numberWidth))\(change > 0 ? " " : "")"
            text += String(repeating: "+", count: added) + String(repeating: "-", count: removed) + "\n"
        }
        return text + summary + "\n"
    }

    private static func scale(_ value: Int, _ width: Int, _ maximum: Int) -> Int {
        value == 0 ? 0 : 1 + (value * (width - 1) / maximum)
    }

    private static func decimalWidth(_ value: Int) -> Int {
        String(value).count
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
