/// The rules git applies to a branch name (`git check-ref-format --branch`), so that a
/// GitOps branch Kalypso could never push to is found without opening a repository.
public enum GitBranchNames {
    /// Why git refuses a branch name.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// The name is empty.
        case empty
        /// `HEAD` names the checked-out commit, not a branch.
        case head
        /// A leading `-` reads as an option of git's commands.
        case leadingDash
        /// The name starts or ends with `/`, or holds `//`.
        case emptyComponent
        /// A `/`-separated component starts with `.`.
        case componentStartsWithDot(String)
        /// A component ends with `.lock`, the suffix of git's lock files.
        case componentEndsWithLock(String)
        /// The name ends with `.`.
        case endsWithDot
        /// The name holds `..`.
        case doubleDot
        /// The name holds `@{`, git's reflog syntax.
        case reflogSyntax
        /// A character git refuses anywhere in a reference: a control character, a space,
        /// `~`, `^`, `:`, `?`, `*`, `[` or `\`.
        case forbiddenCharacter(Unicode.Scalar)

        /// What git refuses, as a clause: "a branch name cannot contain `..`".
        public var description: String {
            switch self {
            case .empty: "a branch name cannot be empty"
            case .head: "`HEAD` is not a branch name"
            case .leadingDash: "a branch name cannot start with `-`"
            case .emptyComponent: "a branch name cannot start or end with `/` or contain `//`"
            case .componentStartsWithDot(let component): "the part `\(component)` starts with `.`"
            case .componentEndsWithLock(let component): "the part `\(component)` ends with `.lock`, the suffix of git's lock files"
            case .endsWithDot: "a branch name cannot end with `.`"
            case .doubleDot: "a branch name cannot contain `..`"
            case .reflogSyntax: "a branch name cannot contain `@{`"
            case .forbiddenCharacter(let scalar): "a branch name cannot contain \(Self.describe(scalar))"
            }
        }

        private static func describe(_ scalar: Unicode.Scalar) -> String {
            switch scalar {
            case " ": "a space"
            case "\u{7F}", "\u{00}"..."\u{1F}": "the control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))"
            default: "`\(scalar)`"
            }
        }
    }

    /// The first rule `name` breaks as a branch name, or nil when git accepts it.
    public static func problem(_ name: String) -> Problem? {
        if name.isEmpty { return .empty }
        if name == "HEAD" { return .head }
        if name.hasPrefix("-") { return .leadingDash }
        if let scalar = name.unicodeScalars.first(where: isForbidden) { return .forbiddenCharacter(scalar) }
        if name.contains("..") { return .doubleDot }
        if name.contains("@{") { return .reflogSyntax }
        for component in name.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { return .emptyComponent }
            if component.hasPrefix(".") { return .componentStartsWithDot(String(component)) }
            if component.hasSuffix(".lock") { return .componentEndsWithLock(String(component)) }
        }
        if name.hasSuffix(".") { return .endsWithDot }
        return nil
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || " ~^:?*[\\".unicodeScalars.contains(scalar)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
