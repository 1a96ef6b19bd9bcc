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

    init(text: Located<String>, template: Template?, analysis: TemplateAnalysis?, hasErrors: Bool = false, parseError: TemplateError? = nil,
         reads: ManifestReads? = nil, findings: [Location] = []) {
        self.findings = findings
        self.text = text
        self.template = template
        self.analysis = analysis
        self.hasErrors = hasErrors
        self.parseError = parseError
        self.reads = reads
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
                diagnostics.append(parseDiagnostic(error, template: name, manifest: manifest))
                result.append(ParsedManifest(text: manifest, template: nil, analysis: nil, parseError: error))
                continue
            }
            let analysis = TemplateAnalysis(parsed)
            for call in analysis.functionCalls {
                switch call.availability {
                case .available: continue
                case .refused(let reason):
                    diagnostics.append(Diagnostic(.refusedTemplateFunction, "template `\(name)` calls `\(call.name)`, which kalc refuses: \(reason)",
                                                  at: location(of: call.offset, in: manifest, length: call.name.utf8.count),
                                                  notes: ["A compiled GitOps tree must be the same on every machine and at every time."]))
                case .unsupported(let reason):
                    diagnostics.append(Diagnostic(.unsupportedTemplateFunction, "template `\(name)` calls `\(call.name)`, which kalc cannot reproduce: \(reason)",
                                                  at: location(of: call.offset, in: manifest, length: call.name.utf8.count)))
                }
            }
            for reference in analysis.fieldReferences {
                guard let path = reference.path, case .name(let first)? = path.first else { continue }
                guard let field = KalypsoTemplateData.Field(rawValue: first) else {
                    let names = KalypsoTemplateData.Field.allCases.map(\.rawValue)
                    let at = location(of: reference.offset, in: manifest, length: reference.length)
                    let hint = closestName(to: first, among: names).map { "did you mean `.\($0)`?" }
                    diagnostics.append(Diagnostic(.unknownTemplateField, "template `\(name)` reads `.\(first)`, which Kalypso's template data does not have", at: at,
                                                  notes: ["Go fails with `can't evaluate field \(first) in type scheduler.dataType`, and Kalypso fails the deployment."],
                                                  hint: hint ?? "the data has \(names.sorted().map { "`.\($0)`" }.joined(separator: ", "))"))
                    continue
                }
                if !field.isMap, path.count > 1, case .name(let second) = path[1] {
                    let at = location(of: reference.offset, in: manifest, length: reference.length)
                    diagnostics.append(Diagnostic(.unknownTemplateField, "template `\(name)` reads `.\(first).\(second)`, but `.\(first)` is a string", at: at,
                                                  notes: ["Go fails with `can't evaluate field \(second) in type string`, and Kalypso fails the deployment."]))
                }
            }
            result.append(ParsedManifest(text: manifest, template: parsed, analysis: analysis, hasErrors: diagnostics[errorsBefore...].contains { $0.severity == .error },
                                         reads: ManifestReads(parsed), findings: diagnostics[errorsBefore...].map(\.location)))
        }
        return result
    }

    private func parseDiagnostic(_ error: TemplateError, template: String, manifest: Located<String>) -> Diagnostic {
        let offset = error.offset ?? (error.message.hasSuffix("unexpected EOF") ? manifest.value.utf8.count : nil)
        let at = location(of: offset, in: manifest)
        if let range = error.message.range(of: "function \""), let end = error.message[range.upperBound...].firstIndex(of: "\""),
           error.message.hasSuffix("not defined") {
            let function = String(error.message[range.upperBound..<end])
            let names = Array(FunctionTable.kalypso.functions.keys)
            return Diagnostic(.unknownTemplateFunction, "template `\(template)` calls `\(function)`, which is not a function", at: at,
                              notes: ["Go's error: \(error.message)"],
                              hint: closestName(to: function, among: names).map { "did you mean `\($0)`?" }
                                  ?? "templates have Go's functions, sprig v2.22's, and Kalypso's `toYaml`, `stringify`, `hash` and `unquote`")
        }
        return Diagnostic(.templateSyntax, "template `\(template)` does not parse: \(Self.goDetail(error.message))", at: at,
                          notes: ["Go's error: \(error.message)"])
    }

    /// The part of Go's message after its `template: NAME:LINE:` prefix.
    static func goDetail(_ message: String) -> String {
        var rest = Substring(message)
        if rest.hasPrefix("template: ") { rest = rest.dropFirst(10) }
        // NAME:LINE: or NAME:LINE:COL: then the detail.
        var colons = 0
        var index = rest.startIndex
        while index < rest.endIndex, colons < 3 {
            if rest[index] == ":" {
                colons += 1
                let next = rest.index(after: index)
                if colons == 2, next < rest.endIndex, !rest[next].isNumber { index = next; break }
            }
            index = rest.index(after: index)
        }
        let detail = rest[index...].drop { $0 == " " }
        return detail.isEmpty ? message : String(detail)
    }
}
