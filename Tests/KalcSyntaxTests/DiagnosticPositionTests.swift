import KalcDiagnostics
import KalcSyntax
import KalcTestSupport
import XCTest

/// Syntax errors are reported where they are: each marker is where one diagnostic starts.
final class DiagnosticPositionTests: XCTestCase {
    /// Parses `marked` and checks that the diagnostics start exactly at the markers, in
    /// order, with messages containing the given texts.
    func check(_ marked: String, _ expected: [(marker: String, code: DiagnosticCode, message: String)], file: StaticString = #filePath, line: UInt = #line) {
        let source = MarkedSource(marked)
        let tree = SyntaxTree.parse(SourceFile(path: "test.kal", text: source.text))
        let actual = tree.diagnostics
        XCTAssertEqual(actual.count, expected.count, "diagnostics: \(actual.map { "\($0.location.span.start) \($0.message)" })", file: file, line: line)
        for (diagnostic, expectation) in zip(actual, expected) {
            XCTAssertEqual(diagnostic.location.span.start, source.offsets[expectation.marker], "\(expectation.marker): \(diagnostic.message)", file: file, line: line)
            XCTAssertEqual(diagnostic.code, expectation.code, diagnostic.message, file: file, line: line)
            XCTAssertTrue(diagnostic.message.contains(expectation.message), "\(diagnostic.message) does not contain \(expectation.message)", file: file, line: line)
        }
    }

    func testMissingEquals() {
        check(
            """
            environment qa {
              gitops1️⃣ platformGitops @ "qa"
            }
            """, [("1️⃣", .expectedToken, "expected `=` after `gitops`")])
    }

    func testMissingName() {
        check("environment1️⃣ {}\n", [("1️⃣", .expectedToken, "expected a name after `environment`")])
    }

    func testThreeDistantErrors() {
        check(
            """
            environment dev {
              controlPlane = repo @ "dev"
              clusterType dev {
                reconciler1️⃣ arc-flux
              }
            }

            environment qa {
              2️⃣%% junk
            }

            workload w {
              target t in qa [purpose3️⃣ qa] {}
            }
            """,
            [
                ("1️⃣", .expectedToken, "expected `=` after `reconciler`"),
                ("2️⃣", .invalidCharacter, "unexpected characters `%%`"),
                ("3️⃣", .expectedToken, "expected `:` after the label key `purpose`"),
            ])
    }

    func testValueOnNextLineIsMissing() {
        check(
            """
            config c {
              a =1️⃣
              b = "x"
            }
            """, [("1️⃣", .expectedToken, "expected a value after `=`")])
    }

    func testUnterminatedString() {
        check(
            """
            config c {
              a = 1️⃣"open
              b = "x"
            }
            """, [("1️⃣", .unterminatedString, "unterminated string")])
    }

    func testInvalidEscape() {
        check(#"config c { a = "x1️⃣\qy" }"#, [("1️⃣", .invalidEscape, "invalid escape `\\q`")])
    }

    func testUnclosedBlockPointsAtItsBrace() {
        check(
            """
            environment qa 1️⃣{
              clusterType x {}
            """, [("1️⃣", .unclosedDelimiter, "is never closed")])
    }

    func testTextBlockIndentation() {
        check(
            """
            template t {
              manifest \"\"\"
                ok
            1️⃣  less
                \"\"\"
            }
            """, [("1️⃣", .textBlockIndentation, "indented less than the closing")])
    }

    func testTextOnOpeningLine() {
        check("template t {\n  manifest \"\"\" 1️⃣x\n    y\n    \"\"\"\n}\n", [("1️⃣", .textBlockOpening, "text after an opening")])
    }

    func testUnterminatedTextBlock() {
        check(
            "template t 1️⃣{\n  manifest 2️⃣\"\"\"\n    y\n",
            [
                ("1️⃣", .unclosedDelimiter, "is never closed"),
                ("2️⃣", .unterminatedTextBlock, "unterminated text block"),
            ])
    }

    func testInvalidUTF8AndNul() {
        var bytes = Array("config c {\n  a = \"x\"\n}\n".utf8)
        bytes.insert(0xFF, at: 11)
        bytes.insert(0x00, at: 5)
        let tree = SyntaxTree.parse(SourceFile(path: "bad.kal", bytes: bytes))
        XCTAssertTrue(tree.diagnostics.contains { $0.code == .invalidUTF8 && $0.location.span.start == 12 })
        XCTAssertTrue(tree.diagnostics.contains { $0.code == .invalidCharacter && $0.location.span.start == 5 })
        XCTAssertEqual(tree.printed(), bytes)
    }

    func testDeepNestingIsReportedNotRecursed() {
        let text = "config c {\n  a = " + String(repeating: "[", count: 100_000) + "\n}\n"
        let tree = SyntaxTree.parse(SourceFile(path: "deep.kal", text: text))
        XCTAssertTrue(tree.diagnostics.contains { $0.code == .nestingTooDeep })
        XCTAssertEqual(tree.printed(), Array(text.utf8))
    }

    func testMisplacedImport() {
        check("repo r = \"x\"\n1️⃣import std.templates\n", [("1️⃣", .misplacedImport, "imports must come before")])
    }
}
