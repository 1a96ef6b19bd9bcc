import KalcDiagnostics
import KalcJSONSchema
import KalcSemantics
import KalcTemplate

/// Everything Kalypso would only find at run time, as the GitOps phase finds it: each case
/// carries what it is about, and `diagnostic` is the one place that words it.
enum GitOpsProblem {
    // MARK: Templates, checked once

    /// A template calls a function kalc refuses (the output would differ between machines).
    case refusedFunction(template: String, function: String, reason: String, at: Location)
    /// A template calls a function kalc cannot reproduce.
    case unsupportedFunction(template: String, function: String, reason: String, at: Location)
    /// A template reads a field the template data does not have.
    case unknownField(template: String, field: String, known: [String], suggestion: NameSuggestion?, at: Location)
    /// A template reads a field of a string field.
    case fieldOfString(template: String, field: String, subfield: String, at: Location)
    /// A template calls a function that does not exist.
    case unknownFunction(template: String, function: String, goMessage: String, suggestion: NameSuggestion?, at: Location)
    /// A template does not parse.
    case templateSyntax(template: String, goMessage: String, at: Location)

    // MARK: Config values and requirements, checked once

    /// A config value's `!!binary` bytes are not UTF-8.
    case bytesNotUTF8(key: String, at: Location, environment: String?)
    /// A config string Kalypso reads as a YAML map or list (`kind`).
    case valueBecomesStructure(key: String, kind: String, at: Location)
    /// A config value too deep for Kalypso's YAML reader, kept a string.
    case valueTooDeep(key: String, readerError: String, at: Location)
    /// A requirement that is not a JSON Schema gojsonschema accepts.
    case invalidSchema(SchemaError, at: Location)
    /// One config's value of a key that a later config sets too.
    case configOverridden(key: String, overridden: ConfigSource, winner: ConfigSource)

    // MARK: Deployments

    /// A template of a deployment does not parse.
    case templateDoesNotParse(template: String, deployment: DeploymentSubject, issue: KalypsoIssue, at: Location)
    /// A template of a deployment is declared in the main branch only.
    case templateNotInEnvironment(reference: Located<String>, environment: String, deployment: DeploymentSubject, issue: KalypsoIssue)
    /// A template of a deployment that no branch declares.
    case unknownTemplate(reference: Located<String>, deployment: DeploymentSubject, issue: KalypsoIssue)
    /// A template fails when a deployment renders it.
    case executionFailed(TemplateError, template: String, deployment: DeploymentSubject, at: Location)
    /// Kalypso's merge of a deployment's config values panics.
    case configMergePanic(ConfigMergeFailure, deployment: DeploymentSubject, at: Location)
    /// A label value of a deployment's assignment package the API server refuses.
    case invalidPackageLabels(deployment: DeploymentSubject, problems: [String], at: Location)
    /// A deployment's config does not meet a requirement.
    case requirementNotMet(RequirementFailure)
    /// A template prints `<no value>` for the deployments of `report`.
    case missingValue(TemplateValueReport, at: Location)
    /// A template writes Go's random map order for the deployments of `report`.
    case mapOrderInOutput(TemplateValueReport, at: Location)
    /// The rendered manifests of a compile passed what it may hold.
    case outputTooLarge(limit: Int, template: String, deployment: String, environment: String, at: Location)

