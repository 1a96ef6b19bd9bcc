import Foundation
import KalcDiagnostics
import KalcTestSupport
import XCTest

/// `kalc explain` end to end.
final class ExplainCommandTests: XCTestCase {
    /// The text of docs/diagnostics.md from the heading of `code` to the next heading.
    func documentedSection(_ code: String) throws -> String {
        let markdown = try repositoryFile("docs/diagnostics.md")
        let start = try XCTUnwrap(markdown.range(of: "\n## \(code) "))
        let rest = markdown[markdown.index(after: start.lowerBound)...]
        let end = rest.dropFirst(3).range(of: "\n## ")?.lowerBound ?? rest.endIndex
        return rest[..<end].trimmingCharacters(in: .newlines) + "\n"
    }

    func testExplainPrintsTheSectionOfTheCode() throws {
        let run = try runKalc(["explain", "K0101"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardError, "")
        XCTAssertTrue(run.standardOutput.hasPrefix("## K0101 — unknown template\n"), run.standardOutput)
        XCTAssertEqual(run.standardOutput, try documentedSection("K0101"))
    }

    func testTheLastSectionEndsAtTheEndOfTheFile() throws {
        let last = try XCTUnwrap(DiagnosticCode.all.last)
        let run = try runKalc(["explain", last.rawValue])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardOutput, try documentedSection(last.rawValue))
    }

    func testCodesMayBeWrittenShort() throws {
        let full = try runKalc(["explain", "K0410"]).standardOutput
        for spelling in ["k0410", "0410", "410", "K410"] {
            let run = try runKalc(["explain", spelling])
            XCTAssertEqual(run.status, 0, spelling)
            XCTAssertEqual(run.standardOutput, full, spelling)
        }
    }

    func testWithoutACodeEveryCodeIsListed() throws {
        for arguments in [["explain"], ["explain", "--list"]] {
            let run = try runKalc(arguments)
            XCTAssertEqual(run.status, 0)
            let lines = run.standardOutput.split(separator: "\n")
            XCTAssertEqual(lines.count, DiagnosticCode.all.count)
            for (line, code) in zip(lines, DiagnosticCode.all) {
                XCTAssertTrue(line.hasPrefix(code.rawValue + "  " + code.defaultSeverity.rawValue), String(line))
                XCTAssertTrue(line.hasSuffix(" " + code.title), String(line))
            }
        }
    }

    func testAnUnknownCodeIsAUsageErrorWithASuggestion() throws {
        let cases: [(argument: String, suggestion: String)] = [
            ("K0108", "did you mean `K0107`"),
            ("K0012x", "did you mean `K0012`"),
            ("unknown module", "did you mean `K0105`"),
            ("selector", "`K0303` (selector matches nothing), `K0308` (invalid label selector)"),
        ]
        for (argument, suggestion) in cases {
            let run = try runKalc(["explain", argument])
            XCTAssertEqual(run.status, 2, argument)
            XCTAssertEqual(run.standardOutput, "", argument)
            XCTAssertTrue(run.standardError.hasPrefix("error: kalc has no diagnostic code `\(argument)`"), run.standardError)
            XCTAssertTrue(run.standardError.contains(suggestion), run.standardError)
        }
        let hopeless = try runKalc(["explain", "K9999"])
        XCTAssertEqual(hopeless.status, 2)
        XCTAssertTrue(hopeless.standardError.contains("kalc explain --list"), hopeless.standardError)
    }
}
