@testable import KalcTemplate
import XCTest

/// Rendering stops when the output has no `{{` left.
final class LeftDelimiterTests: XCTestCase {
    func testFindsTwoBracesInARowAnywhere() {
        let cases: [(String, Bool)] = [
            ("", false), ("{", false), ("{{", true), ("a{b{c", false), ("{ {", false), ("x{{", true),
            ("}{{", true), ("{{}", true), ("{x{{", true), ("é{{", true), ("{é{", false),
            (String(repeating: "{a", count: 1000), false), (String(repeating: "a", count: 1000) + "{{", true),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(Templater.containsLeftDelimiter(text), expected, text)
            XCTAssertEqual(Templater.containsLeftDelimiter(text), text.contains("{{"), text)
        }
    }
}
