import Foundation
import XCTest

/// `kalc fmt` end to end.
final class FormatCommandTests: XCTestCase {
    func testExamplesAndStandardLibraryAreFormatted() throws {
        let run = try runKalc(["fmt", "--check", "examples", "stdlib"])
        XCTAssertEqual(run.status, 0, run.standardOutput + run.standardError)
        XCTAssertEqual(run.standardOutput, "")
    }

    func testCheckListsUnformattedFilesAndWritesNothing() throws {
        let folder = try temporaryFolder(self)
        let messy = "environment   qa{\ncontrolPlane=r@\"qa\"   // note\n}\n"
        try messy.write(toFile: folder + "/messy.kal", atomically: true, encoding: .utf8)
        let run = try runKalc(["fmt", "--check", "."], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.standardOutput, "messy.kal\n")
        XCTAssertEqual(try String(contentsOfFile: folder + "/messy.kal", encoding: .utf8), messy)
    }

    func testFormatRewritesInPlaceAndIsThenClean() throws {
        let folder = try temporaryFolder(self)
        try "environment   qa{\ncontrolPlane=r@\"qa\"   // note\n}\n".write(toFile: folder + "/messy.kal", atomically: true, encoding: .utf8)
        XCTAssertEqual(try runKalc(["fmt", "messy.kal"], in: folder).status, 0)
        XCTAssertEqual(
            try String(contentsOfFile: folder + "/messy.kal", encoding: .utf8),
            "environment qa {\n  controlPlane = r @ \"qa\" // note\n}\n")
        XCTAssertEqual(try runKalc(["fmt", "--check", "messy.kal"], in: folder).status, 0)
    }

    func testFilesWithSyntaxErrorsAreReportedAndLeftAlone() throws {
        let folder = try temporaryFolder(self)
        let broken = "environment qa {\n  gitops platform\n"
        try broken.write(toFile: folder + "/broken.kal", atomically: true, encoding: .utf8)
        let run = try runKalc(["fmt", "broken.kal"], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.standardError.contains("K0010"), run.standardError)
        XCTAssertEqual(try String(contentsOfFile: folder + "/broken.kal", encoding: .utf8), broken)
    }
}
