import KalcGo

/// The work one template execution may do: the steps it executes and the bytes of the values
/// its functions build. Go bounds neither; kalc must, so that a hostile template ends in an
/// error instead of exhausting the machine's memory or running for hours.
///
/// The executor owns the budget. It spends a step on every command, range iteration and
/// element of an argument, and charges every function result for its size once the function
/// returns. A function whose result can be much larger than its arguments (`repeat`,
/// `replace`, `printf`, `toJson`, ...) receives the budget and checks the size of what it is
/// about to build before it builds it, so no value beyond the budget is ever allocated.
struct RenderBudget: Sendable {
    let limits: ExecutionLimits
    /// Steps spent so far (see `ExecutionLimits.maxSteps`).
    private(set) var steps = 0
    /// Bytes of the values built so far (see `ExecutionLimits.maxBuiltBytes`).
    private(set) var builtBytes = 0

    init(limits: ExecutionLimits) {
        self.limits = limits
    }

    /// The largest value a function may still build: no value exceeds `maxValueBytes`, and
    /// all of them together stay within `maxBuiltBytes`.
    var bytesLeft: Int { max(0, min(limits.maxValueBytes, limits.maxBuiltBytes - builtBytes)) }

    /// The steps that may still be spent.
    var stepsLeft: Int { max(0, limits.maxSteps - steps) }

    /// Counts work against the step bound.
    mutating func spend(steps amount: Int) throws(FunctionFailure) {
        steps += amount
        if steps > limits.maxSteps {
            throw FunctionFailure.limit("template execution exceeds \(limits.maxSteps) steps")
        }
    }

    /// Fails unless a value of `bytes` bytes may still be built; called before building it.
    func reserve(_ bytes: Int) throws(FunctionFailure) {
        if bytes > bytesLeft { throw exhausted() }
    }

    /// Fails unless `count` pieces of `size` bytes each may still be built.
    func reserve(_ count: Int, of size: Int) throws(FunctionFailure) {
        if count > 0 && size > 0 && count > bytesLeft / size { throw exhausted() }
    }

    /// The text a bounded builder returned, which is nil when it stopped at `bytesLeft`.
    func within(_ text: String?) throws(FunctionFailure) -> String {
        guard let text else { throw exhausted() }
        return text
    }

    /// Fails unless the text printed from `values` (by `%v`, JSON or YAML) may still be
    /// built. The check walks the values once, stopping as soon as the budget is exceeded,
    /// so a list that holds the same large value a million times costs no more than the
    /// budget: every element prints at least one byte, and every string its bytes.
    mutating func reserve(printing values: [GoValue]) throws(FunctionFailure) {
        let allowed = bytesLeft
        var size = 0
        var pending = values
        while let value = pending.popLast() {
            size += 1
            switch value {
            case .string(let s): size += s.utf8.count
            case .slice(let slice): pending.append(contentsOf: slice.elements)
            case .map(let map):
                for (key, element) in map.entries {
                    pending.append(key)
                    pending.append(element)
                }
            case .structure(let structure): pending.append(contentsOf: structure.fields.map(\.value))
            default: size += 8
            }
            if size > allowed { throw exhausted() }
        }
        try spend(steps: size / 64)
    }

    /// Charges a value a function built, once it is built.
    mutating func charge(_ value: GoValue) throws(FunctionFailure) {
        let bytes: Int
        switch value {
        case .string(let s): bytes = s.utf8.count
        case .slice(let slice): bytes = slice.elements.count * MemoryLayout<GoValue>.stride
        case .map(let map): bytes = map.entries.count * 2 * MemoryLayout<GoValue>.stride
        default: bytes = 0
        }
        if bytes > bytesLeft { throw exhausted() }
        builtBytes += bytes
        try spend(steps: bytes / 64)
    }

    private func exhausted() -> FunctionFailure {
        if builtBytes + limits.maxValueBytes > limits.maxBuiltBytes {
            return FunctionFailure.limit("template execution builds more than \(limits.maxBuiltBytes) bytes of values")
        }
        return FunctionFailure.limit("the result would be larger than \(limits.maxValueBytes) bytes")
    }
}
