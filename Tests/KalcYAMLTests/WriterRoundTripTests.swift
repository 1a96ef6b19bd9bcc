import Foundation
import KalcYAML
import XCTest
import KalcTestSupport

/// Strings written by `YAMLWriter` read back as the same string, in every style and place, and
/// are written plain only when independent readers agree that the plain text is that string.
final class WriterRoundTripTests: XCTestCase {
    /// One corpus string and the type its plain form has for PyYAML (YAML 1.1) and Go's yaml.v2
    /// and yaml.v3, as recorded by those libraries: `str` means the same string.
    struct CorpusEntry: Decodable {
        var text: String
        var pyyaml: String
        var yamlV2: String
        var yamlV3: String

        var plainIsStringEverywhere: Bool {
            pyyaml == "str" && yamlV2 == "str" && yamlV3 == "str"
        }
    }

    /// A place in a stream where a scalar can stand: how to build a stream around it and how
    /// to find it again in what is read back.
    struct Place: Sendable {
        var name: String
        var build: @Sendable (YAMLNode) -> [YAMLNode]
        var find: @Sendable ([YAMLNode]) -> YAMLNode?
    }

    static let places: [Place] = [
        Place(
            name: "mapping value",
            build: { [.mapping([("before", .string("x")), ("key", $0), ("after", .string("y"))])] },
            find: { entries($0.first)?[1].value }),
        Place(
            name: "mapping key",
            build: {
                [
                    YAMLNode(
                        content: .mapping([
                            YAMLMappingEntry(key: $0, value: .string("v")),
                            YAMLMappingEntry(key: .string("k"), value: .string("w")),
                        ]))
                ]
            },
            find: { entries($0.first)?[0].key }),
        Place(
            name: "sequence item in a mapping",
            build: { [.mapping([("list", .sequence([.string("a"), $0, .string("b")])), ("next", .string("n"))])] },
            find: { items(entries($0.first)?[0].value)?[1] }),
        Place(
            name: "nested mapping value",
            build: { [.sequence([.mapping([("outer", .mapping([("inner", $0)]))]), .string("z")])] },
            find: { entries(entries(items($0.first)?[0])?[0].value)?[0].value }),
        Place(
            name: "document in a stream",
            build: { [$0, .mapping([("k", $0)]), $0] },
            find: { $0.count == 3 ? $0[2] : nil }),
        Place(
            name: "first document in a stream",
            build: { [$0, .string("second")] },
            find: { $0.count == 2 ? $0[0] : nil }),
        Place(
            name: "last document in a stream",
            build: { [.string("first"), $0] },
            find: { $0.count == 2 ? $0[1] : nil }),
    ]

    static let styles: [YAMLScalarStyle] = [.plain, .singleQuoted, .doubleQuoted, .literal, .folded]

    func testCorpusStringsRoundTripInEveryStyleAndPlace() throws {
        let data = try Data(contentsOf: Fixtures.url("writer/scalar-corpus.json"))
        let corpus = try JSONDecoder().decode([CorpusEntry].self, from: data)
        XCTAssertGreaterThan(corpus.count, 500)
        var writtenPlain = 0
        for entry in corpus {
            for style in Self.styles {
                for place in Self.places {
                    let readStyle = assertRoundTrip(entry.text, style: style, place: place)
                    if readStyle == .plain {
                        writtenPlain += 1
                        XCTAssertTrue(
                            entry.plainIsStringEverywhere,
                            "\(entry.text.debugDescription) written plain, but its plain form reads as "
                                + "\(entry.pyyaml)/\(entry.yamlV2)/\(entry.yamlV3) in PyYAML/yaml.v2/yaml.v3")
                    }
                }
            }
        }
        // The check above means something only if plain output happens at all.
        XCTAssertGreaterThan(writtenPlain, 100)
    }

    /// Random strings over an alphabet of YAML's sensitive characters, from a fixed seed.
    func testGeneratedStringsRoundTrip() {
        let alphabet: [String] = [
            "a", "Z", "0", "9", " ", "  ", "\n", "\n\n", "\t", "\r", "\r\n", ":", ": ", "#", " #", "-", "- ",
            "?", "'", "\"", "\\", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "%", "@", "`", "~", ".",
            "é", "日本", "🎉", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{0}", "\u{1}", "\u{7F}", "\u{A0}",
            "true", "no", "null", "0x1F", "1:30", ".inf", "<<", "=", "---", "...", "{{ .X }}", "e", "+",
        ]
        var random = SplitMix64(seed: 0x5EED_CAFE)
        for _ in 0..<400 {
            let length = Int(random.next() % 8) + 1
            let text = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
            let style = Self.styles[Int(random.next() % UInt64(Self.styles.count))]
            let place = Self.places[Int(random.next() % UInt64(Self.places.count))]
            assertRoundTrip(text, style: style, place: place)
        }
    }

