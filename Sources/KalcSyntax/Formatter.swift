import KalcDiagnostics

/// The canonical layout of kalc source.
///
/// One item per line, two spaces of indentation per block, single spaces around `=`, `@`,
/// `/`, `==` and after `:` and `,`; at most one blank line between items; comments kept
/// where they were (at the end of a line, or on a line of their own); text blocks
/// re-indented under their item. A map, list or label list stays on one line when it was
/// written on one line and has no comment inside, and otherwise takes one entry per line.
/// Formatting never changes a value: text blocks are re-spelled from their value.
public enum Formatter {
    /// The canonical text of a tree; nil when the tree has syntax errors (a broken file is
    /// left alone).
    public static func format(_ tree: SyntaxTree) -> String? {
        guard !tree.diagnostics.hasErrors else { return nil }
        var printer = Printer(tree: tree)
        printer.items(of: tree.root, depth: 0)
        printer.finishFile()
        return printer.output
    }
}

private struct Printer {
    let tree: SyntaxTree
    var output = ""
    /// Whether something other than indentation has been written on the current line.
    var lineHasContent = false
    /// Whether the last thing written asks for no space before the next token.
    var glue = true
    /// The indentation of the current line.
    var currentDepth = 0

    init(tree: SyntaxTree) {
        self.tree = tree
    }

    // MARK: Lines

    mutating func newline() {
        while output.hasSuffix(" ") { output.removeLast() }
        output += "\n"
        lineHasContent = false
        glue = true
    }

    mutating func blankLine() {
        if !output.isEmpty && !output.hasSuffix("\n\n") {
            if lineHasContent { newline() }
            newline()
        }
    }

    mutating func startLine(depth: Int) {
        if lineHasContent { newline() }
        currentDepth = depth
    }

    mutating func write(_ text: String, spaceBefore: Bool) {
        if !lineHasContent {
            output += String(repeating: "  ", count: currentDepth)
        } else if spaceBefore && !glue {
            output += " "
        }
        output += text
        lineHasContent = true
        glue = false
    }

    mutating func finishFile() {
        if lineHasContent { newline() }
        while output.hasSuffix("\n\n") { output.removeLast() }
        if output == "\n" { output = "" }
    }

    // MARK: Trivia

    /// The trivia directly inside `node` before the child at `index`.
    func triviaBefore(_ node: SyntaxNode, childIndex index: Int) -> [Token] {
        var result: [Token] = []
        var position = index - 1
        while position >= 0, case .token(let token) = node.children[position], token.kind.isTrivia {
            result.insert(token, at: 0)
            position -= 1
        }
        return result
    }

    /// Writes the comments among `trivia`: a comment on the line of what precedes it stays
    /// there; one on a line of its own gets a line of its own at `depth`. Returns the number
    /// of line breaks seen after the last comment (to keep one blank line).
    @discardableResult
    mutating func comments(_ trivia: [Token], depth: Int, allowBlankLine: Bool = true) -> Int {
        var breaks = 0
        for token in trivia {
            switch token.kind {
            case .newline:
                breaks += 1
            case .lineComment:
                let text = tree.text(token).trimmingTrailingSpaces()
                if breaks == 0 && lineHasContent {
                    write(text, spaceBefore: true)
                    newline()
                    currentDepth = depth
                } else {
                    if breaks >= 2 && allowBlankLine { blankLine() }
                    startLine(depth: depth)
                    write(text, spaceBefore: false)
                    newline()
                }
                breaks = 0
            default:
                continue
            }
        }
        return breaks
    }

    /// The trivia inside a node, all of it (to see whether a construct spans lines or holds comments).
    func containsLineBreakOrComment(_ node: SyntaxNode) -> Bool {
        let tokens = node.allTokens()
        guard let first = tokens.firstIndex(where: { !$0.kind.isTrivia }),
            let last = tokens.lastIndex(where: { !$0.kind.isTrivia })
        else { return false }
        return tokens[first...last].contains { $0.kind == .newline || $0.kind == .lineComment }
    }

    // MARK: Items

    /// The items of a source file or a block, each on its own line at `depth`.
    mutating func items(of node: SyntaxNode, depth: Int) {
        var first = true
        for (index, child) in node.children.enumerated() {
            guard case .node(let item) = child else {
                if case .token(let token) = child, !token.kind.isTrivia, token.kind != .endOfFile, token.kind != .leftBrace, token.kind != .rightBrace {
                    startLine(depth: depth)
                    write(tree.text(token), spaceBefore: true)
                }
                continue
            }
            let trivia = triviaBefore(node, childIndex: index)
            let breaksBefore = trivia.filter { $0.kind == .newline }.count
            let hasComments = trivia.contains { $0.kind == .lineComment }
            let trailingBreaks = comments(trivia, depth: depth, allowBlankLine: !first)
            if (!first || hasComments) && (trailingBreaks >= 2 || (breaksBefore >= 2 && !hasComments)) {
                blankLine()
            }
            startLine(depth: depth)
            self.node(item, depth: depth)
            first = false
        }
        // Comments after the last item (before `}` or the end of the file).
        if let last = node.children.lastIndex(where: { if case .token(let t) = $0 { return !t.kind.isTrivia } else { return true } }) {
            comments(triviaBefore(node, childIndex: last), depth: depth)
        }
    }

