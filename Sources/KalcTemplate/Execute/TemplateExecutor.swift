import KalcGo

/// Execution of a parsed template, a port of Go's `text/template/exec.go`: the same walk,
/// the same argument rules and the same error messages.

/// Bounds on one execution.
public struct ExecutionLimits: Sendable, Hashable {
    /// Maximum nesting of `{{template}}` calls (Go's `maxExecDepth`).
    public var maxTemplateDepth: Int
    /// Maximum size of the output in bytes.
    public var maxOutputBytes: Int
    /// Size of the stack an execution runs on. Nested `{{template}}` calls that would need
    /// more fail with a limit error instead of crashing (Go's own bound is the depth).
    public var stackSize: Int
    /// The most work an execution may do: one step per command, range iteration and
    /// element of the lists and maps passed to functions (Go has no bound).
    public var maxSteps: Int
    /// Maximum size in bytes of one value a function builds (a string, or a list or map
    /// counted by its elements); Go has no bound.
    public var maxValueBytes: Int
    /// Maximum size in bytes of all the values the functions of one execution build
    /// together; Go has no bound.
    public var maxBuiltBytes: Int

    /// Bounds with Go's template depth, a 64 MiB output limit, a 256 MiB execution stack,
    /// ten million steps, values of at most 64 MiB and 256 MiB of values in all by default.
    public init(
        maxTemplateDepth: Int = 100_000, maxOutputBytes: Int = 64 << 20, stackSize: Int = 256 << 20,
        maxSteps: Int = 10_000_000, maxValueBytes: Int = 64 << 20, maxBuiltBytes: Int = 256 << 20
    ) {
        self.maxTemplateDepth = maxTemplateDepth
        self.maxOutputBytes = maxOutputBytes
        self.stackSize = stackSize
        self.maxSteps = maxSteps
        self.maxValueBytes = maxValueBytes
        self.maxBuiltBytes = maxBuiltBytes
    }

    /// The stack an execution may use before it stops (room is left for the functions it calls).
    var stackBudget: Int { max(stackSize - (4 << 20), stackSize / 2) }
}

/// The node execution is at, for error messages.
enum ExecutionNode {
    case template(TemplateNode)
    case list(ListNode)
    case pipe(PipeNode)
    case command(CommandNode)
    case argument(ArgumentNode)

    var position: Int {
        switch self {
        case .template(let n): return n.position
        case .list(let n): return n.position
        case .pipe(let n): return n.position
        case .command(let n): return n.position
        case .argument(let n): return n.position
        }
    }

    var description: String {
        switch self {
        case .template(let n): return n.description
        case .list(let n): return n.description
        case .pipe(let n): return n.description
        case .command(let n): return n.description
        case .argument(let n): return n.description
        }
    }
}

/// Ways a walk stops early.
enum ExecutionInterrupt: Error {
    case failure(TemplateError)
    case breakLoop
    case continueLoop
}

/// The state of one execution (`text/template.state`).
struct TemplateExecutor {
    let set: TemplateSet
    let functions: FunctionTable
    let limits: ExecutionLimits
    var templateName: String
    var vars: [(name: String, value: TemplateValue)]
    var node: ExecutionNode? = nil
    var depth = 0
    var output: [UInt8] = []
    /// Where a missing value was printed as `<no value>`: byte offsets of the actions.
    var missingValuePositions: [Int] = []
    /// Where a call of `keys` or `values` gave a list whose order Go leaves to chance (two
    /// or more elements, not all equal): kalc's sorted order is one of Go's many.
    var unorderedPositions: [Int] = []
    var heap: MapHeap
    /// Address near the bottom of the execution stack, for the stack budget check.
    var stackBase: UInt? = nil
    /// Steps executed and bytes built so far.
    var budget: RenderBudget

