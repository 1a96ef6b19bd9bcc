import KalcLanguageServer
import XCTest

/// The JSON reader and writer: exact round trips, the escapes of RFC 8259, and refusal of
/// everything else.
final class JSONTests: XCTestCase {
    /// Texts already in the writer's compact form: reading then writing gives them back.
    static let canonical = [
        "null", "true", "false", "0", "-0", "12345678901234567890", "1.50", "-2.5e-10", "1E+400", "\"\"",
        "\"plain\"", "[]", "{}", "[1,[2,[3]],{\"a\":null}]", "{\"b\":1,\"a\":2}", "\"\\\"\\\\\\n\\r\\t\"",
        "\"\\u0000\\u001f\"", "\"é😀\"", "\"\\u2028\"", "{\"a\":1,\"a\":2}",
    ]

    func testCanonicalTextsRoundTrip() throws {
        for text in Self.canonical {
            let value = try JSONParser.parse(text)
            XCTAssertEqual(value.jsonText, text)
        }
    }

    /// Texts in another spelling than the writer's, and what they mean.
    static let respelled: [(text: String, value: JSONValue)] = [
        (" { \"a\" : [ 1 , 2 ] } \n", ["a": [1, 2]]),
        ("\"\\/\"", "/"),
        ("\"\\b\\f\"", "\u{08}\u{0C}"),
        ("\"\\u00e9\"", "é"),
        ("\"\\ud83d\\ude00\"", "😀"),
        ("\"\\ud83d\"", "\u{FFFD}"),
        ("\"\\ude00x\"", "\u{FFFD}x"),
        ("\"\\ud83dx\"", "\u{FFFD}x"),
    ]

    func testOtherSpellingsMeanTheSameValue() throws {
        for (text, value) in Self.respelled {
            XCTAssertEqual(try JSONParser.parse(text), value, text)
        }
    }

    func testInvalidUTF8InAStringIsReplaced() throws {
        let value = try JSONParser.parse([0x22, 0x61, 0xFF, 0x62, 0x22])
        XCTAssertEqual(value, "a\u{FFFD}b")
    }

    static let malformed = [
        "", " ", "nul", "tru", "[1,]", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1",
        "\"unterminated", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"tab\there\"", "[", "{", "]", "1 2", "'a'", "NaN", "Infinity",
    ]

    func testMalformedTextsAreRefused() {
        for text in Self.malformed {
            XCTAssertThrowsError(try JSONParser.parse(text), text)
        }
    }

    func testNestingIsBounded() throws {
        let allowed = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        XCTAssertNoThrow(try JSONParser.parse(allowed))
        let tooDeep = String(repeating: "[", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(tooDeep))
    }

    func testAccessorsReadWhatTheyName() throws {
        let value = try JSONParser.parse(#"{"id":7,"big":12345678901234567890,"s":"x","b":true,"list":[1],"o":{"k":null}}"#)
        XCTAssertEqual(value["id"]?.integerValue, 7)
        XCTAssertNil(value["big"]?.integerValue)
        XCTAssertEqual(value["s"]?.stringValue, "x")
        XCTAssertEqual(value["b"]?.boolValue, true)
        XCTAssertEqual(value["list"]?.arrayValue?.count, 1)
        XCTAssertEqual(value["o"]?["k"]?.isNull, true)
        XCTAssertNil(value["missing"])
        XCTAssertNil(value["s"]?["k"])
    }
}
