import Foundation
import KalcTestSupport
import XCTest

/// The cases of `Tests/Fixtures/oracle-cases`, each small and about one area (sprig functions,
/// YAML quoting, config composition, scheduling, schemas, template failures, ...), checked
/// like the golden cases: trees equal for the environments Kalypso pushes, an error naming
/// every failed deployment with Kalypso's issue for the environments it blocks.
final class OracleCaseTests: XCTestCase {
    static let cases = repositoryRoot + "/Tests/Fixtures/oracle-cases"

    func testEveryOracleCase() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.cases).sorted()
        XCTAssertGreaterThanOrEqual(names.count, 25)
        for name in names {
            try checkCase(Self.cases + "/" + name, name: name)
        }
    }
}
