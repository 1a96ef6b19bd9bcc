import Foundation

/// One run of a program: its exit status, wall time, peak memory and what it printed.
struct ProcessRun {
    var status: Int32
    var wallTime: Double
    /// The child's peak resident memory, in bytes.
    var peakMemory: Int
    var standardOutput: String
    var standardError: String

    var succeeded: Bool { status == 0 }
}

enum Processes {
    /// Runs `arguments[0]` (a path, or a name looked up in PATH) with the rest as arguments,
    /// waits for it, and measures it with `wait4`.
    static func run(_ arguments: [String]) throws -> ProcessRun {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kalc-benchmark-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessRun(
            status: exitStatus, wallTime: wall, peakMemory: Int(usage.ru_maxrss) * 1024,
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }

    /// Runs the command `repetitions` times and returns the fastest run; fails if any run
    /// fails. `arguments` gets the number of the run (to write to a new folder each time).
    static func best(of repetitions: Int, _ arguments: (Int) -> [String]) throws -> ProcessRun {
        var best: ProcessRun?
        for repetition in 0..<max(1, repetitions) {
            let arguments = arguments(repetition)
            let run = try run(arguments)
            guard run.succeeded else {
                throw BenchmarkError("`\(arguments.joined(separator: " "))` exited with \(run.status):\n\(run.standardError.suffix(2000))")
            }
            if best == nil || run.wallTime < best!.wallTime { best = run }
        }
        return best!
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
