import KalcGo
import XCTest

/// `net/url`'s error texts and the fast shortest float form, checked against Go's rules.
final class GoURLAndFloatTests: XCTestCase {
    private func parseError(_ text: String) -> String? {
        do throws(GoURL.ParseError) {
            _ = try GoURL.parse(text)
            return nil
        } catch {
            return error.goText
        }
    }

    /// `url.Error` and `url.EscapeError` quote with `%q`: backslashes are escaped and a
    /// cut-off UTF-8 sequence is written byte by byte.
    func testParseErrorsQuoteAsGoDoes() {
        XCTAssertEqual(parseError("http://a b/"), #"parse "http://a b/": invalid character " " in host name"#)
        XCTAssertEqual(parseError(#"http://a\b/"#), #"parse "http://a\\b/": invalid character "\\" in host name"#)
        XCTAssertEqual(parseError("http://x/%aé"), #"parse "http://x/%aé": invalid URL escape "%a\xc3""#)
        XCTAssertEqual(parseError("http://x/#%zz"), #"parse "http://x/#%zz": invalid URL escape "%zz""#)
        XCTAssertEqual(parseError("http://x:8a/"), #"parse "http://x:8a/": invalid port ":8a" after host"#)
        XCTAssertNil(parseError("http://x/%20#frag"))
    }

    func testQueryComponentUnescapeTurnsPlusIntoSpace() throws {
        XCTAssertEqual(try GoURL.unescape(Array("a+b%21".utf8), .queryComponent), Array("a b!".utf8))
        XCTAssertEqual(try GoURL.unescape(Array("a+b".utf8), .path), Array("a+b".utf8))
    }

    func testResolveReferenceAndString() throws {
        let base = try GoURL.parse("http://example.com/a/b/c?q#f")
        XCTAssertEqual(base.resolving(try GoURL.parse("../d")).text, "http://example.com/a/d")
        XCTAssertEqual(base.resolving(try GoURL.parse("#g")).text, "http://example.com/a/b/c?q#g")
        XCTAssertEqual(try GoURL.parse("http:/foo").text, "http:/foo")
        XCTAssertEqual(try GoURL.parse("http://u:p%40@[::1]:80/x").hostname, Array("::1".utf8))
    }

    /// The shortest form read off Swift's description agrees with the exact `strconv` port.
    func testShortestFormAgreesWithExactFormat() {
        var values: [Double] = [
            0, -0.0, 1, 0.1, 1e6, 1e-5, 123456, 0.0001, 1e21, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
            .infinity, -.infinity, .nan, 2.5, 1.0 / 3, 100, 1e20, 123456789.125,
        ]
        var state: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let value = Double(bitPattern: state)
            if value.isFinite { values.append(value) }
        }
        for value in values {
            XCTAssertEqual(GoFloat.formatShortest(value), GoFloat.format(value, UInt8(ascii: "g"), precision: -1), "\(value)")
        }
    }
}

/// The zone-offset rule that differs between Go versions.
final class GoTimeZoneDigitsTests: XCTestCase {
    func testGo119ReadsOffsetDigitsWithAtoiAndLaterGoRefusesASign() {
        let signed = "2020-01-01T00:00:00+-1:00"
        XCTAssertNotNil(GoTime.parse(layout: "2006-01-02T15:04:05Z07:00", value: signed, rfc3339Strict: false))
        XCTAssertNil(GoTime.parse(layout: "2006-01-02T15:04:05Z07:00", value: signed))
        for strict in [true, false] {
            XCTAssertNotNil(GoTime.parse(layout: "2006-01-02T15:04:05Z07:00", value: "2020-01-01T00:00:00+01:00", rfc3339Strict: strict))
            XCTAssertNil(GoTime.parse(layout: "2006-01-02T15:04:05Z07:00", value: "2020-01-01T00:00:00+1:00", rfc3339Strict: strict))
        }
    }
}
