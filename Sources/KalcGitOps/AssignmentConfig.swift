import KalcDiagnostics
import KalcGo
import KalcJSON
import KalcJSONSchema
import KalcScheduling
import KalcSemantics
import KalcTemplate

/// What every assignment of an environment shares: its platform config, the labels of
/// its cluster types and its config schemas, prepared once.
struct EnvironmentConfig: Sendable {
    var platformConfig: NamespaceConfig
    var clusterTypeLabels: [String: [String: String]]
    /// The ConfigSchemas with a schema, in name order.
    var configSchemas: [(labels: [String: String], schema: Located<String>)]
    /// The namespace's templates, by name, with their parsed manifests.
    var templates: [String: ResolvedTemplate] = [:]
    /// Every condition on targets that decides which configs and schemas apply: a
    /// target's config depends on nothing else of it.
    var targetConditions: [NamespaceConfig.TargetCondition]
    /// For each cluster type, the ConfigSchemas it does not rule out, with what a target
    /// must satisfy for each to apply.
    var schemaPlans: [String: [(index: Int, conditions: [NamespaceConfig.TargetCondition])]]
    /// The numbers of the ConfigSchemas' requirements (by index in `configSchemas`).
    var schemaIDs: [Int] = []

    init(_ namespace: Namespace) {
        platformConfig = NamespaceConfig(namespace)
        clusterTypeLabels = namespace.clusterTypes.mapValues { namespace.labels(of: $0) }
        configSchemas = namespace.configSchemas.keys.sorted().compactMap { name in
            guard let schema = namespace.configSchemas[name], let text = schema.schema else { return nil }
            return (schema.header.labels.dictionary, text)
        }
        var schemaPlans: [String: [(index: Int, conditions: [NamespaceConfig.TargetCondition])]] = [:]
        for (name, labels) in clusterTypeLabels {
            schemaPlans[name] = Self.schemaPlan(configSchemas, clusterType: name, labels: labels)
        }
        self.schemaPlans = schemaPlans
        var seen = Set<NamespaceConfig.TargetCondition>()
        targetConditions = (platformConfig.conditions + schemaPlans.values.flatMap { $0.flatMap(\.conditions) }).filter { seen.insert($0).inserted }
    }

    /// The ConfigSchemas a cluster type does not rule out (by index), each with what a
    /// target must satisfy for it to apply.
    static func schemaPlan(
        _ configSchemas: [(labels: [String: String], schema: Located<String>)], clusterType: String,
        labels: [String: String]
    ) -> [(index: Int, conditions: [NamespaceConfig.TargetCondition])] {
        configSchemas.enumerated().compactMap { index, schema in
            NamespaceConfig.conditions(schema.labels, clusterType: clusterType, clusterTypeLabels: labels).map { (index, $0) }
        }
    }
}

/// What the assignments on one cluster type share.
final class ClusterTypeContext {
    let object: ClusterTypeObject
    let name: String
    /// Its labels, the namespace's view of them.
    let labels: [String: String]
    let configPlan: NamespaceConfig.ClusterTypePlan
    let schemaPlan: [(index: Int, conditions: [NamespaceConfig.TargetCondition])]
    /// Its templates: each as referenced, and found (nil when the namespace has none of
    /// that name).
    let reconciler: TemplateReference?
    let namespaceService: TemplateReference?
    let configType: TemplateReference?
    /// The content type of its config template.
    let contentType: String
    let nameIsLabelValue: Bool

    init(_ object: ClusterTypeObject, config: EnvironmentConfig) {
        self.object = object
        name = object.header.name.value
        labels = config.clusterTypeLabels[name] ?? [:]
        configPlan = config.platformConfig.plan(for: name, labels: labels)
        schemaPlan = config.schemaPlans[name] ?? EnvironmentConfig.schemaPlan(config.configSchemas, clusterType: name, labels: labels)
        func resolved(_ reference: Located<String>?) -> TemplateReference? {
            reference.map { TemplateReference(reference: $0, template: config.templates[$0.value]) }
        }
        reconciler = resolved(object.reconciler)
        namespaceService = resolved(object.namespaceService)
        configType = resolved(object.configType)
        contentType = configType?.template?.object.contentType?.value ?? "configMap"
        nameIsLabelValue = KubernetesNames.isLabelValue(name)
    }
}

/// A deployment target and what its assignments share.
final class TargetContext {
    let target: DeploymentTarget
    /// The numbers of its own requirements.
    let requirementIDs: [Int]
    /// Whether its name and its workload's are valid label values.
    let namesAreLabelValues: Bool
    /// What its config depends on: the environment's target conditions it meets, and
    /// its own requirements, as numbers (equal for targets that get the same configs).
    let configFacts: [Int]

