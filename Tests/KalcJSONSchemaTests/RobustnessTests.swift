import Foundation
import XCTest
import KalcJSONSchema

/// Hostile inputs end in errors, never in crashes or hangs: deep nesting, `$ref` cycles,
/// pathological regular expressions, and validation on threads with small stacks.
final class RobustnessTests: XCTestCase {
    func testHundredThousandNestedArraysAreAnError() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(text)) { error in
            XCTAssertEqual((error as? JSONParseError)?.message, "invalid character '[' exceeded max depth")
        }
        XCTAssertThrowsError(try JSONSchema(parsing: text))
    }

    func testReferenceCyclesStopWithAnError() throws {
        let cycles = [
            ##"{"$ref": "#"}"##,
            ##"{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}"##,
            ##"{"definitions": {"a": {"allOf": [{"$ref": "#/definitions/a"}]}}, "anyOf": [{"$ref": "#/definitions/a"}]}"##,
            ##"{"$id": "http://example.com/x", "not": {"$ref": "http://example.com/x"}}"##,
        ]
        for text in cycles {
            let schema = try JSONSchema(parsing: text)
            XCTAssertThrowsError(try schema.validate(.array([]))) { error in
                XCTAssertEqual((error as? SchemaValidationError)?.kind, .infiniteRecursion, text)
            }
        }
        // Recursion that descends into the instance ends with it.
        let tree = try JSONSchema(parsing: ##"{"properties": {"child": {"$ref": "#"}}, "required": ["leaf"]}"##)
        let instance = try JSONParser.parse(##"{"child": {"child": {"leaf": 1}, "leaf": 2}, "leaf": 3}"##)
        XCTAssertEqual(try tree.validate(instance), [])
    }

    func testDeepSchemasAndInstancesStopWithAnError() throws {
        let deepSchema = String(repeating: #"{"items": "#, count: 2_000) + "{}" + String(repeating: "}", count: 2_000)
        XCTAssertThrowsError(try JSONSchema(parsing: deepSchema))
        let schema = try JSONSchema(parsing: ##"{"items": {"$ref": "#"}}"##)
        let deepInstance = try JSONParser.parse(String(repeating: "[", count: 9_000) + String(repeating: "]", count: 9_000))
        XCTAssertThrowsError(try schema.validate(deepInstance)) { error in
            XCTAssertEqual((error as? SchemaValidationError)?.kind, .tooDeep)
        }
    }

    /// A schema nested as deep as Go's JSON reader allows is refused in time linear in its
    /// size: each level is visited once, not looked up again from the root.
    func testTheDeepestSchemaIsRefusedInLinearTime() {
        let deepSchema = String(repeating: #"{"items": "#, count: 9_990) + "{}" + String(repeating: "}", count: 9_990)
        let started = Date()
        XCTAssertThrowsError(try JSONSchema(parsing: deepSchema))
        XCTAssertLessThan(Date().timeIntervalSince(started), 4)
    }

    func testDeepValuesInEnumAndConstAreCompared() throws {
        let deep = String(repeating: "[", count: 9_000) + String(repeating: "]", count: 9_000)
        let schema = try JSONSchema(parsing: #"{"enum": [1]}"#)
        let violations = try schema.validate(try JSONParser.parse(deep))
        XCTAssertEqual(violations.map(\.type), ["enum"])
        let constant = try JSONSchema(parsing: #"{"const": "# + deep + "}")
        XCTAssertEqual(try constant.validate(try JSONParser.parse(deep)), [])
    }

    func testValidationFitsASecondaryThreadStack() throws {
        let schema = try JSONSchema(parsing: ##"{"items": {"$ref": "#"}, "properties": {"a": {"$ref": "#"}}}"##)
        let nesting = JSONSchema.maxValidationDepth
        let instance = try JSONParser.parse(String(repeating: "[", count: nesting) + String(repeating: "]", count: nesting))
        let finished = expectation(description: "validated on a thread with the default stack size")
        let thread = Thread {
            _ = try? schema.validate(instance)
            _ = try? JSONSchema(parsing: String(repeating: #"{"not": "#, count: 450) + "{}" + String(repeating: "}", count: 450))
            finished.fulfill()
        }
        thread.start()
        wait(for: [finished], timeout: 60)
    }
}
