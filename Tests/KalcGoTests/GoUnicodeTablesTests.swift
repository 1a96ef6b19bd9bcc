import Foundation
import XCTest

/// `Sources/KalcGo/Unicode/GoUnicodeTables.swift` is what `scripts/generate-go-unicode-tables.go`
/// writes with the Go the reference is built with (Go 1.19, Unicode 13.0.0).
final class GoUnicodeTablesTests: XCTestCase {
    private static let goVersion = "go1.19"

    func testCheckedInTablesAreWhatTheGeneratorWrites() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard let go = Self.findGo() else {
            throw XCTSkip("no \(Self.goVersion) toolchain (set KALC_GO, or install Debian's golang-1.19-go): the Unicode tables were not regenerated")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: go)
        process.arguments = ["run", "scripts/generate-go-unicode-tables.go"]
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["GO111MODULE"] = "off"
        environment["GOFLAGS"] = ""
        if environment["GOCACHE"] == nil { environment["GOCACHE"] = FileManager.default.temporaryDirectory.appendingPathComponent("kalc-gocache").path }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let generated = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "the generator failed")
        let checkedIn = try Data(contentsOf: root.appendingPathComponent("Sources/KalcGo/Unicode/GoUnicodeTables.swift"))
        XCTAssertTrue(
            generated == checkedIn,
            "GoUnicodeTables.swift is stale: run `go run scripts/generate-go-unicode-tables.go > Sources/KalcGo/Unicode/GoUnicodeTables.swift` with \(Self.goVersion)")
    }

    /// A `go` of the reference's version: `KALC_GO`, Debian's versioned toolchain, or `go` on the PATH.
    private static func findGo() -> String? {
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["KALC_GO"] { candidates.append(configured) }
        candidates.append("/usr/lib/go-1.19/bin/go")
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(String(directory) + "/go")
        }
        return candidates.first { path in
            FileManager.default.isExecutableFile(atPath: path) && version(of: path)?.hasPrefix(goVersion + ".") == true
        }
    }

    private static func version(of go: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: go)
        process.arguments = ["env", "GOVERSION"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
