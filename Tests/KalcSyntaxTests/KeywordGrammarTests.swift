import KalcSyntax
import KalcTestSupport
import XCTest

/// The lexer's keywords and the grammar in `grammar/kalc.grammar` name the same words.
final class KeywordGrammarTests: XCTestCase {
    func testEveryKeywordIsInTheGrammarAndEveryGrammarKeywordIsKnown() throws {
        let path = repositoryRoot + "/grammar/kalc.grammar"
        let grammar = String(decoding: try XCTUnwrap(FileManager.default.contents(atPath: path)), as: UTF8.self)
        // Keywords are written in single quotes in the grammar: 'environment'.
        var quoted = Set<String>()
        for line in grammar.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
            var rest = Substring(line)
            while let open = rest.firstIndex(of: "'") {
                let afterOpen = rest.index(after: open)
                guard let close = rest[afterOpen...].firstIndex(of: "'") else { break }
                quoted.insert(String(rest[afterOpen..<close]))
                rest = rest[rest.index(after: close)...]
            }
        }
        let words = Set(quoted.filter { $0.first?.isLetter == true })
        let keywords = Set(Keyword.allCases.map(\.rawValue))
        XCTAssertEqual(keywords.subtracting(words), [], "keywords missing from the grammar")
        XCTAssertEqual(words.subtracting(keywords), [], "words quoted in the grammar that the lexer does not know as keywords")
    }
}
