import KalcGo

/// The parser of Go's `text/template/parse`, ported so that it accepts exactly the same
/// templates and fails with exactly the same messages (`template: NAME:LINE: ...`).

/// The shared token source of a template and the templates it defines.
private final class TokenSource {
    var lexer: TemplateLexer
    init(_ lexer: TemplateLexer) { self.lexer = lexer }
}

/// Intermediate parse results: the control words Go represents as pseudo-nodes.
private enum ParsedItem {
    case node(TemplateNode)
    case end(position: Int)
    case `else`(position: Int, line: Int)

    var description: String {
        switch self {
        case .node(let node): return node.description
        case .end: return "{{end}}"
        case .else: return "{{else}}"
        }
    }
}

/// The templates parsed so far, shared by every tree of one parse.
private final class TreeCollection {
    var trees: [String: ListNode] = [:]
}

/// Parses template text into a `TemplateSet`.
public enum TemplateParser {
    /// The deepest nesting of control structures and parentheses accepted (Go has no
    /// bound; kalc needs one so that hostile input cannot exhaust the stack).
    public static let maxNestingDepth = 200
    /// The most commands one pipeline may have, as Go 1.25's parser allows.
    public static let maxPipelineCommands = 100_000

    /// Parses `text` as the template `name`, with `isFunction` telling which function
    /// names exist (Go checks them at parse time).
    public static func parse(
        name: String, text: String, isFunction: @escaping (String) -> Bool, keepComments: Bool = false
    ) throws(TemplateError) -> TemplateSet {
        let source = TokenSource(TemplateLexer(text, emitComment: keepComments))
        let collection = TreeCollection()
        var tree = TreeParser(name: name, parseName: name, text: text, source: source, collection: collection, isFunction: isFunction)
        do throws(ParseFailure) {
            try tree.parseTopLevel()
        } catch {
            throw TemplateError(kind: error.isLimit ? .limit : .parse, message: error.message, offset: error.offset, text: text)
        }
        return TemplateSet(name: name, text: text, trees: collection.trees)
    }
}

struct ParseFailure: Error {
    var message: String
    var offset: Int
    var isLimit = false
}

/// One tree being parsed (`parse.Tree` during parsing).
private struct TreeParser {
    var name: String
    let parseName: String
    let text: String
    let source: TokenSource
    let collection: TreeCollection
    let isFunction: (String) -> Bool
    var token: [Token] = Array(repeating: Token(kind: .eof, pos: 0, value: "", line: 0), count: 3)
    var peekCount = 0
    var vars: [String] = ["$"]
    var actionLine = 0
    var rangeDepth = 0
    var depth = 0
    var root: ListNode? = nil

    init(name: String, parseName: String, text: String, source: TokenSource, collection: TreeCollection, isFunction: @escaping (String) -> Bool) {
        self.name = name
        self.parseName = parseName
        self.text = text
        self.source = source
        self.collection = collection
        self.isFunction = isFunction
    }

    // MARK: Tokens

    mutating func next() -> Token {
        if peekCount > 0 {
            peekCount -= 1
        } else {
            token[0] = source.lexer.nextItem()
        }
        return token[peekCount]
    }

    mutating func backup() { peekCount += 1 }

    mutating func backup2(_ t1: Token) {
        token[1] = t1
        peekCount = 2
    }

    mutating func backup3(_ t2: Token, _ t1: Token) {
        token[1] = t1
        token[2] = t2
        peekCount = 3
    }

    mutating func peek() -> Token {
        if peekCount > 0 { return token[peekCount - 1] }
        peekCount = 1
        token[0] = source.lexer.nextItem()
        return token[0]
    }

    mutating func nextNonSpace() -> Token {
        var t: Token
        repeat { t = next() } while t.kind == .space
        return t
    }

    mutating func peekNonSpace() -> Token {
        let t = nextNonSpace()
        backup()
        return t
    }

    // MARK: Errors

    func failure(_ message: String) -> ParseFailure {
        ParseFailure(message: "template: \(parseName):\(token[0].line): \(message)", offset: token[0].pos)
    }

