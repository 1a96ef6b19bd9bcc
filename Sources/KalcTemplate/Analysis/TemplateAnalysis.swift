import KalcGo

/// Static facts about a parsed template, for diagnostics without executing it: the
/// functions it calls (and which of them kalc refuses), the templates it calls, and the
/// fields it reads from the template data, resolved through `with`, `range`, variables,
/// `index` with constant keys and `{{template}}` calls where that is possible.
public struct TemplateAnalysis: Sendable {
    /// One step of a path into the template data.
    public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
        /// A struct field or map key (`.Name`, or `index . "name"`).
        case name(String)
        /// Any element of a list or map (the dot inside `range`).
        case element

        /// The step as written in a path (`.name`, `[]`).
        public var description: String {
            switch self {
            case .name(let name): return "." + name
            case .element: return "[]"
            }
        }
    }

    /// A field chain read by the template.
    public struct FieldReference: Sendable, Hashable {
        /// The full path from the template data (`[.name("ConfigData"), .name("url")]`), or nil
        /// when the value the chain starts from is not known statically.
        public var path: [PathComponent]?
        /// The chain as written (`.ConfigData.url`, `$cfg.url`, `index .ConfigData "a-b"`; for
        /// `(pipeline).a.b` the `.a.b` part).
        public var written: String
        /// Byte offset of the chain in the template text.
        public var offset: Int
        /// Length in bytes of the chain as written in the template text.
        public var length: Int
        /// The name of the template (the top-level one or a `define`) it occurs in.
        public var template: String

        /// The path as text (`.ConfigData.list[].name`), or nil when unknown.
        public var pathDescription: String? { path.map { $0.map(\.description).joined() } }
    }

    /// A call of a function.
    public struct FunctionCall: Sendable, Hashable {
        /// The function's name.
        public var name: String
        /// Byte offset of the name in the template text.
        public var offset: Int
        /// Whether kalc evaluates the function.
        public var availability: FunctionAvailability
        /// The template the call occurs in.
        public var template: String
    }

    /// A `{{template "name"}}` call (also the call a `{{block}}` stands for).
    public struct TemplateCall: Sendable, Hashable {
        /// The called template's name.
        public var name: String
        /// Byte offset of the call's name in the template text.
        public var offset: Int
        /// Whether the template set defines that name.
        public var isDefined: Bool
        /// The template the call occurs in.
        public var template: String
    }

    /// Every field chain read, in source order (a chain inside a template called from
    /// several places appears once per distinct resolution).
    public private(set) var fieldReferences: [FieldReference] = []
    /// Every function call, in source order.
    public private(set) var functionCalls: [FunctionCall] = []
    /// Every template call, in source order.
    public private(set) var templateCalls: [TemplateCall] = []
    /// The names of the templates the text defines (other than the top-level one).
    public private(set) var definedTemplates: [String] = []
    /// The offsets of the calls of `keys` and `values` whose result goes straight into a
    /// function that ignores its order (`sortAlpha`, `len`, `empty`, `has`): Go's random map
    /// order does not reach the output from them.
    public private(set) var orderInsensitiveCalls: Set<Int> = []

    /// The functions whose result depends on the random order in which Go walks a map.
    public static let mapOrderFunctions: Set<String> = ["keys", "values"]
    /// The functions whose result does not depend on the order of a list.
    static let orderInsensitiveFunctions: Set<String> = ["sortAlpha", "len", "empty", "has"]

    /// Calls of functions kalc refuses to evaluate (random or host dependent).
    public var refusedCalls: [FunctionCall] {
        functionCalls.filter { if case .refused = $0.availability { return true } else { return false } }
    }

    /// Calls of functions whose Go behaviour kalc does not reproduce.
    public var unsupportedCalls: [FunctionCall] {
        functionCalls.filter { if case .unsupported = $0.availability { return true } else { return false } }
    }

    /// The data paths read that start with the given field names (for example
    /// `["ConfigData"]`), as the names that follow them.
    public func paths(under prefix: [String]) -> [[PathComponent]] {
        let head = prefix.map(PathComponent.name)
        return fieldReferences.compactMap { reference in
            guard let path = reference.path, path.count > head.count, Array(path.prefix(head.count)) == head else { return nil }
            return Array(path.dropFirst(head.count))
        }
    }

    /// Analyses a parsed template.
    public init(_ template: Template) {
        var walker = AnalysisWalker(set: template.set, functions: template.functions)
        walker.run()
        fieldReferences = walker.fields
        functionCalls = walker.calls
        templateCalls = walker.templateCalls
        orderInsensitiveCalls = walker.orderInsensitiveCalls
        definedTemplates = template.set.trees.keys.filter { $0 != template.set.name }.sorted(by: GoOrdering.less)
    }
}

