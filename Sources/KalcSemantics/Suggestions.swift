/// The candidate closest to `name` by edit distance, if it is close enough to be a likely
/// typo ("did you mean `arc-flux`?").
public func closestName(to name: String, among candidates: [String]) -> String? {
    let limit = max(1, min(3, name.count / 3))
    var best: (name: String, distance: Int)?
    for candidate in candidates.sorted() where candidate != name {
        let distance = editDistance(name.lowercased(), candidate.lowercased())
        if distance <= limit, best == nil || distance < best!.distance {
            best = (candidate, distance)
        }
    }
    return best?.name
}

/// The Levenshtein distance between two strings, counted in Unicode scalars.
public func editDistance(_ a: String, _ b: String) -> Int {
    let left = Array(a.unicodeScalars)
    let right = Array(b.unicodeScalars)
    if left.isEmpty { return right.count }
    if right.isEmpty { return left.count }
    var previous = Array(0...right.count)
    var current = [Int](repeating: 0, count: right.count + 1)
    for i in 1...left.count {
        current[0] = i
        for j in 1...right.count {
            let cost = left[i - 1] == right[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[right.count]
}
