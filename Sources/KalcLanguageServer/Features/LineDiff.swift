import KalcDiagnostics

/// The smallest set of line replacements that turns one text into another (Myers' diff over
/// lines), so that formatting touches only the lines it changes and the editor keeps its
/// marks, folds and cursors everywhere else.
enum LineDiff {
    /// One replacement: the byte span of whole lines of the old text, and their new text.
    struct Edit: Equatable {
        var span: Span
        var replacement: String
    }

    /// Beyond this many differing lines, the lines between the first and the last difference
    /// are replaced as one edit instead of searching for the smallest set.
    static let maximumDifferences = 2_000

    /// The edits that turn `old` into `new`, in order, not overlapping.
    static func edits(from old: [UInt8], to new: [UInt8]) -> [Edit] {
        let a = lines(of: old)
        let b = lines(of: new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = Array(a[prefix..<(a.count - suffix)])
        let newMiddle = Array(b[prefix..<(b.count - suffix)])
        if oldMiddle.isEmpty && newMiddle.isEmpty { return [] }
        let pairs = matches(oldMiddle, newMiddle) ?? []
        // Runs of lines between matched lines are the hunks.
        var edits: [Edit] = []
        var oldLine = 0
        var newLine = 0
        var oldOffset = a[..<prefix].reduce(0) { $0 + $1.count }
        for (matchedOld, matchedNew) in pairs + [(oldMiddle.count, newMiddle.count)] {
            let removed = oldMiddle[oldLine..<matchedOld].reduce(0) { $0 + $1.count }
            if matchedOld > oldLine || matchedNew > newLine {
                let text = newMiddle[newLine..<matchedNew].flatMap { $0 }
                edits.append(Edit(span: Span(start: oldOffset, end: oldOffset + removed), replacement: String(decoding: text, as: UTF8.self)))
            }
            oldOffset += removed + (matchedOld < oldMiddle.count ? oldMiddle[matchedOld].count : 0)
            oldLine = matchedOld + 1
            newLine = matchedNew + 1
        }
        return edits
    }

    /// The lines of a text, each with its `\n`.
    private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            result.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }

    /// The pairs of equal lines (old index, new index) of a longest common subsequence, in
    /// order; nil when the texts differ in more than `maximumDifferences` lines.
    private static func matches(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [(Int, Int)]? {
        let n = a.count
        let m = b.count
        let limit = min(n + m, maximumDifferences)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        for d in 0...limit {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n && y >= m {
                    return backtrack(trace, n: n, m: m, d: d)
                }
            }
        }
        return nil
    }

    /// The diagonal moves of the path found in `d` steps, as matched line pairs.
    private static func backtrack(_ trace: [[Int]], n: Int, m: Int, d: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        var x = n
        var y = m
        for step in stride(from: d, to: 0, by: -1) {
            // `trace[step]` holds the furthest x of each diagonal before the step; index k + step.
            let previous = trace[step]
            let k = x - y
            let down = k == -step || (k != step && previous[k - 1 + step] < previous[k + 1 + step])
            let previousK = down ? k + 1 : k - 1
            let previousX = previous[previousK + step]
            let previousY = previousX - previousK
            let snakeStartX = down ? previousX : previousX + 1
            while x > snakeStartX && y > snakeStartX - k {
                pairs.append((x - 1, y - 1))
                x -= 1
                y -= 1
            }
            x = previousX
            y = previousY
        }
        while x > 0 && y > 0 {
            pairs.append((x - 1, y - 1))
            x -= 1
            y -= 1
        }
        return pairs.reversed()
    }
}
