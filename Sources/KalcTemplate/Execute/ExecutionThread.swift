import Foundation

/// Runs template executions on a thread whose stack size is known, so that deep recursion
/// in a template ends in an error instead of a crash.
///
/// A thread is started for an execution unless the current thread is already one with a
/// large enough stack (see `TemplateExecution.onExecutionThread`), in which case the
/// execution runs in place: rendering thousands of manifests then costs no thread each.
enum ExecutionThread {
    static let stackSizeKey = "kalc.template.executionStackSize"

    static func run(stackSize: Int, _ work: @escaping @Sendable () -> Void) {
        if let available = Thread.current.threadDictionary[stackSizeKey] as? Int, available >= stackSize {
            work()
            return
        }
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            Thread.current.threadDictionary[stackSizeKey] = stackSize
            work()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
    }
}

/// Where templates are executed.
public enum TemplateExecution {
    /// Runs `body` on one thread with the stack template executions need, so that every
    /// template it renders runs in place rather than on a thread of its own.
    public static func onExecutionThread<Result>(stackSize: Int = ExecutionLimits().stackSize, _ body: @escaping () -> Result) -> Result {
        let box = ResultBox<Result>(body: body)
        ExecutionThread.run(stackSize: stackSize) { box.run() }
        guard let result = box.result else {
            // `run` always sets the result before the thread signals completion.
            return body()
        }
        return result
    }

    private final class ResultBox<Result>: @unchecked Sendable {
        let body: () -> Result
        var result: Result?

        init(body: @escaping () -> Result) {
            self.body = body
        }

        func run() {
            result = body()
        }
    }
}
