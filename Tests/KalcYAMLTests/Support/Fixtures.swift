import Foundation
import XCTest

/// Test fixtures next to this folder, found from the source path so that they work wherever the
/// test folder is copied.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func url(_ path: String) -> URL {
        root.appendingPathComponent(path)
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// The names of the files in a fixture folder with the given extension, without it, sorted.
    static func names(in folder: String, withExtension pathExtension: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(folder).path)
            .filter { $0.hasSuffix(".\(pathExtension)") }
            .map { String($0.dropLast(pathExtension.count + 1)) }
            .sorted()
    }

    /// Whether this run rewrites expected outputs instead of comparing them (`KALC_RECORD=1`).
    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["KALC_RECORD"] == "1"
    }

    /// Compares `actual` with the fixture at `path`; when recording, rewrites a fixture that
    /// differs and fails, so that nothing recorded passes before it has been read.
    static func assertMatches(
        _ actual: String, fixture path: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        if isRecording && (try? text(path)) != actual {
            do {
                try actual.write(to: url(path), atomically: true, encoding: .utf8)
                XCTFail("recorded \(path); review it and run again without KALC_RECORD", file: file, line: line)
            } catch {
                XCTFail("cannot record \(path): \(error)", file: file, line: line)
            }
            return
        }
        guard let expected = try? text(path) else {
            XCTFail("missing fixture \(path); run with KALC_RECORD=1 to create it", file: file, line: line)
            return
        }
        if actual != expected {
            XCTFail("\(path) differs:\n--- expected\n\(expected)\n--- actual\n\(actual)", file: file, line: line)
        }
    }
}