    func unexpected(_ t: Token, _ context: String) -> ParseFailure {
        if t.kind == .error {
            var extra = ""
            if actionLine != 0 && actionLine != t.line {
                extra = " in action started at \(parseName):\(actionLine)"
                if t.value.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            return failure(t.value + extra)
        }
        return failure("unexpected \(t.description) in \(context)")
    }

    mutating func expect(_ kind: TokenKind, _ context: String) throws(ParseFailure) -> Token {
        let t = nextNonSpace()
        if t.kind != kind { throw unexpected(t, context) }
        return t
    }

    mutating func expectOneOf(_ k1: TokenKind, _ k2: TokenKind, _ context: String) throws(ParseFailure) -> Token {
        let t = nextNonSpace()
        if t.kind != k1 && t.kind != k2 { throw unexpected(t, context) }
        return t
    }

    mutating func enterNesting() throws(ParseFailure) {
        depth += 1
        if depth > TemplateParser.maxNestingDepth {
            var failure = failure("nesting depth exceeds \(TemplateParser.maxNestingDepth)")
            failure.isLimit = true
            throw failure
        }
    }

    // MARK: Trees

    func isEmptyTree(_ list: ListNode) -> Bool {
        list.nodes.allSatisfy { node in
            switch node {
            case .comment: return true
            case .text(let t): return t.text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
            default: return false
            }
        }
    }

    mutating func add() throws(ParseFailure) {
        let list = root ?? ListNode(position: 0, nodes: [])
        if let existing = collection.trees[name], !isEmptyTree(existing) {
            if !isEmptyTree(list) { throw failure("template: multiple definition of template \(GoStrconv.quote(name))") }
            return
        }
        collection.trees[name] = list
    }

    mutating func child(named childName: String) -> TreeParser {
        TreeParser(name: childName, parseName: parseName, text: text, source: source, collection: collection, isFunction: isFunction)
    }

    mutating func parseTopLevel() throws(ParseFailure) {
        var list = ListNode(position: peek().pos, nodes: [])
        while peek().kind != .eof {
            if peek().kind == .leftDelim {
                let delim = next()
                if nextNonSpace().kind == .define {
                    var definition = child(named: "definition")
                    try definition.parseDefinition()
                    continue
                }
                backup2(delim)
            }
            let item = try textOrAction()
            switch item {
            case .end, .else: throw failure("unexpected \(item.description)")
            case .node(let node): list.nodes.append(node)
            }
        }
        root = list
        try add()
    }

    mutating func parseDefinition() throws(ParseFailure) {
        let context = "define clause"
        let nameToken = try expectOneOf(.string, .rawString, context)
        do {
            name = try GoStrconv.unquote(nameToken.value)
        } catch {
            throw failure(error.message)
        }
        _ = try expect(.rightDelim, context)
        let (list, end) = try itemList()
        guard case .end = end else { throw failure("unexpected \(end.description) in \(context)") }
        root = list
        try add()
    }

    mutating func itemList() throws(ParseFailure) -> (ListNode, ParsedItem) {
        var list = ListNode(position: peekNonSpace().pos, nodes: [])
        while peekNonSpace().kind != .eof {
            let item = try textOrAction()
            switch item {
            case .end, .else: return (list, item)
            case .node(let node): list.nodes.append(node)
            }
        }
        throw failure("unexpected EOF")
    }

    mutating func textOrAction() throws(ParseFailure) -> ParsedItem {
        let t = nextNonSpace()
        switch t.kind {
        case .text:
            return .node(.text(TextNode(position: t.pos, text: t.value)))
        case .leftDelim:
            actionLine = t.line
            defer { actionLine = 0 }
            return try action()
        case .comment:
            return .node(.comment(CommentNode(position: t.pos, text: t.value)))
        default:
            throw unexpected(t, "input")
        }
    }

    mutating func action() throws(ParseFailure) -> ParsedItem {
        let t = nextNonSpace()
        switch t.kind {
        case .block: return .node(try blockControl())
        case .break: return .node(try breakControl(t.pos, t.line, isBreak: true))
        case .continue: return .node(try breakControl(t.pos, t.line, isBreak: false))
        case .else: return try elseControl()
        case .end: return .end(position: try expect(.rightDelim, "end").pos)
        case .if: return .node(.if(try parseControl(allowElseIf: true, context: "if")))
        case .range: return .node(.range(try parseControl(allowElseIf: false, context: "range")))
        case .template: return .node(try templateControl())
        case .with: return .node(.with(try parseControl(allowElseIf: false, context: "with")))
        default: break
        }
        backup()
        let first = peek()
        let pipe = try pipeline(context: "command", end: .rightDelim)
        return .node(.action(ActionNode(position: first.pos, line: first.line, pipe: pipe)))
    }

    mutating func breakControl(_ pos: Int, _ line: Int, isBreak: Bool) throws(ParseFailure) -> TemplateNode {
        let word = isBreak ? "{{break}}" : "{{continue}}"
        let t = nextNonSpace()
        if t.kind != .rightDelim { throw unexpected(t, word) }
        if rangeDepth == 0 { throw failure("\(word) outside {{range}}") }
        return isBreak ? .break(position: pos, line: line) : .continue(position: pos, line: line)
    }

    mutating func pipeline(context: String, end: TokenKind) throws(ParseFailure) -> PipeNode {
        try enterNesting()
        defer { depth -= 1 }
        let first = peekNonSpace()
        var pipe = PipeNode(position: first.pos, line: first.line, isAssign: false, declarations: [], commands: [])
        decls: while true {
            let v = peekNonSpace()
            guard v.kind == .variable else { break decls }
            _ = next()
            let tokenAfterVariable = peek()
            let nextToken = peekNonSpace()
            if nextToken.kind == .assign || nextToken.kind == .declare {
                pipe.isAssign = nextToken.kind == .assign
                _ = nextNonSpace()
                pipe.declarations.append(VariableNode(position: v.pos, names: v.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)))
                vars.append(v.value)
            } else if nextToken.kind == .char && nextToken.value == "," {
                _ = nextNonSpace()
                pipe.declarations.append(VariableNode(position: v.pos, names: v.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)))
                vars.append(v.value)
                if context == "range" && pipe.declarations.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen:
                        continue decls
                    default:
                        throw failure("range can only initialize variables")
                    }
                }
                throw failure("too many declarations in \(context)")
            } else if tokenAfterVariable.kind == .space {
                backup3(v, tokenAfterVariable)
            } else {
                backup2(v)
            }
            break decls
        }
        while true {
            let t = nextNonSpace()
            if t.kind == end {
                try checkPipeline(pipe, context: context)
                return pipe
            }
            switch t.kind {
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nil, .rawString, .string, .variable, .leftParen:
                backup()
                pipe.commands.append(try command())
                // As Go 1.25 does (parse.go's maxPipelineCmds).
                if pipe.commands.count > TemplateParser.maxPipelineCommands { throw failure("pipeline too long") }
            default:
                throw unexpected(t, context)
            }
        }
    }

    func checkPipeline(_ pipe: PipeNode, context: String) throws(ParseFailure) {
        if pipe.commands.isEmpty { throw failure("missing value for \(context)") }
        for (index, command) in pipe.commands.enumerated().dropFirst() {
            switch command.arguments.first {
            case .bool, .dot, .nil, .number, .string:
                throw failure("non executable command in pipeline stage \(index + 1)")
            default:
                break
            }
        }
    }

    mutating func parseControl(allowElseIf: Bool, context: String) throws(ParseFailure) -> BranchNode {
        let savedVars = vars.count
        defer { vars.removeSubrange(savedVars...) }
        try enterNesting()
        defer { depth -= 1 }
        let pipe = try pipeline(context: context, end: .rightDelim)
        if context == "range" { rangeDepth += 1 }
        var (list, next) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: ListNode? = nil
        switch next {
        case .end: break
        case .else(let position, _):
            if allowElseIf && peek().kind == .if {
                _ = self.next()
                var nested = ListNode(position: position, nodes: [])
                nested.nodes.append(.if(try parseControl(allowElseIf: true, context: "if")))
                elseList = nested
                break
            }
            // Go 1.23: `{{with a}}_{{else with b}}_{{end}}` is `{{with a}}_{{else}}{{with b}}_{{end}}{{end}}`.
            if context == "with" && peek().kind == .with {
                _ = self.next()
                var nested = ListNode(position: position, nodes: [])
                nested.nodes.append(.with(try parseControl(allowElseIf: false, context: "with")))
                elseList = nested
                break
            }
            let (otherList, otherNext) = try itemList()
            elseList = otherList
            next = otherNext
            guard case .end = next else { throw failure("expected end; found \(next.description)") }
        case .node:
            break
        }
        return BranchNode(position: pipe.position, line: pipe.line, pipe: pipe, list: list, elseList: elseList)
    }

    mutating func elseControl() throws(ParseFailure) -> ParsedItem {
        let p = peekNonSpace()
        // `{{else if` and (Go 1.23) `{{else with` leave the keyword for the enclosing control.
        if p.kind == .if || p.kind == .with { return .else(position: p.pos, line: p.line) }
        let t = try expect(.rightDelim, "else")
        return .else(position: t.pos, line: t.line)
    }

    mutating func blockControl() throws(ParseFailure) -> TemplateNode {
        let context = "block clause"
        let t = nextNonSpace()
        let blockName = try parseTemplateName(t, context: context)
        let pipe = try pipeline(context: context, end: .rightDelim)
        var block = child(named: blockName)
        block.depth = depth
        let (list, end) = try block.itemList()
        guard case .end = end else { throw failure("unexpected \(end.description) in \(context)") }
        block.root = list
        try block.add()
        return .template(TemplateCallNode(position: t.pos, line: t.line, name: blockName, pipe: pipe))
    }

    mutating func templateControl() throws(ParseFailure) -> TemplateNode {
        let context = "template clause"
        let t = nextNonSpace()
        let templateName = try parseTemplateName(t, context: context)
        var pipe: PipeNode? = nil
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(context: context, end: .rightDelim)
        }
        return .template(TemplateCallNode(position: t.pos, line: t.line, name: templateName, pipe: pipe))
    }

    func parseTemplateName(_ t: Token, context: String) throws(ParseFailure) -> String {
        switch t.kind {
        case .string, .rawString:
            do {
                return try GoStrconv.unquote(t.value)
            } catch {
                throw failure(error.message)
            }
        default:
            throw unexpected(t, context)
        }
    }

    mutating func command() throws(ParseFailure) -> CommandNode {
        var cmd = CommandNode(position: peekNonSpace().pos, arguments: [])
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { cmd.arguments.append(operand) }
            let t = next()
            switch t.kind {
            case .space: continue
            case .rightDelim, .rightParen: backup()
            case .pipe: break
            default: throw unexpected(t, "operand")
            }
            break
        }
        if cmd.arguments.isEmpty { throw failure("empty command") }
        return cmd
    }

    mutating func operand() throws(ParseFailure) -> ArgumentNode? {
        guard let node = try term() else { return nil }
        guard peek().kind == .field else { return node }
        let chainPosition = peek().pos
        var fields: [String] = []
        while peek().kind == .field {
            fields.append(String(next().value.dropFirst()))
        }
        switch node {
        case .field(let field):
            let names = (field.description + fields.map { "." + $0 }.joined()).dropFirst()
            return .field(
                FieldNode(
                    position: chainPosition, names: names.split(separator: ".", omittingEmptySubsequences: false).map(String.init),
                    start: field.start))
        case .variable(let variable):
            let names = variable.description + fields.map { "." + $0 }.joined()
            return .variable(
                VariableNode(
                    position: chainPosition, names: names.split(separator: ".", omittingEmptySubsequences: false).map(String.init),
                    start: variable.start))
        case .bool, .string, .number, .nil, .dot:
            throw failure("unexpected . after term \(GoStrconv.quote(node.description))")
        default:
            return .chain(ChainNode(position: chainPosition, node: node, fields: fields))
        }
    }

    mutating func term() throws(ParseFailure) -> ArgumentNode? {
        let t = nextNonSpace()
        switch t.kind {
        case .identifier:
            if !isFunction(t.value) { throw failure("function \(GoStrconv.quote(t.value)) not defined") }
            return .identifier(name: t.value, position: t.pos)
        case .dot:
            return .dot(position: t.pos)
        case .nil:
            return .nil(position: t.pos)
        case .variable:
            return .variable(try useVar(t.pos, t.value))
        case .field:
            return .field(FieldNode(position: t.pos, names: t.value.dropFirst().split(separator: ".", omittingEmptySubsequences: false).map(String.init)))
        case .bool:
            return .bool(t.value == "true", position: t.pos)
        case .charConstant, .complex, .number:
            do {
                return .number(try NumberLiteral.parse(position: t.pos, text: t.value, kind: t.kind))
            } catch {
                throw failure(error.message)
            }
        case .leftParen:
            return .pipe(try pipeline(context: "parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            do {
                return .string(StringNode(position: t.pos, quoted: t.value, text: try GoStrconv.unquote(t.value)))
            } catch {
                throw failure(error.message)
            }
        default:
            backup()
            return nil
        }
    }

    func useVar(_ pos: Int, _ name: String) throws(ParseFailure) -> VariableNode {
        let v = VariableNode(position: pos, names: name.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
        if vars.contains(v.variableName) { return v }
        throw failure("undefined variable \(GoStrconv.quote(v.variableName))")
    }
}
