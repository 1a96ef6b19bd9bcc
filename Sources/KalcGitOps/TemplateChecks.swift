import Foundation
import KalcDiagnostics
import KalcSemantics
import KalcSyntax
import KalcTemplate

/// A manifest of a template, parsed once, with what static analysis found in it.
final class ParsedManifest: @unchecked Sendable {
    let text: Located<String>
    let template: Template?
    let analysis: TemplateAnalysis?
    /// Whether static checks found an error in a text that parses (then rendering failures
    /// are not reported again).
    let hasErrors: Bool
    /// Why the text does not parse, when it does not.
    let parseError: TemplateError?
    /// Where static checks reported problems in the text.
    let findings: [Location]
    /// What its first rendering pass depends on, when its text tells (numbered in the
    /// compile's `ReadTable` before any rendering).
    var reads: ManifestReads?
    /// A number for the manifest among all the control plane's manifests (set once, before
    /// any rendering).
    var id = 0

    init(
        text: Located<String>, template: Template?, analysis: TemplateAnalysis?, hasErrors: Bool = false, parseError: TemplateError? = nil,
        reads: ManifestReads? = nil, findings: [Location] = []
    ) {
        self.findings = findings
        self.text = text
        self.template = template
        self.analysis = analysis
        self.hasErrors = hasErrors
        self.parseError = parseError
        self.reads = reads
    }
}

/// A template by where it is declared: its branch and name.
struct TemplateKey: Hashable {
    var branch: Branch
    var name: String

    init(_ template: TemplateObject) {
        branch = template.header.branch
        name = template.header.name.value
    }
}

/// Static checks of templates, and the mapping of positions in template text to the `.kal`
/// source.
struct TemplateChecks {

    let sources: [String: SourceFile]
    /// The offsets of each manifest looked up so far: a long template's many positions cost
    /// one pass over its text, not one each.
    private let offsets = OffsetCache()

    /// Shared by the threads that render the parts of an environment.
    final class OffsetCache: @unchecked Sendable {
        private let lock = NSLock()
        private var byManifest: [Location: LiteralOffsets] = [:]

        /// The offsets of the literal at `location`, worked out once.
        func offsets(of location: Location, make: () -> LiteralOffsets) -> LiteralOffsets {
            if let known = lock.withLock({ byManifest[location] }) { return known }
            let table = make()
            lock.withLock { byManifest[location] = table }
            return table
        }
    }

    init(sources: [String: SourceFile]) {
        self.sources = sources
    }

    /// Where a byte of a manifest's text was written in the source.
    func location(of offset: Int?, in manifest: Located<String>, length: Int = 0) -> Location {
        guard let offset, let file = sources[manifest.location.file] else { return manifest.location }
        let table = offsets.offsets(of: manifest.location) { LiteralOffsets(manifest.location.span, of: file) }
        let start = table.sourceOffset(ofValueOffset: offset)
        let end = length > 0 ? table.sourceOffset(ofValueOffset: offset + length) : start
        return Location(file: manifest.location.file, span: Span(start: start, end: max(start, end)))
    }

    /// The edit that writes `replacement` in place of `written` at `location`, when the
    /// source has exactly `written` there (a name inside an escaped string has not).
    func edit(replacing written: String, at location: Location, with replacement: String) -> TextEdit? {
        guard let file = sources[location.file] else { return nil }
        let span = location.span
        guard span.start >= 0, span.end <= file.bytes.count, span.end - span.start == written.utf8.count,
            file.bytes[span.start..<span.end].elementsEqual(written.utf8)
        else { return nil }
        return TextEdit(location, replacement: replacement)
    }

    /// A close name for `name` among `candidates`, with the edit that puts it in place of
    /// `name` written at `offset` of a manifest.
    func suggestion(for name: String, among candidates: [String], writtenAt offset: Int?, in manifest: Located<String>) -> NameSuggestion? {
        guard let close = closestName(to: name, among: candidates) else { return nil }
        let edit = offset.flatMap { self.edit(replacing: name, at: location(of: $0, in: manifest, length: name.utf8.count), with: close) }
        return NameSuggestion(name: close, edit: edit)
    }

    /// Parses every manifest of `template` and reports what is wrong with them.
    func check(_ template: TemplateObject, into diagnostics: inout [Diagnostic]) -> [ParsedManifest] {
        let name = template.header.name.value
        var result: [ParsedManifest] = []
        for manifest in template.manifests {
            let errorsBefore = diagnostics.count
            let parsed: Template
            do throws(TemplateError) {
                parsed = try Template(text: manifest.value)
            } catch {
                diagnostics.append(parseProblem(error, template: name, manifest: manifest).diagnostic)
                result.append(ParsedManifest(text: manifest, template: nil, analysis: nil, parseError: error))
                continue
            }
            let analysis = TemplateAnalysis(parsed)
            for call in analysis.functionCalls {
                let problem: GitOpsProblem
                switch call.availability {
                case .available: continue
                case .refused(let reason):
                    problem = .refusedFunction(template: name, function: call.name, reason: reason, at: location(of: call.offset, in: manifest, length: call.name.utf8.count))
                case .unsupported(let reason):
                    problem = .unsupportedFunction(template: name, function: call.name, reason: reason, at: location(of: call.offset, in: manifest, length: call.name.utf8.count))
                }
                diagnostics.append(problem.diagnostic)
            }
            for reference in analysis.fieldReferences {
                guard let path = reference.path, case .name(let first)? = path.first else { continue }
                guard let field = KalypsoTemplateData.Field(rawValue: first) else {
                    let at = location(of: reference.offset, in: manifest, length: reference.length)
                    // The field's name follows the dot that starts the chain, when the chain
                    // starts from the data.
                    let nameOffset = reference.written.hasPrefix("." + first) ? reference.offset + 1 : nil
                    let suggestion = self.suggestion(for: first, among: KalypsoTemplateData.Field.allCases.map(\.rawValue), writtenAt: nameOffset, in: manifest)
                    diagnostics.append(
                        GitOpsProblem.unknownField(
                            template: name, field: first, known: KalypsoTemplateData.Field.allCases.map(\.rawValue),
                            suggestion: suggestion, at: at
                        ).diagnostic)
                    continue
                }
                if !field.isMap, path.count > 1, case .name(let second) = path[1] {
                    let at = location(of: reference.offset, in: manifest, length: reference.length)
                    diagnostics.append(GitOpsProblem.fieldOfString(template: name, field: first, subfield: second, at: at).diagnostic)
                }
            }
            result.append(
                ParsedManifest(
                    text: manifest, template: parsed, analysis: analysis, hasErrors: diagnostics[errorsBefore...].contains { $0.severity == .error },
                    reads: ManifestReads(parsed), findings: diagnostics[errorsBefore...].map(\.location)))
        }
        return result
    }

    private func parseProblem(_ error: TemplateError, template: String, manifest: Located<String>) -> GitOpsProblem {
        let offset = error.offset ?? (error.message.hasSuffix("unexpected EOF") ? manifest.value.utf8.count : nil)
        let at = location(of: offset, in: manifest)
        if let range = error.message.range(of: "function \""), let end = error.message[range.upperBound...].firstIndex(of: "\""),
            error.message.hasSuffix("not defined")
        {
            let function = String(error.message[range.upperBound..<end])
            let suggestion = self.suggestion(for: function, among: Array(FunctionTable.kalypso.functions.keys), writtenAt: offset, in: manifest)
            return .unknownFunction(template: template, function: function, goMessage: error.message, suggestion: suggestion, at: at)
        }
        return .templateSyntax(template: template, goMessage: error.message, at: at)
    }
}
