import Foundation

/// The benchmark's findings as Markdown.
struct Report {
    private(set) var text = ""

    mutating func line(_ line: String = "") {
        text += line + "\n"
    }

    /// What the numbers were measured on.
    mutating func machine() {
        let cpu =
            (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown processor"
        let memory =
            (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal") }
            .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var name = utsname()
        uname(&name)
        let kernel = withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        line("## Machine\n")
        line("\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory / 1_048_576) GiB of memory, Linux \(kernel).\n")
    }

    /// Per-phase times and memory for every fleet size, and how each phase grows.
    mutating func phases(_ fleets: [(fleet: Fleet, lines: Int, phases: PhaseTimes, run: ProcessRun)]) {
        guard let first = fleets.first else { return }
        let names = first.phases.phases.map(\.name).filter { $0 != "total" }
        line("## `kalc compile --out`, phase by phase\n")
        line("Milliseconds of each phase (best of the runs), peak resident memory at the end of the phase in MB.\n")
        line("| workloads | lines | assignments | " + names.joined(separator: " | ") + " | process wall | peak memory |")
        line("|" + String(repeating: "---:|", count: names.count + 5))
        for entry in fleets {
            let cells = names.map { name -> String in
                guard let phase = entry.phases.phases.first(where: { $0.name == name }) else { return "" }
                return String(format: "%.1f ms, %.0f MB", phase.milliseconds, Double(phase.peakMemory) / 1_048_576)
            }
            line(
                "| \(entry.fleet.workloads) | \(entry.lines) | \(entry.fleet.assignments) | " + cells.joined(separator: " | ")
                    + String(format: " | %.0f ms | %.0f MB |", entry.run.wallTime * 1000, Double(entry.run.peakMemory) / 1_048_576))
        }
        line()
        guard fleets.count >= 2 else { return }
        line("Growth: the exponent k of time ≈ c · assignments^k over these sizes (1 is linear).\n")
        line("| phase | µs per assignment, smallest → largest fleet | k |")
        line("|---|---:|---:|")
        let sizes = fleets.map { Double($0.fleet.assignments) }
        for name in names + ["process wall"] {
            let times = fleets.map { entry in name == "process wall" ? entry.run.wallTime * 1000 : (entry.phases[name] ?? 0) }
            let perAssignment = zip(times, sizes).map { String(format: "%.1f", $0.0 * 1000 / $0.1) }.joined(separator: " → ")
            line("| \(name) | \(perAssignment) | \(Growth.verdict(Growth.exponent(sizes: sizes, times: times), largest: times.last ?? 0)) |")
        }
        line()
    }

    /// import, compile and check beside the reference and `cp -r` on one fleet.
    mutating func comparison(_ fleet: Fleet, kalc: String, reference: String?, repetitions: Int, work: String) throws {
        line("## Beside the reference, on \(fleet.environments) environments × \(fleet.clusterTypes) cluster types × \(fleet.workloads) workloads\n")
        // Every run writes to a new folder: removing thousands of files leaves the file
        // system busy (discards, journal) and would slow down the run that follows.
        let imported = work + "/compare-imported"
        try FileManager.default.createDirectory(atPath: imported, withIntermediateDirectories: true)
        let importRun = try Processes.best(of: repetitions) { [kalc, "import", fleet.yaml, "--output", "\(imported)/control-plane-\($0).kal"] }
        try FileManager.default.moveItem(atPath: "\(imported)/control-plane-0.kal", toPath: "\(imported)/control-plane.kal")
        for repetition in 1..<max(1, repetitions) { try? FileManager.default.removeItem(atPath: "\(imported)/control-plane-\(repetition).kal") }
        let out = work + "/compare-out"
        let compileRun = try Processes.best(of: repetitions) { [kalc, "compile", fleet.kal, "--out", "\(out)-\($0)"] }
        let files = Self.fileCount(out + "-0")
        let importedOut = work + "/compare-imported-out"
        let compileImportedRun = try Processes.best(of: repetitions) { [kalc, "compile", imported, "--out", "\(importedOut)-\($0)"] }
        let checkRun = try Processes.best(of: repetitions) { _ in [kalc, "check", fleet.kal] }
        let copyRun = try Processes.best(of: repetitions) { ["cp", "-r", out + "-0", "\(work)/compare-copy-\($0)"] }
        var referenceRun: ProcessRun?
        var identical: Bool?
        if let reference {
            let referenceOut = work + "/compare-reference"
            referenceRun = try Processes.best(of: repetitions) { [reference, fleet.yaml, "\(referenceOut)-\($0)"] }
            identical = try Self.sameTrees(kalc: out + "-0/gitops", reference: referenceOut + "-0", environments: fleet.environments)
        }
        let sameImported = try Processes.run(["diff", "-r", out + "-0/gitops", importedOut + "-0/gitops"]).succeeded
        line("\(fleet.assignments) assignments, \(files) files written.\n")
        line("| run | wall time | peak memory | vs. reference | vs. `cp -r` |")
        line("|---|---:|---:|---:|---:|")
        func row(_ name: String, _ run: ProcessRun) {
            let versusReference = referenceRun.map { String(format: "%.2f×", run.wallTime / $0.wallTime) } ?? "–"
            line(
                String(
                    format: "| %@ | %.0f ms | %.0f MB | %@ | %.2f× |", name, run.wallTime * 1000, Double(run.peakMemory) / 1_048_576, versusReference,
                    run.wallTime / copyRun.wallTime))
        }
        if let referenceRun { row("reference (`oracle INPUT OUTPUT`)", referenceRun) }
        row("`kalc compile --out` (generated .kal)", compileRun)
        row("`kalc compile --out` (imported .kal)", compileImportedRun)
        row("`kalc check`", checkRun)
        row("`kalc import`", importRun)
        row("`cp -r` of kalc's output", copyRun)
        line()
        if let identical {
            line("GitOps trees of kalc and the reference: \(identical ? "identical, byte for byte" : "DIFFERENT").")
        }
        line("GitOps trees compiled from the generated and from the imported .kal: \(sameImported ? "identical" : "DIFFERENT").\n")
    }

    /// `kalc check` on a large project.
    mutating func check(_ fleet: Fleet, lines: Int, run: ProcessRun) {
        line("## `kalc check` of a project of \(lines) lines\n")
        line("\(fleet.environments) environments × \(fleet.clusterTypes) cluster types × \(fleet.workloads) workloads, \(fleet.assignments) assignments.\n")
        line(String(format: "Wall time %.0f ms, peak memory %.0f MB.\n", run.wallTime * 1000, Double(run.peakMemory) / 1_048_576))
        let phases = PhaseTimes(parsing: run.standardError)
        if !phases.phases.isEmpty {
            line("| " + phases.phases.map(\.name).joined(separator: " | ") + " |")
            line("|" + String(repeating: "---:|", count: phases.phases.count))
            line("| " + phases.phases.map { String(format: "%.1f ms", $0.milliseconds) }.joined(separator: " | ") + " |")
            line()
        }
    }

    /// Edit-to-diagnostics latency of the language server on a generated fleet.
    mutating func languageServer(_ fleet: Fleet, lines: Int, latency: LanguageServerLatency) {
        line("## Language server: edit to diagnostics, on a project of \(lines) lines\n")
        line("\(fleet.assignments) assignments; \(latency.samples.count) edits of workloads.kal, each timed from `didChange` sent to its `publishDiagnostics` received.\n")
        latencyTable(latency)
    }

    /// Edit-to-diagnostics latency of the language server on a project of one's own.
    mutating func languageServer(project: String, file: String, latency: LanguageServerLatency) {
        line("## Language server: edit to diagnostics, on `\(project)`\n")
        line("\(latency.samples.count) edits of \(file), each timed from `didChange` sent to its `publishDiagnostics` received.\n")
        latencyTable(latency)
    }

    private mutating func latencyTable(_ latency: LanguageServerLatency) {
        line("| edit | count | p50 | p95 | max | diagnostics as expected |")
        line("|---|---:|---:|---:|---:|---:|")
        let kinds = ["junk line typed", "junk line removed", "manifests path changed", "manifests path restored"]
        for kind in kinds + [nil] as [String?] {
            let samples = latency.samples.filter { kind == nil || $0.kind == kind }
            if samples.isEmpty { continue }
            line(
                String(
                    format: "| %@ | %d | %.1f ms | %.1f ms | %.1f ms | %d of %d |", kind ?? "**all**", samples.count,
                    latency.percentile(50, kind: kind), latency.percentile(95, kind: kind), samples.map(\.milliseconds).max() ?? 0,
                    samples.filter(\.asExpected).count, samples.count))
        }
        line()
        if let burst = latency.burst {
            let keystrokes = LanguageServerLatency.Burst.keystrokes
            line("Typing: \(keystrokes) one-character `didChange`s sent back to back, timed from the last one sent.\n")
            line("| after the last keystroke | time |")
            line("|---|---:|")
            line(String(format: "| answer to an unknown method | %.1f ms |", burst.unknownMethodReply))
            line(String(format: "| diagnostics of the last version | %.1f ms |", burst.diagnostics))
            line(String(format: "| answer to a hover | %.1f ms |", burst.hoverReply))
            line(
                String(
                    format: "| one keystroke on the message thread (%d sent, with their reading) | %.3f ms |",
                    LanguageServerLatency.Burst.throughputKeystrokes, burst.perKeystroke))
            if !burst.handled.isEmpty {
                let handled = burst.handled
                func rank(_ p: Double) -> Double { handled[min(handled.count - 1, Int(p / 100 * Double(handled.count)))] }
                line(
                    String(
                        format: "| one `didChange` as the server times it (p50 / p99 / max of %d) | %.3f / %.3f / %.3f ms |",
                        handled.count, rank(50), rank(99), handled.last ?? 0))
            }
            line()
        }
    }

    static func fileCount(_ folder: String) -> Int {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var count = 0
        while let path = enumerator?.nextObject() as? String {
            if (enumerator?.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { count += 1 }
            _ = path
        }
        return count
    }

    /// Whether kalc's tree of each environment equals the reference's.
    static func sameTrees(kalc: String, reference: String, environments: Int) throws -> Bool {
        for index in 0..<environments {
            let environment = "env\(index)"
            let run = try Processes.run(["diff", "-r", "\(kalc)/\(environment)", "\(reference)/\(environment)"])
            if !run.succeeded { return false }
        }
        return true
    }
}
