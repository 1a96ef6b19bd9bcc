import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Holds back SIGINT, SIGTERM and SIGHUP while `compile --out` writes, so that an
/// interrupted compile removes its own staging folder — every file of which it has written
/// whole — before it ends, by the same signal, as it would have without kalc's help.
final class WriteInterruption: @unchecked Sendable {
    /// The one interruption of the process.
    static let shared = WriteInterruption()

    private static let signals = [SIGINT, SIGTERM, SIGHUP]
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [DispatchSourceSignal] = []
    private var previousHandlers: [Int32: sighandler_t?] = [:]

    /// Whether one of the signals has arrived since `hold()`.
    var isRequested: Bool { lock.withLock { received != nil } }

    /// Starts holding the signals back: from now on they are only noted.
    func hold() {
        lock.withLock {
            for number in Self.signals {
                let previous = signal(number, SIG_IGN)
                previousHandlers[number] = previous
                // A signal the caller ignored (nohup, a background job) stays ignored.
                if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [weak self] in self?.note(number) }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Stops holding the signals back, and delivers the one that arrived, if any.
    func release() {
        let pending: Int32? = lock.withLock {
            for source in sources { source.cancel() }
            sources = []
            for (number, previous) in previousHandlers { signal(number, previous) }
            previousHandlers = [:]
            defer { received = nil }
            return received
        }
        if let pending { raise(pending) }
    }

    private func note(_ number: Int32) {
        lock.withLock { if received == nil { received = number } }
    }
}
