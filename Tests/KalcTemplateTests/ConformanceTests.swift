import Foundation
import XCTest
@testable import KalcTemplate
@testable import KalcGo

/// Runs the conformance table produced by Go itself (`Fixtures/conformance.json`): every
/// case's template, rendered with the same data by the Kalypso oracle, must give the same
/// output or the same error text in kalc.
final class ConformanceTests: XCTestCase {
    /// What kalc does instead of Go's behaviour in a known difference.
    enum KnownDifference {
        /// kalc reports an error of this kind.
        case error(TemplateError.Kind)
        /// kalc produces this output.
        case output(String)
        /// kalc fails with this message (Go 1.25's, where the table has Go 1.19's).
        case message(String)
    }

    /// Cases whose Go behaviour kalc deliberately does not reproduce, with what kalc does
    /// instead and why. Each is still checked.
    static let knownDifferences: [String: (KnownDifference, reason: String)] = [
        "number-complex": (.error(.unsupportedFunction(name: "complex")), "complex constants are not supported"),
        "sprig-trunc-multibyte": (
            .error(.unsupportedFunction(name: "trunc")), "strings are Unicode: a string holding half a character cannot exist, so cutting one apart is an error"
        ),
        "index-string-byte-type": (.output("uint64"), "a byte indexed from a string is a uint64 in kalc's values (Go: uint8); it prints the same"),
        "range-over-int": (.output("xxxxx"), "the table comes from Go 1.19; Kalypso is built with Go 1.25, whose range runs over an integer (Go125Tests)"),
        "call-non-function": (
            .message(#"template: template:1:3: executing "template" at <call .Environment>: error calling call: non-function .Environment of type string"#),
            "the table comes from Go 1.19; Go 1.25's `call` names the callee (funcs.go)"
        ),
    ]

    /// The oracle's message for an endless re-render differs in its prefix only.
    static let oracleMessagePrefix = "oracle: "

    func testConformanceTable() throws {
        let cases = try ConformanceFixture.load()
        var passed = 0
        var failures: [String] = []
        for testCase in cases {
            if let problem = ConformanceFixture.check(testCase) {
                failures.append("\(testCase.name): \(problem)")
            } else {
                passed += 1
            }
        }
        print("conformance: \(passed)/\(cases.count) cases pass")
        for failure in failures { XCTFail(failure) }
        XCTAssertGreaterThanOrEqual(cases.count, 400, "the conformance table is incomplete")
    }
}

/// One case of the fixture.
struct ConformanceCase {
    var name: String
    var mode: String
    var templates: [String]
    var data: GoValue
    var input:
        (
            deploymentTargetName: String, environment: String, clusterType: String,
            labels: [String: String]?, manifests: [String: String]?, configData: GoValue
        )
    var output: String?
    var outputs: [String]?
    var error: String?
}

enum ConformanceFixture {
    static var fixtureURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/conformance.json")
    }

