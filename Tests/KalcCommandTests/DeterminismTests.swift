import Foundation
import KalcTestSupport
import XCTest

/// The output depends on the sources only: not on the time zone, the locale, the home
/// folder, the current folder, the order in which the files were created (and so listed),
/// nor on the order of hash tables, which differs from process to process.
final class DeterminismTests: XCTestCase {
    /// The edge-fleet example's files, by path relative to the example.
    func exampleFiles() throws -> [(String, [UInt8])] {
        let root = repositoryRoot + "/examples/edge-fleet/"
        let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".kal") }.sorted()
        XCTAssertGreaterThan(paths.count, 3)
        return try paths.map { ($0, [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + $0)))) }
    }

    func testCompilingTwiceOnDifferentMachinesGivesTheSameBytes() throws {
        let files = try exampleFiles()
        let folder = try temporaryFolder(self)
        // The same project twice: files created in opposite orders, at different depths.
        try write(files, under: folder + "/a")
        try write(files.reversed(), under: folder + "/b/deeper/project")
        let machines: [(directory: String, project: String, environment: [String: String?])] = [
            (folder + "/a", ".", ["TZ": "UTC", "LANG": "C", "LC_ALL": "C", "HOME": folder + "/a"]),
            (folder + "/b/deeper", "project", ["TZ": "Pacific/Chatham", "LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8", "HOME": nil, "NO_COLOR": nil]),
        ]
        var trees: [[String: Data]] = []
        var plans: [String] = []
        var reports: [String] = []
        for (index, machine) in machines.enumerated() {
            let out = folder + "/out\(index)"
            let compile = try runKalc(["compile", machine.project, "--out", out], in: machine.directory, environment: machine.environment)
            XCTAssertEqual(compile.status, 0, compile.standardError)
            trees.append(tree(of: out))
            let plan = try runKalc(["plan", machine.project, "--format", "json"], in: machine.directory, environment: machine.environment)
            XCTAssertEqual(plan.status, 0, plan.standardError)
            plans.append(plan.standardOutput)
            let check = try runKalc(["check", ".", "--format", "json"], in: machine.directory + "/" + machine.project, environment: machine.environment)
            reports.append(check.standardOutput)
        }
        XCTAssertGreaterThan(trees[0].count, 50)
        XCTAssertEqual(trees[0].keys.sorted(), trees[1].keys.sorted())
        for (path, content) in trees[0] where trees[1][path] != content {
            XCTFail("\(path) differs between the two compiles")
        }
        XCTAssertEqual(plans[0], plans[1])
        XCTAssertEqual(reports[0], reports[1])
    }
}