/// What is known statically about a value: a path from the template data, or nothing.
private typealias KnownPath = [TemplateAnalysis.PathComponent]?

private struct AnalysisWalker {
    let set: TemplateSet
    let functions: FunctionTable
    var fields: [TemplateAnalysis.FieldReference] = []
    var calls: [TemplateAnalysis.FunctionCall] = []
    var templateCalls: [TemplateAnalysis.TemplateCall] = []
    var orderInsensitiveCalls: Set<Int> = []
    private var seenFields: Set<String> = []
    private var seenCalls: Set<Int> = []
    private var seenTemplateCalls: Set<Int> = []
    private var visitedTemplates: Set<String> = []
    private var templateName = ""
    private var vars: [(name: String, path: KnownPath)] = []
    private var depth = 0

    init(set: TemplateSet, functions: FunctionTable) {
        self.set = set
        self.functions = functions
    }

    mutating func run() {
        templateName = set.name
        vars = [("$", [])]
        walk(set.root, dot: [])
        // Templates no call reaches (or reached only with an unknown dot) are still read.
        for name in set.trees.keys.sorted(by: GoOrdering.less) where name != set.name {
            analyseTemplate(name, dot: nil)
        }
        fields.sort { $0.offset < $1.offset }
        calls.sort { $0.offset < $1.offset }
        templateCalls.sort { $0.offset < $1.offset }
    }

    private mutating func analyseTemplate(_ name: String, dot: KnownPath) {
        let key = name + "\u{0}" + (dot.map { $0.map(\.description).joined() } ?? "?")
        guard let tree = set.trees[name], !visitedTemplates.contains(key), depth < 50 else { return }
        visitedTemplates.insert(key)
        let saved = (templateName, vars)
        templateName = name
        vars = [("$", dot)]
        depth += 1
        walk(tree, dot: dot)
        depth -= 1
        (templateName, vars) = saved
    }

    private func lookup(_ name: String) -> KnownPath {
        for variable in vars.reversed() where variable.name == name { return variable.path }
        return nil
    }

    private mutating func assign(_ name: String, _ path: KnownPath) {
        for i in stride(from: vars.count - 1, through: 0, by: -1) where vars[i].name == name {
            // A variable assigned in different places no longer has one known path.
            if vars[i].path != path { vars[i].path = nil }
            return
        }
    }

    private mutating func walk(_ list: ListNode, dot: KnownPath) {
        for node in list.nodes { walk(node, dot: dot) }
    }

    private mutating func walk(_ node: TemplateNode, dot: KnownPath) {
        switch node {
        case .text, .comment, .break, .continue:
            break
        case .action(let action):
            declare(action.pipe, value: pipeline(action.pipe, dot: dot))
        case .if(let branch):
            let mark = vars.count
            declare(branch.pipe, value: pipeline(branch.pipe, dot: dot))
            walk(branch.list, dot: dot)
            if let elseList = branch.elseList { walk(elseList, dot: dot) }
            vars.removeSubrange(mark...)
        case .with(let branch):
            let mark = vars.count
            let value = pipeline(branch.pipe, dot: dot)
            declare(branch.pipe, value: value)
            walk(branch.list, dot: value)
            if let elseList = branch.elseList { walk(elseList, dot: dot) }
            vars.removeSubrange(mark...)
        case .range(let branch):
            let mark = vars.count
            let collection = pipeline(branch.pipe, dot: dot)
            let element = collection.map { $0 + [.element] }
            switch branch.pipe.declarations.count {
            case 0: break
            case 1: vars.append((branch.pipe.declarations[0].variableName, element))
            default:
                vars.append((branch.pipe.declarations[0].variableName, nil))
                vars.append((branch.pipe.declarations[1].variableName, element))
            }
            walk(branch.list, dot: element)
            if let elseList = branch.elseList { walk(elseList, dot: dot) }
            vars.removeSubrange(mark...)
        case .template(let call):
            if !seenTemplateCalls.contains(call.position) {
                seenTemplateCalls.insert(call.position)
                templateCalls.append(.init(name: call.name, offset: call.position, isDefined: set.trees[call.name] != nil, template: templateName))
            }
            let value = call.pipe.map { pipeline($0, dot: dot) } ?? nil
            if let pipe = call.pipe { declare(pipe, value: value) }
            analyseTemplate(call.name, dot: value)
        }
    }

