import KalcDiagnostics

/// Problems alike but for the deployment they fail — one typo in a cluster type shared by
/// many deployments — reported once: the first deployment's diagnostic, its message naming
/// how many deployments and the first few, a note naming the others.
enum DeploymentRepeats {
    /// How many deployments a merged message names.
    static let named = 3

    /// `diagnostics` with each group of diagnostics about deployments (`subjects`, by index)
    /// that differ only in the deployment merged into the first of the group, in place.
    static func merged(_ diagnostics: [Diagnostic], subjects: [Int: DeploymentSubject]) -> [Diagnostic] {
        guard subjects.count > 1 else { return diagnostics }
        struct GroupKey: Hashable {
            var code: String
            var severity: Severity
            var location: Location
            var environment: String?
            var message: String
        }
        var groups: [GroupKey: [Int]] = [:]
        for (index, subject) in subjects {
            let diagnostic = diagnostics[index]
            let key = GroupKey(
                code: diagnostic.code.rawValue, severity: diagnostic.severity, location: diagnostic.location, environment: diagnostic.environment,
                message: diagnostic.message.replacingAll(subject.description, with: "\u{0}"))
            groups[key, default: []].append(index)
        }
        var result = diagnostics
        var dropped = Set<Int>()
        for indices in groups.values where indices.count > 1 {
            let sorted = indices.sorted()
            let first = sorted[0]
            let shown = sorted.dropFirst().prefix(named - 1).map { subjects[$0]!.short }
            let more = sorted.count - 1 - shown.count
            let others = "one of \(sorted.count) deployments, with " + shown.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
            let subject = subjects[first]!.description
            result[first].message = result[first].message.replacingAll(subject, with: "\(subject) (\(others))")
            if more > 0 {
                result[first].notes.append("The same for " + sorted.dropFirst(1 + shown.count).map { subjects[$0]!.short }.joined(separator: ", ") + ".")
            }
            dropped.formUnion(sorted.dropFirst())
        }
        guard !dropped.isEmpty else { return diagnostics }
        return result.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }
}
