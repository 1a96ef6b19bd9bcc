import KalcScheduling
import KalcSemantics
import KalcTemplate

/// The rendering work of a compile done once for every assignment that needs the same.
/// Without files, a manifest's first pass is rendered once for all the assignments that
/// give it the same facts, and an assignment whose facts all equal an earlier one's goes
/// through the earlier one's outcomes; a cache (`GitOpsCache`) keeps the first passes from
/// one compile to the next.
struct RenderCache {
    /// Every read of the manifests, numbered.
    var readTable = ReadTable()
    /// Without files, the outcome of each manifest's first pass by what it reads.
    var firstPasses: [FirstPassKey: FirstPass] = [:]
    /// The manifests whose first passes a cache keeps from one compile to the next.
    var predictedManifests: [ParsedManifest] = []
    /// What the assignments being deployed (of one environment, on one thread) share.
    var shared = SharedWork()
}

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

/// A manifest and the facts its first pass reads.
struct FirstPassKey: Hashable {
    var manifest: Int
    var reads: ManifestReads.Key
}

/// How a manifest's first pass went.
enum FirstPass {
    case rendered(missingValueOffsets: [Int])
    case failed(TemplateError)
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

/// Whether a manifest's first pass is known for an assignment's facts.
enum FirstPassLookup {
    /// It is: the manifest is not rendered.
    case known(FirstPass)
    /// It is not; once rendered, its outcome is kept under `key` (nil: it cannot be).
    case unknown(key: FirstPassKey?)

    var key: FirstPassKey? {
        if case .unknown(let key) = self { return key }
        return nil
    }
}

/// Whether an assignment's outcomes are known from an earlier assignment with the same facts.
enum AssignmentOutcomeLookup {
    /// They are: the assignment goes through these first passes.
    case replayed([RecordedPass])
    /// They are not; once rendered, they are kept under `key` (nil: they cannot be).
    case unknown(key: AssignmentOutcomeKey?)
}

extension GitOpsCompiler {
    /// Numbers the reads of a manifest, and takes what earlier compiles for diagnostics
    /// learned of the same text.
    mutating func numberReads(of manifest: ParsedManifest) {
        guard var reads = manifest.reads else { return }
        renderCache.readTable.number(&reads)
        manifest.reads = reads
        if let cache, !keepsFiles, reusesWork {
            for (key, pass) in cache.firstPasses(of: manifest.text.value) {
                renderCache.firstPasses[FirstPassKey(manifest: manifest.id, reads: key)] = pass
            }
            renderCache.predictedManifests.append(manifest)
        }
    }

    /// Keeps in the cache the first passes this compile found for the manifests it keeps.
    func storeFirstPasses() {
        guard let cache, !renderCache.predictedManifests.isEmpty else { return }
        var byManifest: [Int: [ManifestReads.Key: FirstPass]] = [:]
        for (key, pass) in renderCache.firstPasses { byManifest[key.manifest, default: [:]][key.reads] = pass }
        for manifest in renderCache.predictedManifests {
            cache.storeFirstPasses(byManifest[manifest.id] ?? [:], of: manifest.text.value)
        }
    }

    /// Deploys `assignments` in order, through the cache when there is one.
    mutating func deploy(
        _ assignments: ArraySlice<Assignment>, in schedule: EnvironmentSchedule, config environmentConfig: EnvironmentConfig,
        environmentID: Int?
    ) -> [RenderedAssignment?] {
        let namespace = schedule.namespace
        var clusterTypeIDs: [String: Int] = [:]
        var targetIDs: [String: Int] = [:]
        var packages: [RenderedAssignment?] = []
        packages.reserveCapacity(assignments.count)
        renderCache.shared = SharedWork(factSheet: keepsFiles || !reusesWork ? nil : FactSheet(table: renderCache.readTable))
        defer { renderCache.shared = SharedWork() }
        for assignment in assignments {
            guard shouldContinue(), !outputBudget.isSpent else { break }
            var key: AssignmentKey?
            // Without files, sharing work within the compile costs less than these keys.
            if let cache, keepsFiles, let environmentID, let clusterType = namespace.clusterTypes[assignment.clusterType],
                let target = schedule.deploymentTargets[assignment.deploymentTarget]
            {
                let clusterTypeID =
                    clusterTypeIDs[assignment.clusterType]
                    ?? cache.id(
                        of: RenderingInputs.clusterType(clusterType, labels: environmentConfig.clusterTypeLabels[assignment.clusterType] ?? [:]))
                let targetID = targetIDs[assignment.deploymentTarget] ?? cache.id(of: RenderingInputs.target(target))
                clusterTypeIDs[assignment.clusterType] = clusterTypeID
                targetIDs[assignment.deploymentTarget] = targetID
                key = AssignmentKey(environment: environmentID, clusterType: clusterTypeID, target: targetID)
            }
            let cached = key.flatMap { cache?[$0] }.flatMap { !keepsFiles || $0.hasFiles ? $0 : nil }
            let diagnosticCount = findings.diagnostics.count
            findings.assignmentNoted = false
            let package = cached ?? deploy(assignment, in: schedule, config: environmentConfig)
            if cached == nil, let package, let key, findings.diagnostics.count == diagnosticCount, !findings.assignmentNoted {
                cache?.store(package, for: key)
            }
            packages.append(package)
        }
        return packages
    }

