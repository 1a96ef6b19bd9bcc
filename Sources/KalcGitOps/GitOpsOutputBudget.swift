import Foundation

/// The bytes of GitOps files one compile may keep: the rendered manifests of every
/// environment's tree, counted as they are rendered, shared by the threads that render.
/// A compile keeps each tree in memory until it writes them all at once (the output
/// folder is replaced as a whole, the branches move together), so this bounds its memory.
final class GitOpsOutputBudget: @unchecked Sendable {
    /// What charging a rendered manifest to the budget gave.
    enum Charge {
        /// Within the budget: the manifest is kept.
        case kept
        /// This manifest crossed the budget: it is to be reported (`report`), and nothing
        /// more is kept.
        case crossed
        /// An earlier manifest crossed it.
        case spent
    }

    let limit: Int
    private let lock = NSLock()
    private var used = 0
    private var crossingProblem: GitOpsProblem?

    init(limit: Int) {
        self.limit = limit
    }

    /// Whether a manifest has crossed the budget: the compile fails, and renders no more.
    var isSpent: Bool { lock.withLock { used > limit } }

    /// Adds `bytes` of a rendered manifest.
    func charge(_ bytes: Int) -> Charge {
        lock.withLock {
            // Once past the limit, `used` grows no more.
            if used > limit { return .spent }
            used += bytes
            return used > limit ? .crossed : .kept
        }
    }

    /// The error at the manifest whose output crossed the budget, once reported. It is kept
    /// here, not by the part that crossed: the parts after a stopped one are not taken.
    var crossing: GitOpsProblem? { lock.withLock { crossingProblem } }

    /// Reports the manifest whose output crossed the budget.
    func report(_ problem: GitOpsProblem) {
        lock.withLock { crossingProblem = problem }
    }

    /// `bytes` in MiB when a whole number of them, else in bytes.
    static func describe(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
