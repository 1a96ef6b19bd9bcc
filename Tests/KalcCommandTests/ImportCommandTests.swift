import Foundation
import KalcTestSupport
import XCTest

/// `kalc import` end to end.
final class ImportCommandTests: XCTestCase {
    func testImportPrintsFormattedSourceThatCompiles() throws {
        let folder = try temporaryFolder(self)
        let run = try runKalc(["import", "Tests/Fixtures/golden/basic-inference-config/input"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(run.standardOutput.hasPrefix("import std.templates\n"), run.standardOutput)
        try run.standardOutput.write(toFile: folder + "/imported.kal", atomically: true, encoding: .utf8)
        XCTAssertEqual(try runKalc(["fmt", "--check", "imported.kal"], in: folder).status, 0)
        let compile = try runKalc(["compile", "imported.kal", "--out", "out"], in: folder)
        XCTAssertEqual(compile.status, 0, compile.standardError)
    }

    func testImportWritesToAFile() throws {
        let folder = try temporaryFolder(self)
        let run = try runKalc(["import", repositoryRoot + "/Tests/Fixtures/golden/scheduling/input", "--output", "plane.kal"], in: folder)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardOutput, "")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/plane.kal"))
    }

    func testAnOutputThatIsNotAFileIsWrittenToNotReplaced() throws {
        // `--output /dev/null` or a pipe must stay what it is; a pipe stands in for both here.
        let folder = try temporaryFolder(self)
        let pipe = folder + "/pipe"
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let received = ReceivedText()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: pipe) {
                received.text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
                try? handle.close()
            }
            received.done.signal()
        }
        reader.start()
        let run = try runKalc(["import", repositoryRoot + "/Tests/Fixtures/golden/scheduling/input", "--output", pipe], in: folder)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(received.done.wait(timeout: .now() + 20), .success)
        XCTAssertTrue(received.text.hasPrefix("import std.templates\n"), received.text)
        var status = stat()
        XCTAssertEqual(lstat(pipe, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "the pipe is still a pipe")
    }

    private final class ReceivedText: @unchecked Sendable {
        var text = ""
        let done = DispatchSemaphore(value: 0)
    }

    func testBrokenYAMLIsReportedAtItsPlace() throws {
        let folder = try temporaryFolder(self)
        try FileManager.default.createDirectory(atPath: folder + "/control-plane/main", withIntermediateDirectories: true)
        try "kind: Environment\nmetadata:\n  name: dev\nspec: [a, b\n".write(toFile: folder + "/control-plane/main/env.yaml", atomically: true, encoding: .utf8)
        let run = try runKalc(["import", ".", "--format", "github"], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.standardOutput.hasPrefix("::error file=control-plane/main/env.yaml,line=5,"), run.standardOutput)
        XCTAssertTrue(run.standardOutput.contains("title=K0601"), run.standardOutput)
    }

    func testMissingFolderIsAUsageError() throws {
        XCTAssertEqual(try runKalc(["import", "no/such/folder"]).status, 2)
    }
}
