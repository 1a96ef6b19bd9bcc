import Foundation
import KalcTestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A compile killed while it writes leaves the previous output exactly as it was, and the
/// next compile says what the killed one left behind without removing it.
final class InterruptedCompileTests: XCTestCase {
    /// shop.kal with 300 more workloads: about 1500 files to write.
    static let fleet: String = (0..<300).reduce(shopSource) { source, index in
        source + "\nworkload w\(index) {\n  workspace = \"retail\"\n  source = cp @ \"main\" / \"./workloads/w\(index)\"\n\n"
            + "  target qa in qa {\n    manifests = cp @ \"qa\" / \"./w\(index)\"\n  }\n}\n"
    }

    func staging(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".out.kalc-") }
    }

    func testKilledWhileWritingLeavesThePreviousOutput() throws {
        let folder = try temporaryFolder(self)
        try write([("shop/shop.kal", Array(shopSource.utf8)), ("fleet/fleet.kal", Array(Self.fleet.utf8))], under: folder)
        XCTAssertEqual(try runKalc(["compile", "shop", "--out", "out"], in: folder).status, 0)
        let previous = tree(of: folder + "/out")

        var killedWhileWriting = false
        for _ in 0..<3 where !killedWhileWriting {
            let process = Process()
            process.executableURL = kalcExecutable
            process.arguments = ["compile", "fleet", "--out", "out"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            // Wait until the staging folder holds files, then kill without warning.
            while process.isRunning && Date() < deadline {
                if let first = staging(in: folder).first,
                   FileManager.default.fileExists(atPath: folder + "/" + first + "/control-plane") {
                    kill(process.processIdentifier, SIGKILL)
                    killedWhileWriting = true
                    break
                }
                usleep(200)
            }
            process.waitUntilExit()
            if !killedWhileWriting || process.terminationReason != .uncaughtSignal {
                // The compile finished first: put the previous output back and try again.
                killedWhileWriting = false
                try FileManager.default.removeItem(atPath: folder + "/out")
                XCTAssertEqual(try runKalc(["compile", "shop", "--out", "out"], in: folder).status, 0)
            }
        }
        XCTAssertTrue(killedWhileWriting, "kalc was never caught writing")
        XCTAssertEqual(tree(of: folder + "/out"), previous, "the previous output changed")
        XCTAssertFalse(staging(in: folder).isEmpty, "the killed compile left its staging folder")

        // The killed compile's folder holds files no manifest lists (one of them perhaps cut
        // short): kalc cannot prove it is its own and complete, so it stays, with a warning.
        let abandoned = staging(in: folder)
        let next = try runKalc(["compile", "shop", "--out", "out"], in: folder)
        XCTAssertEqual(next.status, 0, next.standardError)
        XCTAssertTrue(next.standardError.contains("warning[K0915]: left \(folder)/\(abandoned[0]) in place"), next.standardError)
        XCTAssertEqual(staging(in: folder), abandoned, "the abandoned staging folder is kept")
        XCTAssertEqual(tree(of: folder + "/out"), previous)
    }

    /// SIGINT (Ctrl-C) or SIGTERM while kalc writes: the previous output stays as it was,
    /// kalc removes its own staging folder, every file of which it wrote whole, and ends by
    /// the signal.
    func testInterruptedBySignalRemovesItsOwnStagingFolder() throws {
        for signal in [SIGINT, SIGTERM] {
            let folder = try temporaryFolder(self)
            try write([("shop/shop.kal", Array(shopSource.utf8)), ("fleet/fleet.kal", Array(Self.fleet.utf8))], under: folder)
            XCTAssertEqual(try runKalc(["compile", "shop", "--out", "out"], in: folder).status, 0)
            let previous = tree(of: folder + "/out")
            var interrupted = false
            for _ in 0..<3 where !interrupted {
                let process = Process()
                process.executableURL = kalcExecutable
                process.arguments = ["compile", "fleet", "--out", "out"]
                process.currentDirectoryURL = URL(fileURLWithPath: folder)
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                let deadline = Date().addingTimeInterval(60)
                while process.isRunning && Date() < deadline {
                    if let first = staging(in: folder).first,
                       FileManager.default.fileExists(atPath: folder + "/" + first + "/control-plane") {
                        kill(process.processIdentifier, signal)
                        interrupted = true
                        break
                    }
                    usleep(200)
                }
                process.waitUntilExit()
                if !interrupted || process.terminationReason != .uncaughtSignal {
                    interrupted = false
                    try FileManager.default.removeItem(atPath: folder + "/out")
                    XCTAssertEqual(try runKalc(["compile", "shop", "--out", "out"], in: folder).status, 0)
                } else {
                    XCTAssertEqual(process.terminationStatus, signal, "kalc ends by the signal")
                }
            }
            XCTAssertTrue(interrupted, "kalc was never caught writing")
            XCTAssertEqual(tree(of: folder + "/out"), previous, "the previous output changed")
            XCTAssertEqual(staging(in: folder), [], "the interrupted compile removed its staging folder")
        }
    }
}
