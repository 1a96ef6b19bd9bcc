import KalcDiagnostics
import KalcSyntax

/// What lowering, name resolution and the model checks find wrong about a name, with
/// what each message needs: the name as written, where, and the close name kalc suggests.
///
/// `diagnostic` is the one place that turns a problem into its code, message, hint and
/// fix-its: each suggestion becomes both the hint and a fix-it that writes it in place.
enum SemanticProblem {
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
}

extension SemanticProblem {
    /// The standard library's templates, as a file imports them.
    static let templatesImport = "import std.templates"

    /// The names of the standard library's templates.
    static let standardTemplateNames: Set<String> = {
        guard let file = StandardLibrary.modules["std.templates"] else { return [] }
        var lowering = Lowering(firstTree: SyntaxTree.parse(file))
        lowering.lower([SyntaxTree.parse(file)], threads: 1)
        return Set(lowering.plane.templates.map(\.header.name.value))
    }()

    /// Whether the standard library's templates are among `templates`.
    static func importsStandardTemplates(_ templates: [TemplateObject]) -> Bool {
        templates.contains { $0.header.location.file == "<std.templates>" }
    }

    var diagnostic: Diagnostic {
        switch self {
        case .unknownModule(let name, let location, let modules):
            let suggestion = closestName(to: name, among: modules)
            return Diagnostic(.unknownModule, "no module is named `\(name)`", at: location,
                              hint: Self.didYouMean(suggestion)
                                  ?? "the standard library has \(modules.sorted().map { "`\($0)`" }.joined(separator: ", ")); import a folder with a string path",
                              fixIts: Self.replacing(location, with: suggestion))
        case .unknownRepository(let name, let location, let declared):
            let suggestion = closestName(to: name, among: declared)
            return Diagnostic(.unknownRepository, "no repository is named `\(name)`", at: location,
                              hint: Self.didYouMean(suggestion) ?? "declare it with `repo \(name) = \"https://...\"`, or write the URL as a string",
                              fixIts: Self.replacing(location, with: suggestion))
        case .unknownProperty(let key, let what, let location, let allowed):
            let suggestion = closestName(to: key, among: allowed)
            return Diagnostic(.unknownProperty, "\(what) has no property `\(key)`", at: location,
                              hint: Self.didYouMean(suggestion) ?? "its properties are \(allowed.map { "`\($0)`" }.joined(separator: ", "))",
                              fixIts: Self.replacing(location, with: suggestion))
        case .unknownEnvironmentProperty(let key, let location):
            let suggestion = closestName(to: key, among: ["controlPlane", "gitops", "base"])
            return Diagnostic(.unknownProperty, "an environment has no property `\(key)`", at: location,
                              hint: Self.didYouMean(suggestion) ?? "its properties are `controlPlane`, `gitops` and `base`; everything else is a declaration",
                              fixIts: Self.replacing(location, with: suggestion))
        case .propertyTakesNoName(let key, let keyText, let name):
            let removed = Location(file: name.file, span: Span(start: key.span.end, end: name.span.end))
            return Diagnostic(.unexpectedToken, "`\(keyText)` takes no name", at: name, hint: "write `\(keyText) = value`",
                              fixIts: [FixIt("Remove the name", edits: [TextEdit(removed, replacement: "")])])
        case .unknownTemplateType(let type, let location):
            let suggestion = closestName(to: type, among: TemplateType.allCases.map(\.rawValue))
            return Diagnostic(.invalidValue, "a template's type is `reconciler`, `namespace` or `config`, not `\(type)`", at: location,
                              hint: Self.didYouMean(suggestion), fixIts: Self.replacing(location, with: suggestion))
        case .unknownRequirementType(let type, let location, let types):
            let suggestion = closestName(to: type, among: types)
            return Diagnostic(.invalidValue, "unknown type `\(type)`", at: location,
                              hint: Self.didYouMean(suggestion) ?? "a type is one of \(types.map { "`\($0)`" }.joined(separator: ", ")), or strings joined by `|`",
                              fixIts: Self.replacing(location, with: suggestion))
        case .unknownRegistration(let name, let location, let declared):
            let suggestion = closestName(to: name, among: declared)
            return Diagnostic(.unknownRegistration, "no registration is named `\(name)`", at: location,
                              hint: Self.didYouMean(suggestion), fixIts: Self.replacing(location, with: suggestion))
        case .unknownEnvironment(let name, let location, let declared):
            let suggestion = closestName(to: name, among: declared)
            return Diagnostic(.unknownEnvironment, "no environment is named `\(name)`", at: location,
                              notes: ["Kalypso ignores a deployment target whose environment it does not manage."],
                              hint: Self.didYouMean(suggestion), fixIts: Self.replacing(location, with: suggestion))
        case .unknownTemplate(let name, let location, let clusterType, let candidates, let templatesDeclared, let importable):
            let suggestion = closestName(to: name, among: candidates)
            let importFix = FixIt("Add `\(Self.templatesImport)`", edits: [
                TextEdit(Location(file: location.file, span: .point(0)), replacement: Self.templatesImport + "\n"),
            ])
            return Diagnostic(.unknownTemplate, "no template is named `\(name)`", at: location, severity: .warning,
                              notes: ["Kalypso would fail every deployment on cluster type `\(clusterType)` with `Template.scheduler.kalypso.io \"\(name)\" not found`; no deployment is assigned to it, so this becomes an error once one is."],
                              hint: Self.didYouMean(suggestion) ?? (templatesDeclared ? nil : "`\(Self.templatesImport)` brings in Kalypso's standard templates"),
                              fixIts: importable ? [importFix] : Self.replacing(location, with: suggestion))
        case .environmentNameWithDash(let name, let location, let references):
            let suggestion = String(name.filter { $0 != "-" })
            return Diagnostic(.environmentNameWithDash, "environment name `\(name)` contains `-`", at: location,
                              notes: ["Kalypso finds a workload's registration by splitting the Flux label `\(name)-<registration>` at its first `-`, so in this environment it finds no registration and schedules nothing."],
                              hint: "rename it without `-`, for example `\(suggestion)`",
                              fixIts: [FixIt("Rename the environment `\(suggestion)`",
                                             edits: ([location] + references).map { TextEdit($0, replacement: suggestion) })],
                              environment: name)
        }
    }

    private static func didYouMean(_ suggestion: String?) -> String? {
        suggestion.map { "did you mean `\($0)`?" }
    }

    private static func replacing(_ location: Location, with suggestion: String?) -> [FixIt] {
        suggestion.map { [FixIt.replacing(location, with: $0)] } ?? []
    }
}
