import Foundation
import KalcDiagnostics
import KalcDriver
import XCTest

/// Reading a project from disk: the paths given and their imports, nothing through a link
/// that leaves the project, and a usage problem for a path that names nothing.
final class ReadingTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kalc-driver-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/p/lib", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/outside", withIntermediateDirectories: true)
        try "import \"../shared.kal\"\n".write(toFile: root + "/p/main.kal", atomically: true, encoding: .utf8)
        try "repo r = \"https://github.com/contoso/r\"\n".write(toFile: root + "/p/lib/a.kal", atomically: true, encoding: .utf8)
        try "repo s = \"https://github.com/contoso/s\"\n".write(toFile: root + "/shared.kal", atomically: true, encoding: .utf8)
        try "repo o = \"https://github.com/contoso/o\"\n".write(toFile: root + "/outside/o.kal", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/p/link", withDestinationPath: root + "/outside")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func testAFolderIsReadWithItsImportsAndNoLinkOutOfTheProject() throws {
        let result = try Pipeline.load([root + "/p"], options: PipelineOptions(through: .parse))
        XCTAssertEqual(result.files.map(\.path), [root + "/p/lib/a.kal", root + "/p/main.kal", root + "/p/../shared.kal"])
        XCTAssertEqual(result.inputDiagnostics.map(\.code), [.linkLeavesProject])
        XCTAssertEqual(result.inputDiagnostics.first?.location.file, root + "/p/link")
    }

    func testAWorkspaceFolderIsReadByItsPathsAndNoLinkIsFollowedOut() {
        let files = DiskFileSystem().readKalFiles(under: root + "/p", project: ProjectFolders([root + "/p"]), limit: .workspace)
        XCTAssertEqual(Set(files.keys), Set([root + "/p/lib/a.kal", root + "/p/link", root + "/p/main.kal"].map(normalizedPath)))
        guard case .problem(let refusal) = files[normalizedPath(root + "/p/link")] else { return XCTFail("the link is read: \(files)") }
        XCTAssertEqual(refusal.code, .linkLeavesProject)
        XCTAssertEqual(refusal.location.file, root + "/p/link")
    }

    func testAPathThatNamesNothingOrNoSourceIsAnInputError() {
        XCTAssertThrowsError(try Pipeline.load([root + "/nothing"])) { error in
            XCTAssertEqual((error as? InputError)?.description, "no such file or folder: \(root)/nothing")
        }
        XCTAssertThrowsError(try Pipeline.load([root + "/outside/../p/lib/../../outside/none"])) { error in
            XCTAssertTrue(error is InputError)
        }
        try? FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        XCTAssertThrowsError(try Pipeline.load([root + "/empty"])) { error in
            XCTAssertEqual((error as? InputError)?.description, "no .kal files found in \(root)/empty")
        }
    }
}
