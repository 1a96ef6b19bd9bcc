import XCTest

@testable import KalcTemplate
@testable import KalcGo
@testable import KalcGoYAML

/// `KalypsoConfigValue` against Kalypso's `getObjectFromConfigValue` and `mergeObjects`
/// run by Go (the `config` results of Fixtures/goyaml/decode.json, Fixtures/goyaml/merge.json).
final class GoYAMLKalypsoConfigTests: XCTestCase {
    func testParseMatchesGetObjectFromConfigValue() throws {
        let cases = try GoYAMLFixtures.cases("decode.json") + GoYAMLFixtures.cases("decode-generated.json")
        var passed = 0
        for item in cases {
            let name = item["name"] as? String ?? "?"
            let expected = try GoYAMLFixtures.value(item["config"])
            let actual = KalypsoConfigValue.parse(item["input"] as? String ?? "")
            if GoYAMLFixtures.same(actual, expected) {
                passed += 1
            } else {
                XCTFail("\(name): expected \(GoYAMLFixtures.render(expected)), got \(GoYAMLFixtures.render(actual))")
            }
        }
        print("GoYAML KalypsoConfigValue.parse: \(passed)/\(cases.count) cases pass")
    }

    func testMergedMatchesMergeObjects() throws {
        let cases = try GoYAMLFixtures.cases("merge.json")
        var passed = 0
        for item in cases {
            let name = item["name"] as? String ?? "?"
            let inputs = item["inputs"] as? [String] ?? []
            if check(name, item, { () throws(KalypsoConfigMergeError) -> GoValue in try KalypsoConfigValue.merged(inputs) }) {
                passed += 1
            }
        }
        print("GoYAML KalypsoConfigValue.merged: \(passed)/\(cases.count) cases pass")
        XCTAssertGreaterThanOrEqual(cases.count, 50)
    }

    /// A single merge of two parsed values is exact on its own (sharing only matters from
    /// the third value on), so every two-value case must also pass through `merge`.
    func testMergeOfTwoValuesMatchesMergeObjects() throws {
        let cases = try GoYAMLFixtures.cases("merge.json").filter { ($0["inputs"] as? [String])?.count == 2 }
        var passed = 0
        for item in cases {
            let name = item["name"] as? String ?? "?"
            let inputs = item["inputs"] as? [String] ?? []
            let existing = KalypsoConfigValue.parse(inputs[0])
            let new = KalypsoConfigValue.parse(inputs[1])
            if check(name, item, { () throws(KalypsoConfigMergeError) -> GoValue in try KalypsoConfigValue.merge(existing, new) }) {
                passed += 1
            }
        }
        print("GoYAML KalypsoConfigValue.merge: \(passed)/\(cases.count) cases pass")
        XCTAssertGreaterThan(cases.count, 30)
    }

    private func check(_ name: String, _ item: [String: Any], _ run: () throws(KalypsoConfigMergeError) -> GoValue) -> Bool {
        let expectedPanic = item["panic"] as? String
        do {
            let actual = try run()
            if let expectedPanic {
                XCTFail("\(name): expected panic \(expectedPanic), got \(GoYAMLFixtures.render(actual))")
                return false
            }
            let expected: GoValue
            do {
                expected = try GoYAMLFixtures.value(item["result"])
            } catch {
                XCTFail("\(name): bad fixture: \(error)")
                return false
            }
            if GoYAMLFixtures.same(actual, expected) {
                return true
            }
            XCTFail("\(name): expected \(GoYAMLFixtures.render(expected)), got \(GoYAMLFixtures.render(actual))")
        } catch {
            if error.message == expectedPanic {
                return true
            }
            XCTFail("\(name): expected \(expectedPanic ?? "a value"), got panic \(error.message)")
        }
        return false
    }
}
