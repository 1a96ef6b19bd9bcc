import KalcJSON
import XCTest

/// The JSON reader: exact round trips, the escapes of RFC 8259, Go's reading of repeated
/// keys and invalid UTF-8, Go's error texts and offsets, and refusal of everything else.
final class JSONParserTests: XCTestCase {
    /// Texts already in the writer's compact form: reading then writing gives them back.
    static let canonical = [
        "null", "true", "false", "0", "-0", "12345678901234567890", "1.50", "-2.5e-10", "1E+400", "\"\"",
        "\"plain\"", "[]", "{}", "[1,[2,[3]],{\"a\":null}]", "{\"b\":1,\"a\":2}", "\"\\\"\\\\\\n\\r\\t\\b\\f\"",
        "\"\\u0000\\u001f\\u007f\"", "\"é😀\"", "\"\\u2028\\u2029\\ufeff\"",
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
        ("\"\\u0008\\u000C\"", "\u{08}\u{0C}"),
        ("\"\\u00e9\"", "é"),
        ("\"\\ud83d\\ude00\"", "😀"),
        ("\"\\ud83d\"", "\u{FFFD}"),
        ("\"\\ude00x\"", "\u{FFFD}x"),
        ("\"\\ud83dx\"", "\u{FFFD}x"),
        ("\"\\ud83d\\u0041\"", "\u{FFFD}A"),
        ("\"\\ude00\\ud83d\\ude00\"", "\u{FFFD}😀"),
    ]

    func testOtherSpellingsMeanTheSameValue() throws {
        for (text, value) in Self.respelled {
            XCTAssertEqual(try JSONParser.parse(text), value, text)
        }
    }

    /// As Go's `encoding/json` does, a repeated key keeps its first position and its last value.
    func testTheLastOfRepeatedKeysWins() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        XCTAssertEqual(value.jsonText, #"{"a":3,"b":2}"#)
        XCTAssertEqual(value.objectValue?.keys, ["a", "b"])
    }

    /// Keys are told apart byte for byte, not by Unicode canonical equivalence.
    func testKeysAreComparedByteForByte() throws {
        let value = try JSONParser.parse("{\"\u{E9}\":1,\"e\u{301}\":2}")
        XCTAssertEqual(value.objectValue?.count, 2)
        XCTAssertEqual(value["\u{E9}"], 1)
        XCTAssertEqual(value["e\u{301}"], 2)
    }

    /// Large objects (which keep a key index) read and change as small ones do.
    func testLargeObjectsKeepOrderAndLastValues() throws {
        let members = (0..<40).map { "\"k\($0 % 30)\":\($0)" }.joined(separator: ",")
        var object = try XCTUnwrap(try JSONParser.parse("{\(members)}").objectValue)
        XCTAssertEqual(object.keys, (0..<30).map { "k\($0)" })
        XCTAssertEqual(object["k3"], 33)
        XCTAssertEqual(object["k29"], 29)
        object["k3"] = nil
        XCTAssertEqual(object.count, 29)
        XCTAssertEqual(object["k4"], 34)
        XCTAssertNil(object["k3"])
        object["k3"] = "back"
        XCTAssertEqual(object.keys.last, "k3")
    }

