import Foundation
import KalcTestSupport
import XCTest

/// Every file the repository's generators (`scripts/generate-*.py`) write is checked in as they
/// write it now: each generator runs into an empty folder, and what it writes there equals the
/// repository's files byte for byte, folder by folder.
final class GeneratedFilesTests: XCTestCase {
    /// Each generator, and the files and folders it writes (a folder: all of it, nothing else).
    static let generators: [String: [String]] = [
        "generate-diagnostic-docs.py": ["Sources/KalcDiagnostics/DiagnosticDocumentationText.swift"],
        "generate-project-template.py": ["Sources/KalcCommand/NewProjectFiles.swift"],
        "generate-stdlib.py": ["Sources/KalcSemantics/StandardLibrarySources.swift"],
        "generate-fuzz-corpus.py": ["Fuzz/Corpus/syntax", "Fuzz/Corpus/checker"],
        "generate-case-tests.py": ["Tests/KalcGitOpsTests/CaseTests.swift", "Tests/KalcSchedulingTests/CaseTests.swift"],
        "generate-module-graph.py": ["docs/architecture.md"],
    ]

    func testEveryGeneratorIsListed() throws {
        let scripts = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/scripts")
            .filter { $0.hasPrefix("generate-") && $0.hasSuffix(".py") }
        XCTAssertEqual(Set(scripts), Set(Self.generators.keys))
    }

    func testDiagnosticDocumentation() throws { try check("generate-diagnostic-docs.py") }
    func testProjectTemplate() throws { try check("generate-project-template.py") }
    func testStandardLibrary() throws { try check("generate-stdlib.py") }
    func testFuzzCorpus() throws { try check("generate-fuzz-corpus.py") }
    func testCaseTests() throws { try check("generate-case-tests.py") }
    func testModuleGraph() throws { try check("generate-module-graph.py") }

    /// Runs `script` into a temporary folder and compares what it wrote with the repository.
    func check(_ script: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let outputs = try XCTUnwrap(Self.generators[script])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kalc-generated-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot + "/scripts/" + script, folder]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(script) failed:\n\(message)", file: file, line: line)
        let written = Self.files(under: folder)
        XCTAssertFalse(written.isEmpty, "\(script) wrote nothing", file: file, line: line)
        for path in written.keys where !outputs.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) {
            XCTFail("\(script) wrote \(path), which is not among its outputs", file: file, line: line)
        }
        for output in outputs {
            let want = Self.files(under: folder, output)
            let have = Self.files(under: repositoryRoot, output)
            for path in Set(want.keys).union(have.keys).sorted() where want[path] != have[path] {
                let state = want[path] == nil ? "is not written by it" : have[path] == nil ? "is missing" : "differs"
                XCTFail("\(path) \(state); run scripts/\(script)", file: file, line: line)
            }
        }
    }

    /// The files at `relative` below `root` (the file itself, or every file in the folder), by
    /// path relative to `root`.
    static func files(under root: String, _ relative: String = "") -> [String: Data] {
        let base = relative.isEmpty ? root : root + "/" + relative
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &isFolder) else { return [:] }
        guard isFolder.boolValue else { return [relative: FileManager.default.contents(atPath: base) ?? Data()] }
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: base)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            result[relative.isEmpty ? path : relative + "/" + path] = FileManager.default.contents(atPath: base + "/" + path) ?? Data()
        }
        return result
    }
}
