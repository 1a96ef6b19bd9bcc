import Foundation
import XCTest

/// Compares `actual` with the snapshot file at `path`. With `KALC_RECORD=1` in the
/// environment the file is rewritten instead and the test fails, so that every new or
/// changed snapshot is read before it is accepted.
public func assertSnapshot(_ actual: String, path: String, file: StaticString = #filePath, line: UInt = #line) {
    let recording = ProcessInfo.processInfo.environment["KALC_RECORD"] == "1"
    let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    if recording {
        if existing != actual {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
            XCTFail("recorded \(path); review it and run again without KALC_RECORD", file: file, line: line)
        }
        return
    }
    guard let existing else {
        XCTFail("no snapshot at \(path); run with KALC_RECORD=1 to record it", file: file, line: line)
        return
    }
    if existing != actual {
        XCTFail("snapshot \(path) differs:\n\(lineDiff(expected: existing, actual: actual))", file: file, line: line)
    }
}

/// The first differing lines of two texts, for failure messages.
public func lineDiff(expected: String, actual: String) -> String {
    let left = expected.components(separatedBy: "\n")
    let right = actual.components(separatedBy: "\n")
    var report: [String] = []
    for index in 0..<max(left.count, right.count) where report.count < 12 {
        let l = index < left.count ? left[index] : "<missing>"
        let r = index < right.count ? right[index] : "<missing>"
        if l != r {
            report.append("line \(index + 1):\n  expected: \(l)\n  actual:   \(r)")
        }
    }
    return report.joined(separator: "\n")
}
