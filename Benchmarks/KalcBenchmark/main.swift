import ArgumentParser
import Foundation

/// `kalc-benchmark`: how fast kalc is, per phase and fleet size, beside the reference
/// implementation and `cp -r`, and how fast the language server answers an edit.
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kalc-benchmark",
        abstract: "Measure kalc on generated fleets.",
        discussion: """
            Generates fleets with Benchmarks/generate-fleet.py (3 environments × 20 cluster types × \
            N workloads by default) and prints Markdown: the time and peak memory of each phase of \
            `kalc compile` for every size and how each grows; `kalc import`, `kalc compile` and \
            `kalc check` beside the reference implementation and `cp -r` of the output on the \
            comparison fleet; `kalc check` on a project of about 50,000 lines; and the language \
            server's edit-to-diagnostics latency on a project of about 5,000 lines. Every time is \
            the best of --repetitions runs. Build kalc first: `swift build -c release`.
            """
    )

    @Option(help: "Workload counts of the fleets measured per phase.")
    var sizes: String = "25,50,100,200,400"

    @Option(help: "Environments of every fleet.")
    var environments = 3

    @Option(name: .customLong("cluster-types"), help: "Cluster types of every fleet.")
    var clusterTypes = 20

    @Option(help: "Runs of each measurement; the best counts.")
    var repetitions = 3

    @Option(name: .customLong("compare-workloads"), help: "Workloads of the fleet compared with the reference and cp -r.")
    var compareWorkloads = 200

    @Option(help: "The reference implementation's binary (`oracle INPUT OUTPUT`); without it the comparison has no reference column.")
    var reference: String?

    @Option(name: .customLong("check-lines"), help: "Lines of the project `kalc check` is timed on (0: skip).")
    var checkLines = 50_000

    @Option(name: .customLong("lsp-lines"), help: "Lines of the project the language server is measured on (0: skip).")
    var lspLines = 5_000

    @Option(name: .customLong("lsp-edits"), help: "Edits timed in the language server.")
    var lspEdits = 200

    @Option(name: .customLong("lsp-project"), help: "Also measure the language server on this project folder (with --lsp-file).")
    var lspProject: String?

    @Option(name: .customLong("lsp-file"), help: "The file of --lsp-project that is edited.")
    var lspFile: String?

    @Option(help: "The kalc binary (default: the one built beside this benchmark).")
    var kalc: String?

    @Option(help: "Where fleets and outputs go (default: a new temporary folder, removed at the end).")
    var work: String?

    func run() throws {
        let repository = Self.repositoryRoot()
        let kalc = self.kalc ?? (Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("kalc").path ?? "kalc")
        guard FileManager.default.isExecutableFile(atPath: kalc) else {
            throw BenchmarkError("no kalc at \(kalc); build it with `swift build -c release` or pass --kalc")
        }
        let work = self.work ?? NSTemporaryDirectory() + "kalc-benchmark-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if self.work == nil { try? FileManager.default.removeItem(atPath: work) } }

        var report = Report()
        report.machine()
        report.line("kalc: `\(kalc)`; \(repetitions) runs of each measurement, the best counts.\n")

        let workloadCounts = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.sorted()
        var measured: [(fleet: Fleet, lines: Int, phases: PhaseTimes, run: ProcessRun)] = []
        for workloads in workloadCounts {
            let fleet = try Fleet.generate(environments: environments, clusterTypes: clusterTypes, workloads: workloads, into: "\(work)/fleet-\(workloads)", repository: repository)
            var runs: [PhaseTimes] = []
            var best: ProcessRun?
            for repetition in 0..<max(1, repetitions) {
                // A new folder each time: removing thousands of files leaves the file system
                // busy (discards, journal) and would slow down the run that follows.
                let out = "\(work)/out-\(workloads)-\(repetition)"
                let run = try Processes.run([kalc, "compile", fleet.kal, "--out", out, "--timings"])
                guard run.succeeded else { throw BenchmarkError("kalc compile failed on \(fleet.kal):\n\(run.standardError.suffix(2000))") }
                runs.append(PhaseTimes(parsing: run.standardError))
                if best == nil || run.wallTime < best!.wallTime { best = run }
            }
            measured.append((fleet, fleet.lines, PhaseTimes.best(runs), best!))
            FileHandle.standardError.write(Data("measured \(workloads) workloads\n".utf8))
        }
        report.phases(measured.map { ($0.fleet, $0.lines, $0.phases, $0.run) })

        let compared = try Fleet.generate(environments: environments, clusterTypes: clusterTypes, workloads: compareWorkloads, into: "\(work)/compare", repository: repository)
        try report.comparison(compared, kalc: kalc, reference: reference, repetitions: repetitions, work: work)

        if checkLines > 0 {
            Self.settle()
            let workloads = try Fleet.workloads(forLines: checkLines, environments: environments, clusterTypes: clusterTypes, scratch: work, repository: repository)
            let fleet = try Fleet.generate(environments: environments, clusterTypes: clusterTypes, workloads: workloads, into: "\(work)/check", repository: repository)
            let run = try Processes.best(of: repetitions) { _ in [kalc, "check", fleet.kal, "--timings"] }
            report.check(fleet, lines: fleet.lines, run: run)
        }

        if lspLines > 0 {
            let workloads = try Fleet.workloads(forLines: lspLines, environments: environments, clusterTypes: clusterTypes, scratch: work, repository: repository)
            let fleet = try Fleet.generate(environments: environments, clusterTypes: clusterTypes, workloads: workloads, into: "\(work)/lsp", repository: repository)
            Self.settle()
            let latency = try LanguageServerLatency.measure(kalc: kalc, project: fleet.kal, file: "workloads.kal", edits: lspEdits, seed: 2026)
            report.languageServer(fleet, lines: fleet.lines, latency: latency)
        }
        if let lspProject, let lspFile {
            let latency = try LanguageServerLatency.measure(kalc: kalc, project: lspProject, file: lspFile, edits: lspEdits, seed: 2026)
            report.languageServer(project: lspProject, file: lspFile, latency: latency)
        }
        print(report.text, terminator: "")
    }

    /// Flushes what earlier runs wrote and waits a moment: the file system's writeback of
    /// thousands of files would otherwise share the machine with the measurement that follows.
    static func settle() {
        sync()
        Thread.sleep(forTimeInterval: 2)
    }

    /// The repository this benchmark belongs to (it runs the fleet generator from there).
    static func repositoryRoot() -> String {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Benchmarks/generate-fleet.py").path) { return folder.path }
            folder.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }
}

Benchmark.main()
