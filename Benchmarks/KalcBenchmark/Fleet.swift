import Foundation

/// A generated fleet: a kalc project and the same control plane as Kalypso YAML.
struct Fleet {
    var environments: Int
    var clusterTypes: Int
    var workloads: Int
    var folder: String

    var kal: String { folder + "/kal" }
    var yaml: String { folder + "/yaml" }

    /// Deployment targets × the cluster types each is scheduled on (as the generator makes them).
    var assignments: Int { environments * workloads * 2 * (clusterTypes / 5) }

    /// Writes the fleet with Benchmarks/generate-fleet.py.
    static func generate(environments: Int, clusterTypes: Int, workloads: Int, into folder: String, repository: String) throws -> Fleet {
        let run = try Processes.run([
            "python3", repository + "/Benchmarks/generate-fleet.py", folder,
            "--environments", String(environments), "--cluster-types", String(clusterTypes), "--workloads", String(workloads),
        ])
        guard run.succeeded else { throw BenchmarkError("the fleet generator failed:\n\(run.standardError)") }
        return Fleet(environments: environments, clusterTypes: clusterTypes, workloads: workloads, folder: folder)
    }

    /// The workload count that gives a project of about `lines` lines (lines grow linearly
    /// with workloads; two small fleets in `scratch` tell how).
    static func workloads(forLines lines: Int, environments: Int, clusterTypes: Int, scratch: String, repository: String) throws -> Int {
        let small = try generate(environments: environments, clusterTypes: clusterTypes, workloads: 10, into: scratch + "/probe-10", repository: repository)
        let large = try generate(environments: environments, clusterTypes: clusterTypes, workloads: 20, into: scratch + "/probe-20", repository: repository)
        let perWorkload = Double(large.lines - small.lines) / 10
        let fixed = Double(small.lines) - 10 * perWorkload
        return max(1, Int(((Double(lines) - fixed) / max(1, perWorkload)).rounded()))
    }

    /// The number of lines of the `.kal` files.
    var lines: Int {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: kal)) ?? []
        return files.filter { $0.hasSuffix(".kal") }.reduce(0) { total, name in
            let data = FileManager.default.contents(atPath: kal + "/" + name) ?? Data()
            return total + data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
    }
}