    /// The problem as kalc reports it.
    var diagnostic: Diagnostic {
        switch self {
        case .refusedFunction(let template, let function, let reason, let at):
            return Diagnostic(
                .refusedTemplateFunction, "template `\(template)` calls `\(function)`, which kalc refuses: \(reason)", at: at,
                notes: ["A compiled GitOps tree must be the same on every machine and at every time."])
        case .unsupportedFunction(let template, let function, let reason, let at):
            return Diagnostic(.unsupportedTemplateFunction, "template `\(template)` calls `\(function)`, which kalc cannot reproduce: \(reason)", at: at)
        case .unknownField(let template, let field, let known, let suggestion, let at):
            return Diagnostic(
                .unknownTemplateField, "template `\(template)` reads `.\(field)`, which Kalypso's template data does not have", at: at,
                notes: ["Go fails with `can't evaluate field \(field) in type scheduler.dataType`, and Kalypso fails the deployment."],
                hint: suggestion.map { "did you mean `.\($0.name)`?" } ?? "the data has \(known.sorted().map { "`.\($0)`" }.joined(separator: ", "))",
                fixIts: suggestion?.fixIts ?? [])
        case .fieldOfString(let template, let field, let subfield, let at):
            return Diagnostic(
                .unknownTemplateField, "template `\(template)` reads `.\(field).\(subfield)`, but `.\(field)` is a string", at: at,
                notes: ["Go fails with `can't evaluate field \(subfield) in type string`, and Kalypso fails the deployment."])
        case .unknownFunction(let template, let function, let goMessage, let suggestion, let at):
            return Diagnostic(
                .unknownTemplateFunction, "template `\(template)` calls `\(function)`, which is not a function", at: at,
                notes: ["Go's error: \(goMessage)"],
                hint: suggestion.map { "did you mean `\($0.name)`?" }
                    ?? "templates have Go's functions, sprig v2.22's, and Kalypso's `toYaml`, `stringify`, `hash` and `unquote`",
                fixIts: suggestion?.fixIts ?? [])
        case .templateSyntax(let template, let goMessage, let at):
            return Diagnostic(
                .templateSyntax, "template `\(template)` does not parse: \(Self.goDetail(goMessage))", at: at,
                notes: ["Go's error: \(goMessage)"])

        case .bytesNotUTF8(let key, let at, let environment):
            return Diagnostic(
                .bytesNotUTF8, "config value `\(key)` holds `!!binary` bytes that are not UTF-8, which kalc cannot write as Go does", at: at,
                notes: [
                    "Go keeps the decoded bytes as they are: a template prints them raw and `toYaml` writes them back as `!!binary`. kalc's strings are Unicode, so it would write other bytes; it compiles nothing instead."
                ],
                hint: "keep the bytes base64-encoded in a plain string",
                environment: environment)
        case .valueBecomesStructure(let key, let kind, let at):
            return Diagnostic(
                .configValueBecomesStructure, "Kalypso reads the string value of `\(key)` as a YAML \(kind)", at: at,
                notes: ["Kalypso parses every config value as YAML; text with `: `, or starting with `- `, `[` or `{`, becomes a structure."],
                hint: "wrap the value in single quotes inside the string (\"'...'\") to keep it a string, or write it as a kalc \(kind) if a \(kind) is meant")
        case .valueTooDeep(let key, let readerError, let at):
            return Diagnostic(
                .configValueTooDeep, "config value `\(key)` nests too deeply for Kalypso to read as YAML, so it stays a string", at: at,
                notes: ["Kalypso's YAML reader stops with `\(readerError)`, and Kalypso then keeps the whole text as a string."],
                hint: "flatten the structure, or quote the value (\"'...'\") if a string is meant")
        case .invalidSchema(let error, let at):
            return Diagnostic(
                .invalidSchema, "this requirement is not a valid JSON Schema: \(error.message)\(error.pointer.isEmpty ? "" : " (at \(error.pointer))")", at: at,
                notes: ["Kalypso fails every deployment this schema applies to."])
        case .configOverridden(let key, let overridden, let winner):
            return Diagnostic(
                .configOverridden, "config `\(overridden.configMap)` sets `\(key)`, but config `\(winner.configMap)` sets it too and wins", at: overridden.entry.location,
                labels: [DiagnosticLabel(winner.entry.location, "this value wins")],
                notes: ["Kalypso applies the configs that match a deployment in the order of their names, and the last value of a key wins."],
                hint: "rename the config meant to override so that it sorts after `\(winner.configMap)`, or narrow its labels")

        case .templateDoesNotParse(let template, let deployment, let issue, let at):
            return Diagnostic(.templateSyntax, "template `\(template)` does not parse, so Kalypso fails \(deployment)", at: at, notes: [issue.note])
        case .templateNotInEnvironment(let reference, let environment, let deployment, let issue):
            return Diagnostic(
                .templateNotInEnvironment, "template `\(reference.value)` does not reach environment `\(environment)`, so Kalypso fails \(deployment)",
                at: reference.location, notes: [issue.note])
        case .unknownTemplate(let reference, let deployment, let issue):
            return Diagnostic(.unknownTemplate, "Kalypso finds no template `\(reference.value)` for \(deployment)", at: reference.location, notes: [issue.note])
        case .executionFailed(let error, let template, let deployment, let at):
            let code: DiagnosticCode
            switch error.kind {
            case .refusedFunction: code = .refusedTemplateFunction
            case .unsupportedFunction: code = .unsupportedTemplateFunction
            default: code = .templateExecutionFailed
            }
            return Diagnostic(
                code, "template `\(template)` fails for \(deployment): \(Self.goDetail(error.message))", at: at,
                notes: ["Go's error: \(error.message)", "Kalypso fails the deployment, so the environment is not pushed."])
        case .configMergePanic(let failure, let deployment, let at):
            return Diagnostic(
                .configMergePanic, "Kalypso cannot merge the values of `\(failure.key)` for \(deployment): \(failure.message)", at: at,
                labels: failure.sources.dropLast().map { DiagnosticLabel($0.entry.location, "merged with this value of config `\($0.configMap)`") },
                notes: ["Kalypso's controller panics; the deployment never becomes ready and no issue is opened."])
        case .invalidPackageLabels(let deployment, let problems, let at):
            return Diagnostic(
                .invalidComposedName, "Kalypso cannot create the assignment package of \(deployment): \(problems.joined(separator: "; "))", at: at,
                notes: [
                    "Kalypso labels the package with the names of the cluster type, workload and deployment target; the API server refuses it, and Kalypso fails the deployment and opens an issue."
                ],
                hint: "shorten the workload or target name")
        case .requirementNotMet(let failure):
            var notes: [String] = []
            if failure.contributors.isEmpty { notes.append("No config applies to this deployment.") }
            notes += failure.convertedStrings.map {
                "Kalypso turns the string \"\($0.text)\" of `\($0.key)` into a number before validating, so a schema asking for a string cannot accept it."
            }
            notes.append(failure.issue.note)
            let hint: String?
            switch failure.missingKey {
            case .misspelt(let property, let configMap, let written, _)?:
                hint = "config `\(configMap)` sets `\(written)`; did you mean `\(property)`?"
            case .unset(let property)?:
                hint = "add `\(property) = ...` to a config that applies to this deployment"
            case nil:
                hint = nil
            }
            return Diagnostic(
                .configRequirementNotMet, "\(failure.deployment) does not get the config it requires: \(failure.descriptions.joined(separator: "; "))",
                at: failure.requirement,
                labels: failure.contributors.compactMap { name, location in location.map { DiagnosticLabel($0, "config `\(name)` applies to this deployment") } },
                notes: notes, hint: hint, fixIts: failure.missingKey?.fixIts ?? [])
        case .missingValue(let report, let at):
            let hint: String?
            switch report.hint {
            case .closeKey(let field, let suggestion)?: hint = "did you mean `.\(field).\(suggestion.name)`?"
            case .unsetConfigKey(let key)?: hint = "no config that applies sets `\(key)`"
            case nil: hint = nil
            }
            return Diagnostic(
                .missingTemplateValue, "template `\(report.template)` prints `<no value>` for `\(report.written)` for deployment target \(report.shownAssignments)", at: at,
                notes: ["A key missing from a map renders as `<no value>`; Kalypso pushes it as it is."],
                hint: hint, fixIts: report.hint?.fixIts ?? [])
        case .mapOrderInOutput(let report, let at):
            return Diagnostic(
                .mapOrderInOutput,
                "template `\(report.template)` writes the result of `\(report.written)` in Go's random map order for deployment target \(report.shownAssignments)", at: at,
                notes: [
                    "Go walks a map in a different order each time, so Kalypso pushes a different manifest on every reconcile and its pull requests flap; kalc writes the sorted order."
                ],
                hint: "sort the list first: `\(report.written) … | sortAlpha`")
        case .outputTooLarge(let limit, let template, let deployment, let environment, let at):
            return Diagnostic(
                .gitOpsOutputTooLarge,
                "the GitOps files of this compile pass \(GitOpsOutputBudget.describe(limit)) with template `\(template)` for \(deployment)",
                at: at,
                notes: [
                    "kalc keeps every file of a compile in memory until it writes them all at once, and stops past \(GitOpsOutputBudget.describe(limit)); nothing is written. Kalypso pushes each tree through GitHub's API, which refuses a file over 100 MB and very large trees, so no tree Kalypso pushes comes near this."
                ],
                hint: "make the manifest smaller, or compile fewer environments at a time with --env",
                environment: environment)
        }
    }

