import Foundation

/// Values a command made that live until the process ends: freeing a large project object
/// by object takes longer than the rest of a check of a small one, and the system takes
/// the memory back at exit all at once.
enum KeptUntilExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var values: [Any] = []

    /// Keeps `value` alive until the process exits.
    static func keep(_ value: Any) {
        lock.withLock { values.append(value) }
    }
}
