import XCTest
import KalcGo
import KalcJSON
import KalcJSONSchema
import KalcTemplate

/// sprig's `regexMatch` in a template and `pattern` in a JSON schema are both Go's `regexp`:
/// they accept and refuse the same expressions and match the same texts.
final class RegexAgreementTests: XCTestCase {
    /// Expressions with the texts to match them against; Unicode classes, flags, POSIX
    /// classes, repetition limits and malformed groups among them.
    private let cases: [(expression: String, texts: [String])] = [
        (#"\p{Greek}+"#, ["αβγ", "abc", "Ωmega", ""]),
        (#"^\P{L}*$"#, ["123", "a1", "—", ""]),
        (#"\pN"#, ["٣", "x", "Ⅻ"]),
        (#"(?i)straße"#, ["STRASSE", "Straße", "STRAẞE", "strasse"]),
        (#"(?i)k"#, ["K", "\u{212A}", "x"]),
        (#"[[:alpha:]]+\d"#, ["abc1", "1abc", "é1"]),
        (#"[[:^space:]]"#, [" ", "\t", "a"]),
        (#"(?s)a.b"#, ["a\nb", "ab"]),
        (#"(?m)^b$"#, ["a\nb\nc", "ab"]),
        (#"(?U)a+?b"#, ["aab", "b"]),
        (#"\Qa.b\E"#, ["a.b", "axb"]),
        (#"\bword\b"#, ["a word here", "swordfish"]),
        (#"a{2,3}"#, ["a", "aa", "aaaa"]),
        (#"a{1000}"#, [String(repeating: "a", count: 1000), "a"]),
        (#"(?P<year>\d{4})-(?P<month>\d{2})"#, ["2024-05", "24-05"]),
        (#"[\x{10000}-\x{10FFFF}]"#, ["😀", "a"]),
        ("a{1001}", ["a"]),
        ("(a{500}){3}", ["a"]),
        ("(?P<n>", ["n"]),
        ("(?P<n>a)(?P<1>b)", ["ab"]),
        ("(?<n>a)", ["a"]),
        (#"\p{Greeek}"#, ["α"]),
        ("[z-a]", ["a"]),
        ("a**", ["a"]),
        ("x{2}{3}", ["xxxxxx"]),
        (#"\8"#, ["8"]),
        ("(?i", ["i"]),
        ("(a|b", ["a"]),
        ("a)", ["a"]),
        (#"\C"#, ["a"]),
        ("[[:word:]]", ["_"]),
        ("[[:foo:]]", ["f"]),
    ]

    func testRegexMatchAndSchemaPatternAgree() throws {
        for (expression, texts) in cases {
            let schemaAccepts = (try? JSONSchema(.object(JSONObject([("pattern", .string(expression))])))) != nil
            let templateAccepts = templateCompiles(expression)
            XCTAssertEqual(templateAccepts, schemaAccepts, "\(expression): template accepts \(templateAccepts), schema \(schemaAccepts)")
            XCTAssertEqual(templateAccepts, (try? GoRegexp(expression)) != nil, expression)
            guard schemaAccepts, let schema = try? JSONSchema(.object(JSONObject([("pattern", .string(expression))]))) else { continue }
            for text in texts {
                let schemaMatches = try schema.validate(.string(text)).isEmpty
                let rendered = try Template(text: "{{ regexMatch .P .T }}").execute(data: data(expression, text))
                XCTAssertEqual(rendered, String(schemaMatches), "\(expression) on \(text.debugDescription)")
            }
        }
    }

    /// Whether `regexFind` compiles the expression (it fails with Go's message when not).
    private func templateCompiles(_ expression: String) -> Bool {
        (try? Template(text: "{{ regexFind .P .T }}").execute(data: data(expression, ""))) != nil
    }

    private func data(_ expression: String, _ text: String) -> GoValue {
        .map(GoMap(keyType: .string, valueType: .interface, entries: [.string("P"): .string(expression), .string("T"): .string(text)]))
    }
}