    /// The note a template's error gets where no deployment (in `environment`, when it
    /// concerns one) renders the template yet.
    static func unassignedTemplateNote(template: String, environment: String?) -> String {
        let scope = environment.map { " in environment `\($0)`" } ?? ""
        return "No deployment\(scope) is assigned to a cluster type that uses template `\(template)`, so Kalypso still pushes; this becomes an error once one is."
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

/// The deployment an assignment makes, as diagnostics name it (made into text only when
/// one is reported).
struct DeploymentSubject: CustomStringConvertible {
    var target: String
    var clusterType: String
    var environment: String

    var description: String { "deployment target `\(target)` on cluster type `\(clusterType)` in environment `\(environment)`" }

    /// The deployment in a list of deployments: `target` on `clusterType` in `environment`.
    var short: String { "`\(target)` on `\(clusterType)` in `\(environment)`" }
}

/// The issue Kalypso opens when it cannot generate a deployment's manifests.
struct KalypsoIssue {
    var target: String
    var clusterType: String
    var environment: String
    /// What the issue says went wrong.
    var body: String

    /// The issue, as a note.
    var note: String {
        "Kalypso fails the deployment and opens the issue “Can't generate manifests for deplyment target \(target) in cluster type \(clusterType) in \(environment) environment”:\n\(body)"
    }
}

/// A close name for a misspelt one, with the edit that puts it in place when the misspelt
/// name is written as it is read.
struct NameSuggestion {
    var name: String
    var edit: TextEdit?

    /// The fix-it that writes the suggestion in place of the misspelt name.
    var fixIts: [FixIt] {
        edit.map { [FixIt("Replace with `\(name)`", edits: [$0])] } ?? []
    }
}

/// A deployment's config that fails its requirements.
struct RequirementFailure {
    /// A required key no config sets.
    enum MissingKey {
        /// A config sets a close key, `written`; `edit` puts the required key in its place.
        case misspelt(property: String, configMap: String, written: String, edit: TextEdit?)
        /// No config sets a close key.
        case unset(property: String)

        var fixIts: [FixIt] {
            guard case .misspelt(let property, _, _, let edit?) = self else { return [] }
            return [FixIt("Replace with `\(property)`", edits: [edit])]
        }
    }

    var deployment: DeploymentSubject
    /// Where the requirement is written.
    var requirement: Location
    /// What is wrong with the config, one part per violation.
    var descriptions: [String]
    /// The configs that apply to the deployment, in name order, with where each is
    /// declared in its namespace.
    var contributors: [(name: String, location: Location?)]
    /// The numeric strings Kalypso turns into numbers before validating, where a schema
    /// then refuses them.
    var convertedStrings: [(key: String, text: String)]
    var issue: KalypsoIssue
    var missingKey: MissingKey?
}

/// What a template prints wrongly, at one place of its text, for the deployments that
/// print it.
struct TemplateValueReport {
    /// What is missing or wrong: a key missing from a map.
    enum Hint {
        /// A close key of the same map (`.field.key`).
        case closeKey(field: String, suggestion: NameSuggestion)
        /// No config that applies sets the key.
        case unsetConfigKey(String)

        var fixIts: [FixIt] {
            if case .closeKey(_, let suggestion) = self { return suggestion.fixIts }
            return []
        }
    }

    var written: String
    var template: String
    var assignments: [String]
    var hint: Hint?

    /// The first three deployments, and how many more.
    var shownAssignments: String {
        assignments.prefix(3).joined(separator: ", ") + (assignments.count > 3 ? " and \(assignments.count - 3) more" : "")
    }
}
