import KalcGo

/// A parsed Go template together with the functions it may call.
public struct Template: Sendable {
    /// The parsed templates (the top-level one and those it defines).
    public let set: TemplateSet
    /// The functions available to the template.
    public let functions: FunctionTable

    /// Parses `text` as Go's `template.New(name).Funcs(...).Parse(text)` does.
    public init(name: String = "template", text: String, functions: FunctionTable = .kalypso) throws(TemplateError) {
        self.functions = functions
        self.set = try TemplateParser.parse(name: name, text: text, isFunction: { functions.contains($0) })
    }

    /// Executes the template with `data` as dot, as Go's `Execute` does, returning the output.
    public func execute(data: GoValue, limits: ExecutionLimits = ExecutionLimits()) throws(TemplateError) -> String {
        var heap = MapHeap()
        let adopted = heap.adopt(data)
        return try execute(data: adopted, heap: &heap, limits: limits)
    }

    /// Executes with maps shared through `heap`: `data` must have been adopted by it, and
    /// changes the template makes to maps (`set`, `merge`) are kept in it.
    public func execute(data: GoValue, heap: inout MapHeap, limits: ExecutionLimits = ExecutionLimits()) throws(TemplateError) -> String {
        try executeReportingMissingValues(data: data, heap: &heap, limits: limits).output
    }

    /// Executes like `execute(data:heap:limits:)`, and also tells where a missing value (a
    /// map key that is not there) was printed as `<no value>`: the byte offsets of those
    /// actions in the template text.
    public func executeReportingMissingValues(data: GoValue, heap: inout MapHeap, limits: ExecutionLimits = ExecutionLimits()) throws(TemplateError) -> (
        output: String, missingValueOffsets: [Int]
    ) {
        let report = try executeReporting(data: data, heap: &heap, limits: limits)
        return (report.output, report.missingValueOffsets)
    }

    /// What an execution wrote, and where its output depends on more than its input.
    public struct ExecutionReport: Sendable {
        /// The output.
        public var output: String
        /// The offsets of the actions that printed a missing value as `<no value>`.
        public var missingValueOffsets: [Int]
        /// The offsets of the calls of `keys` and `values` that gave a list whose order Go
        /// leaves to chance.
        public var unorderedOffsets: [Int]
    }

    /// Executes like `execute(data:heap:limits:)`, reporting missing values and the lists
    /// whose order Go leaves to chance.
    public func executeReporting(data: GoValue, heap: inout MapHeap, limits: ExecutionLimits = ExecutionLimits()) throws(TemplateError) -> ExecutionReport {
        let job = ExecutionJob(set: set, functions: functions, limits: limits, data: data, heap: heap)
        ExecutionThread.run(stackSize: limits.stackSize) { job.run() }
        heap = job.heap
        switch job.result {
        case .success(let output): return ExecutionReport(output: output, missingValueOffsets: job.missingValuePositions, unorderedOffsets: job.unorderedPositions)
        case .failure(let error): throw error
        }
    }
}

/// One execution, run on a thread of its own so that its stack has a known size.
private final class ExecutionJob: @unchecked Sendable {
    let set: TemplateSet
    let functions: FunctionTable
    let limits: ExecutionLimits
    let data: GoValue
    var heap: MapHeap
    var result: Result<String, TemplateError> = .success("")
    var missingValuePositions: [Int] = []
    var unorderedPositions: [Int] = []

    init(set: TemplateSet, functions: FunctionTable, limits: ExecutionLimits, data: GoValue, heap: MapHeap) {
        self.set = set
        self.functions = functions
        self.limits = limits
        self.data = data
        self.heap = heap
    }

    func run() {
        var executor = TemplateExecutor(set: set, functions: functions, limits: limits, data: .of(data), heap: heap)
        var marker = 0
        executor.stackBase = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        do {
            try executor.walk(.of(data), set.root)
            result = .success(String(decoding: executor.output, as: UTF8.self))
        } catch {
            switch error {
            case .failure(let failure): result = .failure(failure)
            case .breakLoop, .continueLoop:
                result = .failure(TemplateError(kind: .execution, message: "template: \(set.name): break or continue outside range", text: set.text))
            }
        }
        heap = executor.heap
        missingValuePositions = executor.missingValuePositions
        unorderedPositions = executor.unorderedPositions
    }
}
