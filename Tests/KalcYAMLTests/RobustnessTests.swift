import KalcYAML
import XCTest
import KalcTestSupport

/// Damaged input never crashes the reader: it gives a tree or an error whose marks lie inside
/// the text, and whatever it reads the writer writes back to the same structure.
final class RobustnessTests: XCTestCase {
    func testEveryTruncationOfTheFixturesReadsOrFailsCleanly() throws {
        for name in try Fixtures.names(in: "reader", withExtension: "yaml") {
            let bytes = Array(try Fixtures.text("reader/\(name).yaml").utf8)
            for length in 0...bytes.count {
                check(Array(bytes[0..<length]), context: "reader/\(name).yaml cut at \(length)")
            }
        }
    }

    func testRandomDamageToTheFixturesReadsOrFailsCleanly() throws {
        let damage: [UInt8] = Array("[]{}&*!|>:-?#'\"%@`,\t\n\r ".utf8) + [0x00, 0x07, 0xFF, 0xC3, 0xE2, 0x80, 0xA8]
        var random = SplitMix64(seed: 0xBAD_F00D)
        for name in try Fixtures.names(in: "reader", withExtension: "yaml") {
            let original = Array(try Fixtures.text("reader/\(name).yaml").utf8)
            guard !original.isEmpty else {
                continue
            }
            for round in 0..<300 {
                var bytes = original
                for _ in 0...(random.next() % 3) {
                    let position = Int(random.next() % UInt64(bytes.count))
                    bytes[position] = damage[Int(random.next() % UInt64(damage.count))]
                }
                check(bytes, context: "reader/\(name).yaml damage round \(round)")
            }
        }
    }

    private func check(_ bytes: [UInt8], context: String, line: UInt = #line) {
        let documents: [YAMLNode]
        do {
            documents = try YAMLReader.documents(utf8: bytes)
        } catch {
            XCTAssertTrue(error.mark.offset >= 0 && error.mark.offset <= bytes.count, "\(context): \(error)", line: line)
            XCTAssertFalse(error.message.isEmpty, context, line: line)
            return
        }
        for node in documents.flatMap(\.allNodes) {
            XCTAssertTrue(
                0 <= node.start.offset && node.start.offset <= node.end.offset && node.end.offset <= bytes.count,
                "\(context): marks \(node.start) \(node.end)", line: line)
        }
        do {
            let written = try YAMLWriter.string(documents)
            let reread = try YAMLReader.documents(in: written)
            XCTAssertEqual(reread.map(\.shape), documents.map(\.shape), "\(context): \(written.debugDescription)", line: line)
        } catch {
            XCTFail("\(context): \(error)", line: line)
        }
    }
}
