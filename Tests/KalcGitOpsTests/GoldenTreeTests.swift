import Foundation
import KalcDiagnostics
import KalcGitOps
import KalcResources
import KalcScheduling
import KalcSemantics
import KalcSyntax
import KalcTestSupport
import XCTest

/// Every golden case end to end: import the Kalypso YAML, compile the `.kal` source, and the
/// GitOps tree of every environment Kalypso pushes equals the expected one byte for byte;
/// every deployment Kalypso fails in a blocked environment is an error naming its
/// deployment target and cluster type.
final class GoldenTreeTests: XCTestCase {
    static let golden = repositoryRoot + "/Tests/Fixtures/golden"

    func testEveryGoldenCase() throws {
        let cases = try FileManager.default.contentsOfDirectory(atPath: Self.golden).sorted()
        XCTAssertGreaterThanOrEqual(cases.count, 5)
        for name in cases {
            try check(Self.golden + "/" + name, name: name)
        }
    }

    func check(_ folder: String, name: String) throws {
        let compiled = try GoldenCase.compile(folder + "/input")
        let expected = folder + "/expected"
        for issues in try FileManager.default.contentsOfDirectory(atPath: expected).filter({ $0.hasSuffix(".issues.txt") }).sorted() {
            let environment = String(issues.dropLast(".issues.txt".count))
            let report = try String(contentsOfFile: expected + "/" + issues, encoding: .utf8)
            let tree = compiled.compilation.trees.first { $0.environment == environment }
            if report.hasPrefix("# environment \(environment): pushed=true") {
                let tree = try XCTUnwrap(tree, "\(name): no tree for \(environment)")
                XCTAssertTrue(tree.isPushed, "\(name): \(environment) is not pushed")
                let errors = compiled.diagnostics.filter { $0.severity == .error && $0.environment == environment }
                XCTAssertEqual(errors.map(\.message), [], "\(name): \(environment)")
                let want = try GoldenCase.files(under: expected + "/" + environment)
                XCTAssertEqual(Set(tree.files.keys), Set(want.keys), "\(name): \(environment): the files differ")
                for (path, content) in want where tree.files[path] != content {
                    XCTFail("\(name): \(environment)/\(path) differs:\n--- expected\n\(content)\n--- compiled\n\(tree.files[path] ?? "<missing>")")
                }
            } else {
                XCTAssertFalse(tree?.isPushed ?? false, "\(name): \(environment) should not be pushed")
                let errors = compiled.diagnostics.filter { $0.severity == .error }
                XCTAssertFalse(errors.isEmpty, "\(name): \(environment) is blocked, but kalc reports no error")
                for (target, clusterType) in GoldenCase.failedDeployments(report) {
                    XCTAssertTrue(errors.contains { $0.environment == environment && $0.message.contains("`\(target)`") && $0.message.contains("`\(clusterType)`") },
                                  "\(name): no error names deployment target \(target) on \(clusterType) in \(environment):\n\(errors.map(\.message).joined(separator: "\n"))")
                }
            }
        }
    }
}

/// A Kalypso control plane compiled through kalc: imported, printed, parsed, compiled.
struct GoldenCase {
    var compilation: GitOpsCompilation
    var diagnostics: [Diagnostic]

    static func compile(_ input: String) throws -> GoldenCase {
        let reader = ControlPlaneReader.read(try yamlFiles(under: input), root: input)
        let source = KalSourceWriter.source(of: reader.plane)
        let file = SourceFile(path: "imported.kal", text: source)
        let tree = SyntaxTree.parse(file)
        let analysis = Semantics.analyze([tree])
        let scheduler = Scheduler.schedule(analysis.controlPlane)
        var sources = StandardLibrary.modules.values.reduce(into: [String: SourceFile]()) { $0[$1.path] = $1 }
        sources[file.path] = file
        let compilation = GitOpsCompiler.compile(analysis.controlPlane, schedules: scheduler.schedules, sources: sources)
        return GoldenCase(compilation: compilation, diagnostics: tree.diagnostics + analysis.diagnostics + scheduler.diagnostics + compilation.diagnostics)
    }

    static func yamlFiles(under root: String) throws -> [SourceFile] {
        try files(under: root).filter { $0.key.hasSuffix(".yaml") || $0.key.hasSuffix(".yml") }.sorted { $0.key < $1.key }
            .map { SourceFile(path: root + "/" + $0.key, text: $0.value) }
    }

    /// Every file below a folder (hidden ones included), by relative path.
    static func files(under root: String) throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            result[relative] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)), as: UTF8.self)
        }
        return result
    }

    /// The deployment target and cluster type of every issue Kalypso opens in an environment.
    static func failedDeployments(_ report: String) -> [(String, String)] {
        report.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("title: Can't generate manifests for deplyment target ") else { return nil }
            let rest = line.dropFirst("title: Can't generate manifests for deplyment target ".count)
            let parts = rest.components(separatedBy: " in cluster type ")
            guard parts.count == 2, let clusterType = parts[1].components(separatedBy: " in ").first else { return nil }
            return (parts[0], clusterType)
        }
    }
}

