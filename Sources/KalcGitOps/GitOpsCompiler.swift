import Foundation
import KalcDiagnostics
import KalcJSON
import KalcJSONSchema
import KalcScheduling
import KalcSemantics
import KalcTemplate
import KalcGo

/// The GitOps trees of a control plane and every problem Kalypso would only find at run time.
public struct GitOpsCompilation: Sendable {
    public var trees: [EnvironmentTree]
    public var diagnostics: [Diagnostic]
    /// Where the time went.
    public var timings: GitOpsTimings

    public init(trees: [EnvironmentTree], diagnostics: [Diagnostic], timings: GitOpsTimings = GitOpsTimings()) {
        self.trees = trees
        self.diagnostics = diagnostics
        self.timings = timings
    }
}

/// The time a GitOps compile spent in each of its phases.
public struct GitOpsTimings: Sendable {
    /// Composing each assignment's config and validating it against its requirements.
    public var config: Duration = .zero
    /// Checking and rendering templates, and assembling the trees.
    public var render: Duration = .zero
    /// How many times a manifest was rendered.
    public var manifestsRendered = 0
    /// How many times the outcome of a manifest's first pass was known without rendering it
    /// (a compile for diagnostics only).
    public var firstPassesReused = 0

    public init() {}
}

/// Replays Kalypso's assignment controller and GitOps repository controller: composes and
/// validates each deployment's config (`AssignmentConfig`), renders its templates
/// (`AssignmentRendering`), and lays out each environment's tree (`EnvironmentTree`).
/// What the assignments share is remembered apart (`ConfigCache`, `RenderCache`), and the
/// assignments of a large environment are deployed in parts (`ParallelCompilation`).
public struct GitOpsCompiler {
    let plane: ControlPlane
    let checks: TemplateChecks
    /// Whether assignments share work (see `compile`).
    var reusesWork = true
    /// The parsed manifests of every template.
    var manifests: [TemplateKey: [ParsedManifest]] = [:]
    /// What the compile reports.
    var findings = GitOpsFindings()
    /// Config work done once for the assignments that need the same.
    var configCache = ConfigCache()
    /// Rendering work done once for the assignments that need the same.
    var renderCache = RenderCache()
    var timings = GitOpsTimings()
    let clock = ContinuousClock()
    let cache: GitOpsCache?
    let shouldContinue: () -> Bool
    /// Whether the trees get their files (not when only the diagnostics are wanted).
    let keepsFiles: Bool
    let threads: Int
    /// The bytes of rendered manifests the trees may hold, shared by the parts.
    let outputBudget: GitOpsOutputBudget

    /// The bytes of rendered manifests one compile keeps, over all its trees, by default.
    /// Each tree is held until the compile writes them all at once; a tree Kalypso pushes
    /// through GitHub's API (100 MB per file at most) is far smaller.
    public static let maxOutputBytes = 256 << 20

    init(
        plane: ControlPlane, checks: TemplateChecks, cache: GitOpsCache?, shouldContinue: @escaping () -> Bool, keepsFiles: Bool, threads: Int,
        maxOutputBytes: Int = GitOpsCompiler.maxOutputBytes
    ) {
        self.threads = max(1, threads)
        outputBudget = GitOpsOutputBudget(limit: maxOutputBytes)
        self.plane = plane
        self.checks = checks
        self.cache = cache
        self.shouldContinue = shouldContinue
        self.keepsFiles = keepsFiles
    }

