import ArgumentParser
import Foundation
import KalcDiagnostics

/// A line on a terminal saying which phase a long command is in and how far it is: shown
/// once the command has run longer than a delay (a second by default), redrawn in place,
/// and cleared before anything else is printed. Nothing is drawn when standard error is not
/// a terminal or the diagnostics are for a machine.
final class Progress: @unchecked Sendable {
    private let lock = NSRecursiveLock()
    /// The progress being drawn, which every other output clears first.
    nonisolated(unsafe) private(set) static weak var current: Progress?
    private let steps: Int
    private let delay: Duration
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var step = 0
    private var phase = ""
    private var shown = false
    private var finished = false

    /// A progress line for a command of `steps` phases, drawn after `delay`; nil when it
    /// must not be drawn.
    static func start(steps: Int, delay: Duration, diagnostics format: DiagnosticFormat) -> Progress? {
        guard format == .human, isatty(STDERR_FILENO) != 0 else { return nil }
        let progress = Progress(steps: steps, delay: delay)
        let ticker = Thread { [weak progress] in
            while let current = progress, current.tick() {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        ticker.start()
        current = progress
        return progress
    }

    private init(steps: Int, delay: Duration) {
        self.steps = steps
        self.delay = delay
        started = clock.now
    }

    /// Enters the next phase, described as `phase` ("checking 12 files").
    func begin(_ phase: String) {
        lock.lock()
        defer { lock.unlock() }
        step = min(step + 1, steps)
        self.phase = phase
        drawIfDue()
    }

    /// Runs `body`, which prints, with the line cleared and not redrawn meanwhile; the
    /// ticker draws it again afterwards.
    func clearedWhile<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        clear()
        return try body()
    }

    /// Clears the line for good; nothing is drawn afterwards.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        clear()
        finished = true
    }

    /// Redraws the line; false once the progress is finished.
    private func tick() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return false }
        drawIfDue()
        return true
    }

    private func clear() {
        if shown { Self.write("\r\u{1B}[2K") }
        shown = false
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func drawIfDue() {
        let elapsed = clock.now - started
        guard !finished, step > 0, elapsed >= delay else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        Self.write("\r\u{1B}[2K" + "kalc: [\(step)/\(steps)] \(phase) " + String(format: "(%.1f s)", seconds))
        shown = true
    }
}

/// The hidden `--progress-delay` option: how long a command runs before its progress shows.
struct ProgressOptions: ParsableArguments {
    @Option(name: .customLong("progress-delay"), help: .hidden)
    var delay: Double = 1

    /// A progress line for a command of `steps` phases whose diagnostics are in `format`.
    func start(steps: Int, diagnostics format: DiagnosticFormat) -> Progress? {
        Progress.start(steps: steps, delay: .milliseconds(Int(min(max(delay, 0), 86_400) * 1000)), diagnostics: format)
    }
}