    init(set: TemplateSet, functions: FunctionTable, limits: ExecutionLimits, data: TemplateValue, heap: MapHeap) {
        self.set = set
        self.functions = functions
        self.limits = limits
        self.budget = RenderBudget(limits: limits)
        self.templateName = set.name
        self.vars = [("$", data)]
        self.heap = heap
    }

    // MARK: Maps by reference

    /// The value with its top-level map showing the map's current entries.
    func shallow(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .concrete(let v): return .concrete(heap.resolveShallow(v))
        case .boxed(let v): return .boxed(heap.resolveShallow(v))
        case .invalid: return .invalid
        }
    }

    /// The value with every map showing its current entries.
    /// Each value visited costs a step.
    mutating func deep(_ value: TemplateValue) throws(ExecutionInterrupt) -> TemplateValue {
        var visits = 0
        let limit = budget.stepsLeft
        let resolved: TemplateValue
        do {
            switch value {
            case .concrete(let v): resolved = .concrete(try heap.resolve(v, visits: &visits, limit: limit))
            case .boxed(let v): resolved = .boxed(try heap.resolve(v, visits: &visits, limit: limit))
            case .invalid: resolved = .invalid
            }
        } catch {
            throw failure(error.message, kind: .limit)
        }
        try spend(visits)
        return resolved
    }

    /// A function result with identities given to the maps it created; each value visited
    /// costs a step.
    mutating func adopt(_ value: TemplateValue) throws(ExecutionInterrupt) -> TemplateValue {
        var visits = 0
        let limit = budget.stepsLeft
        let adopted: TemplateValue
        switch value {
        case .concrete(let v): adopted = .concrete(heap.adopt(v, visits: &visits, limit: limit))
        case .boxed(let v): adopted = .boxed(heap.adopt(v, visits: &visits, limit: limit))
        case .invalid: adopted = .invalid
        }
        try spend(visits)
        return adopted
    }

    // MARK: Errors

    func failure(_ message: String, kind: TemplateError.Kind = .execution) -> ExecutionInterrupt {
        let name = templateName
        guard let node else {
            return .failure(TemplateError(kind: kind, message: "template: \(name): \(message)", text: set.text))
        }
        let (line, column) = TemplateSource.goLocation(of: node.position, in: set.text)
        let text = "template: \(set.name):\(line):\(column): executing \(GoStrconv.quote(name)) at <\(node.description)>: \(message)"
        return .failure(TemplateError(kind: kind, message: text, offset: node.position, text: set.text))
    }

    mutating func at(_ n: ExecutionNode) { node = n }

    /// Counts work against the step budget.
    mutating func spend(_ amount: Int) throws(ExecutionInterrupt) {
        do {
            try budget.spend(steps: amount)
        } catch {
            throw failure(error.message, kind: .limit)
        }
    }

    // MARK: Variables

    mutating func push(_ name: String, _ value: TemplateValue) { vars.append((name, value)) }

    var mark: Int { vars.count }

    mutating func pop(_ mark: Int) { vars.removeSubrange(mark...) }

    mutating func setVar(_ name: String, _ value: TemplateValue) throws(ExecutionInterrupt) {
        for i in stride(from: vars.count - 1, through: 0, by: -1) where vars[i].name == name {
            vars[i].value = value
            return
        }
        throw failure("undefined variable: \(name)")
    }

    mutating func setTopVar(_ n: Int, _ value: TemplateValue) { vars[vars.count - n].value = value }

    func varValue(_ name: String) throws(ExecutionInterrupt) -> TemplateValue {
        for i in stride(from: vars.count - 1, through: 0, by: -1) where vars[i].name == name {
            return vars[i].value
        }
        throw failure("undefined variable: \(name)")
    }

    // MARK: Output

    mutating func write(_ bytes: some Collection<UInt8>) throws(ExecutionInterrupt) {
        if output.count + bytes.count > limits.maxOutputBytes { throw outputExceeded() }
        output.append(contentsOf: bytes)
    }

    mutating func outputExceeded() -> ExecutionInterrupt {
        node = nil
        return failure("output exceeds \(limits.maxOutputBytes) bytes", kind: .limit)
    }

    // MARK: Walk

    mutating func walk(_ dot: TemplateValue, _ list: ListNode) throws(ExecutionInterrupt) {
        at(.list(list))
        for node in list.nodes { try walk(dot, node) }
    }

    mutating func walk(_ dot: TemplateValue, _ node: TemplateNode) throws(ExecutionInterrupt) {
        at(.template(node))
        switch node {
        case .action(let action):
            let value = try evalPipeline(dot, action.pipe)
            if action.pipe.declarations.isEmpty { try printValue(node, value) }
        case .break:
            throw .breakLoop
        case .comment:
            break
        case .continue:
            throw .continueLoop
        case .if(let branch):
            try walkIfOrWith(isWith: false, dot, branch)
        case .range(let branch):
            try walkRange(dot, node, branch)
        case .template(let call):
            try walkTemplate(dot, node, call)
        case .text(let text):
            try write(text.text.utf8)
        case .with(let branch):
            try walkIfOrWith(isWith: true, dot, branch)
        }
    }

    mutating func walkIfOrWith(isWith: Bool, _ dot: TemplateValue, _ branch: BranchNode) throws(ExecutionInterrupt) {
        let saved = mark
        defer { pop(saved) }
        let value = try evalPipeline(dot, branch.pipe)
        if goTruth(shallow(value)) {
            try walk(isWith ? value : dot, branch.list)
        } else if let elseList = branch.elseList {
            try walk(dot, elseList)
        }
    }

    mutating func walkRange(_ dot: TemplateValue, _ node: TemplateNode, _ range: BranchNode) throws(ExecutionInterrupt) {
        at(.template(node))
        let saved = mark
        defer { pop(saved) }
        let evaluated = try evalPipeline(dot, range.pipe)
        let value = shallow(evaluated.indirect.value)
        let bodyMark = mark
        let declarations = range.pipe.declarations.count

        // Returns false when the loop must stop ({{break}}).
        func oneIteration(_ executor: inout TemplateExecutor, _ index: TemplateValue, _ element: TemplateValue) throws(ExecutionInterrupt) -> Bool {
            try executor.spend(1)
            // Go 1.22 and later: `{{range $x = …}}` assigns the variables it names (with two,
            // index then element) instead of the top of the stack.
            let pipe = range.pipe
            if declarations > 0 {
                if pipe.isAssign {
                    try executor.setVar(pipe.declarations[0].variableName, declarations > 1 ? index : element)
                } else {
                    executor.setTopVar(1, element)
                }
            }
            if declarations > 1 {
                if pipe.isAssign {
                    try executor.setVar(pipe.declarations[1].variableName, element)
                } else {
                    executor.setTopVar(2, index)
                }
            }
            defer { executor.pop(bodyMark) }
            do {
                try executor.walk(element, range.list)
            } catch {
                switch error {
                case .continueLoop: return true
                case .breakLoop: return false
                case .failure: throw error
                }
            }
            return true
        }

        // Go 1.24 and later range over an integer: 0 to n-1 of its type, one variable only.
        // (Iterator functions, the other form Go gained, cannot reach a template's data here.)
        if let count = Self.rangeCount(value) {
            if declarations > 1 { throw failure("can't use \(value.printed) to iterate over more than one variable") }
            if count.limit > 0 {
                for i in 0..<count.limit {
                    if !(try oneIteration(&self, .invalid, .concrete(count.element(i)))) { break }
                }
                return
            }
            if let elseList = range.elseList { try walk(dot, elseList) }
            return
        }
        switch value {
        case .concrete(.slice(let slice)):
            if !slice.elements.isEmpty {
                for (i, element) in slice.elements.enumerated() {
                    if !(try oneIteration(&self, .concrete(.int(i)), .stored(element, as: slice.elementType))) { break }
                }
                return
            }
        case .concrete(.map(let map)):
            if !map.entries.isEmpty {
                for key in GoOrdering.sortedKeys(map) {
                    let element = TemplateValue.stored(map.entries[key] ?? .nil, as: map.valueType)
                    if !(try oneIteration(&self, .stored(key, as: map.keyType), element)) { break }
                }
                return
            }
        case .invalid:
            break
        default:
            throw failure("range can't iterate over \(value.printed)")
        }
        if let elseList = range.elseList { try walk(dot, elseList) }
    }

    /// How many times `{{range n}}` runs for an integer `n`, and the element of each
    /// iteration (of `n`'s type); nil when the value is not an integer.
    static func rangeCount(_ value: TemplateValue) -> (limit: Int, element: (Int) -> GoValue)? {
        switch value {
        case .concrete(.int(let n)): return (max(0, n), { .int($0) })
        case .concrete(.int64(let n)): return (Int(max(0, n)), { .int64(Int64($0)) })
        case .concrete(.uint64(let n)): return (Int(min(n, UInt64(Int.max))), { .uint64(UInt64($0)) })
        default: return nil
        }
    }

    mutating func walkTemplate(_ dot: TemplateValue, _ node: TemplateNode, _ call: TemplateCallNode) throws(ExecutionInterrupt) {
        at(.template(node))
        guard let tree = set.trees[call.name] else {
            throw failure("template \(GoStrconv.quote(call.name)) not defined")
        }
        if depth == limits.maxTemplateDepth {
            throw failure("exceeded maximum template depth (\(limits.maxTemplateDepth))", kind: .limit)
        }
        if let stackBase, depth > 0 {
            var marker = 0
            let address = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
            if stackBase > address && stackBase - address > limits.stackBudget {
                throw failure("template calls nest too deeply: \(depth) levels exhaust kalc's execution stack (Go allows \(limits.maxTemplateDepth))", kind: .limit)
            }
        }
        let newDot: TemplateValue
        if let pipe = call.pipe { newDot = try evalPipeline(dot, pipe) } else { newDot = .invalid }
        let savedName = templateName, savedVars = vars, savedNode = self.node
        templateName = call.name
        vars = [("$", newDot)]
        depth += 1
        defer {
            depth -= 1
            templateName = savedName
            vars = savedVars
            self.node = savedNode
        }
        try walk(newDot, tree)
    }

    // MARK: Pipelines and commands

    mutating func evalPipeline(_ dot: TemplateValue, _ pipe: PipeNode) throws(ExecutionInterrupt) -> TemplateValue {
        at(.pipe(pipe))
        var value: TemplateValue? = nil
        for command in pipe.commands {
            var result = try evalCommand(dot, command, value)
            if case .boxed(let inner) = result { result = .of(inner) }
            value = result
        }
        let final = value ?? .invalid
        for variable in pipe.declarations {
            if pipe.isAssign {
                try setVar(variable.variableName, final)
            } else {
                push(variable.variableName, final)
            }
        }
        return final
    }

    func notAFunction(_ args: [ArgumentNode], _ final: TemplateValue?) throws(ExecutionInterrupt) {
        if args.count > 1 || final != nil {
            throw failure("can't give argument to non-function \(args[0].description)")
        }
    }

    mutating func evalCommand(_ dot: TemplateValue, _ command: CommandNode, _ final: TemplateValue?) throws(ExecutionInterrupt) -> TemplateValue {
        try spend(1)
        let first = command.arguments[0]
        switch first {
        case .field(let field):
            return try evalFieldNode(dot, field, command.arguments, final)
        case .chain(let chain):
            return try evalChainNode(dot, chain, command.arguments, final)
        case .identifier(let name, _):
            return try evalFunction(dot, name, first, .command(command), command.arguments, final)
        case .pipe(let pipe):
            try notAFunction(command.arguments, final)
            return try evalPipeline(dot, pipe)
        case .variable(let variable):
            return try evalVariableNode(dot, variable, command.arguments, final)
        default:
            break
        }
        at(.argument(first))
        try notAFunction(command.arguments, final)
        switch first {
        case .bool(let b, _): return .concrete(.bool(b))
        case .dot: return dot
        case .nil: throw failure("nil is not a command")
        case .number(let number): return try idealConstant(number)
        case .string(let string): return .concrete(.string(string.text))
        default: throw failure("can't evaluate command \(GoStrconv.quote(first.description))")
        }
    }

    mutating func idealConstant(_ constant: NumberNode) throws(ExecutionInterrupt) -> TemplateValue {
        at(.argument(.number(constant)))
        let text = constant.text
        if constant.isComplex {
            throw failure("complex constant \(text) is not supported", kind: .unsupportedFunction(name: "complex"))
        }
        let isHexInt =
            text.utf8.count > 2 && text.hasPrefix("0") && (text.dropFirst().hasPrefix("x") || text.dropFirst().hasPrefix("X"))
            && !text.contains("p") && !text.contains("P")
        let isRuneInt = text.hasPrefix("'")
        if constant.isFloat && !isHexInt && !isRuneInt && text.contains(where: { ".eEpP".contains($0) }) {
            return .concrete(.float64(constant.float64Value))
        }
        if constant.isInt { return .concrete(.int(Int(constant.int64Value))) }
        if constant.isUint { throw failure("\(text) overflows int") }
        return .invalid
    }

    mutating func evalFieldNode(_ dot: TemplateValue, _ field: FieldNode, _ args: [ArgumentNode]?, _ final: TemplateValue?) throws(ExecutionInterrupt) -> TemplateValue {
        at(.argument(.field(field)))
        return try evalFieldChain(dot, dot, .argument(.field(field)), field.names, args, final)
    }

    mutating func evalChainNode(_ dot: TemplateValue, _ chain: ChainNode, _ args: [ArgumentNode]?, _ final: TemplateValue?) throws(ExecutionInterrupt) -> TemplateValue {
        at(.argument(.chain(chain)))
        if chain.fields.isEmpty { throw failure("internal error: no fields in evalChainNode") }
        if case .nil = chain.node { throw failure("indirection through explicit nil in \(chain.description)") }
        let pipe = try evalArg(dot, nil, chain.node)
        return try evalFieldChain(dot, pipe, .argument(.chain(chain)), chain.fields, args, final)
    }

    mutating func evalVariableNode(_ dot: TemplateValue, _ variable: VariableNode, _ args: [ArgumentNode]?, _ final: TemplateValue?) throws(ExecutionInterrupt) -> TemplateValue {
        at(.argument(.variable(variable)))
        let value = try varValue(variable.variableName)
        if variable.names.count == 1 {
            try notAFunction(args ?? [], final)
            return value
        }
        return try evalFieldChain(dot, value, .argument(.variable(variable)), variable.fields, args, final)
    }

    mutating func evalFieldChain(
        _ dot: TemplateValue, _ receiver: TemplateValue, _ node: ExecutionNode, _ names: [String],
        _ args: [ArgumentNode]?, _ final: TemplateValue?
    ) throws(ExecutionInterrupt) -> TemplateValue {
        var receiver = receiver
        for name in names.dropLast() {
            receiver = try evalField(dot, name, node, nil, nil, receiver)
        }
        return try evalField(dot, names[names.count - 1], node, args, final, receiver)
    }

    mutating func evalFunction(
        _ dot: TemplateValue, _ name: String, _ identifier: ArgumentNode, _ command: ExecutionNode,
        _ args: [ArgumentNode]?, _ final: TemplateValue?
    ) throws(ExecutionInterrupt) -> TemplateValue {
        at(.argument(identifier))
        guard let function = functions[name] else {
            throw failure("\(GoStrconv.quote(name)) is not a defined function")
        }
        let result = try evalCall(dot, function, command, name, args, final)
        if TemplateAnalysis.mapOrderFunctions.contains(name), case .slice(let list) = result.goValue, list.elements.count > 1,
            list.elements.contains(where: { $0 != list.elements[0] })
        {
            unorderedPositions.append(ExecutionNode.argument(identifier).position)
        }
        return result
    }

    mutating func evalField(
        _ dot: TemplateValue, _ fieldName: String, _ node: ExecutionNode, _ args: [ArgumentNode]?,
        _ final: TemplateValue?, _ receiverValue: TemplateValue
    ) throws(ExecutionInterrupt) -> TemplateValue {
        guard receiverValue.isValid, let type = receiverValue.staticType else { return .invalid }
        let (indirected, isNil) = receiverValue.indirect
        let receiver = shallow(indirected)
        if receiver.kind == .interface && isNil {
            throw failure("nil pointer evaluating \(type.name).\(fieldName)")
        }
        if let method = GoMethods.method(named: fieldName, on: receiver.goValue) {
            return try evalCall(dot, method, node, fieldName, args, final)
        }
        let hasArgs = (args?.count ?? 0) > 1 || final != nil
        switch receiver.goValue {
        case .structure(let structure):
            if let field = structure.field(named: fieldName) {
                if !isExportedGoName(fieldName) {
                    throw failure("\(fieldName) is an unexported field of struct type \(type.name)")
                }
                if hasArgs { throw failure("\(fieldName) has arguments but cannot be invoked as function") }
                return .stored(field.value, as: field.type)
            }
        case .map(let map) where map.keyType == .string || map.keyType == .interface:
            if hasArgs { throw failure("\(fieldName) is not a method but has arguments") }
            guard let value = map.entries[.string(fieldName)] else { return .invalid }
            return .stored(value, as: map.valueType)
        default:
            break
        }
        throw failure("can't evaluate field \(fieldName) in type \(type.name)")
    }

    mutating func evalCall(
        _ dot: TemplateValue, _ function: TemplateFunction, _ node: ExecutionNode, _ name: String,
        _ argNodes: [ArgumentNode]?, _ final: TemplateValue?
    ) throws(ExecutionInterrupt) -> TemplateValue {
        let args = argNodes.map { Array($0.dropFirst()) } ?? []
        let numIn = args.count + (final == nil ? 0 : 1)
        var numFixed = args.count
        if function.variadic != nil {
            numFixed = function.numIn - 1
            if numIn < numFixed {
                throw failure("wrong number of args for \(name): want at least \(function.numIn - 1) got \(args.count)")
            }
        } else if numIn != function.numIn {
            throw failure("wrong number of args for \(name): want \(function.numIn) got \(numIn)")
        }

        if case .shortCircuit(let isOr) = function.body {
            var v = TemplateValue.invalid
            for arg in args {
                v = try evalArg(dot, .reflectValue, arg)
                if goTruth(shallow(v)) == isOr { return v }
            }
            if let final { v = try validateType(final, .reflectValue) }
            return v
        }

        var argv: [TemplateValue] = []
        argv.reserveCapacity(numIn)
        var i = 0
        while i < numFixed && i < args.count {
            argv.append(try evalArg(dot, function.parameters[i], args[i]))
            i += 1
        }
        if let variadic = function.variadic {
            while i < args.count {
                argv.append(try evalArg(dot, variadic, args[i]))
                i += 1
            }
        }
        if let final {
            var type: ParameterType
            if let variadic = function.variadic {
                type = numIn - 1 < numFixed ? function.parameters[numIn - 1] : variadic
            } else {
                type = function.parameters[function.numIn - 1]
            }
            argv.append(try validateType(final, type))
        }

        switch function.availability {
        case .available:
            break
        case .refused(let reason):
            at(node)
            throw failure("error calling \(name): \(reason)", kind: .refusedFunction(name: name))
        case .unsupported(let reason):
            at(node)
            throw failure("error calling \(name): \(reason)", kind: .unsupportedFunction(name: name))
        }

        var resolved: [TemplateValue] = []
        resolved.reserveCapacity(argv.count + 1)
        // Go 1.25 passes `call` the callee's name: the first argument as written, or the
        // piped value's `reflect.Value.String()`.
        if name == "call", case .reflect = function.body {
            resolved.append(.concrete(.string(args.first?.description ?? Self.reflectString(final ?? .invalid))))
        }
        for arg in argv {
            let value = try deep(arg)
            switch value.goValue {
            case .slice(let slice): try spend(slice.elements.count)
            case .map(let map): try spend(map.entries.count)
            case .string(let string): try spend(string.utf8.count / 64)
            default: break
            }
            resolved.append(value)
        }
        let result: TemplateValue
        do {
            switch function.body {
            case .values(let body):
                result = try stored(body(resolved.map(\.goValue)), as: function.result)
            case .budgeted(let body):
                result = try stored(body(&budget, resolved.map(\.goValue)), as: function.result)
            case .mutating(let body):
                result = try stored(body(&heap, resolved.map(\.goValue)), as: function.result)
            case .reflect(let body):
                // These (`index`, `slice`, `len`, comparisons) build no value of their own.
                result = try body(resolved)
            case .shortCircuit:
                return .invalid
            }
        } catch {
            at(node)
            switch error.kind {
            case .goError: throw failure("error calling \(name): \(error.message)")
            case .refused: throw failure("error calling \(name): \(error.message)", kind: .refusedFunction(name: name))
            case .unsupported: throw failure("error calling \(name): \(error.message)", kind: .unsupportedFunction(name: name))
            case .limit: throw failure("error calling \(name): \(error.message)", kind: .limit)
            }
        }
        return try adopt(result)
    }

    /// A value a function built, charged to the budget, as the template holds it.
    mutating func stored(_ result: GoValue, as type: ParameterType) throws(FunctionFailure) -> TemplateValue {
        try budget.charge(result)
        if case .value(let type) = type { return .stored(result, as: type) }
        return .of(result)
    }

    /// `reflect.Value.String()`: a string's text, else `<T Value>`.
    static func reflectString(_ value: TemplateValue) -> String {
        switch value {
        case .invalid: return "<invalid Value>"
        case .concrete(.string(let text)): return text
        default: return "<\(value.staticType?.name ?? "interface {}") Value>"
        }
    }

    // MARK: Arguments

    static func canBeNil(_ type: ParameterType) -> Bool {
        switch type {
        case .reflectValue: return true
        case .value(let t):
            switch t {
            case .interface, .map, .slice: return true
            case .named(let name): return name.hasPrefix("*")
            default: return false
            }
        }
    }

    static func isAssignable(_ from: GoType, to: GoType) -> Bool {
        to == .interface || from == to
    }

    func validateType(_ value: TemplateValue, _ type: ParameterType?) throws(ExecutionInterrupt) -> TemplateValue {
        guard value.isValid, let valueType = value.staticType else {
            guard let type else { return .invalid }
            if Self.canBeNil(type) {
                switch type {
                case .reflectValue: return .invalid
                case .value(let t): return .stored(.zero(of: t), as: t)
                }
            }
            throw failure("invalid value; expected \(type.name)")
        }
        guard let type, case .value(let expected) = type else { return value }
        if Self.isAssignable(valueType, to: expected) { return value }
        var value = value
        if case .boxed(let inner) = value, inner != .nil {
            value = .concrete(inner)
            if let innerType = inner.dynamicType, Self.isAssignable(innerType, to: expected) { return value }
        }
        throw failure("wrong type for value; expected \(expected.name); got \(value.staticType?.name ?? "<nil>")")
    }

    mutating func evalArg(_ dot: TemplateValue, _ type: ParameterType?, _ n: ArgumentNode) throws(ExecutionInterrupt) -> TemplateValue {
        at(.argument(n))
        switch n {
        case .dot:
            return try validateType(dot, type)
        case .nil:
            if let type, Self.canBeNil(type) {
                switch type {
                case .reflectValue: return .invalid
                case .value(let t): return .stored(.zero(of: t), as: t)
                }
            }
            throw failure("cannot assign nil to \(type?.name ?? "<nil>")")
        // Each value is evaluated before `validateType` is called: evaluating it moves the
        // current node (Go reports a wrong type at the last node evaluated), and a method
        // called on `self` with an argument that mutates `self` would see `self` as it was.
        case .field(let field):
            let value = try evalFieldNode(dot, field, [n], nil)
            return try validateType(value, type)
        case .variable(let variable):
            let value = try evalVariableNode(dot, variable, nil, nil)
            return try validateType(value, type)
        case .pipe(let pipe):
            let value = try evalPipeline(dot, pipe)
            return try validateType(value, type)
        case .identifier(let name, _):
            let value = try evalFunction(dot, name, n, .argument(n), nil, nil)
            return try validateType(value, type)
        case .chain(let chain):
            let value = try evalChainNode(dot, chain, nil, nil)
            return try validateType(value, type)
        default:
            break
        }
        guard let type else { throw failure("can't handle \(n.description) for arg of type <nil>") }
        switch type {
        case .reflectValue:
            return try evalEmptyInterface(dot, n)
        case .value(let t):
            switch t {
            case .bool:
                if case .bool(let b, _) = n { return .concrete(.bool(b)) }
                throw failure("expected bool; found \(n.description)")
            case .float64:
                if case .number(let number) = n, number.isFloat { return .concrete(.float64(number.float64Value)) }
                throw failure("expected float; found \(n.description)")
            case .int, .int64:
                if case .number(let number) = n, number.isInt {
                    return .concrete(t == .int ? .int(Int(number.int64Value)) : .int64(number.int64Value))
                }
                throw failure("expected integer; found \(n.description)")
            case .uint64:
                if case .number(let number) = n, number.isUint { return .concrete(.uint64(number.uint64Value)) }
                throw failure("expected unsigned integer; found \(n.description)")
            case .interface:
                return try evalEmptyInterface(dot, n)
            case .string:
                if case .string(let string) = n { return .concrete(.string(string.text)) }
                throw failure("expected string; found \(n.description)")
            default:
                throw failure("can't handle \(n.description) for arg of type \(t.name)")
            }
        }
    }

    mutating func evalEmptyInterface(_ dot: TemplateValue, _ n: ArgumentNode) throws(ExecutionInterrupt) -> TemplateValue {
        at(.argument(n))
        switch n {
        case .bool(let b, _): return .concrete(.bool(b))
        case .dot: return dot
        case .field(let field): return try evalFieldNode(dot, field, nil, nil)
        case .identifier(let name, _): return try evalFunction(dot, name, n, .argument(n), nil, nil)
        case .nil: throw failure("evalEmptyInterface: nil (can't happen)")
        case .number(let number): return try idealConstant(number)
        case .string(let string): return .concrete(.string(string.text))
        case .variable(let variable): return try evalVariableNode(dot, variable, nil, nil)
        case .pipe(let pipe): return try evalPipeline(dot, pipe)
        default: throw failure("can't handle assignment of \(n.description) to empty interface argument")
        }
    }

    // MARK: Printing

    mutating func printValue(_ node: TemplateNode, _ value: TemplateValue) throws(ExecutionInterrupt) {
        at(.template(node))
        switch value {
        case .invalid:
            missingValuePositions.append(ExecutionNode.template(node).position)
            try write("<no value>".utf8)
        case .concrete, .boxed:
            // A value printed past the output limit stops being printed at the limit.
            guard let text = GoFormat.sprint([try deep(value).goValue], limit: limits.maxOutputBytes - output.count) else {
                throw outputExceeded()
            }
            try write(text.utf8)
        }
    }
}
