import KalcDiagnostics
import KalcSyntax

/// What lowering, name resolution and the model checks find wrong, with what each message
/// needs: for a name, the name as written, where, and what it could have meant.
///
/// `diagnostic` is the one place that turns a problem into its code, message, labels,
/// notes, hint and fix-its: each close name becomes both the hint and a fix-it that writes
/// it in place.
enum SemanticProblem {
    // MARK: Names and mechanical mistakes, with a fix-it

    case unknownModule(String, at: Location, modules: [String])
    case unknownRepository(String, at: Location, declared: [String])
    /// A property a declaration does not have; `what` names the declaration (`a workload`).
    case unknownProperty(String, of: String, at: Location, allowed: [String])
    case unknownEnvironmentProperty(String, at: Location)
    /// A name after a property that takes none: `key`, then the name.
    case propertyTakesNoName(key: Location, keyText: String, name: Location)
    case unknownTemplateType(String, at: Location)
    case unknownRequirementType(String, at: Location, types: [String])
    case unknownRegistration(String, at: Location, declared: [String])
    case unknownEnvironment(String, at: Location, declared: [String])
    /// A template no declaration names; `templatesDeclared` is false when the project has
    /// none at all, `importable` when it is one of the standard templates, which the
    /// project does not import.
    case unknownTemplate(String, at: Location, clusterType: String, candidates: [String], templatesDeclared: Bool, importable: Bool)
    /// An environment name with `-`, and the places that name the environment.
    case environmentNameWithDash(String, at: Location, references: [Location])

    // MARK: Lowering and imports without a fix-it

    case notSingleValue(what: String, found: String, at: Location)
    case propertyAtTopLevel(String, at: Location)
    case notRepositoryReference(what: String, at: Location)
    case commitOutsideBase(at: Location)
    case unnamedRepository(at: Location)
    case duplicateRepository(String, at: Location, first: Location)
    case targetOutsideWorkload(at: Location)
    case clauseOutsideDeclaration(at: Location)
    /// A declaration where it cannot stand; `topLevel` when it belongs at the top level of a file.
    case misplacedDeclaration(String, at: Location, topLevel: Bool)
    case propertySetTwice(String, at: Location, first: Location)
    case missingProperty(String, of: String, at: Location)
    /// What a declaration cannot hold, by its first token when it has one.
    case cannotHold(String, String?, at: Location)
    case missingControlPlane(environment: String, at: Location)
    case clauseInEnvironment(at: Location)
    /// A policy's `targets where` or `clusterTypes where` written twice.
    case repeatedSelectorClause(String, at: Location)
    case configKeySetTwice(String, at: Location, first: Location)
    case invalidConfigValue(found: String, at: Location)
    case repeatedRequires(at: Location)
    case missingRequires(schema: String, at: Location)
    /// A property of the registration set in a workload that names one.
    case registrationProperty(String, registration: String, at: Location)
    case unregisteredWorkload(Located<String>)
    case targetWithoutEnvironment(String, at: Location)
    case requirementWrittenTwice(String, at: Location)
    case notANumber(keyword: String, String, at: Location)
    case absoluteImport(String, at: Location)
    case importNotKal(String, at: Location)

    // MARK: Model checks without a fix-it

    case environmentNamedMain(at: Location)
    case missingGitOpsRepo(Located<String>)
    /// An environment with more than one GitOps repository.
    case multipleGitOpsRepos(environment: String, [GitOpsRepoObject])
    case invalidBranchName(GitOpsRepoObject, problem: GitBranchNames.Problem, environment: String?)
    case duplicateWorkload(Located<String>, first: Location)
    /// An object of `kind` declared twice in one branch; `place` says where in words.
    case duplicateObject(kind: String, ObjectHeader, place: String, first: Location, environment: String?)
    case shadowedObject(kind: String, String, environment: String, at: Location, hidden: Location)
    case invalidObjectName(Located<String>, problems: [String], environment: String?)
    case invalidLabelKey(Located<String>, problems: [String], environment: String?)
    case invalidLabelValue(Located<String>, problems: [String], environment: String?)
    case duplicateTarget(DeploymentTargetSpec, workload: String, first: Location)
    /// A deployment target whose name `<workload>-<target>` Kubernetes refuses.
    case invalidTargetName(String, problems: [String], at: Location)
    /// A main-branch template named in an environment without a base repository.
    case templateNotInEnvironment(Located<String>, environment: String, declared: Location, clusterType: String)
    /// A template named in the `role` property of a cluster type that has another type.
    case templateOfWrongType(Located<String>, role: String, actual: TemplateType, typeAt: Location)
    case configValueIsTemplate(key: String, at: Location)
    case invalidConfigKey(Located<String>, problems: [String])
}

