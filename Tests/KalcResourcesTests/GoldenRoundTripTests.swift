import Foundation
import KalcDiagnostics
import KalcResources
import KalcSemantics
import KalcSyntax
import KalcYAML
import KalcTestSupport
import XCTest

/// Every golden control plane: `import` prints canonical source, and compiling it gives
/// back the same Kalypso objects, branch by branch (as data, ignoring file names). A
/// document that is not a Kalypso object fails the test by name; the others are still compared.
final class GoldenRoundTripTests: XCTestCase {
    static let golden = repositoryRoot + "/Tests/Fixtures/golden"

    func testImportThenCompileGivesBackTheSameObjects() throws {
        let cases = try FileManager.default.contentsOfDirectory(atPath: Self.golden).sorted()
        XCTAssertGreaterThanOrEqual(cases.count, 5)
        for name in cases {
            let root = Self.golden + "/" + name + "/input"
            let files = try yamlFiles(under: root)
            let reader = ControlPlaneReader.read(files, root: root)
            XCTAssertEqual(reader.diagnostics.filter { $0.severity == .error }.map(\.message), [], name)

            let source = KalSourceWriter.source(of: reader.plane)
            let tree = SyntaxTree.parse(SourceFile(path: "\(name).kal", text: source))
            XCTAssertEqual(tree.diagnostics.map(\.message), [], "\(name):\n\(source)")
            XCTAssertEqual(Formatter.format(tree), source, "\(name): the imported source is not in the canonical layout")

            let analysis = Semantics.analyze([tree])
            XCTAssertEqual(analysis.diagnostics.filter { $0.severity == .error }.map(\.message), [], "\(name):\n\(source)")
            let emitted = try ControlPlaneFiles.files(of: analysis.controlPlane)
            var compiled: [String: CanonicalValue] = [:]
            for (path, text) in emitted {
                for (index, document) in try YAMLReader.documents(in: text).enumerated() {
                    let object = CanonicalValue(document)
                    guard let key = key(of: object, path: path, document: index, in: "\(name): compiled") else { continue }
                    compiled[key] = object
                }
            }
            var original: [String: CanonicalValue] = [:]
            for file in files {
                let relative = String(file.path.dropFirst(root.count + 1))
                for (index, document) in try YAMLReader.documents(utf8: file.bytes).enumerated() {
                    let object = CanonicalValue(document)
                    if case .null = object { continue }
                    guard let key = key(of: object, path: relative, document: index, in: "\(name): input") else { continue }
                    original[key] = object
                }
            }
            XCTAssertEqual(Set(compiled.keys), Set(original.keys), name)
            for (key, object) in original {
                XCTAssertEqual(compiled[key], object, "\(name): \(key)")
            }
        }
    }

    /// `control-plane/<branch>` or `workloads/<registration>`, then kind and name; nil, and a
    /// failure naming the document, for a document that is not a Kubernetes object in such a folder.
    func key(of object: CanonicalValue, path: String, document index: Int, in context: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, case .map(let fields) = object, case .string(let kind)? = fields["kind"],
            case .map(let metadata)? = fields["metadata"], case .string(let name)? = metadata["name"]
        else {
            XCTFail("\(context): document \(index + 1) of \(path) is not an object with a kind and a metadata.name:\n\(object)")
            return nil
        }
        return "\(parts[0])/\(parts[1]) \(kind)/\(name)"
    }

    func yamlFiles(under root: String) throws -> [SourceFile] {
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: root))
        return try enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { relative in
            let path = root + "/" + relative
            return SourceFile(path: path, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        }
    }
}

/// Object data as Kubernetes compares it: maps without order, scalars as text, and empty
/// maps, empty lists and nulls the same as absent (Kalypso's types omit empty fields).
enum CanonicalValue: Hashable, CustomStringConvertible {
    case null
    case string(String)
    case list([CanonicalValue])
    case map([String: CanonicalValue])

    init(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let text, let style):
            if style == .plain && node.tag == nil && ["", "~", "null", "Null", "NULL"].contains(text) {
                self = .null
            } else {
                self = .string(text)
            }
        case .sequence(let items):
            self = items.isEmpty ? .null : .list(items.map(CanonicalValue.init))
        case .mapping(let entries):
            var fields: [String: CanonicalValue] = [:]
            for entry in entries {
                guard case .scalar(let key, _) = entry.key.content else { continue }
                let value = CanonicalValue(entry.value)
                if value != .null { fields[key] = value }
            }
            self = fields.isEmpty ? .null : .map(fields)
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .string(let text): "\"\(text)\""
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let fields): "{" + fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
