import KalcDiagnostics
import KalcJSONSchema
import KalcScheduling
import KalcSemantics
import KalcTemplate

/// The config work of a compile done once for every assignment that needs the same:
/// parsed and merged values, compiled schemas, validation outcomes by composed config and
/// requirement, and whether each composition overrides a value.
struct ConfigCache {
    var merger = ConfigMerger()
    var schemas: [ExactString: Result<JSONSchema, SchemaError>] = [:]
    /// Where invalid schemas were reported.
    var reportedSchemas = Set<Location>()
    /// Every requirement's text, numbered.
    var requirementIDs: [ExactString: Int] = [:]
    /// Whether each composition (by identity) overrides a value, once it has been looked at.
    var overridesNoted: [Int: Bool] = [:]
    /// Validation, once per composed config (by signature) and requirement.
    var instances: [Int: ValidationInstance] = [:]
    var outcomes: [OutcomeKey: RequirementOutcome] = [:]

    struct OutcomeKey: Hashable {
        var config: Int
        /// The requirement's number.
        var requirement: Int
    }
}

/// The assignments of a cluster type whose targets have the same config facts get the
/// same config.
struct ConfigureKey: Hashable {
    var clusterType: String
    var configFacts: Int
}

extension GitOpsCompiler {
    /// The number of a requirement's text (equal texts, equal numbers).
    mutating func requirementID(_ requirement: Located<String>) -> Int {
        let text = ExactString(requirement.value)
        if let id = configCache.requirementIDs[text] { return id }
        configCache.requirementIDs[text] = configCache.requirementIDs.count
        return configCache.requirementIDs.count - 1
    }

    /// The compiled schema of a requirement; an invalid one is reported once, where it is written.
    mutating func schema(_ requirement: Located<String>) -> Result<JSONSchema, SchemaError> {
        if let cached = configCache.schemas[ExactString(requirement.value)] {
            if case .failure(let error) = cached { reportInvalidSchema(requirement, error) }
            return cached
        }
        let result: Result<JSONSchema, SchemaError>
        do {
            result = .success(try JSONSchema(parsing: requirement.value))
        } catch {
            result = .failure(error)
            reportInvalidSchema(requirement, error)
        }
        configCache.schemas[ExactString(requirement.value)] = result
        return result
    }

    private mutating func reportInvalidSchema(_ requirement: Located<String>, _ error: SchemaError) {
        guard configCache.reportedSchemas.insert(requirement.location).inserted else { return }
        var location = requirement.location
        if let offset = error.byteOffset {
            location = checks.location(of: offset, in: requirement)
        }
        findings.report(.invalidSchema(error, at: location))
    }

    /// The context of a cluster type, worked out once per part.
    mutating func clusterTypeContext(_ name: String, in schedule: EnvironmentSchedule, config: EnvironmentConfig) -> ClusterTypeContext? {
        if let known = renderCache.shared.clusterTypeContexts[name] { return known }
        guard let object = schedule.namespace.clusterTypes[name] else { return nil }
        let context = ClusterTypeContext(object, config: config)
        renderCache.shared.clusterTypeContexts[name] = context
        return context
    }

    /// The context of a target: the last one's again while assignments of the same target
    /// follow one another (they are sorted by name, which starts with the target's).
    mutating func targetContext(_ name: String, in schedule: EnvironmentSchedule, config: EnvironmentConfig) -> TargetContext? {
        if let last = renderCache.shared.lastTarget, last.target.name == name { return last }
        guard let target = schedule.deploymentTargets[name] else { return nil }
        let context = TargetContext(target, requirementIDs: target.configSchemas.map { requirementID($0) }, conditions: config.targetConditions)
        renderCache.shared.lastTarget = context
        return context
    }

