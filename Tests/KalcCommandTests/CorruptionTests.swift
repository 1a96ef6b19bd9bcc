import Foundation
import KalcTestSupport
import XCTest

/// Randomly corrupted control planes never crash or hang kalc: every run ends, quickly,
/// with exit status 0 or 1.
final class CorruptionTests: XCTestCase {
    /// A small deterministic generator, so a failure can be reproduced from its seed.
    static let insertions: [[UInt8]] = [
        Array("{".utf8), Array("}".utf8), Array("[".utf8), Array("]".utf8), Array("(".utf8), Array("\"".utf8),
        Array("\"\"\"".utf8), Array("=".utf8), Array("@".utf8), [0], [0xFF], [0xC3], [0xE2, 0x82], Array("é".utf8),
        Array("//".utf8), Array("\n".utf8), Array("\\".utf8), Array("target".utf8), Array("environment x".utf8),
    ]

    func corrupt(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var result = bytes
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            guard !result.isEmpty else { break }
            let position = Int.random(in: 0..<result.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0:
                let length = min(Int.random(in: 1...40, using: &generator), result.count - position)
                result.removeSubrange(position..<(position + length))
            case 1:
                result.insert(contentsOf: Self.insertions.randomElement(using: &generator)!, at: position)
            default:
                result[position] = UInt8.random(in: 0...255, using: &generator)
            }
        }
        return result
    }

    func testOneHundredAndFiftyCorruptionsOfAnExample() throws {
        let sources = try ["examples/basic-inference/control-plane.kal", "examples/basic-inference/basic-inference.kal"].map {
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/" + $0)))
        }
        let folder = try temporaryFolder(self)
        var generator = SplitMix64(seed: 20_261_122)
        for round in 0..<150 {
            let source = sources[round % sources.count]
            let corrupted = corrupt(source, using: &generator)
            let path = folder + "/case.kal"
            try Data(corrupted).write(to: URL(fileURLWithPath: path))
            for arguments in [["check", "case.kal"], ["fmt", "--check", "case.kal"]] {
                let run = try runKalc(arguments, in: folder, timeout: 10)
                XCTAssertFalse(run.timedOut, "round \(round): \(arguments) hung")
                XCTAssertTrue(run.status == 0 || run.status == 1, "round \(round): \(arguments) exited \(run.status)\n\(run.standardError)")
            }
        }
    }
}
