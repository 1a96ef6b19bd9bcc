import XCTest

@testable import KalcTemplate
@testable import KalcGoYAML

/// `GoYAML.marshal` against yaml.v3's own `yaml.Marshal` output: hand-picked cases
/// (Fixtures/goyaml/marshal.json) and seeded random values (marshal-generated.json).
final class GoYAMLMarshalTests: XCTestCase {
    func testMarshalMatchesYAMLv3() throws {
        let passed = try run("marshal.json")
        XCTAssertGreaterThanOrEqual(passed.total, 300)
    }

    func testMarshalOfRandomValuesMatchesYAMLv3() throws {
        _ = try run("marshal-generated.json")
    }

    private func run(_ file: String) throws -> (passed: Int, total: Int) {
        let cases = try GoYAMLFixtures.cases(file)
        var passed = 0
        for item in cases {
            let name = item["name"] as? String ?? "?"
            let value = try GoYAMLFixtures.value(item["value"])
            let expected = item["yaml"] as? String ?? ""
            let expectedError = item["error"] as? String
            do {
                let output = try GoYAML.marshal(value)
                if let expectedError {
                    XCTFail("\(name): expected error \(expectedError), got \(output.debugDescription)")
                } else if output != expected {
                    XCTFail("\(name): expected \(expected.debugDescription), got \(output.debugDescription)")
                } else {
                    passed += 1
                }
            } catch {
                if let expectedError, expectedError == error.message {
                    passed += 1
                } else {
                    XCTFail("\(name): expected \(expectedError ?? expected.debugDescription), got error \(error.message)")
                }
            }
        }
        print("GoYAML marshal (\(file)): \(passed)/\(cases.count) cases pass")
        return (passed, cases.count)
    }
}