    private mutating func declare(_ pipe: PipeNode, value: KnownPath) {
        for variable in pipe.declarations {
            if pipe.isAssign { assign(variable.variableName, value) } else { vars.append((variable.variableName, value)) }
        }
    }

    /// Records what the pipeline reads; returns its value's path when it is a plain reference.
    private mutating func pipeline(_ pipe: PipeNode, dot: KnownPath) -> KnownPath {
        var result: KnownPath = nil
        for (index, command) in pipe.commands.enumerated() {
            result = self.command(command, dot: dot, piped: index > 0)
            // `keys . | sortAlpha`: the piped list's order does not matter.
            if index > 0, case .identifier(let name, _)? = command.arguments.first, TemplateAnalysis.orderInsensitiveFunctions.contains(name),
                let call = Self.mapOrderCall(pipe.commands[index - 1])
            {
                orderInsensitiveCalls.insert(call)
            }
        }
        return result
    }

    private mutating func command(_ command: CommandNode, dot: KnownPath, piped: Bool) -> KnownPath {
        var values: [KnownPath] = []
        for argument in command.arguments { values.append(operand(argument, dot: dot)) }
        guard let first = command.arguments.first else { return nil }
        // `sortAlpha (keys .)`: the argument's order does not matter.
        if case .identifier(let name, _) = first, TemplateAnalysis.orderInsensitiveFunctions.contains(name) {
            for case .pipe(let argument) in command.arguments.dropFirst() {
                if let last = argument.commands.last, let call = Self.mapOrderCall(last) { orderInsensitiveCalls.insert(call) }
            }
        }
        switch first {
        case .identifier(let name, _):
            // `index X "k1" "k2"` with constant keys reads X.k1.k2.
            if name == "index" && !piped && command.arguments.count >= 2, let base = values[1] {
                var path = base
                for key in command.arguments.dropFirst(2) {
                    guard case .string(let literal) = key else { return nil }
                    path.append(.name(literal.text))
                }
                if command.arguments.count > 2 {
                    let start = command.position
                    let end = (command.arguments.last?.position ?? start) + (command.arguments.last?.description.utf8.count ?? 0)
                    record(path, written: command.description, offset: start, length: end - start)
                }
                return path
            }
            return nil
        default:
            return command.arguments.count == 1 && !piped ? values[0] : nil
        }
    }

    /// The offset of the call when `command` calls `keys` or `values`.
    static func mapOrderCall(_ command: CommandNode) -> Int? {
        guard case .identifier(let name, let position)? = command.arguments.first, TemplateAnalysis.mapOrderFunctions.contains(name) else { return nil }
        return position
    }

    private mutating func record(_ path: KnownPath, written: String, offset: Int, length: Int) {
        let key = "\(offset)|\(path.map { $0.map(\.description).joined() } ?? "?")"
        guard !seenFields.contains(key) else { return }
        seenFields.insert(key)
        fields.append(.init(path: path, written: written, offset: offset, length: length, template: templateName))
    }

    private mutating func operand(_ node: ArgumentNode, dot: KnownPath) -> KnownPath {
        switch node {
        case .dot:
            return dot
        case .field(let field):
            let path = dot.map { $0 + field.names.map(TemplateAnalysis.PathComponent.name) }
            record(path, written: field.description, offset: field.start, length: field.description.utf8.count)
            return path
        case .variable(let variable):
            let base = lookup(variable.variableName)
            if variable.names.count == 1 { return base }
            let path = base.map { $0 + variable.fields.map(TemplateAnalysis.PathComponent.name) }
            record(path, written: variable.description, offset: variable.start, length: variable.description.utf8.count)
            return path
        case .chain(let chain):
            let base = operand(chain.node, dot: dot)
            let path = base.map { $0 + chain.fields.map(TemplateAnalysis.PathComponent.name) }
            let written = chain.fields.map { "." + $0 }.joined()
            record(path, written: written, offset: chain.position, length: written.utf8.count)
            return path
        case .pipe(let pipe):
            return pipeline(pipe, dot: dot)
        case .identifier(let name, let position):
            if !seenCalls.contains(position) {
                seenCalls.insert(position)
                calls.append(.init(name: name, offset: position, availability: functions[name]?.availability ?? .available, template: templateName))
            }
            return nil
        case .nil, .bool, .number, .string:
            return nil
        }
    }
}
