import XCTest
import KalcJSONSchema

/// Checks kalc's verdicts and error reports against gojsonschema's, recorded by the Go
/// generator for about a hundred schema/instance pairs that exercise every keyword, the
/// draft selection, references, schema errors and Go panics (`gojsonschema-messages.json`),
/// and the schema locations kalc attaches to errors (`kalc-schema-pointers.json`).
final class MessageFixtureTests: XCTestCase {
    private struct ReportedError: Hashable {
        let field, type, description, text: String
    }

    func testErrorReportsMatchGojsonschema() throws {
        guard let cases = try Fixtures.json("gojsonschema-messages.json").arrayValue else {
            return XCTFail("the fixture is not an array")
        }
        XCTAssertGreaterThan(cases.count, 60)
        for entry in cases {
            guard let record = entry.objectValue, let name = record["name"]?.stringValue,
                let schema = record["schema"], let instance = record["instance"], let kind = record["kind"]?.stringValue
            else {
                XCTFail("malformed fixture entry \(entry)")
                continue
            }
            let message = record["message"]?.stringValue
            let expected = Set(
                (record["errors"]?.arrayValue ?? []).compactMap { error -> ReportedError? in
                    guard let fields = error.objectValue else { return nil }
                    return ReportedError(
                        field: fields["field"]?.stringValue ?? "", type: fields["type"]?.stringValue ?? "",
                        description: fields["description"]?.stringValue ?? "", text: fields["text"]?.stringValue ?? "")
                })
            let compiled: JSONSchema
            do {
                compiled = try JSONSchema(schema)
            } catch {
                XCTAssertEqual(error.isGoPanic ? "panic" : "schemaError", kind, name)
                XCTAssertEqual(error.message, message, name)
                continue
            }
            do {
                let violations = try compiled.validate(instance)
                let actual = Set(violations.map { ReportedError(field: $0.field, type: $0.type, description: $0.description, text: $0.gojsonschemaText) })
                XCTAssertEqual(violations.isEmpty ? "valid" : "invalid", kind, name)
                XCTAssertEqual(actual, expected, name)
                XCTAssertEqual(violations.count, expected.count, "\(name): duplicate reports")
            } catch {
                XCTAssertEqual(error.kind == .goPanic ? "panic" : "aborted", kind, name)
                XCTAssertEqual(error.message, message, name)
            }
        }
    }

    func testViolationsPointAtTheFailingKeyword() throws {
        guard let cases = try Fixtures.json("kalc-schema-pointers.json").arrayValue else {
            return XCTFail("the fixture is not an array")
        }
        for entry in cases {
            guard let record = entry.objectValue, let schema = record["schema"], let instance = record["instance"],
                let expected = record["violations"]?.arrayValue
            else {
                XCTFail("malformed fixture entry \(entry)")
                continue
            }
            let violations = try JSONSchema(schema).validate(instance)
            let actual = violations.map { "\($0.gojsonschemaText) @ \($0.schemaDocument.map { $0 + "#" } ?? "")\($0.schemaPointer)" }
            XCTAssertEqual(actual, expected.compactMap(\.stringValue), Fixtures.text(schema))
        }
    }

    func testSchemaErrorsPointAtTheOffendingValue() throws {
        guard let cases = try Fixtures.json("kalc-schema-error-pointers.json").arrayValue else {
            return XCTFail("the fixture is not an array")
        }
        for entry in cases {
            guard let record = entry.objectValue, let schema = record["schema"], let expected = record["error"]?.stringValue else {
                XCTFail("malformed fixture entry \(entry)")
                continue
            }
            do {
                _ = try JSONSchema(schema)
                XCTFail("\(Fixtures.text(schema)) should not compile")
            } catch {
                XCTAssertEqual("\(error.message) @ \(error.pointer)", expected, Fixtures.text(schema))
            }
        }
    }
}
