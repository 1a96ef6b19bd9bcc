import Foundation
import KalcJSON
import XCTest
import KalcJSONSchema

/// Runs the official JSON-Schema-Test-Suite (drafts 4, 6, 7, required tests and the format
/// tests of the formats gojsonschema asserts) and checks that kalc answers every case
/// exactly as gojsonschema does (recorded in `gojsonschema-suite-results.json`). Where
/// gojsonschema disagrees with the suite, the case must be listed, with the reason, in
/// `gojsonschema-suite-divergences.json`.
final class JSONSchemaTestSuiteTests: XCTestCase {
    private struct Record: Decodable {
        let file: String
        let group: Int
        let test: Int
        let suiteValid: Bool
        let skip: String?
        let kind: String?
        let errors: [String]?
        let unstable: Bool?
    }

    private struct Divergence: Decodable {
        let file: String
        let group: Int
        let tests: [Int]
        let reason: String
    }

    private struct Tally {
        var total = 0, passed = 0, skipped = 0, diverging = 0
    }

    func testSuiteAgreesWithGojsonschema() throws {
        let records = try Fixtures.decode([Record].self, "gojsonschema-suite-results.json")
        let divergences = try Fixtures.decode([Divergence].self, "gojsonschema-suite-divergences.json")
        var listed: [String: String] = [:]
        for divergence in divergences {
            for test in divergence.tests { listed["\(divergence.file) \(divergence.group) \(test)"] = divergence.reason }
        }
        var suites: [String: JSONValue] = [:]
        var tallies: [String: Tally] = [:]
        var skipReasons: [String: Int] = [:]
        var mismatches: [String] = []
        var unlisted: [String] = []
        var deviationKeys: Set<String> = []
        for record in records {
            let draft = String(record.file.prefix { $0 != "/" })
            tallies[draft, default: Tally()].total += 1
            if let reason = record.skip {
                tallies[draft, default: Tally()].skipped += 1
                skipReasons["\(record.file): \(reason)", default: 0] += 1
                continue
            }
            if suites[record.file] == nil {
                suites[record.file] = try Fixtures.json("JSON-Schema-Test-Suite/tests/\(record.file)")
            }
            guard let group = suites[record.file]?.arrayValue?[record.group].objectValue,
                let schema = group["schema"],
                let test = group["tests"]?.arrayValue?[record.test].objectValue,
                let instance = test["data"]
            else {
                XCTFail("cannot read \(record.file) group \(record.group) test \(record.test)")
                continue
            }
            let key = "\(record.file) \(record.group) \(record.test)"
            let expected = GojsonschemaOutcome(kind: record.kind ?? "", lines: record.errors ?? [])
            let actual = GojsonschemaOutcome.kalc(schema: schema, instance: instance)
            if actual != expected {
                mismatches.append("\(key): gojsonschema \(expected), kalc \(actual)")
            }
            let gojsonschemaPasses = (record.kind == "valid" && record.suiteValid) || (record.kind == "invalid" && !record.suiteValid)
            if gojsonschemaPasses {
                if actual == expected { tallies[draft, default: Tally()].passed += 1 }
            } else {
                deviationKeys.insert(key)
                if listed[key] == nil { unlisted.append("\(key): suite says valid=\(record.suiteValid), gojsonschema \(expected)") }
                if actual == expected { tallies[draft, default: Tally()].diverging += 1 }
            }
        }
        for draft in tallies.keys.sorted() {
            let tally = tallies[draft] ?? Tally()
            print("\(draft): \(tally.total) tests, \(tally.passed) pass, \(tally.diverging) diverge from the suite as gojsonschema does, \(tally.skipped) skipped")
        }
        for (reason, count) in skipReasons.sorted(by: { $0.key < $1.key }) {
            print("skipped \(count): \(reason)")
        }
        let stale = Set(listed.keys).subtracting(deviationKeys)
        XCTAssertTrue(mismatches.isEmpty, "kalc differs from gojsonschema on \(mismatches.count) cases:\n" + mismatches.prefix(60).joined(separator: "\n"))
        XCTAssertTrue(unlisted.isEmpty, "gojsonschema deviations missing from the divergence list:\n" + unlisted.joined(separator: "\n"))
        XCTAssertTrue(stale.isEmpty, "listed divergences where gojsonschema follows the suite:\n" + stale.sorted().joined(separator: "\n"))
    }
}
