import KalcYAML
import XCTest

/// Whole documents read from `Fixtures/reader/<case>.yaml` and compared with the tree dump in
/// `<case>.tree`: structure, tags, styles, aliases and marks.
final class ReaderStructureTests: XCTestCase {
    func testFixtureStreamsReadAsRecorded() throws {
        let names = try Fixtures.names(in: "reader", withExtension: "yaml")
        XCTAssertFalse(names.isEmpty, "no reader fixtures found")
        for name in names {
            let source = try Fixtures.text("reader/\(name).yaml")
            do {
                let documents = try YAMLReader.documents(in: source)
                Fixtures.assertMatches(TreeDump.dump(documents), fixture: "reader/\(name).tree")
            } catch {
                XCTFail("reader/\(name).yaml: \(error)")
            }
        }
    }

    func testEmptyAndCommentOnlyStreamsHaveNoDocuments() throws {
        XCTAssertEqual(try YAMLReader.documents(in: ""), [])
        XCTAssertEqual(try YAMLReader.documents(in: "# only a comment\n\n"), [])
    }

    func testAnEmptyDocumentIsAnEmptyPlainScalar() throws {
        let documents = try YAMLReader.documents(in: "---\n...\n---\n")
        XCTAssertEqual(documents.map(\.content), [.scalar("", .plain), .scalar("", .plain)])
    }

    /// An alias is a copy of its anchored node: same content and tag as the anchored one.
    func testAliasesAreCopiesOfTheirAnchoredNodes() throws {
        let documents = try YAMLReader.documents(in: "a: &x !t {k: [1, 2]}\nb: *x\nc: &x other\nd: *x\n")
        guard case let .mapping(entries) = try XCTUnwrap(documents.first).content else {
            return XCTFail("not a mapping")
        }
        XCTAssertEqual(entries[1].value.withoutMarks, entries[0].value.withoutMarks)
        XCTAssertEqual(entries[1].value.tag, "!t")
        XCTAssertEqual(entries[3].value.content, .scalar("other", .plain))
    }

    /// Anchors belong to their document.
    func testAnchorsDoNotReachIntoLaterDocuments() {
        XCTAssertThrowsError(try YAMLReader.documents(in: "a: &x 1\n---\nb: *x\n")) { error in
            XCTAssertEqual((error as? YAMLError)?.message, "found undefined alias \"x\"")
        }
    }

    /// Aliases that stay within the limits expand fully, even when they multiply.
    func testModerateAliasFanOutExpands() throws {
        var source = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (name, previous) in zip(["b", "c", "d"], ["a", "b", "c"]) {
            source += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let documents = try YAMLReader.documents(in: source)
        // The root, four keys, and 11, 111, 1,111 and 11,111 nodes under them.
        XCTAssertEqual(documents.first?.allNodes.count, 12_349)
    }
}
