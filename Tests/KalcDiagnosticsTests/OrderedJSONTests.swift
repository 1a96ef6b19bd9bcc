import Foundation
import KalcDiagnostics
import XCTest
import KalcTestSupport

/// The JSON writer: what it writes parses back to the same values, keys keep their order,
/// and strings survive every character that needs escaping.
final class OrderedJSONTests: XCTestCase {
    func testStringsRoundTrip() throws {
        var generator = SplitMix64(seed: 7)
        let interesting: [Unicode.Scalar] = ["\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{2029}", "é", "日", "😀", "\u{FFFD}", "\u{FEFF}"]
            + (0..<0x20).compactMap(Unicode.Scalar.init)
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text.unicodeScalars.append(interesting[Int.random(in: 0..<interesting.count, using: &generator)])
            }
            for pretty in [true, false] {
                let serialized = OrderedJSON.array([.string(text)]).serialized(pretty: pretty)
                XCTAssertFalse(serialized.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, serialized.debugDescription)
                let parsed = try JSONSerialization.jsonObject(with: Data(serialized.utf8)) as? [String]
                XCTAssertEqual(parsed, [text])
            }
        }
    }

    func testObjectsKeepKeyOrder() throws {
        let value = OrderedJSON.object([
            ("zeta", .integer(-3)), ("alpha", .bool(true)), ("mid", .null),
            ("list", .array([.integer(1), .string(nil), .object([])])), ("empty", .array([])),
        ])
        let compact = value.serialized(pretty: false)
        let keys = ["zeta", "alpha", "mid", "list", "empty"].map { compact.range(of: "\"\($0)\":")?.lowerBound }
        XCTAssertEqual(keys.compactMap { $0 }.count, 5)
        XCTAssertEqual(keys.compactMap { $0 }, keys.compactMap { $0 }.sorted())
        for text in [compact, value.serialized(pretty: true)] {
            let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            XCTAssertEqual(parsed["zeta"] as? Int, -3)
            XCTAssertEqual(parsed["alpha"] as? Bool, true)
            XCTAssertTrue(parsed["mid"] is NSNull)
            XCTAssertEqual((parsed["list"] as? [Any])?.count, 3)
            XCTAssertEqual((parsed["empty"] as? [Any])?.count, 0)
        }
        XCTAssertFalse(compact.contains(" ") || compact.contains("\n"))
    }
}
