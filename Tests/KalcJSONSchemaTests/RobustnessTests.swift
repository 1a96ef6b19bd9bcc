import Foundation
import KalcJSON
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

    /// On a thread with the default stack size, validation ends as on the main thread, none
    /// overflowing the stack: a nested instance validates, one nesting as deep as validation
    /// goes before it stops is an error, and so is a schema nested past its limit.
    func testValidationFitsASecondaryThreadStack() throws {
        let schema = try JSONSchema(parsing: ##"{"items": {"$ref": "#"}, "properties": {"a": {"$ref": "#"}}}"##)
        let nested = { (depth: Int) in try JSONParser.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)) }
        let shallow = try nested(JSONSchema.maxValidationDepth / 4)
        let deepest = try nested(JSONSchema.maxValidationDepth)
        let deepSchema = String(repeating: #"{"not": "#, count: 450) + "{}" + String(repeating: "}", count: 450)
        let outcomes = Outcomes()
        let finished = expectation(description: "validated on a thread with the default stack size")
        let thread = Thread {
            outcomes.record(Result { try schema.validate(shallow).map(\.type) })
            outcomes.record(Result { try schema.validate(deepest).map(\.type) })
            outcomes.record(Result { try JSONSchema(parsing: deepSchema) }.map { _ in [String]() })
            finished.fulfill()
        }
        thread.start()
        wait(for: [finished], timeout: 60)
        let results = outcomes.all
        XCTAssertEqual(results.count, 3)
        guard results.count == 3 else { return }
        XCTAssertEqual(try results[0].get(), [])
        XCTAssertThrowsError(try results[1].get()) { error in
            XCTAssertEqual((error as? SchemaValidationError)?.kind, .tooDeep)
        }
        XCTAssertThrowsError(try results[2].get()) { error in
            XCTAssertEqual((error as? SchemaError)?.message, "schema nests deeper than \(JSONSchema.maxSchemaDepth) levels")
        }
    }

    /// What a thread found, read after it finished.
    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<[String], Error>] = []

        func record(_ result: Result<[String], Error>) {
            lock.withLock { results.append(result) }
        }

        var all: [Result<[String], Error>] { lock.withLock { results } }
    }
}