    /// Compiles the environments of `schedules` (all of them, or those named in `only`).
    /// `sources` maps file paths to their content, to place diagnostics inside templates.
    /// With a `cache`, assignments whose inputs did not change since an earlier compile with
    /// the same cache are not rendered again. `shouldContinue` is asked between assignments;
    /// when it answers false the compile stops early, and its result is incomplete. Without
    /// `keepsFiles` the trees have no files (for callers that want the diagnostics only).
    /// The assignments of an environment render on up to `threads` threads; the result does
    /// not depend on how many.
    /// Assignments that share what their config and their templates' outcomes depend on
    /// share the work; with `reusesWork` false, each assignment is worked out on its own
    /// (slower, and the same result: for tests of the sharing).
    public static func compile(
        _ plane: ControlPlane, schedules: [EnvironmentSchedule], sources: [String: SourceFile], only: Set<String>? = nil,
        cache: GitOpsCache? = nil, shouldContinue: @escaping @Sendable () -> Bool = { true }, keepsFiles: Bool = true,
        threads: Int = defaultThreads, reusesWork: Bool = true, maxOutputBytes: Int = maxOutputBytes
    ) -> GitOpsCompilation {
        // Templates render on threads with the stack templates need.
        TemplateExecution.onExecutionThread {
            var compiler = GitOpsCompiler(
                plane: plane, checks: TemplateChecks(sources: sources), cache: cache, shouldContinue: shouldContinue,
                keepsFiles: keepsFiles, threads: threads, maxOutputBytes: maxOutputBytes)
            compiler.reusesWork = reusesWork
            return compiler.compileAll(schedules, only: only)
        }
    }

    private mutating func compileAll(_ schedules: [EnvironmentSchedule], only: Set<String>?) -> GitOpsCompilation {
        checkTemplates()
        checkConfigValues()
        checkSchemas()
        var trees: [EnvironmentTree] = []
        for schedule in schedules where only?.contains(schedule.environment.header.name.value) ?? true {
            let environment = schedule.environment.header.name.value
            for key in templatesUsed(by: schedule) { findings.templateUses[key, default: []].insert(environment) }
            let first = findings.diagnostics.count
            trees.append(compile(schedule))
            findings.assign(from: first, to: environment)
        }
        if let crossing = outputBudget.crossing { findings.diagnostics.append(crossing.diagnostic) }
        storeFirstPasses()
        cache?.endCompile(complete: shouldContinue())
        return GitOpsCompilation(trees: trees, diagnostics: findings.settled(), timings: timings)
    }

    // MARK: Static checks

    private mutating func checkTemplates() {
        var count = 0
        for template in plane.templates {
            let first = findings.diagnostics.count
            let parsed = checks.check(template, into: &findings.diagnostics)
            for manifest in parsed {
                manifest.id = count
                count += 1
                // Whether Go's map order reaches the output depends on each deployment's
                // maps: such a manifest is rendered for every deployment.
                if let analysis = manifest.analysis,
                    analysis.functionCalls.contains(where: { TemplateAnalysis.mapOrderFunctions.contains($0.name) && !analysis.orderInsensitiveCalls.contains($0.offset) })
                {
                    manifest.reads = nil
                }
                numberReads(of: manifest)
            }
            let key = TemplateKey(template)
            manifests[key] = parsed
            findings.templateFindings.append((key, first..<findings.diagnostics.count))
            // A template of an environment's branch concerns that environment only.
            if case .environment(let name) = template.header.branch {
                for index in first..<findings.diagnostics.count { findings.diagnostics[index].environment = name }
            }
        }
    }

    /// The templates the deployments of `schedule` render: those of the cluster types with
    /// assignments.
    private func templatesUsed(by schedule: EnvironmentSchedule) -> Set<TemplateKey> {
        let namespace = schedule.namespace
        var used = Set<TemplateKey>()
        for name in Set(schedule.assignments.map(\.clusterType)) {
            guard let clusterType = namespace.clusterTypes[name] else { continue }
            for reference in [clusterType.reconciler, clusterType.namespaceService, clusterType.configType] {
                guard let reference, let template = namespace.templates[reference.value] else { continue }
                used.insert(TemplateKey(template))
            }
        }
        return used
    }

    /// Every requirement must be a schema gojsonschema accepts, used or not.
    private mutating func checkSchemas() {
        let requirements =
            plane.configSchemas.compactMap(\.schema)
            + plane.workloads.flatMap { $0.configSchemas + $0.deploymentTargets.flatMap(\.configSchemas) }
        for requirement in requirements {
            _ = schema(requirement)
            _ = requirementID(requirement)
        }
    }

