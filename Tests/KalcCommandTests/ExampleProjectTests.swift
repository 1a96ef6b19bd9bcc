import Foundation
import KalcTestSupport
import XCTest

/// Every example under `examples/` checks without a warning, compiles and is formatted,
/// and its README shows what the commands it runs really print.
final class ExampleProjectTests: XCTestCase {
    /// The example folders, relative to the repository (`examples/edge-fleet`).
    func exampleFolders() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/examples").sorted()
        let folders = names.map { "examples/" + $0 }.filter { folder in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: repositoryRoot + "/" + folder, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        XCTAssertGreaterThanOrEqual(folders.count, 2)
        return folders
    }

    func testEveryExampleChecksCleanlyCompilesAndIsFormatted() throws {
        for folder in try exampleFolders() {
            let check = try runKalc(["check", "--werror", folder])
            XCTAssertEqual(check.status, 0, "\(folder): \(check.standardError)")
            XCTAssertEqual(check.standardError, "", folder)
            let output = try temporaryFolder(self) + "/out"
            let compile = try runKalc(["compile", folder, "--out", output])
            XCTAssertEqual(compile.status, 0, "\(folder): \(compile.standardError)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: output + "/control-plane/main"), folder)
            let format = try runKalc(["fmt", "--check", folder])
            XCTAssertEqual(format.status, 0, "\(folder) is not formatted: \(format.standardOutput)")
        }
    }

    /// Each `console` session of an example's README, run from a folder laid out like the
    /// repository (with a fresh copy of the example), prints exactly what the README shows.
    func testReadmeSessionsPrintWhatTheyShow() throws {
        for folder in try exampleFolders() {
            let readme = folder + "/README.md"
            let sessions = fencedBlocks(in: try repositoryFile(readme)).filter { $0.language == "console" }
            XCTAssertFalse(sessions.isEmpty, "\(readme) shows no session")
            for block in sessions {
                let root = try temporaryFolder(self)
                try FileManager.default.createDirectory(atPath: root + "/examples", withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: repositoryRoot + "/" + folder, toPath: root + "/" + folder)
                let session = try ConsoleSession(block.content).run(in: root)
                XCTAssertEqual(session, block.content, "\(readme):\(block.line):\n\(lineDiff(expected: block.content, actual: session))")
            }
        }
    }
}