    init(_ target: DeploymentTarget, requirementIDs: [Int], conditions: [NamespaceConfig.TargetCondition]) {
        self.target = target
        self.requirementIDs = requirementIDs
        // The conditions it meets (as bits) and its requirements.
        var facts: [Int] = []
        facts.reserveCapacity(conditions.count / 64 + 2 + requirementIDs.count)
        var bits = 0
        for (index, condition) in conditions.enumerated() {
            if condition.holds(for: target) { bits |= 1 << (index % 64) }
            if index % 64 == 63 {
                facts.append(bits)
                bits = 0
            }
        }
        facts.append(bits)
        facts.append(-1)
        facts += requirementIDs
        configFacts = facts
        namesAreLabelValues = KubernetesNames.isLabelValue(target.name) && KubernetesNames.isLabelValue(target.workload.header.name.value)
    }
}

/// Kalypso's rules for an assignment's config: which values it reads as structures, which
/// configs override which, which requirements apply and what their failures say.
enum AssignmentConfig {
    /// What Kalypso reads differently than written in a string config value.
    static func valueProblems(_ entry: ConfigEntry, of configMap: ConfigMapObject, merger: inout ConfigMerger) -> [GitOpsProblem] {
        let value = merger.parse(entry.value)
        switch value {
        case .map, .slice:
            var problems: [GitOpsProblem] = []
            if KalypsoConfigValue.holdsBytesNotUTF8(entry.value) {
                let environment: String? = { if case .environment(let name) = configMap.header.branch { name } else { nil } }()
                problems.append(.bytesNotUTF8(key: entry.key.value, at: entry.location, environment: environment))
            }
            let kind = { if case .map = value { "map" } else { "list" } }()
            problems.append(.valueBecomesStructure(key: entry.key.value, kind: kind, at: entry.location))
            return problems
        default:
            guard let error = KalypsoConfigValue.depthError(entry.value) else { return [] }
            return [.valueTooDeep(key: entry.key.value, readerError: error, at: entry.location)]
        }
    }

    /// What the API server says of the labels of an assignment package on `clusterType`
    /// for `target`: nothing when every label value is valid.
    static func packageLabelProblems(clusterType: String, target: DeploymentTarget) -> [String] {
        let labels = [("cluster-type", clusterType), ("workload", target.workload.header.name.value), ("deployment-target", target.name)]
        return labels.flatMap { label, value in KubernetesNames.labelValueProblems(value).map { "label `\(label)` value `\(value)` \($0)" } }
    }

    /// The keys of a composed config that several configs set to different strings: the
    /// config whose value wins, and those whose values it overrides.
    static func overrides(in composed: ComposedConfig, merger: inout ConfigMerger) -> [(key: String, winner: ConfigSource, overridden: [ConfigSource])] {
        var result: [(key: String, winner: ConfigSource, overridden: [ConfigSource])] = []
        for key in composed.overriddenKeys {
            guard let sources = composed.sources[key] else { continue }
            let values = sources.map { merger.parse($0.entry.value) }
            let scalars = zip(sources, values).filter { if case .string = $0.1 { true } else { false } }.map { $0.0 }
            guard scalars.count > 1, let winner = scalars.last, Set(scalars.map(\.entry.value)).count > 1 else { continue }
            result.append((key, winner, scalars.dropLast().filter { $0.entry.value != winner.entry.value }))
        }
        return result
    }

    /// The requirements that apply to an assignment, each with its number: the
    /// ConfigSchemas its cluster type and target meet, then the target's own.
    static func requirements(of context: TargetContext, clusterType: ClusterTypeContext, environmentConfig: EnvironmentConfig) -> [(text: Located<String>, id: Int)] {
        let target = context.target
        var requirements: [(text: Located<String>, id: Int)] = []
        let configSchemas = environmentConfig.configSchemas
        for (index, conditions) in clusterType.schemaPlan where conditions.allSatisfy({ $0.holds(for: target) }) {
            requirements.append((configSchemas[index].schema, environmentConfig.schemaIDs[index]))
        }
        requirements += zip(target.configSchemas, context.requirementIDs).map { (text: $0, id: $1) }
        return requirements
    }