extension SemanticProblem {
    /// The standard library's templates, as a file imports them.
    static let templatesImport = "import std.templates"

    /// The names of the standard library's templates.
    static let standardTemplateNames = Set(StandardLibrary.templates.map(\.header.name.value))

    /// Whether the standard library's templates are among `templates`.
    static func importsStandardTemplates(_ templates: [TemplateObject]) -> Bool {
        templates.contains { $0.header.location.file == "<std.templates>" }
    }

    var diagnostic: Diagnostic {
        switch self {
        case .unknownModule(let name, let location, let modules):
            let suggestion = closestName(to: name, among: modules)
            return Diagnostic(
                .unknownModule, "no module is named `\(name)`", at: location,
                hint: Self.didYouMean(suggestion)
                    ?? "the standard library has \(modules.sorted().map { "`\($0)`" }.joined(separator: ", ")); import a folder with a string path",
                fixIts: Self.replacing(location, with: suggestion))
        case .unknownRepository(let name, let location, let declared):
            let suggestion = closestName(to: name, among: declared)
            return Diagnostic(
                .unknownRepository, "no repository is named `\(name)`", at: location,
                hint: Self.didYouMean(suggestion) ?? "declare it with `repo \(name) = \"https://...\"`, or write the URL as a string",
                fixIts: Self.replacing(location, with: suggestion))
        case .unknownProperty(let key, let what, let location, let allowed):
            let suggestion = closestName(to: key, among: allowed)
            return Diagnostic(
                .unknownProperty, "\(what) has no property `\(key)`", at: location,
                hint: Self.didYouMean(suggestion) ?? "its properties are \(allowed.map { "`\($0)`" }.joined(separator: ", "))",
                fixIts: Self.replacing(location, with: suggestion))
        case .unknownEnvironmentProperty(let key, let location):
            let suggestion = closestName(to: key, among: ["controlPlane", "gitops", "base"])
            return Diagnostic(
                .unknownProperty, "an environment has no property `\(key)`", at: location,
                hint: Self.didYouMean(suggestion) ?? "its properties are `controlPlane`, `gitops` and `base`; everything else is a declaration",
                fixIts: Self.replacing(location, with: suggestion))
        case .propertyTakesNoName(let key, let keyText, let name):
            let removed = Location(file: name.file, span: Span(start: key.span.end, end: name.span.end))
            return Diagnostic(
                .unexpectedToken, "`\(keyText)` takes no name", at: name, hint: "write `\(keyText) = value`",
                fixIts: [FixIt("Remove the name", edits: [TextEdit(removed, replacement: "")])])
        case .unknownTemplateType(let type, let location):
            let suggestion = closestName(to: type, among: TemplateType.allCases.map(\.rawValue))
            return Diagnostic(
                .invalidValue, "a template's type is `reconciler`, `namespace` or `config`, not `\(type)`", at: location,
                hint: Self.didYouMean(suggestion), fixIts: Self.replacing(location, with: suggestion))
        case .unknownRequirementType(let type, let location, let types):
            let suggestion = closestName(to: type, among: types)
            return Diagnostic(
                .invalidValue, "unknown type `\(type)`", at: location,
                hint: Self.didYouMean(suggestion) ?? "a type is one of \(types.map { "`\($0)`" }.joined(separator: ", ")), or strings joined by `|`",
                fixIts: Self.replacing(location, with: suggestion))
        case .unknownRegistration(let name, let location, let declared):
            let suggestion = closestName(to: name, among: declared)
            return Diagnostic(
                .unknownRegistration, "no registration is named `\(name)`", at: location,
                hint: Self.didYouMean(suggestion), fixIts: Self.replacing(location, with: suggestion))
        case .unknownEnvironment(let name, let location, let declared):
            let suggestion = closestName(to: name, among: declared)
            return Diagnostic(
                .unknownEnvironment, "no environment is named `\(name)`", at: location,
                notes: ["Kalypso ignores a deployment target whose environment it does not manage."],
                hint: Self.didYouMean(suggestion), fixIts: Self.replacing(location, with: suggestion))
        case .unknownTemplate(let name, let location, let clusterType, let candidates, let templatesDeclared, let importable):
            let suggestion = closestName(to: name, among: candidates)
            let importFix = FixIt(
                "Add `\(Self.templatesImport)`",
                edits: [
                    TextEdit(Location(file: location.file, span: .point(0)), replacement: Self.templatesImport + "\n")
                ])
            return Diagnostic(
                .unknownTemplate, "no template is named `\(name)`", at: location, severity: .warning,
                notes: [
                    "Kalypso would fail every deployment on cluster type `\(clusterType)` with `Template.scheduler.kalypso.io \"\(name)\" not found`; no deployment is assigned to it, so this becomes an error once one is."
                ],
                hint: Self.didYouMean(suggestion) ?? (templatesDeclared ? nil : "`\(Self.templatesImport)` brings in Kalypso's standard templates"),
                fixIts: importable ? [importFix] : Self.replacing(location, with: suggestion))
        case .environmentNameWithDash(let name, let location, let references):
            let suggestion = String(name.filter { $0 != "-" })
            return Diagnostic(
                .environmentNameWithDash, "environment name `\(name)` contains `-`", at: location,
                notes: [
                    "Kalypso finds a workload's registration by splitting the Flux label `\(name)-<registration>` at its first `-`, so in this environment it finds no registration and schedules nothing."
                ],
                hint: "rename it without `-`, for example `\(suggestion)`",
                fixIts: [
                    FixIt(
                        "Rename the environment `\(suggestion)`",
                        edits: ([location] + references).map { TextEdit($0, replacement: suggestion) })
                ],
                environment: name)
        case .environmentNamedMain(let location):
            return Diagnostic(
                .environmentNamedMain, "an environment cannot be named `main`", at: location,
                notes: ["`main` is the branch of the control-plane repository that holds environments, templates and workload registrations."])
        case .missingGitOpsRepo(let name):
            return Diagnostic(
                .missingGitOpsRepo, "environment `\(name.value)` has no GitOps repository", at: name.location,
                notes: ["Kalypso pushes nothing for an environment without a GitOpsRepo, and cannot open issues for it."],
                hint: "add `gitops = repo @ \"\(name.value)\"` to the environment", environment: name.value)
        case .multipleGitOpsRepos(let environment, let repos):
            return Diagnostic(
                .multipleGitOpsRepos, "environment `\(environment)` has \(repos.count) GitOps repositories", at: repos[1].header.location,
                labels: [DiagnosticLabel(repos[0].header.location, "the first one")],
                notes: ["Kalypso pushes the same tree to each of them and opens issues in the first it lists."], environment: environment)
        case .invalidBranchName(let repo, let problem, let environment):
            return Diagnostic(
                .invalidBranchName, "git refuses the branch name `\(repo.spec.branch)`: \(problem)", at: repo.spec.branchLocation ?? repo.spec.location,
                notes: ["Kalypso pushes the environment's tree to this branch of its GitOps repository; git refuses to create it, so nothing is ever pushed."],
                hint: "name a branch that `git check-ref-format --branch` accepts", environment: environment)
        case .duplicateWorkload(let name, let first):
            return Diagnostic(
                .duplicateName, "workload `\(name.value)` is declared twice", at: name.location,
                labels: [DiagnosticLabel(first, "first declared here")])
        case .duplicateObject(let kind, let header, let place, let first, let environment):
            return Diagnostic(
                .duplicateName, "\(kind) `\(header.name.value)` is declared twice \(place)", at: header.name.location,
                labels: [DiagnosticLabel(first, "first declared here")],
                notes: ["Kalypso keeps only one of them."], environment: environment)
        case .shadowedObject(let kind, let name, let environment, let location, let hidden):
            return Diagnostic(
                .shadowedName, "\(kind) `\(name)` of environment `\(environment)` hides the one at the top level", at: location,
                labels: [DiagnosticLabel(hidden, "hidden in this environment")],
                hint: "rename one of them if both are meant to exist")
        case .invalidObjectName(let name, let problems, let environment):
            return Diagnostic(
                .invalidObjectName, "`\(name.value)` is not a valid Kubernetes name: \(problems.joined(separator: "; "))", at: name.location,
                hint: "use lower-case letters, digits and `-`", environment: environment)
        case .invalidLabelKey(let key, let problems, let environment):
            return Diagnostic(.invalidLabelKey, "`\(key.value)` is not a valid label key: \(problems.joined(separator: "; "))", at: key.location, environment: environment)
        case .invalidLabelValue(let value, let problems, let environment):
            return Diagnostic(.invalidLabelValue, "`\(value.value)` is not a valid label value: \(problems.joined(separator: "; "))", at: value.location, environment: environment)
        case .duplicateTarget(let target, let workload, let first):
            return Diagnostic(
                .duplicateName, "deployment target `\(target.name.value)` is declared twice in workload `\(workload)` for environment `\(target.environment?.value ?? "")`",
                at: target.name.location,
                labels: [DiagnosticLabel(first, "first declared here")])
        case .invalidTargetName(let composed, let problems, let location):
            return Diagnostic(
                .invalidComposedName, "the deployment target name `\(composed)` is invalid: \(problems.joined(separator: "; "))", at: location,
                notes: ["Kalypso names a deployment target `<workload>-<target>`."],
                hint: "shorten the workload or target name")
        case .templateNotInEnvironment(let reference, let environment, let declared, let clusterType):
            return Diagnostic(
                .templateNotInEnvironment, "template `\(reference.value)` does not reach environment `\(environment)`", at: reference.location,
                severity: .warning,
                labels: [DiagnosticLabel(declared, "declared in the main branch")],
                notes: [
                    "Objects of the main branch reach an environment only through its base repository.",
                    "Kalypso would fail every deployment on cluster type `\(clusterType)`; no deployment is assigned to it, so this becomes an error once one is.",
                ],
                hint: "add `base = repo @ \"main\"` to environment `\(environment)`")
        case .templateOfWrongType(let reference, let role, let actual, let type):
            return Diagnostic(
                .templateOfWrongType, "`\(role)` names template `\(reference.value)`, which is a \(actual.rawValue) template", at: reference.location,
                labels: [DiagnosticLabel(type, "its type")],
                notes: ["Kalypso does not check template types; it renders it as the \(role) template all the same."])
        case .configValueIsTemplate(let key, let location):
            return Diagnostic(
                .configValueIsTemplate, "config value `\(key)` contains `{{`, so Kalypso renders it again as a template", at: location,
                notes: ["Kalypso renders a manifest again as long as its output contains `{{`; a config value that reaches a manifest is evaluated as Go template text."],
                hint: "keep `{{` out of config values")
        case .invalidConfigKey(let key, let problems):
            return Diagnostic(
                .invalidConfigKey, "`\(key.value)` is not a valid ConfigMap key: \(problems.joined(separator: "; "))", at: key.location,
                notes: ["The Kubernetes API server rejects the ConfigMap, so Kalypso never sees this config."])
        case .propertyAtTopLevel(let key, let location):
            return Diagnostic(
                .unknownProperty, "`\(key)` cannot be set at the top level of a file", at: location,
                hint: "only `repo NAME = \"url\"` and declarations stand at the top level")
        case .notSingleValue(let what, let found, let location):
            return Diagnostic(.invalidValue, "\(what) must be a single value, not \(found)", at: location)
        case .notRepositoryReference(let what, let location):
            return Diagnostic(.invalidValue, "\(what) must be a repository reference such as `\"https://...\" @ \"branch\" / \"path\"`", at: location)
        case .commitOutsideBase(let location):
            return Diagnostic(.invalidValue, "only a base repository has a promoted commit", at: location)
        case .unnamedRepository(let location):
            return Diagnostic(.missingProperty, "a repository needs a name: `repo NAME = \"https://...\"`", at: location)
        case .duplicateRepository(let name, let location, let first):
            return Diagnostic(
                .duplicateName, "the repository name `\(name)` is declared twice", at: location,
                labels: [DiagnosticLabel(first, "first declared here")])
        case .targetOutsideWorkload(let location):
            return Diagnostic(.misplacedDeclaration, "a `target` belongs inside a `workload`", at: location)
        case .clauseOutsideDeclaration(let location):
            return Diagnostic(.misplacedDeclaration, "this clause belongs inside a declaration", at: location)
        case .misplacedDeclaration(let keyword, let location, let topLevel):
            return Diagnostic(
                .misplacedDeclaration, "`\(keyword)` cannot be declared here", at: location,
                hint: topLevel ? "declare it at the top level of a file" : nil)
        case .propertySetTwice(let key, let location, let first):
            return Diagnostic(
                .duplicateProperty, "`\(key)` is set twice", at: location,
                labels: [DiagnosticLabel(first, "first set here")])
        case .missingProperty(let key, let what, let location):
            return Diagnostic(.missingProperty, "\(what) needs `\(key) = ...`", at: location)
        case .cannotHold(let what, let token, let location):
            return Diagnostic(.misplacedDeclaration, "\(what) cannot hold \(token.map { "`\($0)`" } ?? "this")", at: location)
        case .missingControlPlane(let name, let location):
            return Diagnostic(
                .missingProperty, "environment `\(name)` needs `controlPlane = repo @ \"\(name)\"`", at: location,
                hint: "the branch of the control-plane repository that holds this environment's objects")
        case .clauseInEnvironment(let location):
            return Diagnostic(.misplacedDeclaration, "this clause cannot stand in an environment", at: location)
        case .repeatedSelectorClause(let clause, let location):
            return Diagnostic(.duplicateProperty, "a policy has one `\(clause)` clause; join the requirements with `,`", at: location)
        case .configKeySetTwice(let key, let location, let first):
            return Diagnostic(
                .duplicateProperty, "the config key `\(key)` is set twice", at: location,
                labels: [DiagnosticLabel(first, "first set here")])
        case .invalidConfigValue(let found, let location):
            return Diagnostic(.invalidValue, "a config value is a string, a number, a map or a list, not \(found)", at: location)
        case .repeatedRequires(let location):
            return Diagnostic(
                .duplicateProperty, "a schema holds one `requires` clause", at: location,
                hint: "declare another schema, or put every requirement in one clause")
        case .missingRequires(let schema, let location):
            return Diagnostic(.missingProperty, "schema `\(schema)` needs a `requires` clause", at: location)
        case .registrationProperty(let key, let registration, let location):
            return Diagnostic(
                .invalidValue, "`\(key)` belongs to the registration `\(registration)`, not to the workload", at: location,
                hint: "set it in the registration, or drop `registration =` to let the workload register itself")
        case .unregisteredWorkload(let name):
            return Diagnostic(
                .missingRegistration, "workload `\(name.value)` is not registered", at: name.location,
                hint: "set `workspace = \"...\"` and `source = repo @ branch / path`, or `registration = NAME`")
        case .targetWithoutEnvironment(let name, let location):
            return Diagnostic(.missingProperty, "deployment target `\(name)` needs an environment: `target \(name) in ENVIRONMENT`", at: location)
        case .requirementWrittenTwice(let key, let location):
            return Diagnostic(.duplicateProperty, "the requirement `\(key)` is written twice", at: location)
        case .notANumber(let keyword, let text, let location):
            return Diagnostic(.invalidValue, "`\(keyword)` takes a number, not `\(text)`", at: location)
        case .absoluteImport(let relative, let location):
            return Diagnostic(
                .refusedImport, "`\(relative)` is an absolute path; kalc imports only paths relative to the importing file", at: location,
                hint: "write the path relative to this file, so that the project compiles the same on every machine")
        case .importNotKal(let relative, let location):
            return Diagnostic(
                .refusedImport, "`\(relative)` is not a .kal file; kalc imports .kal files and folders only", at: location,
                hint: "import the .kal file, or the folder that holds it")
        }
    }

    private static func didYouMean(_ suggestion: String?) -> String? {
        suggestion.map { "did you mean `\($0)`?" }
    }

    private static func replacing(_ location: Location, with suggestion: String?) -> [FixIt] {
        suggestion.map { [FixIt.replacing(location, with: $0)] } ?? []
    }
}
