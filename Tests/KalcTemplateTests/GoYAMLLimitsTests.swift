import XCTest

@testable import KalcTemplate
@testable import KalcGo
@testable import KalcGoYAML

/// Where kalc deliberately stops short of Go: nesting beyond `GoYAMLV2Decoder.maxDepth`
/// is an error instead of a deep value, and marshalling never recurses on nesting depth.
final class GoYAMLLimitsTests: XCTestCase {
    private func nestedList(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth)
    }

    func testNestingUpToTheLimitDecodes() throws {
        let value = try GoYAML.decodeV2(nestedList(GoYAMLV2Decoder.maxDepth)).get()
        var depth = 0
        var current = value
        while case .slice(let slice) = current, let first = slice.elements.first {
            depth += 1
            current = first
        }
        XCTAssertEqual(depth, GoYAMLV2Decoder.maxDepth)
        XCTAssertEqual(current, .string("x"))
    }

    func testNestingBeyondTheLimitIsAnError() {
        for text in [nestedList(GoYAMLV2Decoder.maxDepth + 1), String(repeating: "- ", count: 5000) + "x"] {
            guard case .failure(let error) = GoYAML.decodeV2(text) else {
                XCTFail("nesting of \(text.count / 2) levels decoded")
                continue
            }
            XCTAssertEqual(error.message, "yaml: exceeded max depth of \(GoYAMLV2Decoder.maxDepth)")
            XCTAssertEqual(KalypsoConfigValue.parse(text), .string(text))
        }
    }

    func testMarshalHandlesNestingFarBeyondTheDecoderLimit() throws {
        let depth = 20000
        var value = GoValue.string("x")
        for _ in 0..<depth {
            value = .slice(GoSlice(elementType: .interface, elements: [value]))
        }
        // yaml.v3 writes a sequence nested in a sequence on the same line ("- - x").
        XCTAssertEqual(try GoYAML.marshal(value), String(repeating: "- ", count: depth) + "x\n")
    }
}
