/// Why a pattern is not a valid Go (RE2) regular expression; the code is Go's
/// `syntax.ErrorCode` text and `expression` the part it quotes.
public struct RegexSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Go's error code text, such as `missing closing )` or `invalid repeat count`.
    public let code: String
    /// The part of the pattern the error is about.
    public let expression: String

    /// Go's message: error parsing regexp: CODE: `EXPRESSION`.
    public var description: String { "error parsing regexp: \(code): `\(expression)`" }

    static let internalError = "regexp/syntax: internal error"
    static let invalidCharClass = "invalid character class"
    static let invalidCharRange = "invalid character class range"
    static let invalidEscape = "invalid escape sequence"
    static let invalidNamedCapture = "invalid named capture"
    static let invalidPerlOp = "invalid or unsupported Perl syntax"
    static let invalidRepeatOp = "invalid nested repetition operator"
    static let invalidRepeatSize = "invalid repeat count"
    static let missingBracket = "missing closing ]"
    static let missingParen = "missing closing )"
    static let missingRepeatArgument = "missing argument to repetition operator"
    static let trailingBackslash = "trailing backslash at end of expression"
    static let unexpectedParen = "unexpected )"
    static let nestingDepth = "expression nests too deeply"
}

/// Parse flags of `regexp/syntax` that change what the parser builds.
struct RegexFlags: OptionSet, Hashable {
    let rawValue: UInt16
    static let foldCase = RegexFlags(rawValue: 1 << 0)
    static let classNL = RegexFlags(rawValue: 1 << 2)
    static let dotNL = RegexFlags(rawValue: 1 << 3)
    static let oneLine = RegexFlags(rawValue: 1 << 4)
    static let nonGreedy = RegexFlags(rawValue: 1 << 5)
    static let perlX = RegexFlags(rawValue: 1 << 6)
    static let unicodeGroups = RegexFlags(rawValue: 1 << 7)
    /// The flags `regexp.Compile` parses with (`syntax.Perl`).
    static let perl: RegexFlags = [.classNL, .oneLine, .perlX, .unicodeGroups]
}

/// A node of a parsed regular expression, with the height and compiled-size estimates
/// Go uses to refuse expressions that nest too deeply or grow too large.
final class RegexNode {
    enum Operation {
        case noMatch, emptyMatch
        /// Runes matched in sequence; with `foldCase`, each also matches its folding orbit.
        case literal([UInt32], foldCase: Bool)
        case charClass([UInt32])
        case anyCharNotNL, anyChar
        case beginLine, endLine, beginText, endText, wordBoundary, noWordBoundary
        case capture
        case star, plus, quest
        case `repeat`(min: Int, max: Int)
        case concat, alternate
    }

    let operation: Operation
    let children: [RegexNode]
    let height: Int
    let size: Int64
    /// For a repetition: whether it prefers fewer copies (`x*?`, or `x*` under `(?U)`).
    var nonGreedy = false
    /// For a capture: its number, counting left parentheses from 1.
    var captureIndex = 0

    init(_ operation: Operation, _ children: [RegexNode] = []) {
        self.operation = operation
        self.children = children
        self.height = 1 + (children.map(\.height).max() ?? 0)
        self.size = RegexNode.compiledSize(operation, children)
    }

    /// Go's `calcSize`: an estimate of the instructions the node compiles to.
    private static func compiledSize(_ operation: Operation, _ children: [RegexNode]) -> Int64 {
        var size: Int64
        let sub = children.first?.size ?? 0
        switch operation {
        case .literal(let runes, _): size = Int64(runes.count)
        case .capture, .star: size = 2 + sub
        case .plus, .quest: size = 1 + sub
        case .concat: size = children.reduce(0) { $0 + $1.size }
        case .alternate:
            size = children.reduce(0) { $0 + $1.size }
            if children.count > 1 { size += Int64(children.count - 1) }
        case .repeat(let min, let max):
            if max == -1 {
                size = min == 0 ? 2 + sub : 1 + Int64(min) * sub
            } else {
                size = Int64(max) * sub + Int64(max - min)
            }
        default: size = 1
        }
        return Swift.max(size, 1)
    }

    /// Whether the node is a single-rune matcher (Go's `isCharClass`).
    var isCharClassLike: Bool {
        switch operation {
        case .literal(let runes, _): return runes.count == 1
        case .charClass, .anyChar, .anyCharNotNL: return true
        default: return false
        }
    }
}
