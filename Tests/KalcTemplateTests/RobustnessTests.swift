import XCTest
@testable import KalcTemplate

/// Malformed and truncated templates must fail with errors, never crash or hang.
final class RobustnessTests: XCTestCase {
    func testTruncatedAndMutatedTemplatesNeverCrash() throws {
        let cases = try ConformanceFixture.load()
        var parsed = 0, failed = 0
        let insertions = ["{{", "}}", "(", ")", "|", "$", ".", "\"", "`", "'", "-", " ", "\n", "é", "{{end}}", "{{else}}"]
        for (index, testCase) in cases.enumerated() where testCase.mode == "execute" {
            guard let text = testCase.templates.first else { continue }
            let scalars = Array(text.unicodeScalars)
            var variants: [String] = []
            for cut in stride(from: 0, to: scalars.count, by: max(1, scalars.count / 6)) {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[..<cut])
                variants.append(String(view))
                let insertion = insertions[(index + cut) % insertions.count]
                var mutated = String.UnicodeScalarView()
                mutated.append(contentsOf: scalars[..<cut])
                mutated.append(contentsOf: insertion.unicodeScalars)
                mutated.append(contentsOf: scalars[cut...])
                variants.append(String(mutated))
            }
            for variant in variants {
                do {
                    let template = try Template(text: variant)
                    parsed += 1
                    _ = try template.execute(data: testCase.data, limits: ExecutionLimits(maxOutputBytes: 1 << 20))
                } catch {
                    failed += 1
                    XCTAssertFalse(error.message.isEmpty)
                }
            }
        }
        XCTAssertGreaterThan(parsed, 0)
        XCTAssertGreaterThan(failed, 0)
    }
}
