import ArgumentParser
import Foundation

/// The wall time of each phase of a command and the process's peak memory at its end,
/// printed on standard error with `--timings`.
final class PhaseTimer {
    struct Phase {
        var name: String
        var time: Duration
        /// The peak resident memory of the process at the end of the phase, in bytes.
        var peakMemory: Int
    }

    private(set) var phases: [Phase] = []
    /// Lines printed under the table: what a phase did.
    var notes: [String] = []
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    init() {
        started = clock.now
    }

    /// Runs `body` as phase `name` of `timer`, or just runs it when there is no timer.
    static func measure<T, E: Error>(_ name: String, on timer: PhaseTimer?, _ body: () throws(E) -> T) throws(E) -> T {
        guard let timer else { return try body() }
        let start = timer.clock.now
        let result = try body()
        timer.record(name, timer.clock.now - start)
        return result
    }

    /// Notes a phase measured elsewhere.
    func record(_ name: String, _ time: Duration) {
        phases.append(Phase(name: name, time: time, peakMemory: Self.peakMemory()))
    }

    /// The table `--timings` prints: one line per phase, then the total.
    var report: String {
        var lines = ["phase            time    peak memory"]
        func line(_ name: String, _ time: Duration, _ memory: Int) -> String {
            let milliseconds = Double(time.components.seconds) * 1000 + Double(time.components.attoseconds) / 1e15
            let name = name.padding(toLength: 10, withPad: " ", startingAt: 0)
            return name + String(format: "%9.1f ms %11.1f MB", milliseconds, Double(memory) / 1_048_576)
        }
        for phase in phases {
            lines.append(line(phase.name, phase.time, phase.peakMemory))
        }
        lines.append(line("total", clock.now - started, Self.peakMemory()))
        return (lines + notes).joined(separator: "\n") + "\n"
    }

    /// The peak resident memory of this process so far, in bytes.
    static func peakMemory() -> Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
    }
}

/// `--timings`, for the commands that run the pipeline.
struct TimingOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the wall time of each phase, the peak memory and how many manifests were rendered on standard error.")
    var timings = false

    /// A timer when timings were asked for.
    func makeTimer() -> PhaseTimer? {
        timings ? PhaseTimer() : nil
    }

    /// Prints the timer's table, if there is one.
    func print(_ timer: PhaseTimer?) {
        guard let timer else { return }
        Output.standardError(timer.report)
    }
}
