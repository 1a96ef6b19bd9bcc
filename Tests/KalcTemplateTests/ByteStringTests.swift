import XCTest
@testable import KalcTemplate

/// Functions that work on the bytes of a string: Go keeps a string's bytes as they are, even
/// when they are not UTF-8, and writes them out unchanged. kalc's strings are Unicode, so a
/// result that is not valid UTF-8 is an error instead of different bytes; a cut at a
/// character boundary gives Go's result.
final class ByteStringTests: XCTestCase {
    /// Template, and what Go writes when the result is valid UTF-8 (nil: kalc refuses it).
    static let cases: [(template: String, output: String?)] = [
        (#"{{ trunc 1 "日本" }}"#, nil),
        (#"{{ trunc 3 "日本" }}"#, "日"),
        (#"{{ substr 2 4 "héllo" }}"#, nil),
        (#"{{ substr 1 3 "hého" }}"#, "é"),
        (#"{{ substr 0 2 "日本語" }}"#, nil),
        (#"{{ abbrev 5 "héllo wörld" }}"#, nil),
        (#"{{ abbrev 6 "héllo wörld" }}"#, "hé..."),
        (#"{{ abbrevboth 11 9 "aaaaaaaaaaéééééééééé" }}"#, nil),
        (#"{{ wrapWith 2 "|" "日本" }}"#, nil),
        (#"{{ wrapWith 3 "|" "日本" }}"#, "日|本"),
        (#"{{ b64dec "/w==" }}"#, nil),
        (#"{{ b64dec "w6k=" }}"#, "é"),
        (#"{{ b32dec "74======" }}"#, nil),
    ]

    func testResultsThatAreNotUTF8AreRefused() throws {
        for (text, output) in Self.cases {
            let template = try Template(text: text)
            if let output {
                XCTAssertEqual(try template.execute(data: .nil), output, text)
            } else {
                XCTAssertThrowsError(try template.execute(data: .nil), text) { error in
                    guard case .unsupportedFunction? = (error as? TemplateError)?.kind else {
                        return XCTFail("\(text): \(error)")
                    }
                }
            }
        }
    }
}
