import Foundation

/// What the first rendering pass of a manifest can depend on, found in its text, for the
/// manifests whose outcome a few facts about the template data decide.
///
/// The outcome of a pass is whether it fails (and with which error), where it prints
/// `<no value>`, and whether its output contains `{{` (then Kalypso renders the output
/// again). For a manifest made of text, plain prints of data fields (`{{ .Workload }}`,
/// `{{ .Manifests.repo }}`), `if`, `range` and `with`, variables, and calls of functions
/// that neither change the data nor depend on anything but their arguments, that outcome
/// depends on:
/// - for a field printed on its own, whether it is there, and, for a string with no `{`
///   of at most `printedLimit` bytes, whether it is empty, and nothing else: printing a
///   string cannot fail, and a short one without braces cannot start or end a `{{` nor
///   push the output over its limit by itself;
/// - for every other use of a field (a condition, a function's argument), its value.
///
/// So two assignments whose data give the same `key` have the same outcome, and a check
/// (which needs the outcome, not the text) can render such a manifest once per key.
/// Inside `range` and `with`, and in variables, values are made from reads, so they add
/// nothing. Manifests that call `template`, use the whole data (dot outside `range` and
/// `with`, or `$`) or a function that changes the data have no reads (`init` returns nil):
/// they are rendered every time.
public struct ManifestReads: Sendable {
    /// The longest printed string whose emptiness stands for its value.
    public static let printedLimit = 4096

    /// How a read value is used.
    enum Use: Sendable, Hashable {
        /// Printed on its own by an action.
        case printed
        /// Anything else: its whole value matters.
        case exact
    }

    /// One read: a field of the data, or (`key`) an entry of one of its maps.
    struct Read: Sendable, Hashable {
        var field: KalypsoTemplateData.Field
        var key: String?
        var use: Use
    }

    let reads: [Read]
    /// The reads' places in the `ReadTable` that numbered them.
    var slots: [Int] = []

    /// How many reads are plain prints (each adds at most `printedLimit` bytes that the key
    /// does not fix).
    public var printedCount: Int { reads.filter { $0.use == .printed }.count }

    /// The reads of `template`'s first pass, or nil when they cannot be told from its text.
    public init?(_ template: Template) {
        var finder = ReadFinder(functions: template.functions)
        guard finder.list(template.set.root) else { return nil }
        var seen = Set<Read>()
        reads = finder.reads.filter { seen.insert($0).inserted }
    }

    /// The facts about `data` that decide the outcome of a first pass.
    public func key(for data: KalypsoTemplateData) -> Key {
        Key(facts: reads.map { Self.fact($0, of: data) })
    }

    /// What `data` gives for the reads of a manifest.
    public struct Key: Hashable, Sendable {
        let facts: [Fact]
    }

    enum Fact: Hashable, Sendable {
        case missing
        case printed(isEmpty: Bool)
        case string(ExactString)
        case value(ExactValue)
    }

    static func fact(_ read: Read, of data: KalypsoTemplateData) -> Fact {
        if let key = read.key {
            switch read.field {
            case .labels, .manifests:
                let map = read.field == .labels ? data.labels : data.manifests
                guard let value = map?[key] else { return .missing }
                return read.use == .printed ? Self.printed(value) : .string(ExactString(value))
            case .configData:
                guard case .map(let map) = data.configData else { return .value(ExactValue(value: data.configData)) }
                guard let value = map.entries[.string(key)] else { return .missing }
                if read.use == .printed, case .string(let text) = value { return Self.printed(text) }
                return .value(ExactValue(value: value))
            default:
                return .value(ExactValue(value: data.field(read.field)))
            }
        }
        switch read.field {
        case .configData:
            return .value(ExactValue(value: data.configData))
        case .labels, .manifests:
            return .value(ExactValue(value: data.field(read.field)))
        case .deploymentTargetName: return fact(data.deploymentTargetName, read.use)
        case .environment: return fact(data.environment, read.use)
        case .clusterType: return fact(data.clusterTypeName, read.use)
        case .workspace: return fact(data.labels?["workspace"] ?? "", read.use)
        case .workload: return fact(data.labels?["workload"] ?? "", read.use)
        case .namespace:
            // `<environment>-<clusterType>-<deploymentTarget>`, never empty.
            let parts = [data.environment, data.clusterTypeName, data.deploymentTargetName]
            if read.use == .printed, parts.reduce(2, { $0 + $1.utf8.count }) <= Self.printedLimit, !parts.contains(where: Self.containsBrace) {
                return .printed(isEmpty: false)
            }
            return .string(ExactString(parts.joined(separator: "-")))
        }
    }