    /// The composed config of an assignment, if it merges and meets every requirement
    /// (else nil, reported); the same for every assignment of the cluster type whose target
    /// has the same config facts.
    mutating func configure(
        clusterType: ClusterTypeContext, target: TargetContext, environmentConfig: EnvironmentConfig, namespace: Namespace,
        subject: DeploymentSubject
    ) -> ComposedConfig? {
        let key = ConfigureKey(clusterType: clusterType.name, configFacts: configFactNumber(target.configFacts))
        if reusesWork, let known = renderCache.shared.configured[key] {
            reportOverrides(known)
            return known
        }
        let composed: ComposedConfig
        switch environmentConfig.platformConfig.compose(clusterType.configPlan, target: target.target, merger: &configCache.merger) {
        case .success(let config):
            composed = config
        case .failure(let failure):
            let location = failure.sources.last?.entry.location ?? clusterType.object.header.name.location
            findings.report(.configMergePanic(failure, deployment: subject, at: location), for: subject)
            return nil
        }
        reportOverrides(composed)
        guard validate(composed, target: target, clusterType: clusterType, environmentConfig: environmentConfig, namespace: namespace, subject: subject) else { return nil }
        renderCache.shared.configured[key] = composed
        return composed
    }

    /// The number of a target's config facts (equal facts, equal numbers).
    private mutating func configFactNumber(_ facts: [Int]) -> Int {
        if let known = renderCache.shared.configFactNumbers[facts] { return known }
        renderCache.shared.configFactNumbers[facts] = renderCache.shared.configFactNumbers.count
        return renderCache.shared.configFactNumbers.count - 1
    }

    /// Reports the values a composition overrides, the first time it is looked at.
    private mutating func reportOverrides(_ composed: ComposedConfig) {
        if let noted = configCache.overridesNoted[composed.identity] {
            if noted { findings.assignmentNoted = true }
            return
        }
        let overrides = AssignmentConfig.overrides(in: composed, merger: &configCache.merger)
        configCache.overridesNoted[composed.identity] = !overrides.isEmpty
        if !overrides.isEmpty { findings.assignmentNoted = true }
        for (key, winner, overridden) in overrides {
            for loser in overridden {
                findings.reportOverride(.configOverridden(key: key, overridden: loser, winner: winner), identity: "\(loser.entry.location)|\(winner.entry.location)")
            }
        }
    }

    /// Validates the composed config against the ConfigSchemas that apply and the target's
    /// schemas; reports each failure and returns whether all passed.
    private mutating func validate(
        _ composed: ComposedConfig, target context: TargetContext, clusterType: ClusterTypeContext, environmentConfig: EnvironmentConfig,
        namespace: Namespace, subject: DeploymentSubject
    ) -> Bool {
        let requirements = AssignmentConfig.requirements(of: context, clusterType: clusterType, environmentConfig: environmentConfig)
        guard !requirements.isEmpty else { return true }
        let instance = validationInstance(composed)
        var failures: [(requirement: Located<String>, outcome: RequirementOutcome)] = []
        for (requirement, id) in requirements {
            let key = ConfigCache.OutcomeKey(config: composed.identity, requirement: id)
            let outcome: RequirementOutcome
            if let known = configCache.outcomes[key] {
                outcome = known
            } else {
                outcome = RequirementOutcome(schema: schema(requirement), instance: instance)
                configCache.outcomes[key] = outcome
            }
            if outcome.kalypsoMessage != nil { failures.append((requirement, outcome)) }
        }
        guard !failures.isEmpty else { return true }
        for failure in AssignmentConfig.failures(
            failures, composed: composed, target: context.target, clusterType: clusterType.name, namespace: namespace,
            subject: subject, checks: checks)
        {
            findings.report(.requirementNotMet(failure), for: subject)
        }
        return false
    }

    /// The config as Kalypso validates it, once per composition.
    private mutating func validationInstance(_ composed: ComposedConfig) -> ValidationInstance {
        if let known = configCache.instances[composed.identity] { return known }
        let instance = ValidationInstance(composed)
        configCache.instances[composed.identity] = instance
        return instance
    }
}
