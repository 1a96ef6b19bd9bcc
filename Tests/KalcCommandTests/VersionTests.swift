import Foundation
import KalcTestSupport
import XCTest

/// `kalc --version` names kalc's version, the commit it was built from, and the libgit2 and
/// libyaml it runs with.
final class VersionTests: XCTestCase {
    /// What pkg-config says of a library, the one this build links.
    func moduleVersion(_ library: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pkg-config", "--modversion", library]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testVersionNamesTheCommitAndTheLibraries() throws {
        let run = try runKalc(["--version"])
        XCTAssertEqual(run.status, 0)
        // A build from a working tree; scripts/release.sh writes the commit into its copy of the sources.
        let source = try repositoryFile("Sources/KalcCommand/Kalc.swift")
        let declared = try XCTUnwrap(source.range(of: "public let kalcVersion = \""))
        let version = source[declared.upperBound...].prefix { $0 != "\"" }
        let expected = "\(version) (commit unknown: built from a working tree, libgit2 \(try moduleVersion("libgit2")), libyaml \(try moduleVersion("yaml-0.1")))\n"
        XCTAssertEqual(run.standardOutput, expected)
    }
}
