import KalcDiagnostics
import KalcSemantics

/// A label selector ready to match, as Kubernetes' `LabelSelectorAsSelector` builds it:
/// an empty selector matches everything.
public struct CompiledSelector: Sendable {
    enum Requirement: Sendable {
        case equals(String, String)
        case `in`(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }

    let requirements: [Requirement]

    /// Whether labels satisfy every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        for requirement in requirements {
            switch requirement {
            case .equals(let key, let value):
                if labels[key] != value { return false }
            case .in(let key, let values):
                guard let value = labels[key], values.contains(value) else { return false }
            case .notIn(let key, let values):
                if let value = labels[key], values.contains(value) { return false }
            case .exists(let key):
                if labels[key] == nil { return false }
            case .doesNotExist(let key):
                if labels[key] != nil { return false }
            }
        }
        return true
    }

    /// The selector, or the problems that make Kubernetes refuse it (each with its place).
    public static func compile(_ selector: LabelSelector) -> Result<CompiledSelector, SelectorProblems> {
        var requirements: [Requirement] = []
        var problems: [(String, Location)] = []
        for entry in selector.matchLabelEntries {
            problems += keyProblems(entry.key)
            problems += valueProblems(entry.value, key: entry.key.value)
            requirements.append(.equals(entry.key.value, entry.value.value))
        }
        for expression in selector.matchExpressions {
            problems += keyProblems(expression.key)
            let values = Set(expression.values.map(\.value))
            switch expression.operator {
            case .in, .notIn:
                if expression.values.isEmpty {
                    problems.append(("`\(expression.operator == .in ? "in" : "notin")` needs at least one value", expression.location))
                }
                for value in expression.values { problems += valueProblems(value, key: expression.key.value) }
                requirements.append(expression.operator == .in ? .in(expression.key.value, values) : .notIn(expression.key.value, values))
            case .exists:
                if !expression.values.isEmpty { problems.append(("`Exists` takes no values", expression.location)) }
                requirements.append(.exists(expression.key.value))
            case .doesNotExist:
                if !expression.values.isEmpty { problems.append(("`DoesNotExist` takes no values", expression.location)) }
                requirements.append(.doesNotExist(expression.key.value))
            }
        }
        if !problems.isEmpty { return .failure(SelectorProblems(problems: problems)) }
        return .success(CompiledSelector(requirements: requirements))
    }

    private static func keyProblems(_ key: Located<String>) -> [(String, Location)] {
        KubernetesNames.labelKeyProblems(key.value).map { ("invalid label key `\(key.value)`: \($0)", key.location) }
    }

    private static func valueProblems(_ value: Located<String>, key: String) -> [(String, Location)] {
        KubernetesNames.labelValueProblems(value.value).map { ("invalid value `\(value.value)` for `\(key)`: \($0)", value.location) }
    }
}

/// Why Kubernetes refuses a selector.
public struct SelectorProblems: Error, Sendable {
    public var problems: [(message: String, location: Location)]
}