    /// Typed scalars come back as the same text, plain and untagged when their text is a plain
    /// value of another type, tagged when it is not.
    func testTypedScalarsKeepTheirMeaning() throws {
        let cases: [(node: YAMLNode, written: String, readTag: String?, readStyle: YAMLScalarStyle)] = [
            (.integer(42), "42", nil, .plain),
            (.integer(-7), "-7", nil, .plain),
            (.boolean(true), "true", nil, .plain),
            (.boolean(false), "false", nil, .plain),
            (.null, "null", nil, .plain),
            (YAMLNode(content: .scalar("1.5", .plain), tag: YAMLTag.float), "1.5", nil, .plain),
            (YAMLNode(content: .scalar(".inf", .plain), tag: YAMLTag.float), ".inf", nil, .plain),
            (YAMLNode(content: .scalar("0x1F", .plain), tag: YAMLTag.int), "0x1F", nil, .plain),
            (YAMLNode(content: .scalar("", .plain), tag: YAMLTag.null), "", nil, .plain),
            (YAMLNode(content: .scalar("abc", .plain), tag: YAMLTag.int), "abc", YAMLTag.int, .plain),
            (YAMLNode(content: .scalar(" 1", .plain), tag: YAMLTag.int), " 1", YAMLTag.int, .singleQuoted),
            (YAMLNode(content: .scalar("123", .plain), tag: YAMLTag.str), "123", nil, .singleQuoted),
            (YAMLNode(content: .scalar("x", .doubleQuoted), tag: "!custom"), "x", "!custom", .doubleQuoted),
            (YAMLNode(content: .scalar("aGk=", .plain), tag: "tag:yaml.org,2002:binary"), "aGk=", "tag:yaml.org,2002:binary", .plain),
            (YAMLNode(content: .scalar("w", .plain), tag: "tag:example.com,2000:app/wid get"), "w", "tag:example.com,2000:app/wid get", .plain),
        ]
        for testCase in cases {
            let text = try YAMLWriter.string([.mapping([("k", testCase.node)])])
            let value = try XCTUnwrap(entries(try YAMLReader.documents(in: text).first)?.first?.value, text)
            XCTAssertEqual(value.content, .scalar(testCase.written, testCase.readStyle), text)
            XCTAssertEqual(value.tag, testCase.readTag, text)
        }
    }

    /// An empty key with the null tag cannot be plain, so it keeps its tag.
    func testEmptyNullKeyKeepsItsTag() throws {
        let key = YAMLNode(content: .scalar("", .plain), tag: YAMLTag.null)
        let text = try YAMLWriter.string([YAMLNode(content: .mapping([YAMLMappingEntry(key: key, value: .integer(1))]))])
        let read = try XCTUnwrap(entries(try YAMLReader.documents(in: text).first)?.first?.key, text)
        XCTAssertEqual(read.tag, YAMLTag.null, text)
        XCTAssertEqual(read.content, .scalar("", .singleQuoted), text)
    }

    /// Collections come back with the same structure and tags.
    func testCollectionsRoundTrip() throws {
        let document = YAMLNode(
            content: .mapping([
                YAMLMappingEntry(key: .string("seq"), value: YAMLNode(content: .sequence([.string("a"), .integer(1)]), tag: "!list")),
                YAMLMappingEntry(key: .string("map"), value: YAMLNode(content: .mapping([]), tag: "!set")),
                YAMLMappingEntry(key: .sequence([.string("complex"), .string("key")]), value: .sequence([])),
                YAMLMappingEntry(key: .mapping([("a", .string("b"))]), value: .mapping([])),
                YAMLMappingEntry(key: .string("plain seq"), value: YAMLNode(content: .sequence([.null]), tag: YAMLTag.seq)),
                YAMLMappingEntry(key: .string("dup"), value: .integer(1)),
                YAMLMappingEntry(key: .string("dup"), value: .integer(2)),
            ]))
        let text = try YAMLWriter.string([document])
        let read = try XCTUnwrap(try YAMLReader.documents(in: text).first, text).withoutMarks
        var expected = document
        // Default tags are not written, and typed scalars read back untagged.
        if case var .mapping(entries) = expected.content {
            entries[4].value = .sequence([YAMLNode(content: .scalar("null", .plain))])
            entries[0].value = YAMLNode(content: .sequence([.string("a"), .string("1")]), tag: "!list")
            entries[5].value = .string("1")
            entries[6].value = .string("2")
            expected.content = .mapping(entries)
        }
        XCTAssertEqual(read, expected, text)
    }

    // MARK: Helpers

    /// Writes `text` in `style` at `place`, reads it back and checks it is the same untagged
    /// string; returns the style it was read in.
    @discardableResult
    private func assertRoundTrip(
        _ text: String, style: YAMLScalarStyle, place: Place, line: UInt = #line
    ) -> YAMLScalarStyle? {
        let context = "\(text.debugDescription) as \(style) \(place.name)"
        let written: String
        do {
            written = try YAMLWriter.string(place.build(.string(text, style: style)))
        } catch {
            XCTFail("\(context): write failed: \(error)", line: line)
            return nil
        }
        do {
            let documents = try YAMLReader.documents(in: written)
            guard let node = place.find(documents) else {
                XCTFail("\(context): shape changed in \(written.debugDescription)", line: line)
                return nil
            }
            guard case let .scalar(read, readStyle) = node.content else {
                XCTFail("\(context): not a scalar in \(written.debugDescription)", line: line)
                return nil
            }
            XCTAssertEqual(read, text, "\(context) in \(written.debugDescription)", line: line)
            XCTAssertNil(node.tag, "\(context) in \(written.debugDescription)", line: line)
            return readStyle
        } catch {
            XCTFail("\(context): \(written.debugDescription) does not read: \(error)", line: line)
            return nil
        }
    }
}

private func entries(_ node: YAMLNode?) -> [YAMLMappingEntry]? {
    if case let .mapping(entries) = node?.content { return entries }
    return nil
}

private func items(_ node: YAMLNode?) -> [YAMLNode]? {
    if case let .sequence(items) = node?.content { return items }
    return nil
}