    /// The outcomes of an earlier assignment of the cluster type with the same facts as
    /// the one `rendering` is for (without files).
    mutating func knownOutcome(of rendering: AssignmentRendering, clusterType: String) -> AssignmentOutcomeLookup {
        renderCache.shared.factSheet?.start(rendering.data)
        guard let scopes = renderCache.shared.factSheet?.scopes else { return .unknown(key: nil) }
        let key = AssignmentOutcomeKey(clusterType: clusterType, scopes: scopes)
        if let passes = renderCache.shared.assignmentOutcomes[key] { return .replayed(passes) }
        return .unknown(key: key)
    }

    /// Keeps the first passes an assignment went through, when each was known from its reads.
    mutating func recordOutcome(of rendering: AssignmentRendering, for key: AssignmentOutcomeKey?) {
        if let key, let passes = rendering.passes {
            renderCache.shared.assignmentOutcomes[key] = passes
        }
    }

    /// Goes through the first passes another assignment went through, reporting what they
    /// report for this one; false when one fails.
    mutating func replay(_ passes: [RecordedPass], deployment: Deployment) -> Bool {
        timings.firstPassesReused += passes.count
        for pass in passes {
            switch pass.outcome {
            case .rendered(let offsets):
                noteMissingValues(offsets, manifest: pass.manifest, template: pass.template, deployment: deployment)
            case .failed(let error):
                reportExecution(error, manifest: pass.manifest, template: pass.template, subject: deployment.subject)
                return false
            }
        }
        return true
    }

    /// The outcome of a manifest's first pass for the facts of the assignment being
    /// rendered, when a manifest given the same facts went through it before.
    mutating func knownFirstPass(of manifest: ParsedManifest, template: String, rendering: inout AssignmentRendering) -> FirstPassLookup {
        guard rendering.isPristine, let reads = manifest.reads, let facts = renderCache.shared.factSheet?.key(for: reads) else { return .unknown(key: nil) }
        let key = FirstPassKey(manifest: manifest.id, reads: facts)
        guard let known = renderCache.firstPasses[key] else { return .unknown(key: key) }
        timings.firstPassesReused += 1
        rendering.passes?.append(RecordedPass(manifest: manifest, template: template, outcome: known))
        return .known(known)
    }

    /// Keeps a first pass that failed, when the failure depends on the facts only.
    mutating func recordFailedPass(_ error: TemplateError, of manifest: ParsedManifest, template: String, key: FirstPassKey?, rendering: inout AssignmentRendering) {
        if let key, rendering.templater?.rerenders == 0, error.kind != .limit {
            renderCache.firstPasses[key] = .failed(error)
            rendering.passes?.append(RecordedPass(manifest: manifest, template: template, outcome: .failed(error)))
        } else {
            rendering.passes = nil
        }
    }

    /// Keeps a first pass that rendered, when its outcome depends on the facts only.
    mutating func recordRenderedPass(
        _ rendered: (output: String, rerenders: Int, missingValueOffsets: [Int]), of manifest: ParsedManifest, template: String,
        key: FirstPassKey?, rendering: inout AssignmentRendering
    ) {
        if let key, rendered.rerenders == 0, let reads = manifest.reads,
            rendered.output.utf8.count + reads.printedCount * ManifestReads.printedLimit < ExecutionLimits().maxOutputBytes
        {
            renderCache.firstPasses[key] = .rendered(missingValueOffsets: rendered.missingValueOffsets)
            rendering.passes?.append(RecordedPass(manifest: manifest, template: template, outcome: .rendered(missingValueOffsets: rendered.missingValueOffsets)))
        } else {
            rendering.passes = nil
        }
    }
}
