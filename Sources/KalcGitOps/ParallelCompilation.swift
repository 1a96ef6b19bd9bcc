import Foundation
import KalcScheduling
import KalcSemantics
import KalcTemplate

extension GitOpsCompiler {
    /// The threads that render, by default: one per processor, at most 8.
    public static let defaultThreads = Parallel.defaultThreads
    /// How many assignments make a thread worth starting.
    static let assignmentsPerThread = 32

    /// Deploys every assignment of `schedule`, in parts on several threads when there are
    /// many: each part on a copy of this compiler, whose findings are then taken in the
    /// order of the assignments, exactly as one thread would have made them. Nil for an
    /// assignment that fails; fewer results than assignments when the compile was stopped.
    mutating func deployAll(_ schedule: EnvironmentSchedule, config: EnvironmentConfig, environmentID: Int?) -> [RenderedAssignment?] {
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

    /// A copy that starts a part with no findings of its own (but the overrides reported
    /// already, which it does not report again).
    private func forPart() -> GitOpsCompiler {
        var part = self
        part.findings = GitOpsFindings()
        part.findings.overrides = findings.overrides
        part.timings = GitOpsTimings()
        return part
    }

    /// Takes a part's findings after this compiler's own, as if it had made them.
    private mutating func take(_ part: GitOpsCompiler) {
        renderCache.firstPasses.merge(part.renderCache.firstPasses) { known, _ in known }
        findings.take(part.findings)
    }
}

extension GitOpsFindings {
    /// Takes the findings of a part compiled on another thread after these, as if they had
    /// been made here.
    mutating func take(_ part: GitOpsFindings) {
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
