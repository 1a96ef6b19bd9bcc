/// The tree `GoRegexp` compiles: `regexp/syntax`'s parse tree with captures numbered,
/// repetitions marked greedy or not, and case-folded literals turned into classes.

/// A set of code points as sorted `lo, hi` pairs (a class, or a literal's folding orbit).
struct GoCharClass: Sendable {
    let ranges: [UInt32]

    func contains(_ r: UInt32) -> Bool { RegexCharacterClass.contains(ranges, r) }
}

/// The syntax tree of a regular expression.
indirect enum GoRegexNode: Sendable {
    case empty
    case literal(UInt32)
    case charClass(GoCharClass)
    case anyChar
    case anyCharNotNL
    case beginLine, endLine, beginText, endText, wordBoundary, noWordBoundary
    case capture(index: Int, GoRegexNode)
    case star(GoRegexNode, nonGreedy: Bool)
    case plus(GoRegexNode, nonGreedy: Bool)
    case quest(GoRegexNode, nonGreedy: Bool)
    case `repeat`(GoRegexNode, min: Int, max: Int, nonGreedy: Bool)
    case concat([GoRegexNode])
    case alternate([GoRegexNode])
    case noMatch

    /// The tree of a parsed expression.
    init(_ node: RegexNode) {
        let children = node.children.map(GoRegexNode.init)
        switch node.operation {
        case .noMatch: self = .noMatch
        case .emptyMatch: self = .empty
        case .literal(let runes, let foldCase):
            let parts = runes.map { rune -> GoRegexNode in
                guard foldCase else { return .literal(rune) }
                var orbit: [UInt32] = []
                RegexCharacterClass.appendLiteral(&orbit, rune, foldCase: true)
                let folded = RegexCharacterClass.clean(orbit)
                return folded.count == 2 && folded[0] == folded[1] ? .literal(rune) : .charClass(GoCharClass(ranges: folded))
            }
            self = parts.count == 1 ? parts[0] : .concat(parts)
        case .charClass(let ranges): self = ranges.isEmpty ? .noMatch : .charClass(GoCharClass(ranges: ranges))
        case .anyChar: self = .anyChar
        case .anyCharNotNL: self = .anyCharNotNL
        case .beginLine: self = .beginLine
        case .endLine: self = .endLine
        case .beginText: self = .beginText
        case .endText: self = .endText
        case .wordBoundary: self = .wordBoundary
        case .noWordBoundary: self = .noWordBoundary
        case .capture: self = .capture(index: node.captureIndex, children[0])
        case .star: self = .star(children[0], nonGreedy: node.nonGreedy)
        case .plus: self = .plus(children[0], nonGreedy: node.nonGreedy)
        case .quest: self = .quest(children[0], nonGreedy: node.nonGreedy)
        case .repeat(let min, let max): self = .repeat(children[0], min: min, max: max, nonGreedy: node.nonGreedy)
        case .concat: self = .concat(children)
        case .alternate: self = .alternate(children)
        }
    }
}
