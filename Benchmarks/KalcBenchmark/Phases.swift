import Foundation

/// The phases kalc reports with `--timings`, for one run.
struct PhaseTimes {
    /// Phase name to (milliseconds, peak memory in bytes at the end of the phase), in order.
    var phases: [(name: String, milliseconds: Double, peakMemory: Int)] = []

    subscript(name: String) -> Double? { phases.first { $0.name == name }?.milliseconds }

    /// Reads the table `kalc ... --timings` prints on standard error.
    init(parsing text: String) {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 5, fields[2] == "ms", fields[4] == "MB",
                let milliseconds = Double(fields[1]), let megabytes = Double(fields[3])
            else { continue }
            phases.append((String(fields[0]), milliseconds, Int(megabytes * 1_048_576)))
        }
    }

    init() {}

    /// The fastest time of each phase over several runs (and the highest peak memory).
    static func best(_ runs: [PhaseTimes]) -> PhaseTimes {
        var result = PhaseTimes()
        guard let first = runs.first else { return result }
        for phase in first.phases {
            let times = runs.compactMap { $0[phase.name] }
            let memory = runs.compactMap { run in run.phases.first { $0.name == phase.name }?.peakMemory }.max() ?? 0
            result.phases.append((phase.name, times.min() ?? phase.milliseconds, memory))
        }
        return result
    }
}

/// How a cost grows with the fleet: the exponent `k` of `time ≈ c · size^k`, fitted by least
/// squares on logarithms. 1 is linear, 2 quadratic.
enum Growth {
    static func exponent(sizes: [Double], times: [Double]) -> Double? {
        let points = zip(sizes, times).filter { $0.0 > 0 && $0.1 > 0 }.map { (log($0.0), log($0.1)) }
        guard points.count >= 2 else { return nil }
        let meanX = points.map(\.0).reduce(0, +) / Double(points.count)
        let meanY = points.map(\.1).reduce(0, +) / Double(points.count)
        let variance = points.map { ($0.0 - meanX) * ($0.0 - meanX) }.reduce(0, +)
        guard variance > 0 else { return nil }
        return points.map { ($0.0 - meanX) * ($0.1 - meanY) }.reduce(0, +) / variance
    }

    /// A word for an exponent: phases that stay under a few milliseconds are too small to tell.
    static func verdict(_ exponent: Double?, largest milliseconds: Double) -> String {
        guard let exponent else { return "n/a" }
        if milliseconds < 5 { return String(format: "%.2f (too small to tell)", exponent) }
        return String(format: exponent <= 1.2 ? "%.2f linear" : "%.2f superlinear", exponent)
    }
}
