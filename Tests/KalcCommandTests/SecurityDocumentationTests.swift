import Foundation
import KalcDiagnostics
import KalcTestSupport
import XCTest

/// `docs/security.md` points at tests that exist and at codes kalc declares, so that what it
/// claims stays tested.
final class SecurityDocumentationTests: XCTestCase {
    static let path = "docs/security.md"

    /// The `` `Class.testName` `` and `` `Tests/...swift` `` references of the page.
    func references() throws -> [String] {
        try repositoryFile(Self.path).split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    func testEveryTestNamedExists() throws {
        let sources = files(under: "Tests", withExtension: "swift")
        let texts = try sources.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let tests = try references().filter { $0.contains(".test") && !$0.contains("/") }
        XCTAssertGreaterThan(tests.count, 10)
        for test in tests {
            let parts = test.split(separator: ".")
            XCTAssertTrue(texts.contains { $0.contains("class \(parts[0]): XCTestCase") && $0.contains("func \(parts[1])()") }, "\(test) does not exist")
        }
        let paths = try references().filter { $0.hasPrefix("Tests/") }
        XCTAssertFalse(paths.isEmpty)
        for path in paths {
            XCTAssertTrue(FileManager.default.fileExists(atPath: repositoryRoot + "/" + path), "\(path) does not exist")
        }
    }

    func testEveryCodeNamedIsDeclared() throws {
        let text = try repositoryFile(Self.path)
        var codes: [String] = []
        var rest = text[...]
        while let found = rest.range(of: #"K0[0-9]{3}"#, options: .regularExpression) {
            codes.append(String(rest[found]))
            rest = rest[found.upperBound...]
        }
        XCTAssertGreaterThan(codes.count, 10)
        for code in codes {
            XCTAssertNotNil(DiagnosticCode.named(code), "\(code) is not a code of kalc")
        }
    }
}
