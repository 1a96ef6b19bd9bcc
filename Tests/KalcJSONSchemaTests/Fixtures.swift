import Foundation
import KalcJSON
import KalcJSONSchema

/// Loads test fixtures relative to this file, so the tests work wherever the folder is copied.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }

    static func json(_ relativePath: String) throws -> JSONValue {
        try JSONParser.parse(bytes: Array(data(relativePath)))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
        try JSONDecoder().decode(type, from: data(relativePath))
    }

    /// The compact JSON text of a value (keys in document order, numbers as written).
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.text
        case .string(let string):
            var out = ""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return "\"" + out + "\""
        case .array(let elements): return "[" + elements.map(text).joined(separator: ",") + "]"
        case .object(let object): return "{" + object.map { text(.string($0.key)) + ":" + text($0.value) }.joined(separator: ",") + "}"
        }
    }
}

/// gojsonschema's answer for a schema and an instance, in the form the fixtures record it.
struct GojsonschemaOutcome: Equatable, CustomStringConvertible {
    /// valid, invalid, schemaError or panic.
    var kind: String
    /// Sorted error lines for invalid, the message otherwise.
    var lines: [String]

    var description: String { "\(kind) \(lines)" }

    /// kalc's answer, in the same form.
    static func kalc(schema: JSONValue, instance: JSONValue) -> GojsonschemaOutcome {
        let compiled: JSONSchema
        do {
            compiled = try JSONSchema(schema)
        } catch {
            return GojsonschemaOutcome(kind: error.isGoPanic ? "panic" : "schemaError", lines: [error.message])
        }
        do {
            let violations = try compiled.validate(instance)
            if violations.isEmpty { return GojsonschemaOutcome(kind: "valid", lines: []) }
            return GojsonschemaOutcome(kind: "invalid", lines: violations.map(\.gojsonschemaText).sorted(by: goLess))
        } catch {
            return GojsonschemaOutcome(kind: error.kind == .goPanic ? "panic" : "aborted", lines: [error.message])
        }
    }

    /// Go's string order (bytewise), which the fixtures are sorted in.
    static func goLess(_ a: String, _ b: String) -> Bool {
        Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }
}