    private static func fact(_ text: String, _ use: Use) -> Fact {
        use == .printed ? Self.printed(text) : .string(ExactString(text))
    }

    private static func printed(_ text: String) -> Fact {
        let bytes = text.utf8
        guard bytes.count <= printedLimit, !containsBrace(text) else { return .string(ExactString(text)) }
        return .printed(isEmpty: bytes.isEmpty)
    }

    private static func containsBrace(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, Int32(UInt8(ascii: "{")), bytes.count) != nil
        } ?? text.utf8.contains(UInt8(ascii: "{"))
    }
}

/// The reads of all the manifests of a control plane, each numbered once: a `FactSheet`
/// then works out each fact once per assignment, however many manifests read it.
public struct ReadTable: Sendable {
    private(set) var reads: [ManifestReads.Read] = []
    private var slots: [ManifestReads.Read: Int] = [:]

    public init() {}

    /// Numbers the reads of `manifest`.
    public mutating func number(_ manifest: inout ManifestReads) {
        manifest.slots = manifest.reads.map { read in
            if let slot = slots[read] { return slot }
            slots[read] = reads.count
            reads.append(read)
            return reads.count - 1
        }
    }
}

/// The facts of one assignment's data for every read of a `ReadTable`, kept for the next
/// assignment as far as they depend on nothing that changed (its target, its cluster type,
/// its config), with a number for each scope's facts: assignments whose numbers are equal
/// give every manifest the same key. A sheet serves the assignments of one environment,
/// where a deployment target's name stands for the target.
public struct FactSheet {
    private let table: ReadTable
    private var facts: [ManifestReads.Fact]
    private var data = KalypsoTemplateData.empty
    private var started = false
    /// The slots whose facts come from the target, the cluster type, the config, and from
    /// both target and cluster type (`Namespace`).
    private let byTarget: [Int]
    private let byClusterType: [Int]
    private let byConfig: [Int]
    private let byAssignment: [Int]
    /// Each scope's facts seen so far, numbered.
    private var numbers: [[ManifestReads.Fact]: Int] = [:]
    /// The config scope's number and facts, by config identity.
    private var configScopes: [Int: (number: Int, facts: [ManifestReads.Fact])] = [:]
    /// The numbers of the current assignment's scopes.
    public private(set) var scopes = Scopes()

    /// The numbers of an assignment's facts, scope by scope.
    public struct Scopes: Hashable, Sendable {
        var target = 0
        var clusterType = 0
        var config = 0
        var assignment = 0
    }

    public init(table: ReadTable) {
        self.table = table
        facts = Array(repeating: .missing, count: table.reads.count)
        var byTarget: [Int] = [], byClusterType: [Int] = [], byConfig: [Int] = [], byAssignment: [Int] = []
        for (slot, read) in table.reads.enumerated() {
            switch read.field {
            case .configData: byConfig.append(slot)
            case .clusterType: byClusterType.append(slot)
            case .namespace: byAssignment.append(slot)
            default: byTarget.append(slot)
            }
        }
        self.byTarget = byTarget
        self.byClusterType = byClusterType
        self.byConfig = byConfig
        self.byAssignment = byAssignment
    }

    /// Starts the facts of an assignment with `data`.
    public mutating func start(_ data: KalypsoTemplateData) {
        let previous = self.data
        self.data = data
        if !started || previous.deploymentTargetName != data.deploymentTargetName || previous.environment != data.environment {
            scopes.target = work(byTarget)
        }
        if !started || previous.clusterTypeName != data.clusterTypeName {
            scopes.clusterType = work(byClusterType)
        }
        if !started || previous.configIdentity == nil || previous.configIdentity != data.configIdentity {
            if let identity = data.configIdentity, let known = configScopes[identity] {
                for (slot, fact) in zip(byConfig, known.facts) { facts[slot] = fact }
                scopes.config = known.number
            } else {
                scopes.config = work(byConfig)
                if let identity = data.configIdentity { configScopes[identity] = (scopes.config, byConfig.map { facts[$0] }) }
            }
        }
        if !byAssignment.isEmpty { scopes.assignment = work(byAssignment) }
        started = true
    }

