import KalcTextDiff
import XCTest

/// The line diff checked by what its changes do: applied to the old text they give the new
/// one, and they keep every line the texts share outside them.
final class LineDiffTests: XCTestCase {
    /// The new text rebuilt from the old one and the changes.
    private func applying(_ changes: [LineChange], old: Lines, new: Lines) -> [UInt8] {
        var result: [UInt8] = []
        var oldIndex = 0
        for change in changes {
            XCTAssertGreaterThanOrEqual(change.oldStart, oldIndex)
            for index in oldIndex..<change.oldStart { result += old[index] }
            for index in change.newStart..<(change.newStart + change.newCount) { result += new[index] }
            oldIndex = change.oldStart + change.oldCount
        }
        for index in oldIndex..<old.count { result += old[index] }
        return result
    }

    private func changes(_ old: String, _ new: String) -> [LineChange] {
        let oldLines = Lines(Array(old.utf8))
        let newLines = Lines(Array(new.utf8))
        let changes = LineDiff.changes(old: oldLines, new: newLines)
        XCTAssertEqual(applying(changes, old: oldLines, new: newLines), Array(new.utf8), "\(old) → \(new)")
        return changes
    }

    func testEqualTextsHaveNoChanges() {
        XCTAssertEqual(changes("a\nb\n", "a\nb\n"), [])
        XCTAssertEqual(changes("", ""), [])
    }

    func testOneReplacedLineIsOneChange() {
        XCTAssertEqual(changes("a\nb\nc\n", "a\nB\nc\n"), [LineChange(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1)])
    }

    func testInsertionsAndRemovalsAreSeparateChanges() {
        XCTAssertEqual(
            changes("a\nb\nc\nd\n", "a\nx\nb\nd\n"),
            [LineChange(oldStart: 1, oldCount: 0, newStart: 1, newCount: 1), LineChange(oldStart: 2, oldCount: 1, newStart: 3, newCount: 0)])
    }

    func testALastLineWithoutNewlineDiffersFromOneWith() {
        XCTAssertEqual(changes("a\nb", "a\nb\n"), [LineChange(oldStart: 1, oldCount: 1, newStart: 1, newCount: 1)])
    }

    func testAnAddedGroupSlidesDownLikeGits() {
        // git shows the added `b` after the existing one.
        XCTAssertEqual(changes("a\nb\nc\n", "a\nb\nb\nc\n"), [LineChange(oldStart: 2, oldCount: 0, newStart: 2, newCount: 1)])
    }

    func testRandomTextsAreRebuiltFromTheirChanges() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a\n", "b\n", "c\n", "}\n", "\n", "  x\n"]
        for _ in 0..<300 {
            let old = (0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let new = (0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            _ = changes(old, new)
        }
    }
}