    private mutating func checkConfigValues() {
        for configMap in plane.configMaps {
            for entry in configMap.data where !entry.isStructured {
                for problem in AssignmentConfig.valueProblems(entry, of: configMap, merger: &configCache.merger) {
                    findings.report(problem)
                }
            }
        }
    }

    // MARK: One environment

    private mutating func compile(_ schedule: EnvironmentSchedule) -> EnvironmentTree {
        let started = clock.now
        let namespace = schedule.namespace
        var environmentConfig = EnvironmentConfig(namespace)
        environmentConfig.schemaIDs = environmentConfig.configSchemas.map { requirementID($0.schema) }
        environmentConfig.templates = namespace.templates.mapValues { template in
            ResolvedTemplate(object: template, manifests: manifests[TemplateKey(template)] ?? [])
        }
        let configTime = timings.config
        let environmentID = keepsFiles ? cache?.id(of: RenderingInputs.environment(namespace)) : nil
        var packages = deployAll(schedule, config: environmentConfig, environmentID: environmentID)
        let tree = EnvironmentTree(schedule, packages: &packages, keepsFiles: keepsFiles)
        timings.render += clock.now - started - (timings.config - configTime)
        return tree
    }

    /// One assignment, as the assignment controller processes it; nil when it fails.
    mutating func deploy(_ assignment: Assignment, in schedule: EnvironmentSchedule, config environmentConfig: EnvironmentConfig) -> RenderedAssignment? {
        guard let clusterType = clusterTypeContext(assignment.clusterType, in: schedule, config: environmentConfig),
            let target = targetContext(assignment.deploymentTarget, in: schedule, config: environmentConfig)
        else { return nil }
        let subject = DeploymentSubject(target: target.target.name, clusterType: clusterType.name, environment: schedule.namespace.environment)

        let configStarted = clock.now
        let configured = configure(clusterType: clusterType, target: target, environmentConfig: environmentConfig, namespace: schedule.namespace, subject: subject)
        timings.config += clock.now - configStarted
        guard let composed = configured else { return nil }

        var rendering = AssignmentRendering(
            data: KalypsoTemplateData(
                deploymentTargetName: target.target.name, environment: target.target.environment, labels: target.target.labels, manifests: target.target.manifests,
                clusterTypeName: clusterType.name, configData: composed.data, configIdentity: composed.identity
            ))
        let deployment = Deployment(assignment: assignment, target: target.target, config: composed, subject: subject)
        // Without files: the outcomes of an earlier assignment with the same facts.
        let outcomeKey: AssignmentOutcomeKey?
        switch knownOutcome(of: rendering, clusterType: clusterType.name) {
        case .replayed(let passes):
            guard replay(passes, deployment: deployment), packageLabelsValid(deployment, clusterType: clusterType, target: target) else { return nil }
            return RenderedAssignment(reconciler: [], namespace: [], config: [], contentType: clusterType.contentType, hasFiles: false)
        case .unknown(let key):
            outcomeKey = key
        }
        let rendered = renderAll(clusterType, with: &rendering, deployment: deployment)
        recordOutcome(of: rendering, for: outcomeKey)
        guard let (reconciler, namespaceManifests, config) = rendered,
            packageLabelsValid(deployment, clusterType: clusterType, target: target)
        else { return nil }
        return RenderedAssignment(reconciler: reconciler, namespace: namespaceManifests, config: config, contentType: clusterType.contentType, hasFiles: keepsFiles)
    }

    /// Kalypso labels the AssignmentPackage it creates with the cluster type, workload and
    /// deployment target names; the API server refuses label values longer than 63 characters.
    private mutating func packageLabelsValid(_ deployment: Deployment, clusterType: ClusterTypeContext, target context: TargetContext) -> Bool {
        if clusterType.nameIsLabelValue && context.namesAreLabelValues { return true }
        let problems = AssignmentConfig.packageLabelProblems(clusterType: deployment.assignment.clusterType, target: context.target)
        guard !problems.isEmpty else { return true }
        findings.report(.invalidPackageLabels(deployment: deployment.subject, problems: problems, at: context.target.spec.name.location), for: deployment.subject)
        return false
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