    /// Each byte that starts no valid UTF-8 sequence becomes one U+FFFD, as Go's `utf8.DecodeRune` reads it.
    func testInvalidUTF8InAStringIsReplacedByteByByte() throws {
        let cases: [([UInt8], String)] = [
            ([0x61, 0xFF, 0x62], "a\u{FFFD}b"),
            ([0xE2, 0x82, 0x41], "\u{FFFD}\u{FFFD}A"),
            ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([0xC0, 0xAF], "\u{FFFD}\u{FFFD}"),
            ([0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([0xF0, 0x9F, 0x98, 0x80, 0x5C, 0x6E, 0x80], "😀\n\u{FFFD}"),
            ([0xEF, 0xBF, 0xBD], "\u{FFFD}"),
        ]
        for (content, expected) in cases {
            XCTAssertEqual(try JSONParser.parse(bytes: [0x22] + content + [0x22]), .string(expected), "\(content)")
        }
    }

    static let malformed = [
        "", " ", "nul", "tru", "[1,]", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1",
        "\"unterminated", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"tab\there\"", "[", "{", "]", "1 2", "'a'", "NaN", "Infinity",
        "\"\\'\"", "[1]]", "{\"a\":1}}", "truex", "-01", "1e+", "[\"a\":1]",
    ]

    func testMalformedTextsAreRefused() {
        for text in Self.malformed {
            XCTAssertThrowsError(try JSONParser.parse(text), text)
        }
    }

    /// Go's words and byte offsets (one past the offending byte, or the length at an unexpected end).
    static let goErrors: [(text: String, message: String, offset: Int)] = [
        ("", "unexpected end of JSON input", 0),
        ("[1", "unexpected end of JSON input", 2),
        ("nul", "invalid character ' ' in literal null (expecting 'l')", 3),
        ("nulx", "invalid character 'x' in literal null (expecting 'l')", 4),
        ("[1,]", "invalid character ']' looking for beginning of value", 4),
        ("{\"a\" 1}", "invalid character '1' after object key", 6),
        ("{\"a\":1 \"b\"}", "invalid character '\"' after object key:value pair", 8),
        ("[1 2]", "invalid character '2' after array element", 4),
        ("1 2", "invalid character '2' after top-level value", 3),
        ("\"a\tb\"", "invalid character '\\t' in string literal", 3),
        ("\"\\x\"", "invalid character 'x' in string escape code", 3),
        ("\"\\u12G4\"", "invalid character 'G' in \\u hexadecimal character escape", 6),
        ("{'a':1}", "invalid character '\\'' looking for beginning of object key string", 2),
        ("-x", "invalid character 'x' in numeric literal", 2),
        ("1.x", "invalid character 'x' after decimal point in numeric literal", 3),
        ("1ex", "invalid character 'x' in exponent of numeric literal", 3),
        ("\u{7F}", "invalid character '\\x7f' looking for beginning of value", 1),
    ]

    func testErrorsAreWordedAsGoWordsThem() {
        for (text, message, offset) in Self.goErrors {
            XCTAssertThrowsError(try JSONParser.parse(text), text) { error in
                XCTAssertEqual(error as? JSONParseError, JSONParseError(message: message, offset: offset), text)
            }
        }
        XCTAssertThrowsError(try JSONParser.parse(bytes: [0xC3])) { error in
            XCTAssertEqual((error as? JSONParseError)?.message, "invalid character 'Ã' looking for beginning of value")
        }
    }

    func testNestingIsBounded() throws {
        for limit in [1, 256, JSONParser.goMaximumDepth] {
            let allowed = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
            XCTAssertNoThrow(try JSONParser.parse(allowed, maximumDepth: limit))
            let objects = String(repeating: "{\"a\":", count: limit) + "1" + String(repeating: "}", count: limit)
            XCTAssertNoThrow(try JSONParser.parse(objects, maximumDepth: limit))
            let deeper = "[" + allowed + "]"
            XCTAssertThrowsError(try JSONParser.parse(deeper, maximumDepth: limit)) { error in
                XCTAssertEqual(error as? JSONParseError, JSONParseError(message: "invalid character '[' exceeded max depth", offset: limit + 1))
            }
        }
        XCTAssertThrowsError(try JSONParser.parse(String(repeating: "[", count: 100_000)))
    }

    /// A document read as gojsonschema's decoder reads it: the first value, whatever follows.
    func testTheFirstValueIsReadAndTheRestIgnored() throws {
        XCTAssertEqual(try JSONParser.parseFirstValue("{\"a\":1} trailing"), ["a": 1])
        XCTAssertEqual(try JSONParser.parseFirstValue("[1]]"), [1])
        XCTAssertEqual(try JSONParser.parseFirstValue(" 12 "), 12)
        XCTAssertThrowsError(try JSONParser.parseFirstValue("  ")) { error in
            XCTAssertEqual((error as? JSONParseError)?.message, "EOF")
        }
        XCTAssertThrowsError(try JSONParser.parseFirstValue("[1,")) { error in
            XCTAssertEqual((error as? JSONParseError)?.message, "unexpected EOF")
        }
    }

    /// Numbers keep their text; only valid JSON number text makes a number.
    func testNumbersKeepTheirText() throws {
        XCTAssertEqual(try JSONParser.parse("[1.50, 1e400, -0]").arrayValue?.compactMap(\.numberValue?.text), ["1.50", "1e400", "-0"])
        XCTAssertEqual(JSONNumber("2.5e-3")?.text, "2.5e-3")
        for text in ["", "01", "1.", "+1", " 1", "1 ", "0x10", "-", "1e"] {
            XCTAssertNil(JSONNumber(text), text)
        }
        XCTAssertEqual(JSONNumber(-42).text, "-42")
    }

    func testAccessorsReadWhatTheyName() throws {
        let value = try JSONParser.parse(#"{"id":7,"big":12345678901234567890,"s":"x","b":true,"list":[1],"o":{"k":null}}"#)
        XCTAssertEqual(value["id"]?.integerValue, 7)
        XCTAssertNil(value["big"]?.integerValue)
        XCTAssertEqual(value["big"]?.numberValue?.text, "12345678901234567890")
        XCTAssertEqual(value["s"]?.stringValue, "x")
        XCTAssertEqual(value["b"]?.boolValue, true)
        XCTAssertEqual(value["list"]?.arrayValue?.count, 1)
        XCTAssertEqual(value["list"]?[0], 1)
        XCTAssertNil(value["list"]?[1])
        XCTAssertEqual(value["o"]?["k"]?.isNull, true)
        XCTAssertNil(value["missing"])
        XCTAssertNil(value["s"]?["k"])
    }

    /// Objects are equal when they hold the same members, in any order.
    func testObjectEqualityIgnoresOrder() throws {
        let forward = try JSONParser.parse(#"{"a":1,"b":[true,null]}"#)
        let backward = try JSONParser.parse(#"{"b":[true,null],"a":1}"#)
        XCTAssertEqual(forward, backward)
        XCTAssertEqual(Set([forward, backward]).count, 1)
        XCTAssertNotEqual(forward, try JSONParser.parse(#"{"a":1,"b":[null,true]}"#))
    }
}