    /// The failures of an assignment's config to meet its requirements (`failures`, each
    /// with its outcome), as Kalypso reports them: one issue with every message.
    static func failures(
        _ failures: [(requirement: Located<String>, outcome: RequirementOutcome)], composed: ComposedConfig, target: DeploymentTarget,
        clusterType: String, namespace: Namespace, subject: DeploymentSubject, checks: TemplateChecks
    ) -> [RequirementFailure] {
        let body = "Config data validation failed: \n " + failures.compactMap { $0.outcome.kalypsoMessage }.joined(separator: "\n")
        let issue = KalypsoIssue(target: target.name, clusterType: clusterType, environment: namespace.environment, body: body)
        let contributors = Set(composed.sources.values.flatMap { $0.map(\.configMap) }).sorted().map { name in
            (name: name, location: namespace.configMaps[name]?.header.name.location)
        }
        return failures.map { requirement, outcome in
            RequirementFailure(
                deployment: subject, requirement: requirement.location, descriptions: outcome.descriptions,
                contributors: contributors, convertedStrings: convertedStrings(outcome.violations, composed: composed), issue: issue,
                missingKey: missingKey(outcome.violations, composed: composed, checks: checks))
        }
    }

    /// The strings Kalypso's conversion of numeric strings turned into numbers, where a
    /// schema then refuses their type.
    private static func convertedStrings(_ violations: [SchemaViolation], composed: ComposedConfig) -> [(key: String, text: String)] {
        guard case .map(let map) = composed.data else { return [] }
        var converted: [(key: String, text: String)] = []
        for violation in violations where violation.type == "invalid_type" {
            let key = violation.field
            guard case .string(let text)? = map.entries[.string(key)],
                case .map(let result) = KalypsoValidationInput.converted(.map(GoMap(keyType: .string, valueType: .interface, entries: [.string(key): .string(text)]))),
                let value = result.entries[.string(key)], value != .string(text)
            else { continue }
            converted.append((key, text))
        }
        return converted
    }

    /// The first required key no config sets, with a key that a config sets under a close
    /// name.
    private static func missingKey(_ violations: [SchemaViolation], composed: ComposedConfig, checks: TemplateChecks) -> RequirementFailure.MissingKey? {
        for violation in violations where violation.type == "required" {
            guard let property = violation.description.components(separatedBy: " is required").first else { continue }
            if let close = closestName(to: property, among: Array(composed.sources.keys)), let source = composed.sources[close]?.last {
                return .misspelt(
                    property: property, configMap: source.configMap, written: close,
                    edit: checks.edit(replacing: close, at: source.entry.key.location, with: property))
            }
            return .unset(property: property)
        }
        return nil
    }
}

/// The config as Kalypso validates it (numeric strings converted) as a JSON document, or
/// why json-iterator refuses it.
enum ValidationInstance {
    case document(JSONValue)
    case refused(String)

    init(_ composed: ComposedConfig) {
        switch KalypsoValidationInput.json(KalypsoValidationInput.converted(composed.data)) {
        case .success(let text):
            self = (try? JSONParser.parse(text)).map { ValidationInstance.document($0) } ?? .refused("invalid JSON")
        case .failure(let error):
            self = .refused(error.message)
        }
    }
}

/// One requirement against a config, with Kalypso's message when it fails.
struct RequirementOutcome {
    var kalypsoMessage: String?
    /// Whether the schema itself is invalid (reported once, where it is written).
    var isInvalidSchema = false
    var descriptions: [String] = []
    var violations: [SchemaViolation] = []

    /// The outcome of validating `instance` against a requirement's compiled `schema`.
    init(schema: Result<JSONSchema, SchemaError>, instance: ValidationInstance) {
        let compiled: JSONSchema
        switch schema {
        case .success(let schema): compiled = schema
        case .failure(let error):
            self.init(kalypsoMessage: error.message, isInvalidSchema: true, descriptions: ["its schema is invalid: \(error.message)"])
            return
        }
        let value: JSONValue
        switch instance {
        case .document(let parsed): value = parsed
        case .refused(let message):
            self.init(kalypsoMessage: message, descriptions: [message])
            return
        }
        let violations: [SchemaViolation]
        do {
            violations = try compiled.validate(value)
        } catch {
            self.init(kalypsoMessage: "unable to validate schema: \(error.message)", descriptions: [error.message])
            return
        }
        guard !violations.isEmpty else {
            self.init()
            return
        }
        let lines = violations.map { "- \($0.gojsonschemaText)\n" }
            .sorted { $0.replacingAll(" (root):", with: "") < $1.replacingAll(" (root):", with: "") }
        let message = lines.joined().replacingAll(" (root):", with: "")
        let descriptions = violations.map { $0.field == "(root)" ? $0.description : "\($0.field): \($0.description)" }
        self.init(kalypsoMessage: message, descriptions: descriptions, violations: violations)
    }

    init(kalypsoMessage: String? = nil, isInvalidSchema: Bool = false, descriptions: [String] = [], violations: [SchemaViolation] = []) {
        self.kalypsoMessage = kalypsoMessage
        self.isInvalidSchema = isInvalidSchema
        self.descriptions = descriptions
        self.violations = violations
    }
}