    static func load() throws -> [ConformanceCase] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtureURL)) as? [String: Any]
        guard let cases = json?["cases"] as? [[String: Any]], let datasets = json?["datasets"] as? [String: [String: Any]] else {
            throw FixtureError("no cases in fixture")
        }
        return try cases.map { c in
            guard let id = c["dataset"] as? String, let dataset = datasets[id] else { throw FixtureError("missing dataset") }
            return try decodeCase(c, dataset: dataset)
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func decodeCase(_ c: [String: Any], dataset: [String: Any]) throws -> ConformanceCase {
        guard let name = c["name"] as? String, let mode = c["mode"] as? String,
            let input = dataset["input"] as? [String: Any]
        else { throw FixtureError("malformed case") }
        let templates = (c["templates"] as? [String]) ?? []
        return ConformanceCase(
            name: name, mode: mode, templates: templates,
            data: try decodeValue(dataset["data"] as Any),
            input: (
                input["deploymentTargetName"] as? String ?? "", input["environment"] as? String ?? "",
                input["clusterType"] as? String ?? "", input["labels"] as? [String: String],
                input["manifests"] as? [String: String], try decodeValue(input["configData"] as Any)
            ),
            output: c["output"] as? String, outputs: c["outputs"] as? [String], error: c["error"] as? String)
    }

    /// Rebuilds a Go value from the generator's typed encoding.
    static func decodeValue(_ any: Any) throws -> GoValue {
        guard let object = any as? [String: Any], let kind = object["k"] as? String else { throw FixtureError("untyped value") }
        let v = object["v"]
        switch kind {
        case "nil": return .nil
        case "bool": return .bool(v as? Bool ?? false)
        case "int": return .int(Int(v as? String ?? "") ?? 0)
        case "int64": return .int64(Int64(v as? String ?? "") ?? 0)
        case "uint64": return .uint64(UInt64(v as? String ?? "") ?? 0)
        case "float64": return .float64(Double(bitPattern: UInt64(v as? String ?? "") ?? 0))
        case "string": return .string(v as? String ?? "")
        case "slice":
            guard case .slice(let element) = try parseType(object["type"] as? String ?? "") else { throw FixtureError("bad slice type") }
            let elements = try (v as? [Any] ?? []).map(decodeValue)
            return .slice(GoSlice(elementType: element, elements: elements, isNil: object["nil"] as? Bool ?? false))
        case "map":
            guard case .map(let key, let value) = try parseType(object["type"] as? String ?? "") else { throw FixtureError("bad map type") }
            var map = GoMap(keyType: key, valueType: value, isNil: object["nil"] as? Bool ?? false)
            for entry in v as? [[Any]] ?? [] where entry.count == 2 {
                map.entries[try decodeValue(entry[0])] = try decodeValue(entry[1])
            }
            return .map(map)
        case "struct":
            let fields = try (v as? [[String: Any]] ?? []).map { field in
                GoStruct.Field(
                    name: field["name"] as? String ?? "", type: try parseType(field["type"] as? String ?? ""),
                    value: try decodeValue(field["v"] as Any))
            }
            return .structure(GoStruct(typeName: object["type"] as? String ?? "", fields: fields))
        default:
            throw FixtureError("unknown value kind \(kind)")
        }
    }

    /// Parses a Go type name as `reflect` prints it.
    static func parseType(_ name: String) throws -> GoType {
        var rest = Substring(name)
        let type = try parseType(&rest)
        guard rest.isEmpty else { throw FixtureError("trailing text in type \(name)") }
        return type
    }

    private static func parseType(_ s: inout Substring) throws -> GoType {
        if s.hasPrefix("interface {}") {
            s = s.dropFirst("interface {}".count)
            return .interface
        }
        if s.hasPrefix("[]") {
            s = s.dropFirst(2)
            return .slice(try parseType(&s))
        }
        if s.hasPrefix("map[") {
            s = s.dropFirst(4)
            let key = try parseType(&s)
            guard s.hasPrefix("]") else { throw FixtureError("bad map type") }
            s = s.dropFirst()
            return .map(key: key, value: try parseType(&s))
        }
        let end = s.firstIndex(where: { $0 == "]" }) ?? s.endIndex
        let word = String(s[..<end])
        s = s[end...]
        switch word {
        case "bool": return .bool
        case "int": return .int
        case "int64": return .int64
        case "uint64": return .uint64
        case "float64": return .float64
        case "string": return .string
        default: return .named(word)
        }
    }

    /// Runs one case; nil when kalc agrees with Go, else what differs.
    static func check(_ c: ConformanceCase) -> String? {
        if let known = ConformanceTests.knownDifferences[c.name] {
            return checkKnownDifference(c, known.0)
        }
        switch c.mode {
        case "execute":
            guard let text = c.templates.first else { return "no template" }
            do {
                let template = try Template(text: text)
                let output = try template.execute(data: c.data)
                return compare(output: output, error: nil, c)
            } catch {
                return compare(output: nil, error: error.message, c)
            }
        case "process":
            var templater = Templater(
                deploymentTargetName: c.input.deploymentTargetName, environment: c.input.environment,
                labels: c.input.labels, manifests: c.input.manifests, clusterTypeName: c.input.clusterType,
                configData: c.input.configData)
            if templater.data != c.data { return "template data differs from Go's" }
            do {
                let outputs = try templater.processTemplate(c.templates)
                if let expected = c.outputs {
                    return outputs == expected ? nil : "outputs \(show(outputs)) != expected \(show(expected))"
                }
                return "got outputs \(show(outputs)), expected error \(c.error ?? "")"
            } catch {
                var expected = c.error ?? ""
                if expected.hasPrefix(ConformanceTests.oracleMessagePrefix) {
                    expected = String(expected.dropFirst(ConformanceTests.oracleMessagePrefix.count))
                }
                if c.outputs != nil { return "got error \(error.message), expected outputs \(show(c.outputs ?? []))" }
                return error.message == expected ? nil : "error \(show(error.message)) != expected \(show(expected))"
            }
        default:
            return "unknown mode \(c.mode)"
        }
    }

    static func compare(output: String?, error: String?, _ c: ConformanceCase) -> String? {
        switch (output, error, c.output, c.error) {
        case (let got?, nil, let expected?, _):
            return got == expected ? nil : "output \(show(got)) != expected \(show(expected))"
        case (nil, let got?, _, let expected?):
            return got == expected ? nil : "error \(show(got)) != expected \(show(expected))"
        case (let got?, nil, nil, let expected?):
            return "got output \(show(got)), expected error \(show(expected))"
        case (nil, let got?, let expected?, nil):
            return "got error \(show(got)), expected output \(show(expected))"
        default:
            return "malformed case"
        }
    }

    static func checkKnownDifference(_ c: ConformanceCase, _ difference: ConformanceTests.KnownDifference) -> String? {
        do {
            let template = try Template(text: c.templates.first ?? "")
            let output = try template.execute(data: c.data)
            switch difference {
            case .output(let expected): return output == expected ? nil : "output \(show(output)) != documented \(show(expected))"
            case .error(let kind): return "expected a \(kind) error, got output \(show(output))"
            case .message(let expected): return "expected the error \(show(expected)), got output \(show(output))"
            }
        } catch {
            switch difference {
            case .output(let expected): return "expected documented output \(show(expected)), got \(error.message)"
            case .error(let kind): return error.kind == kind ? nil : "expected a \(kind) error, got \(error.kind): \(error.message)"
            case .message(let expected): return error.message == expected ? nil : "error \(show(error.message)) != documented \(show(expected))"
            }
        }
    }

    static func show(_ s: String) -> String {
        let escaped = s.debugDescription
        return escaped.count > 400 ? String(escaped.prefix(400)) + "…" : escaped
    }

    static func show(_ s: [String]) -> String { "[" + s.map { show($0) }.joined(separator: ", ") + "]" }
}
