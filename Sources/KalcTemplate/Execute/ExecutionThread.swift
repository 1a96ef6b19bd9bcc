import Foundation

/// Runs work on a new thread with a stack of a given size and waits for it, so that the
/// depth of template recursion is bounded by a known stack rather than by the caller's.
enum ExecutionThread {
    static func run(stackSize: Int, _ work: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            work()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
    }
}
