import Foundation
import KalcJSON
import XCTest
import KalcTestSupport

/// The JSON writer: what it writes parses back to the same values, keys keep their order,
/// and strings survive every character that needs escaping.
final class JSONWriterTests: XCTestCase {
    func testStringsRoundTrip() throws {
        var generator = SplitMix64(seed: 7)
        let interesting: [Unicode.Scalar] =
            ["\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{2029}", "é", "日", "😀", "\u{FFFD}", "\u{FEFF}"]
            + (0..<0x20).compactMap(Unicode.Scalar.init)
        for _ in 0..<200 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                text.unicodeScalars.append(interesting[Int.random(in: 0..<interesting.count, using: &generator)])
            }
            for pretty in [true, false] {
                let serialized = String(decoding: JSONValue.array([.string(text)]).serialized(pretty: pretty), as: UTF8.self)
                XCTAssertFalse(serialized.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, serialized.debugDescription)
                let parsed = try JSONSerialization.jsonObject(with: Data(serialized.utf8)) as? [String]
                XCTAssertEqual(parsed, [text])
                XCTAssertEqual(try JSONParser.parse(serialized), [.string(text)])
            }
        }
    }

    func testObjectsKeepKeyOrder() throws {
        let value = JSONValue.object([
            ("zeta", .integer(-3)), ("alpha", .bool(true)), ("mid", .null),
            ("list", .array([.integer(1), .string(nil), .object([])])), ("empty", .array([])),
        ])
        let compact = value.jsonText
        let keys = ["zeta", "alpha", "mid", "list", "empty"].map { compact.range(of: "\"\($0)\":")?.lowerBound }
        XCTAssertEqual(keys.compactMap { $0 }.count, 5)
        XCTAssertEqual(keys.compactMap { $0 }, keys.compactMap { $0 }.sorted())
        for text in [compact, value.prettyJSONText] {
            let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            XCTAssertEqual(parsed["zeta"] as? Int, -3)
            XCTAssertEqual(parsed["alpha"] as? Bool, true)
            XCTAssertTrue(parsed["mid"] is NSNull)
            XCTAssertEqual((parsed["list"] as? [Any])?.count, 3)
            XCTAssertEqual((parsed["empty"] as? [Any])?.count, 0)
        }
        XCTAssertFalse(compact.contains(" ") || compact.contains("\n"))
    }

    /// The two layouts, spelled out: compact for the language server, indented for reports.
    func testLayouts() {
        let value: JSONValue = ["a": [1, "x", nil, [], [:]], "b": ["c": true], "": .object(JSONObject())]
        XCTAssertEqual(value.jsonText, #"{"a":[1,"x",null,[],{}],"b":{"c":true},"":{}}"#)
        XCTAssertEqual(
            value.prettyJSONText,
            """
            {
              "a": [
                1,
                "x",
                null,
                [],
                {}
              ],
              "b": {
                "c": true
              },
              "": {}
            }
            """)
        XCTAssertEqual(JSONValue.array([]).prettyJSONText, "[]")
        XCTAssertEqual(JSONValue.integer(-7).prettyJSONText, "-7")
    }

    /// Each character that needs it has exactly one spelling.
    func testStringEscapes() {
        let text = "\"\\/\n\r\t\u{08}\u{0C}\u{00}\u{1F}\u{7F}\u{2028}\u{2029}\u{FEFF}é😀"
        XCTAssertEqual(JSONValue.quoted(text), #""\"\\/\n\r\t\b\f\u0000\u001f\u007f\u2028\u2029\ufeffé😀""#)
        XCTAssertEqual(JSONValue.string(text).jsonText, JSONValue.quoted(text))
        XCTAssertEqual(JSONValue.quoted("a\u{2026}b\u{2027}\u{202A}\u{FEFE}\u{FFFD}"), "\"a\u{2026}b\u{2027}\u{202A}\u{FEFE}\u{FFFD}\"")
        XCTAssertEqual(JSONValue.quoted("\u{2028}x\u{2029}"), #""\u2028x\u2029""#)
        XCTAssertEqual(JSONValue.string(nil), .null)
    }

    /// Writing then reading gives back the same value, in both layouts.
    func testValuesRoundTrip() throws {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<100 {
            let value = Self.randomValue(depth: 0, using: &generator)
            XCTAssertEqual(try JSONParser.parse(bytes: value.serialized()), value)
            XCTAssertEqual(try JSONParser.parse(bytes: value.serialized(pretty: true)), value)
            XCTAssertEqual(try JSONParser.parse(bytes: value.serialized()).jsonText, value.jsonText)
        }
    }

    private static func randomValue(depth: Int, using generator: inout SplitMix64) -> JSONValue {
        let numbers = ["0", "-0", "1.50", "1e400", "-2.5E-10", "12345678901234567890"]
        switch Int.random(in: 0..<(depth < 4 ? 7 : 5), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return JSONNumber(numbers[Int.random(in: 0..<numbers.count, using: &generator)]).map(JSONValue.number) ?? .null
        case 3: return .integer(Int.random(in: Int.min...Int.max, using: &generator))
        case 4:
            return .string(String(decoding: (0..<Int.random(in: 0..<6, using: &generator)).map { _ in UInt8.random(in: 0..<0x80, using: &generator) }, as: UTF8.self) + "é\u{2028}")
        case 5: return .array((0..<Int.random(in: 0..<4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            return .object(
                (0..<Int.random(in: 0..<12, using: &generator)).map { index in
                    (key: "k\(index)", value: randomValue(depth: depth + 1, using: &generator))
                })
        }
    }
}
