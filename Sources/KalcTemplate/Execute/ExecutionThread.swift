import Foundation

/// Runs template executions on a thread whose stack size is known, so that deep recursion
/// in a template ends in an error instead of a crash.
///
/// A thread is started for an execution unless the current thread is already one with a
/// large enough stack (see `TemplateExecution.onExecutionThread`), in which case the
/// execution runs in place: rendering thousands of manifests then costs no thread each.
enum ExecutionThread {
    /// The thread-specific slot holding the stack size of an execution thread (0 on other
    /// threads): read before every execution, so it is a pthread key rather than Foundation's
    /// thread dictionary.
    private static let stackSizeKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The stack size of the current thread if it is an execution thread, else 0.
    static var currentStackSize: Int {
        Int(bitPattern: pthread_getspecific(stackSizeKey))
    }

    static func run(stackSize: Int, _ work: @escaping @Sendable () -> Void) {
        if currentStackSize >= stackSize {
            work()
            return
        }
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            pthread_setspecific(stackSizeKey, UnsafeRawPointer(bitPattern: stackSize))
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
