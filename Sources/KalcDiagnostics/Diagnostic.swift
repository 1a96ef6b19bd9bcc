/// How serious a diagnostic is.
///
/// An error means Kalypso would not push an environment (or kalc cannot compile at all);
/// a warning points at something Kalypso accepts but that is almost certainly a mistake.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary span with a short explanation ("first defined here").
public struct DiagnosticLabel: Sendable, Hashable {
    public var location: Location
    public var message: String

    public init(_ location: Location, _ message: String) {
        self.location = location
        self.message = message
    }
}

/// A text replacement in one file.
public struct TextEdit: Sendable, Hashable {
    public var location: Location
    public var replacement: String

    public init(_ location: Location, replacement: String) {
        self.location = location
        self.replacement = replacement
    }
}

/// A suggested fix: a title and the edits that apply it.
public struct FixIt: Sendable, Hashable {
    public var title: String
    public var edits: [TextEdit]

    public init(_ title: String, edits: [TextEdit]) {
        self.title = title
        self.edits = edits
    }

    /// The fix of a "did you mean `x`?": `x` in place of the text at `location`.
    public static func replacing(_ location: Location, with suggestion: String) -> FixIt {
        FixIt("Replace with `\(suggestion)`", edits: [TextEdit(location, replacement: suggestion)])
    }
}

/// One message of kalc about the input: a stable code, a severity, where, and what to do.
public struct Diagnostic: Sendable, Hashable {
    public var code: DiagnosticCode
    public var severity: Severity
    /// A short, lower-case sentence saying what was expected and what was found.
    public var message: String
    /// The text that caused the diagnostic.
    public var location: Location
    /// Other places that explain it.
    public var labels: [DiagnosticLabel]
    /// Extra lines of explanation, each a full sentence.
    public var notes: [String]
    /// A hint for the likely fix ("did you mean `arc-flux`?").
    public var hint: String?
    /// Machine-applicable fixes.
    public var fixIts: [FixIt]
    /// The environment the problem concerns, when it concerns one only (`compile --env`
    /// ignores problems of other environments).
    public var environment: String?

    public init(
        _ code: DiagnosticCode,
        _ message: String,
        at location: Location,
        severity: Severity? = nil,
        labels: [DiagnosticLabel] = [],
        notes: [String] = [],
        hint: String? = nil,
        fixIts: [FixIt] = [],
        environment: String? = nil
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.location = location
        self.labels = labels
        self.notes = notes
        self.hint = hint
        self.fixIts = fixIts
        self.environment = environment
    }

    /// Orders diagnostics by file and position, then by code, so reports are stable.
    public static func reportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
        return lhs.message < rhs.message
    }
}

/// A code at a place, to find the same problem reported twice.
private struct DiagnosticPlace: Hashable {
    var code: String
    var location: Location
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// One diagnostic per problem: a warning with the code and place of an error is left
    /// out (a problem found once for a declaration, as a warning while nothing depends on
    /// it, and again as an error for what it fails), the error keeping its labels, hint and
    /// fix-its.
    public func mergingRepeats() -> [Diagnostic] {
        var errors: [DiagnosticPlace: Int] = [:]
        for (index, diagnostic) in enumerated() where diagnostic.severity == .error {
            let place = DiagnosticPlace(code: diagnostic.code.rawValue, location: diagnostic.location)
            if errors[place] == nil { errors[place] = index }
        }
        guard !errors.isEmpty else { return self }
        var result = self
        var dropped = Set<Int>()
        for (index, diagnostic) in enumerated() where diagnostic.severity == .warning {
            guard let error = errors[DiagnosticPlace(code: diagnostic.code.rawValue, location: diagnostic.location)] else { continue }
            if result[error].labels.isEmpty { result[error].labels = diagnostic.labels }
            if result[error].hint == nil { result[error].hint = diagnostic.hint }
            if result[error].fixIts.isEmpty { result[error].fixIts = diagnostic.fixIts }
            dropped.insert(index)
        }
        guard !dropped.isEmpty else { return self }
        return result.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    }

    /// The diagnostics with every warning turned into an error (`--werror`).
    public func warningsAsErrors() -> [Diagnostic] {
        map { diagnostic in
            var copy = diagnostic
            if copy.severity == .warning { copy.severity = .error }
            return copy
        }
    }
}
