import Foundation
import KalcTestSupport
import XCTest

/// 120 control planes in YAML, corrupted as hand edits corrupt them (bytes changed, the end
/// cut off, lines repeated or lost, indentation moved), go through `kalc import` and then
/// `kalc check`: each run ends, quickly, in exit status 0 or 1 with diagnostics, never in a
/// crash, a hang or an internal error.
final class CorruptedControlPlaneTests: XCTestCase {
    typealias Generator = SplitMix64

    /// The control planes of the golden and oracle cases, each as its YAML files.
    static func planes() -> [[(String, [UInt8])]] {
        let manager = FileManager.default
        var planes: [[(String, [UInt8])]] = []
        for group in ["golden", "oracle-cases"] {
            let folder = repositoryRoot + "/Tests/Fixtures/" + group
            for name in ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
                let input = folder + "/" + name + "/input/"
                let paths = (manager.enumerator(atPath: input)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
                guard !paths.isEmpty else { continue }
                planes.append(paths.map { ($0, [UInt8](manager.contents(atPath: input + $0) ?? Data())) })
            }
        }
        return planes
    }

    /// One hand-edit gone wrong.
    static func corrupt(_ bytes: [UInt8], using generator: inout Generator) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        let line = Int.random(in: 0..<lines.count, using: &generator)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            var result = bytes
            result[Int.random(in: 0..<result.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            return result
        case 1:
            return Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
        case 2:
            lines.insert(lines[line], at: line)
        case 3:
            lines.remove(at: line)
        case 4:
            // The indentation of another line.
            let other = lines[Int.random(in: 0..<lines.count, using: &generator)]
            lines[line] = other.prefix { $0 == UInt8(ascii: " ") } + lines[line].drop { $0 == UInt8(ascii: " ") }
        default:
            // Two spaces more or fewer, or a tab.
            let indentations: [[UInt8]] = [Array("  ".utf8), Array("\t".utf8)]
            if Bool.random(using: &generator), lines[line].starts(with: [UInt8(ascii: " "), UInt8(ascii: " ")]) {
                lines[line].removeFirst(2)
            } else {
                lines[line].insert(contentsOf: indentations.randomElement(using: &generator) ?? [], at: 0)
            }
        }
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    func testOneHundredAndTwentyCorruptedControlPlanes() throws {
        let planes = Self.planes()
        XCTAssertGreaterThan(planes.count, 40, "the cases were not found")
        var generator = Generator(seed: 20_261_122_120)
        var rounds: [[(String, [UInt8])]] = []
        for round in 0..<120 {
            var files = planes[round % planes.count]
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<files.count, using: &generator)
                files[index].1 = Self.corrupt(files[index].1, using: &generator)
            }
            rounds.append(files)
        }
        let root = try temporaryFolder(self)
        let corrupted = rounds
        XCTAssertEqual(inTwoLanes(corrupted.count) { round, _ in Self.run(corrupted[round], in: root + "/\(round)") }, [])
    }

    /// Imports and checks one control plane; what went wrong, or nil.
    static func run(_ files: [(String, [UInt8])], in folder: String) -> String? {
        do {
            try write(files, under: folder)
            let started = Date()
            let run = try runKalc(["import", ".", "--output", "imported.kal", "--format", "json"], in: folder, timeout: 20)
            if run.timedOut || run.crashed { return "import \(run.timedOut ? "hung" : "crashed")\n\(run.standardError)" }
            guard run.status == 0 || run.status == 1 else { return "import exited \(run.status)\n\(run.standardError)" }
            if run.status == 1 && !reportedDiagnostics(run.standardOutput).contains(where: { $0.code.hasPrefix("K") && $0.line >= 1 }) {
                return "import failed without a diagnostic\n\(run.standardOutput)"
            }
            if run.status == 0 {
                let check = try runKalc(["check", "imported.kal", "--format", "json"], in: folder, timeout: 20)
                if check.timedOut || check.crashed { return "check \(check.timedOut ? "hung" : "crashed")\n\(check.standardError)" }
                guard check.status == 0 || check.status == 1 else { return "check exited \(check.status)\n\(check.standardError)" }
            }
            if Date().timeIntervalSince(started) > 20 { return "took \(Date().timeIntervalSince(started)) s" }
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
