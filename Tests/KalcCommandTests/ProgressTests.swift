import Foundation
import KalcTestSupport
import XCTest

/// The progress line of `kalc check` and `kalc compile`, seen through a pseudo-terminal
/// (`script`), and its absence on a pipe and with machine formats.
final class ProgressTests: XCTestCase {
    /// Runs kalc with `arguments` on a pseudo-terminal and returns everything it printed there.
    func onTerminal(_ arguments: [String], in directory: String = repositoryRoot) throws -> (status: Int32, output: String) {
        let command = ([kalcExecutable.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let clearLine = "\r\u{1B}[2K"

    func testCheckShowsEachPhaseAndHowFarThenClearsTheLine() throws {
        let run = try onTerminal(["check", "examples/edge-fleet", "--progress-delay", "0"])
        XCTAssertEqual(run.status, 0, run.output)
        for phase in [
            "[1/5] reading files", "[2/5] parsing 7 files", "[3/5] checking 7 files", "[4/5] scheduling 2 environments",
            "[5/5] checking config and templates of 12 assignments",
        ] {
            XCTAssertTrue(run.output.contains(Self.clearLine + "kalc: " + phase + " ("), "\(phase) in \(run.output.debugDescription)")
        }
        // The last thing printed clears the line.
        XCTAssertTrue(run.output.hasSuffix(Self.clearLine), run.output.debugDescription)
    }

    func testCompileClearsTheLineBeforeItsSummary() throws {
        let folder = try temporaryFolder(self)
        let run = try onTerminal(["compile", repositoryRoot + "/examples/basic-inference", "--out", folder + "/out", "--progress-delay", "0"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertTrue(run.output.contains("kalc: [7/7] writing "), run.output.debugDescription)
        let summary = try XCTUnwrap(run.output.range(of: "compiled 2 environments"))
        XCTAssertTrue(run.output[..<summary.lowerBound].hasSuffix(Self.clearLine), run.output.debugDescription)
        XCTAssertFalse(run.output[summary.lowerBound...].contains("kalc: ["), run.output.debugDescription)
    }

    func testDiagnosticsAreNotInterleavedWithTheLine() throws {
        let folder = try temporaryFolder(self)
        try "environment qa {\n  gitops = nowhere\n}\n".write(toFile: folder + "/broken.kal", atomically: true, encoding: .utf8)
        let run = try onTerminal(["check", "--progress-delay", "0"], in: folder)
        XCTAssertEqual(run.status, 1, run.output)
        let report = try XCTUnwrap(run.output.range(of: "error["))
        XCTAssertTrue(run.output[..<report.lowerBound].hasSuffix(Self.clearLine), run.output.debugDescription)
        XCTAssertFalse(run.output[report.lowerBound...].contains("kalc: ["), run.output.debugDescription)
    }

    func testAShortRunShowsNothing() throws {
        let run = try onTerminal(["check", "examples/basic-inference"])
        XCTAssertEqual(run.status, 0)
        XCTAssertFalse(run.output.contains("kalc: ["), run.output.debugDescription)
    }

    func testNothingForMachinesOrOnAPipe() throws {
        for format in ["json", "sarif", "github"] {
            let run = try onTerminal(["check", "examples/edge-fleet", "--format", format, "--progress-delay", "0"])
            XCTAssertEqual(run.status, 0, format)
            XCTAssertFalse(run.output.contains("kalc: ["), "\(format): \(run.output.debugDescription)")
        }
        let piped = try runKalc(["check", "examples/edge-fleet", "--progress-delay", "0"])
        XCTAssertEqual(piped.status, 0)
        XCTAssertEqual(piped.standardError, "")
    }
}