    /// Works out the facts of `slots`, and their number.
    private mutating func work(_ slots: [Int]) -> Int {
        guard !slots.isEmpty else { return 0 }
        var scope: [ManifestReads.Fact] = []
        scope.reserveCapacity(slots.count)
        for slot in slots {
            let fact = ManifestReads.fact(table.reads[slot], of: data)
            facts[slot] = fact
            scope.append(fact)
        }
        if let known = numbers[scope] { return known }
        numbers[scope] = numbers.count + 1
        return numbers.count
    }

    /// The key of `manifest` (numbered by this sheet's table) for the assignment started last.
    public func key(for manifest: ManifestReads) -> ManifestReads.Key {
        ManifestReads.Key(facts: manifest.slots.map { facts[$0] })
    }
}

/// Walks a template's tree and collects its reads; answers false for anything whose
/// outcome the reads cannot decide.
private struct ReadFinder {
    let functions: FunctionTable
    var reads: [ManifestReads.Read] = []
    /// Whether dot is the template data (outside `range` and `with`), or a value made from
    /// what was read (inside them).
    var dotIsData = true

    mutating func list(_ list: ListNode) -> Bool {
        list.nodes.allSatisfy { node($0) }
    }

    mutating func node(_ node: TemplateNode) -> Bool {
        switch node {
        case .text, .comment, .break, .continue:
            return true
        case .action(let action):
            if dotIsData, action.pipe.declarations.isEmpty, action.pipe.commands.count == 1, action.pipe.commands[0].arguments.count == 1,
                case .field(let field) = action.pipe.commands[0].arguments[0]
            {
                return self.field(field, use: .printed)
            }
            return pipe(action.pipe)
        case .if(let branch):
            return pipe(branch.pipe) && list(branch.list) && (branch.elseList.map { list($0) } ?? true)
        case .range(let branch), .with(let branch):
            // The body's dot is made from the pipeline's reads; `else` keeps this dot.
            guard pipe(branch.pipe) else { return false }
            let outer = dotIsData
            dotIsData = false
            let body = list(branch.list)
            dotIsData = outer
            return body && (branch.elseList.map { list($0) } ?? true)
        case .template:
            return false
        }
    }

    mutating func pipe(_ pipe: PipeNode) -> Bool {
        for command in pipe.commands {
            if case .identifier(let name, _)? = command.arguments.first {
                guard let function = functions[name], function.availability == .available, !function.changesData else { return false }
            }
            for argument in command.arguments where !self.argument(argument) { return false }
        }
        return true
    }

    mutating func argument(_ argument: ArgumentNode) -> Bool {
        switch argument {
        case .identifier, .nil, .bool, .number, .string:
            return true
        case .field(let field):
            return !dotIsData || self.field(field, use: .exact)
        case .pipe(let inner):
            return pipe(inner)
        case .chain(let chain):
            // `(pipeline).Field`: the fields of a value the pipeline made from its reads.
            if case .pipe(let inner) = chain.node { return pipe(inner) }
            return false
        case .variable(let variable):
            // `$` is the template data; other variables hold values made from reads.
            guard variable.variableName == "$" else { return true }
            guard let first = variable.fields.first else { return false }
            return field(FieldNode(position: variable.position, names: [first] + variable.fields.dropFirst()), use: .exact)
        case .dot:
            // Dot itself is all of the data (every assignment's differs), or a made value.
            return !dotIsData
        }
    }

    mutating func field(_ field: FieldNode, use: ManifestReads.Use) -> Bool {
        guard let name = field.names.first else { return false }
        // A name that is no field of the data fails the same way for every assignment.
        guard let dataField = KalypsoTemplateData.Field(rawValue: name) else { return true }
        if dataField.isMap, field.names.count > 1 {
            reads.append(.init(field: dataField, key: field.names[1], use: field.names.count == 2 ? use : .exact))
        } else {
            reads.append(.init(field: dataField, key: nil, use: field.names.count == 1 ? use : .exact))
        }
        return true
    }
}

extension TemplateFunction {
    /// Whether the function changes maps in place (`set`, `merge`, ...).
    var changesData: Bool {
        if case .mutating = body { return true }
        return false
    }
}
