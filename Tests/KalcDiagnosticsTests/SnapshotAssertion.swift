import Foundation
import XCTest

/// Compares `actual` with the golden file `Fixtures/<name>` beside the test file that calls it.
///
/// With the environment variable `KALC_RECORD=1` the golden file is written instead, and the
/// assertion fails all the same, so that a recorded snapshot is read before it is accepted:
/// review the new file, then run the tests again without `KALC_RECORD`.
///
/// The helper depends on nothing but Foundation and XCTest, so a test target can copy it as is.
func assertSnapshot(
    _ actual: String,
    named name: String,
    file: StaticString = #filePath,
    line: UInt = #line
) {
    let testDirectory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
    let url = testDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["KALC_RECORD"] == "1" {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            XCTFail("recorded snapshot \(name); review it, then run again without KALC_RECORD", file: file, line: line)
        } catch {
            XCTFail("cannot record snapshot \(name): \(error)", file: file, line: line)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        XCTFail("missing snapshot \(name); run with KALC_RECORD=1 to record it", file: file, line: line)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != actual else { return }
    XCTFail("snapshot \(name) differs (- expected, + actual):\n\(SnapshotDiff.lines(expected, actual))", file: file, line: line)
}

/// A line diff of two texts, for snapshot failures.
enum SnapshotDiff {
    /// The most lines a failure message shows.
    static let maximumLines = 60

    /// The differing lines of `old` and `new`, each prefixed `-` or `+` after its line
    /// number, from a longest common subsequence of their lines.
    static func lines(_ old: String, _ new: String) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        guard a.count * b.count <= 25_000_000 else {
            return "(\(a.count) lines against \(b.count) lines, too many to compare)"
        }
        var common = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var output: [String] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                i += 1
                j += 1
            } else if j < b.count, i == a.count || common[i][j + 1] >= common[i + 1][j] {
                output.append("\(j + 1)+ \(b[j].debugDescription)")
                j += 1
            } else {
                output.append("\(i + 1)- \(a[i].debugDescription)")
                i += 1
            }
        }
        if output.count > maximumLines {
            output = Array(output.prefix(maximumLines)) + ["… \(output.count - maximumLines) more"]
        }
        return output.joined(separator: "\n")
    }
}
