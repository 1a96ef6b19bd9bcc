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

    /// Compiles `fleet` over the output of `shop` and sends `signal` once kalc writes;
    /// tries again (with the previous output put back) when the compile finished first.
    /// Returns the process that the signal ended, if one was caught writing.
    func interruptWhileWriting(in folder: String, with signal: Int32) throws -> Process? {
        for _ in 0..<3 {
            let process = Process()
            process.executableURL = kalcExecutable
            process.arguments = ["compile", "fleet", "--out", "out"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            var sent = false
            // Wait until the staging folder holds files, then send the signal.
            while process.isRunning && Date() < deadline {
                if let first = staging(in: folder).first,
                    FileManager.default.fileExists(atPath: folder + "/" + first + "/control-plane")
                {
                    kill(process.processIdentifier, signal)
                    sent = true
                    break
                }
                usleep(200)
            }
            process.waitUntilExit()
            if sent && process.terminationReason == .uncaughtSignal { return process }
            try FileManager.default.removeItem(atPath: folder + "/out")
            XCTAssertEqual(try runKalc(["compile", "shop", "--out", "out"], in: folder).status, 0)
        }
        return nil
    }

    /// A folder with `shop` compiled into `out`, and `fleet` beside it; the output's tree.
    func compiledShopBesideFleet() throws -> (folder: String, previous: [String: Data]) {
        let folder = try temporaryFolder(self)
        try write([("shop/shop.kal", Array(shopSource.utf8)), ("fleet/fleet.kal", Array(Self.fleet.utf8))], under: folder)
        XCTAssertEqual(try runKalc(["compile", "shop", "--out", "out"], in: folder).status, 0)
        return (folder, tree(of: folder + "/out"))
    }

    func testKilledWhileWritingLeavesThePreviousOutput() throws {
        let (folder, previous) = try compiledShopBesideFleet()
        XCTAssertNotNil(try interruptWhileWriting(in: folder, with: SIGKILL), "kalc was never caught writing")
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
            let (folder, previous) = try compiledShopBesideFleet()
            let process = try interruptWhileWriting(in: folder, with: signal)
            XCTAssertNotNil(process, "kalc was never caught writing")
            XCTAssertEqual(process?.terminationStatus, signal, "kalc ends by the signal")
            XCTAssertEqual(tree(of: folder + "/out"), previous, "the previous output changed")
            XCTAssertEqual(staging(in: folder), [], "the interrupted compile removed its staging folder")
        }
    }
}
