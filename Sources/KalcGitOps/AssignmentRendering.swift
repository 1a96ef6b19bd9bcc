import KalcDiagnostics
import KalcScheduling
import KalcSemantics
import KalcTemplate

/// A template and its parsed manifests.
final class ResolvedTemplate: @unchecked Sendable {
    let object: TemplateObject
    let manifests: [ParsedManifest]

    init(object: TemplateObject, manifests: [ParsedManifest]) {
        self.object = object
        self.manifests = manifests
    }
}

/// A template as a cluster type references it, and the template found (nil when the
/// namespace has none of that name).
struct TemplateReference {
    var reference: Located<String>
    var template: ResolvedTemplate?
}

/// An assignment being deployed: what its diagnostics are about.
struct Deployment {
    var assignment: Assignment
    var target: DeploymentTarget
    var config: ComposedConfig
    var subject: DeploymentSubject

    /// The deployment in a list of deployments.
    var listed: String { "`\(target.name)` on `\(assignment.clusterType)` in `\(assignment.environment)`" }

    /// The issue Kalypso opens when it fails the deployment with `body`.
    func issue(_ body: String) -> KalypsoIssue {
        KalypsoIssue(target: target.name, clusterType: assignment.clusterType, environment: target.environment, body: body)
    }
}

/// The rendering of one assignment's templates: its template data, and the templater
/// made from it once a manifest has to be rendered.
struct AssignmentRendering {
    let data: KalypsoTemplateData
    private(set) var templater: Templater?
    /// Whether the data is still as Kalypso built it: no manifest that could change it
    /// (with `set`, `merge`, ...) has been rendered.
    var isPristine = true
    /// The first passes of the assignment's manifests, in order, while each is known
    /// from its reads (nil once one is not).
    var passes: [RecordedPass]? = []

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
}

extension GitOpsCompiler {
    /// The three templates of an assignment, rendered; nil when one fails.
    mutating func renderAll(
        _ clusterType: ClusterTypeContext, with rendering: inout AssignmentRendering,
        deployment: Deployment
    ) -> (reconciler: [String], namespace: [String], config: [String])? {
        // Kalypso stops at the first template it does not find; each one it would not find
        // fails every deployment on the cluster type, so each is reported.
        let missing = [clusterType.reconciler, clusterType.namespaceService, clusterType.configType].compactMap { $0 }.filter { $0.template == nil }
        if !missing.isEmpty {
            rendering.passes = nil
            for found in missing { reportMissingTemplate(found.reference, deployment: deployment) }
            return nil
        }
        guard let reconciler = render(clusterType.reconciler, with: &rendering, deployment: deployment),
            let namespace = render(clusterType.namespaceService, with: &rendering, deployment: deployment),
            let configManifests = render(clusterType.configType, with: &rendering, deployment: deployment)
        else { return nil }
        return (reconciler, namespace, configManifests)
    }

    /// Renders one template of an assignment; nil when it fails (reported). Without files,
    /// the output is not kept, and a manifest whose first pass gave an outcome for the same
    /// reads before is not rendered again.
    private mutating func render(_ found: TemplateReference?, with rendering: inout AssignmentRendering, deployment: Deployment) -> [String]? {
        guard let resolved = found?.template else {
            // Reported by `renderAll`, or no template to render.
            rendering.passes = nil
            return nil
        }
        let template = resolved.object.header.name.value
        var output: [String] = []
        for manifest in resolved.manifests {
            guard manifest.template != nil else {
                rendering.passes = nil
                if let error = manifest.parseError {
                    findings.report(
                        .templateDoesNotParse(
                            template: template, deployment: deployment.subject, issue: deployment.issue(error.message),
                            at: checks.location(of: error.offset, in: manifest.text)), for: deployment.subject)
                }
                return nil
            }
            let firstPass = knownFirstPass(of: manifest, template: template, rendering: &rendering)
            switch firstPass {
            case .known(.rendered(let offsets)):
                noteMissingValues(offsets, manifest: manifest, template: template, deployment: deployment)
                continue
            case .known(.failed(let error)):
                reportExecution(error, manifest: manifest, template: template, subject: deployment.subject)
                return nil
            case .unknown:
                break
            }
            let rendered: (output: String, rerenders: Int, missingValueOffsets: [Int])
            timings.manifestsRendered += 1
            do {
                rendered = try rendering.render(manifest)
            } catch {
                recordFailedPass(error, of: manifest, template: template, key: firstPass.key, rendering: &rendering)
                reportExecution(error, manifest: manifest, template: template, subject: deployment.subject)
                return nil
            }
            recordRenderedPass(rendered, of: manifest, template: template, key: firstPass.key, rendering: &rendering)
            noteMissingValues(rendered.missingValueOffsets, manifest: manifest, template: template, deployment: deployment)
            noteUnorderedCalls(rendering.unorderedOffsets, manifest: manifest, template: template, deployment: deployment)
            if keepsFiles, !rendered.output.isEmpty {
                switch outputBudget.charge(rendered.output.utf8.count) {
                case .kept:
                    output.append(rendered.output)
                case .crossed:
                    outputBudget.report(
                        .outputTooLarge(
                            limit: outputBudget.limit, template: template, deployment: deployment.subject.description,
                            environment: deployment.subject.environment, at: manifest.text.location))
                    return nil
                case .spent:
                    return nil
                }
            }
        }
        return output
    }

