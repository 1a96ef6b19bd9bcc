import XCTest

@testable import KalcTemplate
@testable import KalcGoYAML

/// `GoYAML.decodeV2` against yaml.v2's own `yaml.Unmarshal` into `interface{}`:
/// hand-picked inputs (Fixtures/goyaml/decode.json) and seeded random YAML-like text
/// (decode-generated.json).
final class GoYAMLDecodeTests: XCTestCase {
    func testDecodeMatchesYAMLv2() throws {
        let total = try run("decode.json")
        XCTAssertGreaterThanOrEqual(total, 200)
    }

    func testDecodeOfRandomTextMatchesYAMLv2() throws {
        _ = try run("decode-generated.json")
    }

    private func run(_ file: String) throws -> Int {
        let cases = try GoYAMLFixtures.cases(file)
        var passed = 0
        for item in cases {
            let name = item["name"] as? String ?? "?"
            let input = item["input"] as? String ?? ""
            let result = GoYAML.decodeV2(input)
            if let expectedError = item["error"] as? String {
                switch result {
                case .success(let value):
                    XCTFail("\(name): expected error \(expectedError), got \(GoYAMLFixtures.render(value))")
                case .failure(let error) where error.message != expectedError:
                    XCTFail("\(name): expected error \(expectedError), got error \(error.message)")
                case .failure:
                    passed += 1
                }
                continue
            }
            let expected = try GoYAMLFixtures.value(item["v2"])
            switch result {
            case .success(let value) where GoYAMLFixtures.same(value, expected):
                passed += 1
            case .success(let value):
                XCTFail("\(name): expected \(GoYAMLFixtures.render(expected)), got \(GoYAMLFixtures.render(value))")
            case .failure(let error):
                XCTFail("\(name): expected \(GoYAMLFixtures.render(expected)), got error \(error.message)")
            }
        }
        print("GoYAML decodeV2 (\(file)): \(passed)/\(cases.count) cases pass")
        return cases.count
    }
}
