import Foundation
import XCTest
import KalcGo

/// Checks `GoRegexp` against Go 1.19's `regexp` (`Fixtures/go-regexp.json`, recorded from Go
/// itself): which expressions compile, Go's error for those that do not, and which texts match.
final class RegexpReferenceTests: XCTestCase {
    private struct RegexRecord: Decodable {
        let pattern: String
        let error: String?
        let matches: [String]?
        let misses: [String]?
    }

    func testRegularExpressionsMatchGo() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/go-regexp.json")
        let records = try JSONDecoder().decode([RegexRecord].self, from: Data(contentsOf: url))
        var failures: [String] = []
        for record in records {
            let started = Date()
            defer {
                let elapsed = Date().timeIntervalSince(started)
                if elapsed > 0.3 { print("SLOW \(elapsed) \(record.pattern.prefix(60)) \(record.pattern.count)") }
            }
            let regex: GoRegexp
            do {
                regex = try GoRegexp(record.pattern)
            } catch {
                if record.error == nil {
                    failures.append("\(record.pattern.prefix(80)): kalc refuses (\(error)), Go compiles")
                } else if record.error != error.description && record.pattern.count < 200 {
                    failures.append("\(record.pattern.prefix(80)): Go says \(record.error ?? ""), kalc says \(error)")
                }
                continue
            }
            if let goError = record.error {
                failures.append("\(record.pattern.prefix(80)): kalc compiles, Go refuses (\(goError))")
                continue
            }
            for input in record.matches ?? [] where !regex.matches(input) {
                failures.append("\(record.pattern) should match \(input.debugDescription)")
            }
            for input in record.misses ?? [] where regex.matches(input) {
                failures.append("\(record.pattern) should not match \(input.debugDescription)")
            }
        }
        XCTAssertTrue(failures.isEmpty, "\(failures.count) differences from Go's regexp:\n" + failures.prefix(80).joined(separator: "\n"))
        print("regexp: \(records.count) patterns checked against Go")
    }

    func testPathologicalPatternsRunInLinearTime() throws {
        let regex = try GoRegexp("(a+)+$")
        let started = Date()
        XCTAssertFalse(regex.matches(String(repeating: "a", count: 20_000) + "b"))
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
    }
}
