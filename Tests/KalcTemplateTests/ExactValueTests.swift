@testable import KalcTemplate
import XCTest
@testable import KalcGo

/// Caches keyed by text or values tell apart what Go tells apart.
final class ExactValueTests: XCTestCase {
    func testStringsCompareByTheirBytes() {
        XCTAssertEqual("caf\u{E9}", "cafe\u{301}", "Swift's equality is canonical equivalence")
        XCTAssertNotEqual(ExactString("caf\u{E9}"), ExactString("cafe\u{301}"))
        XCTAssertEqual(ExactString("caf\u{E9}"), ExactString("caf\u{E9}"))
        XCTAssertEqual(Set([ExactString("a"), ExactString("a"), ExactString("b")]).count, 2)
    }

    func testStringifyIsNotMixedUpByTheMemo() {
        func config(_ value: GoValue) -> GoValue {
            .map(GoMap(keyType: .string, valueType: .interface, entries: [.string("key"): value]))
        }
        let cases: [(GoValue, GoValue)] = [
            (.string("caf\u{E9}"), .string("cafe\u{301}")),
            (.float64(0.0), .float64(-0.0)),
            (.int(1), .int64(1)),
        ]
        for (first, second) in cases {
            let memo = MarshalMemo(capacity: 8)
            let firstText = memo.text(of: config(first), KalypsoFunctions.stringify)
            let secondText = memo.text(of: config(second), KalypsoFunctions.stringify)
            XCTAssertEqual(firstText, KalypsoFunctions.stringify(config(first)))
            XCTAssertTrue(secondText.utf8.elementsEqual(KalypsoFunctions.stringify(config(second)).utf8), "\(second) must not reuse the text of \(first)")
        }
    }
}
