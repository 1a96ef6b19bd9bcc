import Foundation
import KalcDiagnostics
import KalcJSON
import KalcJSONSchema
import KalcResources
import KalcSemantics
import KalcSyntax
import KalcYAML
import KalcTestSupport
import XCTest

/// Every object kalc emits is valid against Kalypso's own CustomResourceDefinitions, and
/// has no field the API server would prune.
final class CRDValidationTests: XCTestCase {
    /// Each CRD's `openAPIV3Schema` by kind, made strict: objects that list their properties
    /// accept no others (except `metadata`, which Kubernetes validates itself).
    static let schemas: [String: JSONSchema] = {
        var result: [String: JSONSchema] = [:]
        let folder = repositoryRoot + "/Tests/Fixtures/kalypso-crds"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".yaml") {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name),
                let document = try? YAMLReader.documents(utf8: [UInt8](data)).first
            else { continue }
            let crd = json(document)
            guard case .object(let root)? = Optional(crd), case .object(let spec)? = root["spec"],
                case .object(let names)? = spec["names"], case .string(let kind)? = names["kind"],
                case .array(let versions)? = spec["versions"], case .object(let version)? = versions.first,
                case .object(let schema)? = version["schema"], let openAPI = schema["openAPIV3Schema"]
            else { continue }
            result[kind] = try? JSONSchema(strict(openAPI))
        }
        return result
    }()

    func testEmittedObjectsAreValidAgainstKalypsosCRDs() throws {
        XCTAssertEqual(Self.schemas.count, 12)
        var sources: [(String, [SourceFile])] = []
        for example in ["basic-inference"] {
            let folder = repositoryRoot + "/examples/" + example
            let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".kal") }.sorted().map {
                SourceFile(path: $0, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))))
            }
            sources.append((example, files))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/Tests/Fixtures/golden").sorted() {
            let root = repositoryRoot + "/Tests/Fixtures/golden/" + name + "/input"
            let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: root))
            let yaml = try enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted().map {
                SourceFile(path: root + "/" + $0, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + $0))))
            }
            let source = KalSourceWriter.source(of: ControlPlaneReader.read(yaml, root: root).plane)
            sources.append((name, [SourceFile(path: "\(name).kal", text: source)]))
        }
        var checked = 0
        for (name, files) in sources {
            let analysis = Semantics.analyze(files.map(SyntaxTree.parse))
            XCTAssertFalse(analysis.diagnostics.hasErrors, name)
            for (path, text) in try ControlPlaneFiles.files(of: analysis.controlPlane) {
                for document in try YAMLReader.documents(in: text) {
                    let object = Self.json(document)
                    guard case .object(let fields) = object, case .string(let kind)? = fields["kind"] else {
                        XCTFail("\(name): \(path) is not an object")
                        continue
                    }
                    if kind == "ConfigMap" { continue }
                    let schema = try XCTUnwrap(Self.schemas[kind], "no CRD for \(kind)")
                    let violations = try schema.validate(object)
                    XCTAssertEqual(violations.map(\.gojsonschemaText), [], "\(name): \(path)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 50)
    }

    func testTheStrictSchemasRejectUnknownAndMissingFields() throws {
        let schema = try XCTUnwrap(Self.schemas["ClusterType"])
        let valid: JSONValue = .object(
            JSONObject([
                ("apiVersion", .string("scheduler.kalypso.io/v1alpha1")), ("kind", .string("ClusterType")),
                ("metadata", .object(JSONObject([("name", .string("x"))]))),
                ("spec", .object(JSONObject([("reconciler", .string("a")), ("namespaceService", .string("b")), ("configType", .string("c"))]))),
            ]))
        XCTAssertEqual(try schema.validate(valid).count, 0)
        let unknown: JSONValue = .object(
            JSONObject([
                ("apiVersion", .string("scheduler.kalypso.io/v1alpha1")), ("kind", .string("ClusterType")),
                ("spec", .object(JSONObject([("reconciler", .string("a")), ("namespace", .string("b"))]))),
            ]))
        XCTAssertGreaterThanOrEqual(try schema.validate(unknown).count, 2)
    }

    /// A schema where every object with `properties` and no `additionalProperties` gets
    /// `additionalProperties: false`.
    static func strict(_ schema: JSONValue, isMetadata: Bool = false) -> JSONValue {
        guard case .object(let object) = schema else { return schema }
        var members: [(String, JSONValue)] = []
        var hasProperties = false
        var hasAdditional = false
        for (key, value) in object {
            switch key {
            case "properties":
                hasProperties = true
                guard case .object(let properties) = value else { members.append((key, value)); continue }
                members.append((key, .object(JSONObject(properties.map { ($0.key, strict($0.value, isMetadata: $0.key == "metadata")) }))))
            case "items", "additionalProperties":
                if key == "additionalProperties" { hasAdditional = true }
                members.append((key, strict(value)))
            default:
                members.append((key, value))
            }
        }
        if hasProperties && !hasAdditional && !isMetadata {
            members.append(("additionalProperties", .bool(false)))
        }
        return .object(JSONObject(members))
    }

    /// A YAML node as JSON, plain scalars resolved as YAML 1.2's core schema does.
    static func json(_ node: YAMLNode) -> JSONValue {
        switch node.content {
        case .mapping(let entries):
            return .object(
                JSONObject(
                    entries.compactMap { entry in
                        guard case .scalar(let key, _) = entry.key.content else { return nil }
                        return (key, json(entry.value))
                    }))
        case .sequence(let items):
            return .array(items.map(json))
        case .scalar(let text, let style):
            guard style == .plain, node.tag == nil else { return .string(text) }
            switch text {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            case "", "~", "null", "Null", "NULL": return .null
            default: return JSONNumber(text).map(JSONValue.number) ?? .string(text)
            }
        }
    }
}
