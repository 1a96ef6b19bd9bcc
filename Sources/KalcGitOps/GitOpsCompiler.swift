import Foundation
import KalcDiagnostics
import KalcJSONSchema
import KalcScheduling
import KalcSemantics
import KalcTemplate
import KalcGo

/// The GitOps tree of one environment: what Kalypso commits to its GitOps branch.
public struct EnvironmentTree: Sendable {
    public var environment: String
    /// The GitOps repository the tree goes to (the first, by name).
    public var gitOps: GitOpsRepoObject?
    /// Path (relative to the repository root) to content.
    public var files: [String: String]
    /// The cluster-type folders of the tree: the top-level folders it owns.
    public var clusterTypes: [String]
    /// Whether Kalypso would push it: a GitOps repository, every policy and every
    /// assignment ready.
    public var isPushed: Bool
}

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
/// validates each deployment's config, renders its templates, and builds each
/// environment's tree.
public struct GitOpsCompiler {
    static let readme = "This folder contains deployment targets scheduled on the cluster type"
    static let promotedCommitPath = ".github/tracking/Promoted_Commit_Id"

    let plane: ControlPlane
    let checks: TemplateChecks

    init(plane: ControlPlane, checks: TemplateChecks, cache: GitOpsCache?, shouldContinue: @escaping () -> Bool, keepsFiles: Bool, threads: Int,
         maxOutputBytes: Int = GitOpsCompiler.maxOutputBytes) {
        self.threads = max(1, threads)
        outputBudget = GitOpsOutputBudget(limit: maxOutputBytes)
        self.plane = plane
        self.checks = checks
        self.cache = cache
        self.shouldContinue = shouldContinue
        self.keepsFiles = keepsFiles
    }
    /// Whether assignments share work (see `compile`).
    private var reusesWork = true
    private var diagnostics: [Diagnostic] = []
    private var manifests: [TemplateKey: [ParsedManifest]] = [:]
    private var schemas: [ExactString: Result<JSONSchema, SchemaError>] = [:]
    private var reportedSchemas = Set<Location>()
    private var missingValues: [Location: MissingValueReport] = [:]
    /// The calls of `keys` and `values` whose random order reaches a manifest, with the
    /// deployments it reaches.
    private var unorderedCalls: [Location: MissingValueReport] = [:]
    private var overrides = Set<String>()
    /// The override warnings among `diagnostics` (by index), by what they are about: parts
    /// compiled on other threads may report the same one, which is then kept once.
    private var overrideIdentities: [Int: String] = [:]
    private var merger = ConfigMerger()
    /// Every read of the manifests, numbered.
    private var readTable = ReadTable()
    /// Without files, the outcome of each manifest's first pass by what it reads: a
    /// manifest is rendered once for all the assignments that give it the same facts.
    private var firstPasses: [FirstPassKey: FirstPass] = [:]
    /// The manifests whose first passes a cache keeps from one compile to the next.
    private var predictedManifests: [ParsedManifest] = []
    /// Every requirement's text, numbered.
    private var requirementIDs: [ExactString: Int] = [:]
    /// What the assignments being deployed (of one environment, on one thread) share.
    private var shared = SharedWork()

    /// What the assignments of an environment deployed on one thread share: numbers given
    /// there mean something there only.
    struct SharedWork {
        /// The facts of the assignment being deployed, kept from one assignment to the next
        /// (without files).
        var factSheet: FactSheet?
        /// The cluster types, and the target deployed last.
        var clusterTypeContexts: [String: ClusterTypeContext] = [:]
        var lastTarget: TargetContext?
        /// Without files, the first passes of assignments, by cluster type and the numbers of
        /// their facts.
        var assignmentOutcomes: [AssignmentOutcomeKey: [RecordedPass]] = [:]
        /// The configs that merged and met their requirements, by cluster type and the number
        /// of the target's config facts.
        var configured: [ConfigureKey: ComposedConfig] = [:]
        var configFactNumbers: [[Int]: Int] = [:]
    }
    /// Whether each composition (by identity) overrides a value, once it has been looked at.
    private var overridesNoted: [Int: Bool] = [:]
    /// Validation, once per composed config (by signature) and requirement.
    private var instances: [Int: ValidationInstance] = [:]
    private var outcomes: [OutcomeKey: RequirementOutcome] = [:]
    private var timings = GitOpsTimings()
    private let clock = ContinuousClock()
    private let cache: GitOpsCache?
    private let shouldContinue: () -> Bool
    /// Whether the trees get their files (not when only the diagnostics are wanted).
    private let keepsFiles: Bool
    private let threads: Int
    /// The bytes of rendered manifests the trees may hold, shared by the parts.
    private let outputBudget: GitOpsOutputBudget
    /// The bytes of rendered manifests one compile keeps, over all its trees, by default.
    /// Each tree is held until the compile writes them all at once; a tree Kalypso pushes
    /// through GitHub's API (100 MB per file at most) is far smaller.
    public static let maxOutputBytes = 256 << 20
    /// Whether the assignment being deployed reported something that a cached result would
    /// not report again (it is then not cached).
    private var assignmentNoted = false
    /// The static diagnostics of each template (by their indices in `diagnostics`), made
    /// errors only for the environments whose deployments render the template.
    private var templateFindings: [(template: TemplateKey, indices: Range<Int>)] = []
    /// The environments whose deployments render each template.
    private var templateUses: [TemplateKey: Set<String>] = [:]
    /// The deployment each diagnostic about one deployment names (by index in `diagnostics`).
    private var deploymentSubjects: [Int: Subject] = [:]

    struct TemplateKey: Hashable {
        var branch: Branch
        var name: String
    }

    struct MissingValueReport {
        var written: String
        var template: String
        var assignments: [String]
        var hint: String?

