import Foundation

/// Work split over threads, with results in the order of the work.
public enum Parallel {
    /// The threads to use by default: one per processor, at most 8.
    public static let defaultThreads = min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// `make(0..<count)`, made on up to `threads` threads, in order.
    public static func map<T: Sendable>(_ count: Int, threads: Int = defaultThreads, _ make: @escaping @Sendable (Int) -> T) -> [T] {
        guard threads > 1, count > 1 else { return (0..<count).map(make) }
        let results = Results<T>(count: count)
        let workers = min(threads, count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) {
                results.set(index, make(index))
            }
        }
        return results.values
    }

    private final class Results<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [T?]

        init(count: Int) {
            slots = Array(repeating: nil, count: count)
        }

        func set(_ index: Int, _ value: T) {
            lock.withLock { slots[index] = value }
        }

        var values: [T] { lock.withLock { slots.compactMap { $0 } } }
    }
}
