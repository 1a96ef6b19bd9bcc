import Foundation
import XCTest

@testable import KalcTemplate
@testable import KalcGo
@testable import KalcGoYAML

/// Reading the GoYAML fixture tables (Fixtures/goyaml/*.json, written by Go itself) and
/// the typed value descriptions they hold:
///
///     {"t":"nil"}   {"t":"bool","v":true}   {"t":"int","v":"5"} (also int64, uint64)
///     {"t":"float64","v":"1e+06"}   {"t":"string","v":"..."}
///     {"t":"[]interface {}","items":[...]}   {"t":"map[string]interface {}","entries":[[k, v], ...]}
///     {"t":"main.dataType","fields":[{"name":"F","type":"string","value":...}]}
enum GoYAMLFixtures {
    struct FixtureError: Error, CustomStringConvertible {
        var description: String
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/goyaml")

    /// The cases of one fixture file, each a JSON object.
    static func cases(_ file: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        guard let cases = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw FixtureError(description: "\(file) is not a list of objects")
        }
        return cases
    }

    /// Parses a Go type as `reflect.Type.String()` prints it.
    static func type(_ text: String) throws -> GoType {
        var rest = Substring(text)
        let parsed = try parseType(&rest)
        guard rest.isEmpty else { throw FixtureError(description: "trailing text in type \(text)") }
        return parsed
    }

    private static func parseType(_ text: inout Substring) throws -> GoType {
        let simple: [(String, GoType)] = [
            ("interface {}", .interface), ("bool", .bool), ("int64", .int64), ("uint64", .uint64), ("int", .int),
            ("float64", .float64), ("string", .string),
        ]
        if text.hasPrefix("[]") {
            text = text.dropFirst(2)
            return .slice(try parseType(&text))
        }
        if text.hasPrefix("map[") {
            text = text.dropFirst(4)
            let key = try parseType(&text)
            guard text.hasPrefix("]") else { throw FixtureError(description: "bad map type") }
            text = text.dropFirst()
            return .map(key: key, value: try parseType(&text))
        }
        for (name, type) in simple where text.hasPrefix(name) {
            text = text.dropFirst(name.count)
            return type
        }
        let name = text.prefix { $0 != "]" }
        text = text.dropFirst(name.count)
        return .named(String(name))
    }

    private static func string(_ object: [String: Any], _ key: String) throws -> String {
        guard let value = object[key] as? String else { throw FixtureError(description: "missing \(key) in \(object)") }
        return value
    }

    /// Builds the GoValue a description stands for.
    static func value(_ any: Any?) throws -> GoValue {
        guard let object = any as? [String: Any] else { throw FixtureError(description: "not a value: \(String(describing: any))") }
        let t = try string(object, "t")
        switch t {
        case "nil":
            return .nil
        case "bool":
            guard let b = object["v"] as? Bool else { throw FixtureError(description: "bad bool") }
            return .bool(b)
        case "int":
            guard let i = Int(try string(object, "v")) else { throw FixtureError(description: "bad int") }
            return .int(i)
        case "int64":
            guard let i = Int64(try string(object, "v")) else { throw FixtureError(description: "bad int64") }
            return .int64(i)
        case "uint64":
            guard let u = UInt64(try string(object, "v")) else { throw FixtureError(description: "bad uint64") }
            return .uint64(u)
        case "float64":
            return .float64(try float(try string(object, "v")))
        case "string":
            return .string(try string(object, "v"))
        default:
            break
        }
        let type = try self.type(t)
        switch type {
        case .slice(let element):
            let items = object["items"] as? [Any] ?? []
            return .slice(GoSlice(elementType: element, elements: try items.map { try value($0) }))
        case .map(let key, let valueType):
            var map = GoMap(keyType: key, valueType: valueType)
            for entry in object["entries"] as? [[Any]] ?? [] {
                guard entry.count == 2 else { throw FixtureError(description: "bad map entry") }
                map.entries[try value(entry[0])] = try value(entry[1])
            }
            return .map(map)
        default:
            var fields: [GoStruct.Field] = []
            for field in object["fields"] as? [[String: Any]] ?? [] {
                fields.append(
                    GoStruct.Field(name: try string(field, "name"), type: try self.type(try string(field, "type")), value: try value(field["value"])))
            }
            return .structure(GoStruct(typeName: t, fields: fields))
        }
    }

    static func float(_ text: String) throws -> Double {
        switch text {
        case "NaN": return .nan
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            guard let f = Double(text) else { throw FixtureError(description: "bad float \(text)") }
            return f
        }
    }

    /// Structural equality with Go's types kept apart and any NaN equal to any NaN.
    static func same(_ a: GoValue, _ b: GoValue) -> Bool {
        switch (a, b) {
        case let (.float64(x), .float64(y)):
            return x.isNaN && y.isNaN || x.bitPattern == y.bitPattern
        case let (.slice(x), .slice(y)):
            return x.elementType == y.elementType && x.elements.count == y.elements.count
                && zip(x.elements, y.elements).allSatisfy { same($0, $1) }
        case let (.map(x), .map(y)):
            guard x.keyType == y.keyType, x.valueType == y.valueType, x.entries.count == y.entries.count else { return false }
            let xs = x.entries.map { (render($0.key), $0.value) }.sorted { $0.0 < $1.0 }
            let ys = y.entries.map { (render($0.key), $0.value) }.sorted { $0.0 < $1.0 }
            return zip(xs, ys).allSatisfy { $0.0 == $1.0 && same($0.1, $1.1) }
        case let (.structure(x), .structure(y)):
            return x.typeName == y.typeName && x.fields.count == y.fields.count
                && zip(x.fields, y.fields).allSatisfy { $0.name == $1.name && $0.type == $1.type && same($0.value, $1.value) }
        default:
            return a == b
        }
    }

    /// A one-line typed rendering for failure messages (and map-entry ordering).
    static func render(_ value: GoValue) -> String {
        switch value {
        case .nil: return "nil"
        case .bool(let b): return "bool(\(b))"
        case .int(let i): return "int(\(i))"
        case .int64(let i): return "int64(\(i))"
        case .uint64(let u): return "uint64(\(u))"
        case .float64(let f): return "float64(\(f.isNaN ? "NaN" : String(f.bitPattern, radix: 16)))"
        case .string(let s): return "string(\(s.debugDescription))"
        case .slice(let slice):
            return GoYAMLTypeName.of(.slice(slice.elementType)) + "{" + slice.elements.map(render).joined(separator: ", ") + "}"
        case .map(let map):
            let entries = map.entries.map { render($0.key) + ": " + render($0.value) }.sorted()
            return GoYAMLTypeName.of(.map(key: map.keyType, value: map.valueType)) + "{" + entries.joined(separator: ", ") + "}"
        case .structure(let structure):
            return structure.typeName + "{" + structure.fields.map { $0.name + ": " + render($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