    /// Reports a template Kalypso does not find for a deployment: unknown (K0101), or
    /// declared in the main branch, which does not reach the environment (K0306).
    private mutating func reportMissingTemplate(_ reference: Located<String>, deployment: Deployment) {
        let issue = deployment.issue("Template.scheduler.kalypso.io \"\(reference.value)\" not found")
        if plane.templates.contains(where: { $0.header.branch == .main && $0.header.name.value == reference.value }) {
            findings.report(
                .templateNotInEnvironment(reference: reference, environment: deployment.assignment.environment, deployment: deployment.subject, issue: issue),
                for: deployment.subject)
        } else {
            findings.report(.unknownTemplate(reference: reference, deployment: deployment.subject, issue: issue), for: deployment.subject)
        }
    }

    /// Reports a template that fails when a deployment renders it, unless a static check
    /// already reported the problem at the same place.
    mutating func reportExecution(_ error: TemplateError, manifest: ParsedManifest, template: String, subject: DeploymentSubject) {
        let inOriginal = error.text == nil || error.text == manifest.text.value
        let at = inOriginal ? checks.location(of: error.offset, in: manifest.text) : manifest.text.location
        // A static check already reported the problem at this place (K0505 for the field
        // Go then fails on): one diagnostic.
        if manifest.findings.contains(where: { $0.file == at.file && $0.span.start == at.span.start }) { return }
        findings.report(.executionFailed(error, template: template, deployment: subject, at: at), for: subject)
    }

    /// Notes where a manifest printed `<no value>` for a deployment (`offsets`, of the
    /// actions that printed it).
    mutating func noteMissingValues(_ offsets: [Int], manifest: ParsedManifest, template: String, deployment: Deployment) {
        guard !offsets.isEmpty else { return }
        findings.assignmentNoted = true
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
            var report = findings.missingValues[at] ?? TemplateValueReport(written: reference?.written ?? "value", template: template, assignments: [], hint: nil)
            report.assignments.append(deployment.listed)
            if report.hint == nil, let reference {
                report.hint = missingKeyHint(reference, manifest: manifest, deployment: deployment)
            }
            findings.missingValues[at] = report
        }
    }

    /// What to say of a key missing from a map of the template data: a close key, or, of
    /// the config data, that no config sets it.
    private func missingKeyHint(_ reference: TemplateAnalysis.FieldReference, manifest: ParsedManifest, deployment: Deployment) -> TemplateValueReport.Hint? {
        guard let path = reference.path, path.count == 2, case .name(let first) = path[0], case .name(let key) = path[1] else { return nil }
        let candidates: [String]
        switch first {
        case "Manifests": candidates = Array((deployment.target.manifests ?? [:]).keys)
        case "Labels": candidates = Array(deployment.target.labels.keys)
        case "ConfigData": candidates = Array(deployment.config.sources.keys)
        default: candidates = []
        }
        // The key's name follows `.first.` when the chain is written so.
        let keyOffset = reference.written == ".\(first).\(key)" ? reference.offset + first.utf8.count + 2 : nil
        if let suggestion = checks.suggestion(for: key, among: candidates, writtenAt: keyOffset, in: manifest.text) {
            return .closeKey(field: first, suggestion: suggestion)
        }
        return first == "ConfigData" ? .unsetConfigKey(key) : nil
    }

    /// Notes the calls of `keys` and `values` whose order, which Go leaves to chance,
    /// reached this deployment's manifest (not those sorted, counted or searched at once).
    private mutating func noteUnorderedCalls(_ offsets: [Int], manifest: ParsedManifest, template: String, deployment: Deployment) {
        let insensitive = manifest.analysis?.orderInsensitiveCalls ?? []
        let utf8 = manifest.text.value.utf8
        for offset in Set(offsets) where !insensitive.contains(offset) {
            findings.assignmentNoted = true
            let end = utf8.index(utf8.startIndex, offsetBy: offset, limitedBy: utf8.endIndex) ?? utf8.endIndex
            let name = utf8[end...].prefix { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
            let at = checks.location(of: offset, in: manifest.text, length: name.count)
            var report = findings.unorderedCalls[at] ?? TemplateValueReport(written: String(decoding: name, as: UTF8.self), template: template, assignments: [], hint: nil)
            report.assignments.append(deployment.listed)
            findings.unorderedCalls[at] = report
        }
    }
}
