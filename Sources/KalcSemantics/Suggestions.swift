/// The candidate closest to `name` by edit distance, if it is close enough to be a likely
/// typo ("did you mean `arc-flux`?").
public func closestName(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, min(3, (name.count + 2) / 3))
    var best: (name: String, distance: Int)?
    for candidate in candidates.sorted() where candidate != name {
        let distance = editDistance(name.lowercased(), candidate.lowercased())
        if distance <= limit, best == nil || distance < best!.distance {
            best = (candidate, distance)
        }
    }
    return best?.name
}

/// The edit distance between two strings, counted in Unicode scalars: insertions,
/// deletions, substitutions and transpositions of neighbours each cost one.
public func editDistance(_ a: String, _ b: String) -> Int {
    let left = Array(a.unicodeScalars)
    let right = Array(b.unicodeScalars)
    if left.isEmpty { return right.count }
    if right.isEmpty { return left.count }
    var rows = [[Int]](repeating: [Int](repeating: 0, count: right.count + 1), count: left.count + 1)
    for i in 0...left.count { rows[i][0] = i }
    for j in 0...right.count { rows[0][j] = j }
    for i in 1...left.count {
        for j in 1...right.count {
            let cost = left[i - 1] == right[j - 1] ? 0 : 1
            var best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
                best = min(best, rows[i - 2][j - 2] + 1)
            }
            rows[i][j] = best
        }
    }
    return rows[left.count][right.count]
}
