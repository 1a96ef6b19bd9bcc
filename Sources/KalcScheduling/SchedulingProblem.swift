import KalcDiagnostics
import KalcSemantics

/// What the scheduler finds wrong about a policy's selectors, with what each message
/// needs. `diagnostic` is the one place that turns a problem into its code, message, hint
/// and fix-its.
enum SchedulingProblem {
    /// What a selector selects nothing of.
    enum Selected: String {
        case deploymentTarget = "deployment target"
        case clusterType = "cluster type"
    }

    /// A selector that selects nothing; `candidates` are the labels of what it could select.
    case selectsNothing(policy: String, Selected, environment: String, at: Location, selector: LabelSelector, candidates: [[String: String]])
}

extension SchedulingProblem {
    var diagnostic: Diagnostic {
        switch self {
        case .selectsNothing(let policy, let selected, let environment, let location, let selector, let candidates):
            let close = Self.closeLabel(selector, candidates: candidates)
            return Diagnostic(.selectorMatchesNothing, "policy `\(policy)` selects no \(selected.rawValue) in environment `\(environment)`", at: location,
                              hint: close?.hint, fixIts: close?.fixIt.map { [$0] } ?? [])
        }
    }

    /// "did you mean" for a selector key or value close to a label in use, with the fix
    /// that writes the close one in place.
    private static func closeLabel(_ selector: LabelSelector, candidates: [[String: String]]) -> (hint: String, fixIt: FixIt?)? {
        for entry in selector.matchLabelEntries {
            let values = Set(candidates.compactMap { $0[entry.key.value] })
            if values.isEmpty {
                let keys = Set(candidates.flatMap(\.keys))
                if let key = closestName(to: entry.key.value, among: Array(keys)) {
                    return ("did you mean the label `\(key)`?", .replacing(entry.key.location, with: key))
                }
                return ("no deployment target or cluster type here has the label `\(entry.key.value)`", nil)
            }
            if !values.contains(entry.value.value), let value = closestName(to: entry.value.value, among: Array(values)) {
                return ("did you mean `\(entry.key.value) == \(value)`?", .replacing(entry.value.location, with: value))
            }
        }
        return nil
    }
}
