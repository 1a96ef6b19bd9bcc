import Foundation

/// The requests that have not been answered yet, and which of them the client cancelled.
///
/// The reader thread records a request when it arrives and a cancellation when
/// `$/cancelRequest` arrives, before the server's queue gets to either, so a request that
/// is cancelled while it waits in the queue is answered `RequestCancelled` without being run.
final class RequestRegistry: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var active = Set<RequestID>()
    private var cancelled = Set<RequestID>()

    /// Records a request that arrived.
    func begin(_ id: RequestID) {
        lock.withLock { _ = active.insert(id) }
    }

    /// Records the cancellation of a request, if it is still unanswered.
    func cancel(_ id: RequestID) {
        lock.withLock {
            if active.contains(id) { cancelled.insert(id) }
        }
    }

    /// Whether the client cancelled an unanswered request.
    func isCancelled(_ id: RequestID) -> Bool {
        lock.withLock { cancelled.contains(id) }
    }

    /// Forgets an answered request; tells whether it had been cancelled.
    func end(_ id: RequestID) -> Bool {
        lock.withLock {
            active.remove(id)
            return cancelled.remove(id) != nil
        }
    }
}
