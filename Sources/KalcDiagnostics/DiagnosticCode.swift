/// A stable diagnostic code, `K` and four digits, with its default severity and a title.
///
/// Every code kalc can emit is declared in this file, so the documentation and
/// `kalc explain` can list them all.
public struct DiagnosticCode: Sendable, Hashable, CustomStringConvertible {
    /// `K0001` and so on.
    public let rawValue: String
    public let defaultSeverity: Severity
    /// A few words naming the problem, used as a title in SARIF and GitHub annotations.
    public let title: String

    public init(_ rawValue: String, _ defaultSeverity: Severity, _ title: String) {
        self.rawValue = rawValue
        self.defaultSeverity = defaultSeverity
        self.title = title
    }

    public var description: String { rawValue }

    public static func == (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

extension DiagnosticCode {
    // MARK: Syntax (K00xx)

    public static let invalidCharacter = DiagnosticCode("K0001", .error, "invalid character")
    public static let unterminatedString = DiagnosticCode("K0002", .error, "unterminated string")
    public static let invalidEscape = DiagnosticCode("K0003", .error, "invalid escape sequence")
    public static let unterminatedTextBlock = DiagnosticCode("K0004", .error, "unterminated text block")
    public static let textBlockIndentation = DiagnosticCode("K0005", .error, "text block line less indented than its closing delimiter")
    public static let textBlockOpening = DiagnosticCode("K0006", .error, "text on the line of an opening text block delimiter")
    public static let invalidUTF8 = DiagnosticCode("K0007", .error, "invalid UTF-8")
    public static let expectedToken = DiagnosticCode("K0010", .error, "expected token missing")
    public static let unexpectedToken = DiagnosticCode("K0011", .error, "unexpected token")
    public static let unclosedDelimiter = DiagnosticCode("K0012", .error, "unclosed delimiter")
    public static let nestingTooDeep = DiagnosticCode("K0013", .error, "nesting too deep")
    public static let misplacedImport = DiagnosticCode("K0014", .error, "import after a declaration")

    // MARK: Names and structure (K01xx)

    public static let unknownTemplate = DiagnosticCode("K0101", .error, "unknown template")
    public static let unknownRegistration = DiagnosticCode("K0102", .error, "unknown workload registration")
    public static let unknownEnvironment = DiagnosticCode("K0103", .warning, "deployment target for an unknown environment")
    public static let unknownRepository = DiagnosticCode("K0104", .error, "unknown repository name")
    public static let unknownModule = DiagnosticCode("K0105", .error, "unknown module")
    public static let duplicateName = DiagnosticCode("K0106", .error, "duplicate name")
    public static let shadowedName = DiagnosticCode("K0107", .warning, "environment object hides a main-branch object")
    public static let unknownProperty = DiagnosticCode("K0110", .error, "property not allowed here")
    public static let missingProperty = DiagnosticCode("K0111", .error, "required property missing")
    public static let duplicateProperty = DiagnosticCode("K0112", .error, "property set twice")
    public static let misplacedDeclaration = DiagnosticCode("K0113", .error, "declaration not allowed here")
    public static let invalidValue = DiagnosticCode("K0114", .error, "value of the wrong kind")
    public static let missingRegistration = DiagnosticCode("K0115", .error, "workload without a registration")
    public static let importNotFound = DiagnosticCode("K0116", .error, "imported path not found")
    public static let refusedImport = DiagnosticCode("K0117", .error, "import kalc refuses")
    public static let invalidBranchName = DiagnosticCode("K0120", .error, "branch name git refuses")

    // MARK: Kubernetes names (K02xx)

    public static let invalidObjectName = DiagnosticCode("K0201", .error, "invalid object name")
    public static let invalidLabelKey = DiagnosticCode("K0202", .error, "invalid label key")
    public static let invalidLabelValue = DiagnosticCode("K0203", .error, "invalid label value")
    public static let invalidComposedName = DiagnosticCode("K0204", .error, "invalid composed name")
    public static let environmentNameWithDash = DiagnosticCode("K0205", .error, "environment name containing `-`")
    public static let environmentNamedMain = DiagnosticCode("K0206", .error, "environment named `main`")
    public static let invalidConfigKey = DiagnosticCode("K0207", .warning, "invalid ConfigMap key")

    // MARK: Scheduling (K03xx)

    public static let missingGitOpsRepo = DiagnosticCode("K0301", .error, "environment without a GitOps repository")
    public static let overlappingPolicies = DiagnosticCode("K0302", .error, "policies assign the same deployment")
    public static let selectorMatchesNothing = DiagnosticCode("K0303", .warning, "selector matches nothing")
    public static let unscheduledTarget = DiagnosticCode("K0304", .warning, "deployment target not scheduled")
    public static let templateOfWrongType = DiagnosticCode("K0305", .warning, "template of the wrong type")
    public static let templateNotInEnvironment = DiagnosticCode("K0306", .error, "template does not reach the environment")
    public static let targetNotDelivered = DiagnosticCode("K0307", .warning, "deployment target never delivered")
    public static let invalidSelector = DiagnosticCode("K0308", .error, "invalid label selector")
    public static let multipleGitOpsRepos = DiagnosticCode("K0309", .warning, "several GitOps repositories")

    // MARK: Configuration (K04xx)

    public static let configValueBecomesStructure = DiagnosticCode("K0401", .warning, "config value read as a structure")
    public static let configValueIsTemplate = DiagnosticCode("K0402", .warning, "config value rendered as a template")
    public static let invalidSchema = DiagnosticCode("K0403", .error, "invalid JSON Schema")
    public static let unsatisfiableRequirement = DiagnosticCode("K0404", .warning, "requirement Kalypso can never satisfy")
    public static let configMergePanic = DiagnosticCode("K0405", .error, "config values Kalypso cannot merge")
    public static let configOverridden = DiagnosticCode("K0406", .warning, "config key set by several configs")
    public static let configValueTooDeep = DiagnosticCode("K0407", .warning, "config value nested too deeply")
    public static let configRequirementNotMet = DiagnosticCode("K0410", .error, "config requirement not met")

    // MARK: Templates (K05xx)

    public static let templateSyntax = DiagnosticCode("K0501", .error, "template syntax error")
    public static let unknownTemplateFunction = DiagnosticCode("K0502", .error, "unknown template function")
    public static let refusedTemplateFunction = DiagnosticCode("K0503", .error, "template function kalc refuses")
    public static let unsupportedTemplateFunction = DiagnosticCode("K0504", .error, "template function kalc does not reproduce")
    public static let unknownTemplateField = DiagnosticCode("K0505", .error, "unknown template field")
    public static let missingTemplateValue = DiagnosticCode("K0506", .warning, "template prints <no value>")
    public static let templateExecutionFailed = DiagnosticCode("K0507", .error, "template fails to render")
    public static let mapOrderInOutput = DiagnosticCode("K0510", .warning, "output depends on Go's map order")
    public static let bytesNotUTF8 = DiagnosticCode("K0511", .error, "config bytes kalc cannot reproduce")

    // MARK: Import of Kalypso YAML (K06xx)

    public static let invalidYAML = DiagnosticCode("K0601", .error, "invalid YAML")
    public static let unknownKind = DiagnosticCode("K0602", .warning, "kind not used by Kalypso")
    public static let missingField = DiagnosticCode("K0603", .error, "required field missing")
    public static let wrongFieldType = DiagnosticCode("K0604", .error, "field of the wrong type")
    public static let ignoredObject = DiagnosticCode("K0605", .warning, "object Kalypso ignores")
    public static let notRepresentable = DiagnosticCode("K0606", .warning, "detail not kept by the import")
    public static let duplicateObject = DiagnosticCode("K0607", .error, "object defined twice in a branch")
    public static let duplicateKey = DiagnosticCode("K0608", .error, "duplicate key in a YAML mapping")
    public static let nonStringKey = DiagnosticCode("K0609", .error, "YAML key that is not a string")
    public static let foreignAPIVersion = DiagnosticCode("K0610", .warning, "object of another API")

    // MARK: Input and output (K09xx)

    public static let unreadableFile = DiagnosticCode("K0901", .error, "file cannot be read")
    public static let fileTooLarge = DiagnosticCode("K0902", .error, "file too large")
    public static let noSourceFiles = DiagnosticCode("K0903", .error, "no .kal files found")
    public static let foreignOutput = DiagnosticCode("K0910", .error, "output folder holds files kalc did not write")
    public static let uninspectableOutput = DiagnosticCode("K0911", .error, "output folder cannot be inspected")
    public static let outputHoldsInput = DiagnosticCode("K0912", .error, "output folder holds an input")
    public static let unwritableFile = DiagnosticCode("K0913", .error, "file cannot be written")
    public static let refusedRewrite = DiagnosticCode("K0914", .error, "file kalc will not rewrite")
    public static let leftoverKept = DiagnosticCode("K0915", .warning, "earlier output left in place")
    public static let invalidOutputPath = DiagnosticCode("K0916", .error, "output path refused")
    public static let linkLeavesProject = DiagnosticCode("K0920", .error, "symbolic link leading out of the project")
    public static let searchStopped = DiagnosticCode("K0921", .warning, "folder search stopped at its limit")
    public static let tooManySyntaxErrors = DiagnosticCode("K0930", .error, "too many syntax errors in one file")
    public static let gitOpsOutputTooLarge = DiagnosticCode("K0931", .error, "GitOps files of a compile too large")

    /// Every code kalc declares, in code order.
    public static let all: [DiagnosticCode] = [
        .invalidCharacter, .unterminatedString, .invalidEscape, .unterminatedTextBlock,
        .textBlockIndentation, .textBlockOpening, .invalidUTF8, .expectedToken, .unexpectedToken,
        .unclosedDelimiter, .nestingTooDeep, .misplacedImport,
        .unknownTemplate, .unknownRegistration, .unknownEnvironment, .unknownRepository, .unknownModule,
        .duplicateName, .shadowedName, .unknownProperty, .missingProperty, .duplicateProperty,
        .misplacedDeclaration, .invalidValue, .missingRegistration, .importNotFound, .refusedImport,
        .invalidBranchName,
        .invalidObjectName, .invalidLabelKey, .invalidLabelValue, .invalidComposedName,
        .environmentNameWithDash, .environmentNamedMain, .invalidConfigKey,
        .missingGitOpsRepo, .overlappingPolicies, .selectorMatchesNothing, .unscheduledTarget,
        .templateOfWrongType, .templateNotInEnvironment, .targetNotDelivered, .invalidSelector, .multipleGitOpsRepos,
        .configValueBecomesStructure, .configValueIsTemplate, .invalidSchema, .unsatisfiableRequirement,
        .configMergePanic, .configOverridden, .configValueTooDeep, .configRequirementNotMet,
        .templateSyntax, .unknownTemplateFunction, .refusedTemplateFunction, .unsupportedTemplateFunction,
        .unknownTemplateField, .missingTemplateValue, .templateExecutionFailed, .mapOrderInOutput, .bytesNotUTF8,
        .invalidYAML, .unknownKind, .missingField, .wrongFieldType, .ignoredObject, .notRepresentable,
        .duplicateObject, .duplicateKey, .nonStringKey, .foreignAPIVersion,
        .unreadableFile, .fileTooLarge, .noSourceFiles, .linkLeavesProject, .searchStopped,
        .foreignOutput, .uninspectableOutput, .outputHoldsInput, .unwritableFile, .refusedRewrite, .leftoverKept, .invalidOutputPath,
        .tooManySyntaxErrors, .gitOpsOutputTooLarge,
    ].sorted { $0.rawValue < $1.rawValue }

    /// The code with this spelling (`K0001`), if kalc declares it.
    public static func named(_ rawValue: String) -> DiagnosticCode? {
        all.first { $0.rawValue == rawValue.uppercased() }
    }
}