    // MARK: Nodes

    mutating func node(_ node: SyntaxNode, depth: Int) {
        switch node.kind {
        case .block:
            block(node, depth: depth)
        case .labelList:
            bracketed(node, depth: depth, open: "[", close: "]", padded: false)
        case .mapLiteral:
            bracketed(node, depth: depth, open: "{", close: "}", padded: true)
        case .listLiteral:
            bracketed(node, depth: depth, open: "[", close: "]", padded: false)
        case .requirementBlock:
            requirementBlock(node, depth: depth)
        default:
            inline(node, depth: depth)
        }
    }

    /// Tokens and nodes in a row, with the spacing rules of `spaceBefore`.
    mutating func inline(_ node: SyntaxNode, depth: Int) {
        for (index, child) in node.children.enumerated() {
            switch child {
            case .token(let token):
                if token.kind.isTrivia || token.kind == .endOfFile { continue }
                comments(triviaBefore(node, childIndex: index), depth: depth + 1)
                write(text(of: token, depth: depth), spaceBefore: spaceBefore(token, in: node))
            case .node(let inner):
                comments(triviaBefore(node, childIndex: index), depth: depth + 1)
                self.node(inner, depth: depth)
            }
        }
    }

    func text(of token: Token, depth: Int) -> String {
        if token.kind == .textBlock {
            let value = tree.value(token)
            if TextBlock.canSpell(value) {
                return TextBlock.spell(value, indent: String(repeating: "  ", count: depth + 1))
            }
        }
        return tree.text(token)
    }

    func spaceBefore(_ token: Token, in node: SyntaxNode) -> Bool {
        switch token.kind {
        case .colon, .comma, .question, .rightParen:
            return false
        default:
            break
        }
        if node.kind == .selectorTerm, let previous = previousToken(before: token, in: node), previous.kind == .bang {
            return false
        }
        if node.kind == .valueSet, let previous = previousToken(before: token, in: node), previous.kind == .leftParen {
            return false
        }
        return true
    }

    func previousToken(before token: Token, in node: SyntaxNode) -> Token? {
        let tokens = node.significantTokens
        guard let index = tokens.firstIndex(of: token), index > 0 else { return nil }
        return tokens[index - 1]
    }

    mutating func block(_ node: SyntaxNode, depth: Int) {
        let hasItems = !node.childNodes.isEmpty || node.allTokens().contains { $0.kind == .lineComment }
        write("{", spaceBefore: true)
        guard hasItems else {
            write("}", spaceBefore: false)
            return
        }
        items(of: node, depth: depth + 1)
        startLine(depth: depth)
        write("}", spaceBefore: false)
    }

    mutating func requirementBlock(_ node: SyntaxNode, depth: Int) {
        write("{", spaceBefore: true)
        let requirements = node.childNodes
        guard !requirements.isEmpty || node.allTokens().contains(where: { $0.kind == .lineComment }) else {
            write("}", spaceBefore: false)
            return
        }
        items(of: node, depth: depth + 1)
        startLine(depth: depth)
        write("}", spaceBefore: false)
    }

    /// A map, list or label list: on one line when it was written on one line without
    /// comments, otherwise one entry per line without separators.
    mutating func bracketed(_ node: SyntaxNode, depth: Int, open: String, close: String, padded: Bool) {
        let entries = node.childNodes
        write(open, spaceBefore: true)
        if entries.isEmpty && !node.allTokens().contains(where: { $0.kind == .lineComment }) {
            write(close, spaceBefore: false)
            return
        }
        if !containsLineBreakOrComment(node) {
            glue = !padded
            for (position, entry) in entries.enumerated() {
                self.node(entry, depth: depth)
                if position < entries.count - 1 {
                    write(",", spaceBefore: false)
                }
            }
            if padded {
                write(close, spaceBefore: true)
            } else {
                glue = true
                write(close, spaceBefore: false)
            }
            return
        }
        for (index, child) in node.children.enumerated() {
            guard case .node(let entry) = child else { continue }
            comments(triviaBefore(node, childIndex: index), depth: depth + 1)
            startLine(depth: depth + 1)
            self.node(entry, depth: depth + 1)
        }
        if let closeIndex = node.children.lastIndex(where: { if case .token(let t) = $0 { return !t.kind.isTrivia } else { return false } }) {
            comments(triviaBefore(node, childIndex: closeIndex), depth: depth + 1)
        }
        startLine(depth: depth)
        write(close, spaceBefore: false)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