        /// The first three deployments, and how many more.
        var shownAssignments: String {
            assignments.prefix(3).joined(separator: ", ") + (assignments.count > 3 ? " and \(assignments.count - 3) more" : "")
        }
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
    public static func compile(_ plane: ControlPlane, schedules: [EnvironmentSchedule], sources: [String: SourceFile], only: Set<String>? = nil,
                               cache: GitOpsCache? = nil, shouldContinue: @escaping @Sendable () -> Bool = { true }, keepsFiles: Bool = true,
                               threads: Int = defaultThreads, reusesWork: Bool = true, maxOutputBytes: Int = maxOutputBytes) -> GitOpsCompilation {
        // Templates render on threads with the stack templates need.
        TemplateExecution.onExecutionThread {
            var compiler = GitOpsCompiler(plane: plane, checks: TemplateChecks(sources: sources), cache: cache, shouldContinue: shouldContinue,
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
            for key in templatesUsed(by: schedule) { templateUses[key, default: []].insert(schedule.environment.header.name.value) }
            let first = diagnostics.count
            trees.append(compile(schedule))
            for index in first..<diagnostics.count where diagnostics[index].environment == nil {
                diagnostics[index].environment = schedule.environment.header.name.value
            }
        }
        if let crossing = outputBudget.crossing { diagnostics.append(crossing) }
        settleTemplateFindings()
        diagnostics = DeploymentRepeats.merged(diagnostics, subjects: deploymentSubjects)
        reportMissingValues()
        reportUnorderedCalls()
        if let cache, !predictedManifests.isEmpty {
            var byManifest: [Int: [ManifestReads.Key: FirstPass]] = [:]
            for (key, pass) in firstPasses { byManifest[key.manifest, default: [:]][key.reads] = pass }
            for manifest in predictedManifests {
                cache.storeFirstPasses(byManifest[manifest.id] ?? [:], of: manifest.text.value)
            }
        }
        cache?.endCompile(complete: shouldContinue())
        return GitOpsCompilation(trees: trees, diagnostics: diagnostics, timings: timings)
    }

    // MARK: Static checks

    private mutating func checkTemplates() {
        var count = 0
        for template in plane.templates {
            let first = diagnostics.count
            let parsed = checks.check(template, into: &diagnostics)
            for manifest in parsed {
                manifest.id = count
                count += 1
                // Whether Go's map order reaches the output depends on each deployment's
                // maps: such a manifest is rendered for every deployment.
                if let analysis = manifest.analysis,
                   analysis.functionCalls.contains(where: { TemplateAnalysis.mapOrderFunctions.contains($0.name) && !analysis.orderInsensitiveCalls.contains($0.offset) }) {
                    manifest.reads = nil
                }
                if var reads = manifest.reads {
                    readTable.number(&reads)
                    manifest.reads = reads
                    // What earlier compiles for diagnostics learned of the same text.
                    if let cache, !keepsFiles, reusesWork {
                        for (key, pass) in cache.firstPasses(of: manifest.text.value) {
                            firstPasses[FirstPassKey(manifest: manifest.id, reads: key)] = pass
                        }
                        predictedManifests.append(manifest)
                    }
                }
            }
            let key = TemplateKey(branch: template.header.branch, name: template.header.name.value)
            manifests[key] = parsed
            templateFindings.append((key, first..<diagnostics.count))
            // A template of an environment's branch concerns that environment only.
            if case .environment(let name) = template.header.branch {
                for index in first..<diagnostics.count { diagnostics[index].environment = name }
            }
        }
    }

    /// A template's problems stop Kalypso only where a deployment renders the template: an
    /// error there (naming the environment when there is one), a warning where nothing is
    /// assigned yet, saying it becomes an error once something is.
    private mutating func settleTemplateFindings() {
        for (key, indices) in templateFindings {
            let environments = templateUses[key] ?? []
            for index in indices where diagnostics[index].severity == .error {
                switch environments.count {
                case 0:
                    diagnostics[index].severity = .warning
                    let scope = diagnostics[index].environment.map { " in environment `\($0)`" } ?? ""
                    diagnostics[index].notes.append("No deployment\(scope) is assigned to a cluster type that uses template `\(key.name)`, so Kalypso still pushes; this becomes an error once one is.")
                case 1:
                    diagnostics[index].environment = environments.first
                default:
                    break
                }
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
                used.insert(TemplateKey(branch: template.header.branch, name: template.header.name.value))
            }
        }
        return used
    }

    /// Every requirement must be a schema gojsonschema accepts, used or not.
    private mutating func checkSchemas() {
        let requirements = plane.configSchemas.compactMap(\.schema)
            + plane.workloads.flatMap { $0.configSchemas + $0.deploymentTargets.flatMap(\.configSchemas) }
        for requirement in requirements {
            _ = schema(requirement)
            _ = requirementID(requirement)
        }
    }

    /// The number of a requirement's text (equal texts, equal numbers).
    private mutating func requirementID(_ requirement: Located<String>) -> Int {
        let text = ExactString(requirement.value)
        if let id = requirementIDs[text] { return id }
        requirementIDs[text] = requirementIDs.count
        return requirementIDs.count - 1
    }

    private mutating func checkConfigValues() {
        for configMap in plane.configMaps {
            for entry in configMap.data where !entry.isStructured {
                let value = merger.parse(entry.value)
                switch value {
                case .map, .slice:
                    if KalypsoConfigValue.holdsBytesNotUTF8(entry.value) {
                        diagnostics.append(Diagnostic(.bytesNotUTF8, "config value `\(entry.key.value)` holds `!!binary` bytes that are not UTF-8, which kalc cannot write as Go does", at: entry.location,
                                                      notes: ["Go keeps the decoded bytes as they are: a template prints them raw and `toYaml` writes them back as `!!binary`. kalc's strings are Unicode, so it would write other bytes; it compiles nothing instead."],
                                                      hint: "keep the bytes base64-encoded in a plain string",
                                                      environment: { if case .environment(let name) = configMap.header.branch { name } else { nil } }()))
                    }
                    let kind = { if case .map = value { "map" } else { "list" } }()
                    diagnostics.append(Diagnostic(.configValueBecomesStructure, "Kalypso reads the string value of `\(entry.key.value)` as a YAML \(kind)", at: entry.location,
                                                  notes: ["Kalypso parses every config value as YAML; text with `: `, or starting with `- `, `[` or `{`, becomes a structure."],
                                                  hint: "wrap the value in single quotes inside the string (\"'...'\") to keep it a string, or write it as a kalc \(kind) if a \(kind) is meant"))
                default:
                    guard let error = KalypsoConfigValue.depthError(entry.value) else { continue }
                    diagnostics.append(Diagnostic(.configValueTooDeep, "config value `\(entry.key.value)` nests too deeply for Kalypso to read as YAML, so it stays a string", at: entry.location,
                                                  notes: ["Kalypso's YAML reader stops with `\(error)`, and Kalypso then keeps the whole text as a string."],
                                                  hint: "flatten the structure, or quote the value (\"'...'\") if a string is meant"))
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
            ResolvedTemplate(object: template, manifests: manifests[TemplateKey(branch: template.header.branch, name: template.header.name.value)] ?? [])
        }
        let configTime = timings.config
        let environment = schedule.environment.header.name.value
        let environmentID = keepsFiles ? cache?.id(of: RenderingInputs.environment(namespace)) : nil
        var packages = deployAll(schedule, config: environmentConfig, environmentID: environmentID)
        var files: [String: String] = [:]
        let clusterTypes = namespace.clusterTypes.keys.sorted()
        for clusterType in clusterTypes {
            files[clusterType + "/README.md"] = Self.readme
        }
        let allReady = packages.count == schedule.assignments.count && !packages.contains { $0 == nil }
        if keepsFiles {
            // Each package is let go once its files are made, so that its manifests and the
            // files joined from them are not both held.
            for (index, assignment) in zip(packages.indices, schedule.assignments) {
                guard let package = packages[index] else { continue }
                packages[index] = nil
                let folder = "\(assignment.clusterType)/\(assignment.deploymentTarget)/"
                files[folder + "reconciler.yaml"] = Self.file(of: package.reconciler)
                files[folder + "namespace.yaml"] = Self.file(of: package.namespace)
                let config = Self.file(of: package.config)
                if !config.isEmpty {
                    files[folder + "platform-config." + (package.contentType == "sh" ? "sh" : "yaml")] = config
                }
            }
        }
        if let base = namespace.baseRepos["main"], let commit = base.spec.commit, !commit.isEmpty {
            files[Self.promotedCommitPath] = commit
        }
        let gitOps = namespace.gitOpsRepos.keys.sorted().first.flatMap { namespace.gitOpsRepos[$0] }
        let pushed = gitOps != nil && !schedule.hasFailedPolicy && allReady && !environment.contains("-")
        timings.render += clock.now - started - (timings.config - configTime)
        return EnvironmentTree(environment: environment, gitOps: gitOps, files: files, clusterTypes: clusterTypes, isPushed: pushed)
    }

    /// The file of a template's manifests, as Kalypso joins them; one manifest is the
    /// file itself, not a copy.
    static func file(of manifests: [String]) -> String {
        manifests.count == 1 ? manifests[0] : manifests.joined(separator: "---\n")
    }

    /// Deploys every assignment of `schedule`, in parts on several threads when there are
    /// many: each part on a copy of this compiler, whose findings are then taken in the
    /// order of the assignments, exactly as one thread would have made them. Nil for an
    /// assignment that fails; fewer results than assignments when the compile was stopped.
    private mutating func deployAll(_ schedule: EnvironmentSchedule, config: EnvironmentConfig, environmentID: Int?) -> [RenderedAssignment?] {
        let count = schedule.assignments.count
        let parts = min(threads, count / Self.assignmentsPerThread)
        guard parts > 1 else {
            return deploy(schedule.assignments[...], in: schedule, config: config, environmentID: environmentID)
        }
        let bounds = (0...parts).map { $0 * count / parts }
        let partResults = PartResults(workers: (0..<parts).map { _ in self.forPart() })
        let started = clock.now
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let clock = ContinuousClock()
            let partStarted = clock.now
            let finished = TemplateExecution.onExecutionThread {
                var worker = partResults.worker(part)
                let packages = worker.deploy(schedule.assignments[bounds[part]..<bounds[part + 1]], in: schedule, config: config, environmentID: environmentID)
                return (worker, packages)
            }
            partResults.finish(part, worker: finished.0, packages: finished.1, busy: clock.now - partStarted)
        }
        let wall = clock.now - started
        var packages: [RenderedAssignment?] = []
        for part in 0..<parts {
            let (worker, results, _) = partResults.result(part)
            take(worker)
            packages += results
            if results.count < bounds[part + 1] - bounds[part] { break }
        }
        // The parts ran side by side: the config's share of their busy time, of the wall time.
        let busy = (0..<parts).map { partResults.result($0).busy }.reduce(Duration.zero, +)
        let config = (0..<parts).map { partResults.result($0).worker.timings.config }.reduce(Duration.zero, +)
        if busy > .zero { timings.config += wall * (config / busy) }
        for part in 0..<parts {
            let counted = partResults.result(part).worker.timings
            timings.manifestsRendered += counted.manifestsRendered
            timings.firstPassesReused += counted.firstPassesReused
        }
        return packages
    }

    /// The compilers of the parts of an environment and what each made, filled in by the
    /// threads that deploy them.
    private final class PartResults: @unchecked Sendable {
        private let lock = NSLock()
        private var workers: [GitOpsCompiler]
        private var packages: [[RenderedAssignment?]]
        private var busy: [Duration]

        init(workers: [GitOpsCompiler]) {
            self.workers = workers
            packages = Array(repeating: [], count: workers.count)
            busy = Array(repeating: .zero, count: workers.count)
        }

        func worker(_ part: Int) -> GitOpsCompiler {
            lock.withLock { workers[part] }
        }

        func finish(_ part: Int, worker: GitOpsCompiler, packages: [RenderedAssignment?], busy: Duration) {
            lock.withLock {
                workers[part] = worker
                self.packages[part] = packages
                self.busy[part] = busy
            }
        }

        func result(_ part: Int) -> (worker: GitOpsCompiler, packages: [RenderedAssignment?], busy: Duration) {
            lock.withLock { (workers[part], packages[part], busy[part]) }
        }
    }

    /// The threads that render, by default: one per processor, at most 8.
    public static let defaultThreads = Parallel.defaultThreads
    /// How many assignments make a thread worth starting.
    static let assignmentsPerThread = 32

    /// A copy that starts a part with no findings of its own.
    private func forPart() -> GitOpsCompiler {
        var part = self
        part.diagnostics = []
        part.missingValues = [:]
        part.unorderedCalls = [:]
        part.overrideIdentities = [:]
        part.deploymentSubjects = [:]
        part.templateFindings = []
        part.timings = GitOpsTimings()
        return part
    }

    /// Takes a part's findings after this compiler's own, as if it had made them.
    private mutating func take(_ part: GitOpsCompiler) {
        firstPasses.merge(part.firstPasses) { known, _ in known }
        for (index, diagnostic) in part.diagnostics.enumerated() {
            if let identity = part.overrideIdentities[index], !overrides.insert(identity).inserted { continue }
            if let subject = part.deploymentSubjects[index] { deploymentSubjects[diagnostics.count] = subject }
            diagnostics.append(diagnostic)
        }
        for (location, report) in part.unorderedCalls.sorted(by: { $0.key < $1.key }) {
            if unorderedCalls[location] == nil { unorderedCalls[location] = report } else { unorderedCalls[location]?.assignments += report.assignments }
        }
        for (location, report) in part.missingValues.sorted(by: { $0.key < $1.key }) {
            guard var existing = missingValues[location] else {
                missingValues[location] = report
                continue
            }
            existing.assignments += report.assignments
            existing.hint = existing.hint ?? report.hint
            missingValues[location] = existing
        }
    }

    /// Deploys `assignments` in order, through the cache when there is one.
    private mutating func deploy(_ assignments: ArraySlice<Assignment>, in schedule: EnvironmentSchedule, config environmentConfig: EnvironmentConfig,
                                 environmentID: Int?) -> [RenderedAssignment?] {
        let namespace = schedule.namespace
        var clusterTypeIDs: [String: Int] = [:]
        var targetIDs: [String: Int] = [:]
        var packages: [RenderedAssignment?] = []
        packages.reserveCapacity(assignments.count)
        shared = SharedWork(factSheet: keepsFiles || !reusesWork ? nil : FactSheet(table: readTable))
        defer { shared = SharedWork() }
        for assignment in assignments {
            guard shouldContinue(), !outputBudget.isSpent else { break }
            var key: AssignmentKey?
            // Without files, sharing work within the compile costs less than these keys.
            if let cache, keepsFiles, let environmentID, let clusterType = namespace.clusterTypes[assignment.clusterType],
               let target = schedule.deploymentTargets[assignment.deploymentTarget] {
                let clusterTypeID = clusterTypeIDs[assignment.clusterType] ?? cache.id(
                    of: RenderingInputs.clusterType(clusterType, labels: environmentConfig.clusterTypeLabels[assignment.clusterType] ?? [:]))
                let targetID = targetIDs[assignment.deploymentTarget] ?? cache.id(of: RenderingInputs.target(target))
                clusterTypeIDs[assignment.clusterType] = clusterTypeID
                targetIDs[assignment.deploymentTarget] = targetID
                key = AssignmentKey(environment: environmentID, clusterType: clusterTypeID, target: targetID)
            }
            let cached = key.flatMap { cache?[$0] }.flatMap { !keepsFiles || $0.hasFiles ? $0 : nil }
            let diagnosticCount = diagnostics.count
            assignmentNoted = false
            let package = cached ?? deploy(assignment, in: schedule, config: environmentConfig)
            if cached == nil, let package, let key, diagnostics.count == diagnosticCount, !assignmentNoted {
                cache?.store(package, for: key)
            }
            packages.append(package)
        }
        return packages
    }

    /// What every assignment of an environment shares: its platform config, the labels of
    /// its cluster types and its config schemas, prepared once.
    struct EnvironmentConfig: Sendable {
        var platformConfig: NamespaceConfig
        var clusterTypeLabels: [String: [String: String]]
        /// The ConfigSchemas with a schema, in name order.
        var configSchemas: [(labels: [String: String], schema: Located<String>)]
        /// The namespace's templates, by name, with their parsed manifests.
        var templates: [String: ResolvedTemplate] = [:]

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

        /// Every condition on targets that decides which configs and schemas apply: a
        /// target's config depends on nothing else of it.
        var targetConditions: [NamespaceConfig.TargetCondition]

        /// For each cluster type, the ConfigSchemas it does not rule out, with what a target
        /// must satisfy for each to apply.
        var schemaPlans: [String: [(index: Int, conditions: [NamespaceConfig.TargetCondition])]]
        /// The numbers of the ConfigSchemas' requirements (by index in `configSchemas`).
        var schemaIDs: [Int] = []

        /// The ConfigSchemas a cluster type does not rule out (by index), each with what a
        /// target must satisfy for it to apply.
        static func schemaPlan(_ configSchemas: [(labels: [String: String], schema: Located<String>)], clusterType: String,
                               labels: [String: String]) -> [(index: Int, conditions: [NamespaceConfig.TargetCondition])] {
            configSchemas.enumerated().compactMap { index, schema in
                NamespaceConfig.conditions(schema.labels, clusterType: clusterType, clusterTypeLabels: labels).map { (index, $0) }
            }
        }
    }

    /// One assignment, as the assignment controller processes it; nil when it fails.
    private mutating func deploy(_ assignment: Assignment, in schedule: EnvironmentSchedule, config environmentConfig: EnvironmentConfig) -> RenderedAssignment? {
        guard let clusterType = clusterTypeContext(assignment.clusterType, in: schedule, config: environmentConfig),
              let target = targetContext(assignment.deploymentTarget, in: schedule, config: environmentConfig) else { return nil }
        let subject = Subject(target: target.target.name, clusterType: clusterType.name, environment: schedule.namespace.environment)

        let configStarted = clock.now
        let configured = configure(clusterType: clusterType, target: target, environmentConfig: environmentConfig, namespace: schedule.namespace, subject: subject)
        timings.config += clock.now - configStarted
        guard let composed = configured else { return nil }

        var rendering = AssignmentRendering(data: KalypsoTemplateData(
            deploymentTargetName: target.target.name, environment: target.target.environment, labels: target.target.labels, manifests: target.target.manifests,
            clusterTypeName: clusterType.name, configData: composed.data, configIdentity: composed.identity
        ))
        // Without files: the outcomes of an earlier assignment with the same facts.
        var outcomeKey: AssignmentOutcomeKey?
        shared.factSheet?.start(rendering.data)
        if let scopes = shared.factSheet?.scopes {
            let key = AssignmentOutcomeKey(clusterType: clusterType.name, scopes: scopes)
            if let passes = shared.assignmentOutcomes[key] {
                guard replay(passes, assignment: assignment, target: target.target, config: composed, subject: subject),
                      packageLabelsValid(assignment, clusterType: clusterType, target: target, subject: subject) else { return nil }
                return RenderedAssignment(reconciler: [], namespace: [], config: [], contentType: clusterType.contentType, hasFiles: false)
            }
            outcomeKey = key
        }
        let rendered = renderAll(clusterType, with: &rendering, assignment: assignment, target: target.target, config: composed, subject: subject)
        if let outcomeKey, let passes = rendering.passes {
            shared.assignmentOutcomes[outcomeKey] = passes
        }
        guard let (reconciler, namespaceManifests, config) = rendered,
              packageLabelsValid(assignment, clusterType: clusterType, target: target, subject: subject) else { return nil }
        return RenderedAssignment(reconciler: reconciler, namespace: namespaceManifests, config: config, contentType: clusterType.contentType, hasFiles: keepsFiles)
    }

    /// The three templates of an assignment, rendered; nil when one fails.
    private mutating func renderAll(_ clusterType: ClusterTypeContext, with rendering: inout AssignmentRendering, assignment: Assignment, target: DeploymentTarget,
                                    config: ComposedConfig, subject: Subject) -> (reconciler: [String], namespace: [String], config: [String])? {
        // Kalypso stops at the first template it does not find; each one it would not find
        // fails every deployment on the cluster type, so each is reported.
        let missing = [clusterType.reconciler, clusterType.namespaceService, clusterType.configType].compactMap { $0 }.filter { $0.template == nil }
        if !missing.isEmpty {
            rendering.passes = nil
            for found in missing { reportMissingTemplate(found.reference, assignment: assignment, target: target, subject: subject) }
            return nil
        }
        guard let reconciler = render(clusterType.reconciler, with: &rendering, assignment: assignment, target: target, config: config, subject: subject),
              let namespace = render(clusterType.namespaceService, with: &rendering, assignment: assignment, target: target, config: config, subject: subject),
              let configManifests = render(clusterType.configType, with: &rendering, assignment: assignment, target: target, config: config, subject: subject)
        else { return nil }
        return (reconciler, namespace, configManifests)
    }

    /// Goes through the first passes another assignment went through, reporting what they
    /// report for this one; false when one fails.
    private mutating func replay(_ passes: [RecordedPass], assignment: Assignment, target: DeploymentTarget, config: ComposedConfig, subject: Subject) -> Bool {
        timings.firstPassesReused += passes.count
        for pass in passes {
            switch pass.outcome {
            case .rendered(let offsets):
                noteMissingValues(offsets, manifest: pass.manifest, template: pass.template, assignment: assignment, target: target, config: config)
            case .failed(let error):
                reportExecution(error, manifest: pass.manifest, template: pass.template, subject: subject)
                return false
            }
        }
        return true
    }

    /// What the assignments on one cluster type share, worked out once per part.
    final class ClusterTypeContext {
        let object: ClusterTypeObject
        let name: String
        /// Its labels, the namespace's view of them.
        let labels: [String: String]
        let configPlan: NamespaceConfig.ClusterTypePlan
        let schemaPlan: [(index: Int, conditions: [NamespaceConfig.TargetCondition])]
        /// Its templates: each as referenced, and found (nil when the namespace has none of
        /// that name).
        let reconciler: (reference: Located<String>, template: ResolvedTemplate?)?
        let namespaceService: (reference: Located<String>, template: ResolvedTemplate?)?
        let configType: (reference: Located<String>, template: ResolvedTemplate?)?
        /// The content type of its config template.
        let contentType: String
        let nameIsLabelValue: Bool

        init(_ object: ClusterTypeObject, config: EnvironmentConfig) {
            self.object = object
            name = object.header.name.value
            labels = config.clusterTypeLabels[name] ?? [:]
            configPlan = config.platformConfig.plan(for: name, labels: labels)
            schemaPlan = config.schemaPlans[name] ?? EnvironmentConfig.schemaPlan(config.configSchemas, clusterType: name, labels: labels)
            func resolved(_ reference: Located<String>?) -> (reference: Located<String>, template: ResolvedTemplate?)? {
                reference.map { ($0, config.templates[$0.value]) }
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

        init(_ target: DeploymentTarget, requirementIDs: [Int], configFacts: [Int]) {
            self.target = target
            self.requirementIDs = requirementIDs
            self.configFacts = configFacts
            namesAreLabelValues = KubernetesNames.isLabelValue(target.name) && KubernetesNames.isLabelValue(target.workload.header.name.value)
        }
    }

    /// The assignments of a cluster type whose targets have the same config facts get the
    /// same config.
    struct ConfigureKey: Hashable {
        var clusterType: String
        var configFacts: Int
    }

    private mutating func clusterTypeContext(_ name: String, in schedule: EnvironmentSchedule, config: EnvironmentConfig) -> ClusterTypeContext? {
        if let known = shared.clusterTypeContexts[name] { return known }
        guard let object = schedule.namespace.clusterTypes[name] else { return nil }
        let context = ClusterTypeContext(object, config: config)
        shared.clusterTypeContexts[name] = context
        return context
    }

    /// The context of a target: the last one's again while assignments of the same target
    /// follow one another (they are sorted by name, which starts with the target's).
    private mutating func targetContext(_ name: String, in schedule: EnvironmentSchedule, config: EnvironmentConfig) -> TargetContext? {
        if let last = shared.lastTarget, last.target.name == name { return last }
        guard let target = schedule.deploymentTargets[name] else { return nil }
        let requirementIDs = target.configSchemas.map { requirementID($0) }
        // The conditions it meets (as bits) and its requirements.
        var facts: [Int] = []
        facts.reserveCapacity(config.targetConditions.count / 64 + 2 + requirementIDs.count)
        var bits = 0
        for (index, condition) in config.targetConditions.enumerated() {
            if condition.holds(for: target) { bits |= 1 << (index % 64) }
            if index % 64 == 63 {
                facts.append(bits)
                bits = 0
            }
        }
        facts.append(bits)
        facts.append(-1)
        facts += requirementIDs
        let context = TargetContext(target, requirementIDs: requirementIDs, configFacts: facts)
        shared.lastTarget = context
        return context
    }

    /// The deployment an assignment makes, as diagnostics name it (made into text only when
    /// one is reported).
    struct Subject: CustomStringConvertible {
        var target: String
        var clusterType: String
        var environment: String

        var description: String { "deployment target `\(target)` on cluster type `\(clusterType)` in environment `\(environment)`" }
    }

    /// The composed config of an assignment, if it merges and meets every requirement
    /// (else nil, reported).
    private mutating func configure(clusterType: ClusterTypeContext, target: TargetContext, environmentConfig: EnvironmentConfig, namespace: Namespace,
                                    subject: Subject) -> ComposedConfig? {
        let key = ConfigureKey(clusterType: clusterType.name, configFacts: configFactNumber(target.configFacts))
        if reusesWork, let known = shared.configured[key] {
            reportOverrides(known)
            return known
        }
        let composed: ComposedConfig
        switch environmentConfig.platformConfig.compose(clusterType.configPlan, target: target.target, merger: &merger) {
        case .success(let config):
            composed = config
        case .failure(let failure):
            let location = failure.sources.last?.entry.location ?? clusterType.object.header.name.location
            report(Diagnostic(.configMergePanic, "Kalypso cannot merge the values of `\(failure.key)` for \(subject): \(failure.message)", at: location,
                                          labels: failure.sources.dropLast().map { DiagnosticLabel($0.entry.location, "merged with this value of config `\($0.configMap)`") },
                                          notes: ["Kalypso's controller panics; the deployment never becomes ready and no issue is opened."]), for: subject)
            return nil
        }
        reportOverrides(composed)
        guard validate(composed, target: target, clusterType: clusterType, environmentConfig: environmentConfig, namespace: namespace, subject: subject) else { return nil }
        shared.configured[key] = composed
        return composed
    }

    /// The number of a target's config facts (equal facts, equal numbers).
    private mutating func configFactNumber(_ facts: [Int]) -> Int {
        if let known = shared.configFactNumbers[facts] { return known }
        shared.configFactNumbers[facts] = shared.configFactNumbers.count
        return shared.configFactNumbers.count - 1
    }

    /// Kalypso labels the AssignmentPackage it creates with the cluster type, workload and
    /// deployment target names; the API server refuses label values longer than 63 characters.
    private mutating func packageLabelsValid(_ assignment: Assignment, clusterType: ClusterTypeContext, target context: TargetContext, subject: Subject) -> Bool {
        if clusterType.nameIsLabelValue && context.namesAreLabelValues { return true }
        let target = context.target
        let labels = [("cluster-type", assignment.clusterType), ("workload", target.workload.header.name.value), ("deployment-target", target.name)]
        let problems = labels.flatMap { label, value in KubernetesNames.labelValueProblems(value).map { "label `\(label)` value `\(value)` \($0)" } }
        guard !problems.isEmpty else { return true }
        report(Diagnostic(.invalidComposedName, "Kalypso cannot create the assignment package of \(subject): \(problems.joined(separator: "; "))", at: target.spec.name.location,
                                      notes: ["Kalypso labels the package with the names of the cluster type, workload and deployment target; the API server refuses it, and Kalypso fails the deployment and opens an issue."],
                                      hint: "shorten the workload or target name"), for: subject)
        return false
    }

    // MARK: Config

    private mutating func reportOverrides(_ composed: ComposedConfig) {
        // What a composition reports, it reports the first time.
        if let noted = overridesNoted[composed.identity] {
            if noted { assignmentNoted = true }
            return
        }
        let wasNoted = assignmentNoted
        assignmentNoted = false
        defer {
            overridesNoted[composed.identity] = assignmentNoted
            assignmentNoted = assignmentNoted || wasNoted
        }
        for key in composed.overriddenKeys {
            guard let sources = composed.sources[key] else { continue }
            let values = sources.map { merger.parse($0.entry.value) }
            let scalars = zip(sources, values).filter { if case .string = $0.1 { true } else { false } }
            guard scalars.count > 1, let winner = scalars.last, Set(scalars.map(\.0.entry.value)).count > 1 else { continue }
            assignmentNoted = true
            for loser in scalars.dropLast() where loser.0.entry.value != winner.0.entry.value {
                let identity = "\(loser.0.entry.location)|\(winner.0.entry.location)"
                guard overrides.insert(identity).inserted else { continue }
                overrideIdentities[diagnostics.count] = identity
                diagnostics.append(Diagnostic(.configOverridden, "config `\(loser.0.configMap)` sets `\(key)`, but config `\(winner.0.configMap)` sets it too and wins", at: loser.0.entry.location,
                                              labels: [DiagnosticLabel(winner.0.entry.location, "this value wins")],
                                              notes: ["Kalypso applies the configs that match a deployment in the order of their names, and the last value of a key wins."],
                                              hint: "rename the config meant to override so that it sorts after `\(winner.0.configMap)`, or narrow its labels"))
            }
        }
    }

    /// Validates the composed config against the ConfigSchemas that apply and the target's
    /// schemas; reports each failure and returns whether all passed.
    private mutating func validate(_ composed: ComposedConfig, target context: TargetContext, clusterType: ClusterTypeContext, environmentConfig: EnvironmentConfig,
                                   namespace: Namespace, subject: Subject) -> Bool {
        let target = context.target
        var requirements: [(text: Located<String>, id: Int)] = []
        let configSchemas = environmentConfig.configSchemas
        for (index, conditions) in clusterType.schemaPlan where conditions.allSatisfy({ $0.holds(for: target) }) {
            requirements.append((configSchemas[index].schema, environmentConfig.schemaIDs[index]))
        }
        requirements += zip(target.configSchemas, context.requirementIDs).map { (text: $0, id: $1) }
        guard !requirements.isEmpty else { return true }

        let instance = validationInstance(composed)
        var messages: [String] = []
        var failures: [(Located<String>, [String], [SchemaViolation])] = []
        for (requirement, id) in requirements {
            let key = OutcomeKey(config: composed.identity, requirement: id)
            let outcome: RequirementOutcome
            if let known = outcomes[key] {
                outcome = known
            } else {
                outcome = check(requirement, instance: instance)
                outcomes[key] = outcome
            }
            if let message = outcome.kalypsoMessage {
                messages.append(message)
                failures.append((requirement, outcome.descriptions, outcome.violations))
            }
        }
        guard !messages.isEmpty else { return true }
        let body = "Config data validation failed: \n " + messages.joined(separator: "\n")
        let title = "Can't generate manifests for deplyment target \(target.name) in cluster type \(clusterType.name) in \(namespace.environment) environment"
        let contributors = Dictionary(grouping: composed.sources.values.flatMap { $0 }, by: \.configMap)
        for (requirement, descriptions, violations) in failures {
            var labels: [DiagnosticLabel] = []
            for name in contributors.keys.sorted() {
                guard let configMap = namespace.configMaps[name] else { continue }
                labels.append(DiagnosticLabel(configMap.header.name.location, "config `\(name)` applies to this deployment"))
            }
            var notes: [String] = []
            if contributors.isEmpty { notes.append("No config applies to this deployment.") }
            notes += conversionNotes(violations, composed: composed)
            notes.append("Kalypso fails the deployment and opens the issue “\(title)”:\n\(body)")
            report(Diagnostic(.configRequirementNotMet, "\(subject) does not get the config it requires: \(descriptions.joined(separator: "; "))", at: requirement.location,
                                          labels: labels, notes: notes, hint: nearMissHint(violations, composed: composed)), for: subject)
        }
        return false
    }

    /// The config as Kalypso validates it: numeric strings converted, as a JSON document.
    private mutating func validationInstance(_ composed: ComposedConfig) -> ValidationInstance {
        if let known = instances[composed.identity] { return known }
        let instance: ValidationInstance
        switch KalypsoValidationInput.json(KalypsoValidationInput.converted(composed.data)) {
        case .success(let text):
            instance = (try? JSONParser.parse(text)).map { .document($0) } ?? .refused("invalid JSON")
        case .failure(let error):
            instance = .refused(error.message)
        }
        instances[composed.identity] = instance
        return instance
    }

    struct OutcomeKey: Hashable {
        var config: Int
        /// The requirement's number.
        var requirement: Int
    }

    struct RequirementOutcome {
        var kalypsoMessage: String?
        /// Whether the schema itself is invalid (reported once, where it is written).
        var isInvalidSchema = false
        var descriptions: [String] = []
        var violations: [SchemaViolation] = []
    }

    /// One schema against the config, with Kalypso's message when it fails.
    /// The config as a JSON document, or why json-iterator refuses it.
    enum ValidationInstance {
        case document(JSONValue)
        case refused(String)
    }

    private mutating func check(_ requirement: Located<String>, instance: ValidationInstance) -> RequirementOutcome {
        let compiled: JSONSchema
        switch schema(requirement) {
        case .success(let schema): compiled = schema
        case .failure(let error): return RequirementOutcome(kalypsoMessage: error.message, isInvalidSchema: true, descriptions: ["its schema is invalid: \(error.message)"])
        }
        let value: JSONValue
        switch instance {
        case .document(let parsed): value = parsed
        case .refused(let message): return RequirementOutcome(kalypsoMessage: message, descriptions: [message])
        }
        let violations: [SchemaViolation]
        do {
            violations = try compiled.validate(value)
        } catch {
            return RequirementOutcome(kalypsoMessage: "unable to validate schema: \(error.message)", descriptions: [error.message])
        }
        guard !violations.isEmpty else { return RequirementOutcome() }
        let lines = violations.map { "- \($0.gojsonschemaText)\n" }
            .sorted { $0.replacingAll(" (root):", with: "") < $1.replacingAll(" (root):", with: "") }
        let message = lines.joined().replacingAll(" (root):", with: "")
        let descriptions = violations.map { $0.field == "(root)" ? $0.description : "\($0.field): \($0.description)" }
        return RequirementOutcome(kalypsoMessage: message, descriptions: descriptions, violations: violations)
    }

    /// The compiled schema of a requirement; an invalid one is reported once, where it is written.
    private mutating func schema(_ requirement: Located<String>) -> Result<JSONSchema, SchemaError> {
        if let cached = schemas[ExactString(requirement.value)] {
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
        schemas[ExactString(requirement.value)] = result
        return result
    }

    private mutating func reportInvalidSchema(_ requirement: Located<String>, _ error: SchemaError) {
        guard reportedSchemas.insert(requirement.location).inserted else { return }
        var location = requirement.location
        if let offset = error.byteOffset {
            location = checks.location(of: offset, in: requirement)
        }
        diagnostics.append(Diagnostic(.invalidSchema, "this requirement is not a valid JSON Schema: \(error.message)\(error.pointer.isEmpty ? "" : " (at \(error.pointer))")", at: location,
                                      notes: ["Kalypso fails every deployment this schema applies to."]))
    }

    /// Notes for type failures that Kalypso's conversion of numeric strings caused.
    private func conversionNotes(_ violations: [SchemaViolation], composed: ComposedConfig) -> [String] {
        guard case .map(let map) = composed.data else { return [] }
        var notes: [String] = []
        for violation in violations where violation.type == "invalid_type" {
            let key = violation.field
            guard case .string(let text)? = map.entries[.string(key)], case .map(let converted) = KalypsoValidationInput.converted(.map(GoMap(keyType: .string, valueType: .interface, entries: [.string(key): .string(text)]))),
                  let value = converted.entries[.string(key)], value != .string(text) else { continue }
            notes.append("Kalypso turns the string \"\(text)\" of `\(key)` into a number before validating, so a schema asking for a string cannot accept it.")
        }
        return notes
    }

    /// "did you mean" for a required key that a config sets under a close name.
    private func nearMissHint(_ violations: [SchemaViolation], composed: ComposedConfig) -> String? {
        for violation in violations where violation.type == "required" {
            guard let property = violation.description.components(separatedBy: " is required").first else { continue }
            if let close = closestName(to: property, among: Array(composed.sources.keys)), let source = composed.sources[close]?.last {
                return "config `\(source.configMap)` sets `\(close)`; did you mean `\(property)`?"
            }
            return "add `\(property) = ...` to a config that applies to this deployment"
        }
        return nil
    }

    // MARK: Templates

    /// The rendering of one assignment's templates: its template data, and the templater
    /// made from it once a manifest has to be rendered.
    struct AssignmentRendering {
        let data: KalypsoTemplateData
        private(set) var templater: Templater?
        /// Whether the data is still as Kalypso built it: no manifest that could change it
        /// (with `set`, `merge`, ...) has been rendered.
        var isPristine = true

        init(data: KalypsoTemplateData) {
            self.data = data
        }

        /// The calls of `keys` and `values` of the last manifest rendered whose order Go
        /// leaves to chance.
        var unorderedOffsets: [Int] { templater?.unorderedOffsets ?? [] }

        mutating func render(_ manifest: ParsedManifest) throws(TemplateError) -> (output: String, rerenders: Int, missingValueOffsets: [Int]) {
            var templater = self.templater ?? Templater(data)
            self.templater = nil
            defer { self.templater = templater }
            if manifest.reads == nil { isPristine = false }
            let output = try templater.render(manifest.text.value, parsed: manifest.template)
            return (output, templater.rerenders, templater.missingValueOffsets)
        }
        /// The first passes of the assignment's manifests, in order, while each is known
        /// from its reads (nil once one is not).
        var passes: [RecordedPass]? = []
    }

    /// A manifest's first pass, as an assignment went through it.
    struct RecordedPass {
        let manifest: ParsedManifest
        let template: String
        let outcome: FirstPass
    }

    /// What the assignments of a cluster type whose facts have the same numbers go through.
    struct AssignmentOutcomeKey: Hashable {
        var clusterType: String
        var scopes: FactSheet.Scopes
    }

    /// A template and its parsed manifests.
    final class ResolvedTemplate: @unchecked Sendable {
        let object: TemplateObject
        let manifests: [ParsedManifest]

        init(object: TemplateObject, manifests: [ParsedManifest]) {
            self.object = object
            self.manifests = manifests
        }
    }

    struct FirstPassKey: Hashable {
        var manifest: Int
        var reads: ManifestReads.Key
    }

    enum FirstPass {
        case rendered(missingValueOffsets: [Int])
        case failed(TemplateError)
    }

    /// Renders one template of an assignment; nil when it fails (reported). Without files,
    /// the output is not kept, and a manifest whose first pass gave an outcome for the same
    /// reads before is not rendered again.
    private mutating func render(_ found: (reference: Located<String>, template: ResolvedTemplate?)?, with rendering: inout AssignmentRendering, assignment: Assignment,
                                 target: DeploymentTarget, config: ComposedConfig, subject: Subject) -> [String]? {
        guard let (reference, resolved) = found else {
            rendering.passes = nil
            return nil
        }
        guard let resolved else {
            // Reported by `renderAll`.
            rendering.passes = nil
            return nil
        }
        let template = resolved.object
        var output: [String] = []
        for manifest in resolved.manifests {
            guard manifest.template != nil else {
                rendering.passes = nil
                if let error = manifest.parseError {
                    report(Diagnostic(.templateSyntax, "template `\(template.header.name.value)` does not parse, so Kalypso fails \(subject)",
                                                  at: checks.location(of: error.offset, in: manifest.text),
                                                  notes: [issueNote(target: target, clusterType: assignment.clusterType, body: error.message)]), for: subject)
                }
                return nil
            }
            var firstPassKey: FirstPassKey?
            if rendering.isPristine, let reads = manifest.reads, let facts = shared.factSheet?.key(for: reads) {
                let key = FirstPassKey(manifest: manifest.id, reads: facts)
                let known = firstPasses[key]
                if let known {
                    timings.firstPassesReused += 1
                    rendering.passes?.append(RecordedPass(manifest: manifest, template: template.header.name.value, outcome: known))
                }
                switch known {
                case .rendered(let offsets)?:
                    noteMissingValues(offsets, manifest: manifest, template: template.header.name.value, assignment: assignment, target: target, config: config)
                    continue
                case .failed(let error)?:
                    reportExecution(error, manifest: manifest, template: template.header.name.value, subject: subject)
                    return nil
                case nil:
                    firstPassKey = key
                }
            }
            let rendered: (output: String, rerenders: Int, missingValueOffsets: [Int])
            timings.manifestsRendered += 1
            do {
                rendered = try rendering.render(manifest)
            } catch {
                if let firstPassKey, rendering.templater?.rerenders == 0, error.kind != .limit {
                    firstPasses[firstPassKey] = .failed(error)
                    rendering.passes?.append(RecordedPass(manifest: manifest, template: template.header.name.value, outcome: .failed(error)))
                } else {
                    rendering.passes = nil
                }
                reportExecution(error, manifest: manifest, template: template.header.name.value, subject: subject)
                return nil
            }
            if let firstPassKey, rendered.rerenders == 0, let reads = manifest.reads,
               rendered.output.utf8.count + reads.printedCount * ManifestReads.printedLimit < ExecutionLimits().maxOutputBytes {
                firstPasses[firstPassKey] = .rendered(missingValueOffsets: rendered.missingValueOffsets)
                rendering.passes?.append(RecordedPass(manifest: manifest, template: template.header.name.value, outcome: .rendered(missingValueOffsets: rendered.missingValueOffsets)))
            } else {
                rendering.passes = nil
            }
            noteMissingValues(rendered.missingValueOffsets, manifest: manifest, template: template.header.name.value, assignment: assignment, target: target, config: config)
            noteUnorderedCalls(rendering.unorderedOffsets, manifest: manifest, template: template.header.name.value, assignment: assignment, target: target)
            if keepsFiles, !rendered.output.isEmpty {
                switch outputBudget.charge(rendered.output.utf8.count) {
                case .kept:
                    output.append(rendered.output)
                case .crossed:
                    outputBudget.report(at: manifest.text.location, template: template.header.name.value, subject: subject.description, environment: subject.environment)
                    return nil
                case .spent:
                    return nil
                }
            }
        }
        return output
    }

    /// Reports a problem of one deployment (problems alike but for the deployment are merged
    /// into one at the end).
    private mutating func report(_ diagnostic: Diagnostic, for subject: Subject) {
        deploymentSubjects[diagnostics.count] = subject
        diagnostics.append(diagnostic)
    }

    /// Reports a template Kalypso does not find for a deployment: unknown (K0101), or
    /// declared in the main branch, which does not reach the environment (K0306).
    private mutating func reportMissingTemplate(_ reference: Located<String>, assignment: Assignment, target: DeploymentTarget, subject: Subject) {
        let notes = [issueNote(target: target, clusterType: assignment.clusterType, body: "Template.scheduler.kalypso.io \"\(reference.value)\" not found")]
        if plane.templates.contains(where: { $0.header.branch == .main && $0.header.name.value == reference.value }) {
            report(Diagnostic(.templateNotInEnvironment, "template `\(reference.value)` does not reach environment `\(assignment.environment)`, so Kalypso fails \(subject)",
                              at: reference.location, notes: notes), for: subject)
        } else {
            report(Diagnostic(.unknownTemplate, "Kalypso finds no template `\(reference.value)` for \(subject)", at: reference.location, notes: notes), for: subject)
        }
    }

    /// Kalypso's issue for a deployment it fails, as a note.
    private func issueNote(target: DeploymentTarget, clusterType: String, body: String) -> String {
        "Kalypso fails the deployment and opens the issue “Can't generate manifests for deplyment target \(target.name) in cluster type \(clusterType) in \(target.environment) environment”:\n\(body)"
    }

    private mutating func reportExecution(_ error: TemplateError, manifest: ParsedManifest, template: String, subject: Subject) {
        let inOriginal = error.text == nil || error.text == manifest.text.value
        let at = inOriginal ? checks.location(of: error.offset, in: manifest.text) : manifest.text.location
        // A static check already reported the problem at this place (K0505 for the field
        // Go then fails on): one diagnostic.
        if manifest.findings.contains(where: { $0.file == at.file && $0.span.start == at.span.start }) { return }
        let code: DiagnosticCode
        switch error.kind {
        case .refusedFunction: code = .refusedTemplateFunction
        case .unsupportedFunction: code = .unsupportedTemplateFunction
        default: code = .templateExecutionFailed
        }
        report(Diagnostic(code, "template `\(template)` fails for \(subject): \(TemplateChecks.goDetail(error.message))", at: at,
                                      notes: ["Go's error: \(error.message)", "Kalypso fails the deployment, so the environment is not pushed."]), for: subject)
    }

    private mutating func noteMissingValues(_ offsets: [Int], manifest: ParsedManifest, template: String, assignment: Assignment, target: DeploymentTarget, config: ComposedConfig) {
        guard !offsets.isEmpty else { return }
        assignmentNoted = true
        let text = manifest.text.value
        let utf8 = Array(text.utf8)
        let references = (manifest.analysis?.fieldReferences ?? []).sorted { $0.offset < $1.offset }
        for offset in Set(offsets) {
            // The field the action prints: the first reference inside the action.
            var end = offset
            while end + 1 < utf8.count, !(utf8[end] == UInt8(ascii: "}") && utf8[end + 1] == UInt8(ascii: "}")) { end += 1 }
            var low = 0
            var high = references.count
            while low < high {
                let middle = (low + high) / 2
                if references[middle].offset < offset { low = middle + 1 } else { high = middle }
            }
            let reference = low < references.count && references[low].offset < end ? references[low] : nil
            let at = checks.location(of: reference?.offset ?? offset, in: manifest.text, length: reference?.length ?? 0)
            var report = missingValues[at] ?? MissingValueReport(written: reference?.written ?? "value", template: template, assignments: [], hint: nil)
            report.assignments.append("`\(target.name)` on `\(assignment.clusterType)` in `\(assignment.environment)`")
            if report.hint == nil, let path = reference?.path, path.count == 2, case .name(let first) = path[0], case .name(let key) = path[1] {
                let candidates: [String]
                switch first {
                case "Manifests": candidates = Array(target.manifests.keys)
                case "Labels": candidates = Array(target.labels.keys)
                case "ConfigData": candidates = Array(config.sources.keys)
                default: candidates = []
                }
                report.hint = closestName(to: key, among: candidates).map { "did you mean `.\(first).\($0)`?" }
                    ?? (first == "ConfigData" ? "no config that applies sets `\(key)`" : nil)
            }
            missingValues[at] = report
        }
    }

    /// Notes the calls of `keys` and `values` whose order, which Go leaves to chance,
    /// reached this deployment's manifest (not those sorted, counted or searched at once).
    private mutating func noteUnorderedCalls(_ offsets: [Int], manifest: ParsedManifest, template: String, assignment: Assignment, target: DeploymentTarget) {
        let insensitive = manifest.analysis?.orderInsensitiveCalls ?? []
        let utf8 = manifest.text.value.utf8
        for offset in Set(offsets) where !insensitive.contains(offset) {
            assignmentNoted = true
            let end = utf8.index(utf8.startIndex, offsetBy: offset, limitedBy: utf8.endIndex) ?? utf8.endIndex
            let name = utf8[end...].prefix { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
            let at = checks.location(of: offset, in: manifest.text, length: name.count)
            var report = unorderedCalls[at] ?? MissingValueReport(written: String(decoding: name, as: UTF8.self), template: template, assignments: [], hint: nil)
            report.assignments.append("`\(target.name)` on `\(assignment.clusterType)` in `\(assignment.environment)`")
            unorderedCalls[at] = report
        }
    }

    private mutating func reportUnorderedCalls() {
        for (location, report) in unorderedCalls.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(Diagnostic(.mapOrderInOutput, "template `\(report.template)` writes the result of `\(report.written)` in Go's random map order for deployment target \(report.shownAssignments)", at: location,
                                          notes: ["Go walks a map in a different order each time, so Kalypso pushes a different manifest on every reconcile and its pull requests flap; kalc writes the sorted order."],
                                          hint: "sort the list first: `\(report.written) … | sortAlpha`"))
        }
    }

    private mutating func reportMissingValues() {
        for (location, report) in missingValues.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(Diagnostic(.missingTemplateValue, "template `\(report.template)` prints `<no value>` for `\(report.written)` for deployment target \(report.shownAssignments)", at: location,
                                          notes: ["A key missing from a map renders as `<no value>`; Kalypso pushes it as it is."],
                                          hint: report.hint))
        }
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

extension SchemaValidationError {
    var text: String { message }
}
