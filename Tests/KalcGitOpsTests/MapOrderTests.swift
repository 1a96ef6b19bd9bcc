import KalcDiagnostics
import XCTest

/// sprig's `keys` and `values` walk a Go map, whose order Go leaves to chance: Kalypso
/// pushes a different manifest on every reconcile where that order reaches the output. kalc
/// writes the sorted order and warns there, naming the deployments.
final class MapOrderTests: XCTestCase {
    func testKeysAndValuesWhoseOrderReachesTheOutputAreWarnings() {
        TemplateHarness.check(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        keys: {{ 1️⃣keys .ConfigData | join "," }}
                        values: {{ 2️⃣values .ConfigData | join "," }}
                        sorted: {{ keys .ConfigData | sortAlpha | join "," }}
                        sorted2: {{ sortAlpha (values .ConfigData) | join "," }}
                        count: {{ len (keys .ConfigData) }}
                        \"\"\"
                    """, config: "    tier = gold"),
            [
                ("1️⃣", .mapOrderInOutput, "template `custom` writes the result of `keys` in Go's random map order for deployment target `app-qa` on `west-us` in `qa`"),
                ("2️⃣", .mapOrderInOutput, "writes the result of `values` in Go's random map order"),
            ])
    }

    func testAMapWithOneKeyHasOneOrder() {
        TemplateHarness.check(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        keys: {{ keys .ConfigData | join "," }}
                        \"\"\"
                    """), [])
    }

    func testTheOutputStaysSorted() throws {
        let inputs = CompileInputs(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        keys: {{ keys .ConfigData | join "," }}
                        \"\"\"
                    """, config: "    tier = gold"))
        let tree = try XCTUnwrap(inputs.compile().trees.first)
        XCTAssertEqual(tree.files["west-us/app-qa/reconciler.yaml"], "keys: region_name,tier\n")
    }
}

/// A `!!binary` config value decodes to bytes; Go keeps them in its string as they are,
/// and writes them raw (the reference writes the byte 0xFF for `/2E=`). kalc's strings are
/// Unicode: bytes that are not UTF-8 are an error rather than other bytes.
final class BinaryConfigTests: XCTestCase {
    func testBinaryBytesThatAreNotUTF8AreRefused() {
        TemplateHarness.check(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        v: {{ .ConfigData.blob.k }}
                        \"\"\"
                    """, config: #"    1️⃣blob = "{k: !!binary /2E=}""#),
            [
                ("1️⃣", .configValueBecomesStructure, "Kalypso reads the string value of `blob` as a YAML map"),
                ("1️⃣", .bytesNotUTF8, "config value `blob` holds `!!binary` bytes that are not UTF-8"),
            ])
    }

    func testBinaryBytesThatAreUTF8RenderAsGoRendersThem() throws {
        let inputs = CompileInputs(
            TemplateHarness.project(
                template: """
                      manifest \"\"\"
                        v: {{ .ConfigData.blob.k }}
                        \"\"\"
                    """, config: #"    blob = "{k: !!binary w6lh}""#))
        let compilation = inputs.compile()
        XCTAssertFalse(compilation.diagnostics.contains { $0.code == .bytesNotUTF8 })
        XCTAssertEqual(compilation.trees.first?.files["west-us/app-qa/reconciler.yaml"], "v: éa\n")
    }
}
