import Foundation
import KalcFuzzing
import XCTest

/// Replays the fuzzers' seed corpus (`Fuzz/Corpus/<target>/`) and every input that once made
/// a fuzzer fail (`Fuzz/Regressions/<target>/`) through the fuzz targets, without sanitizers,
/// so that the test suite keeps what fuzzing found fixed.
final class CorpusReplayTests: XCTestCase {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// The inputs in `Fuzz/<kind>/<target>/`, sorted by name.
    func inputs(_ kind: String, _ target: FuzzTarget) throws -> [URL] {
        let folder = Self.fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    func replay(_ kind: String, _ target: FuzzTarget) throws -> Int {
        let files = try inputs(kind, target)
        for file in files {
            let input = try [UInt8](Data(contentsOf: file))
            XCTAssertEqual(target.run(input), [], "\(kind)/\(target.rawValue)/\(file.lastPathComponent)")
        }
        return files.count
    }

    func testEveryTargetHasASeedCorpus() throws {
        for target in FuzzTarget.allCases {
            XCTAssertFalse(try inputs("Corpus", target).isEmpty, "no seeds in Fuzz/Corpus/\(target.rawValue)")
        }
    }

    func testEveryCorpusFolderNamesATarget() throws {
        let names = Set(FuzzTarget.allCases.map(\.rawValue))
        for kind in ["Corpus", "Regressions"] {
            let folder = Self.fuzzFolder.appendingPathComponent(kind)
            guard FileManager.default.fileExists(atPath: folder.path) else { continue }
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
                XCTAssertTrue(names.contains(name), "Fuzz/\(kind)/\(name) is not a fuzz target")
            }
        }
    }

    func testSyntaxCorpus() throws { _ = try replay("Corpus", .syntax) }
    func testCheckerCorpus() throws { _ = try replay("Corpus", .checker) }
    func testTemplateCorpus() throws { _ = try replay("Corpus", .template) }
    func testSchemaCorpus() throws { _ = try replay("Corpus", .schema) }
    func testYAMLImportCorpus() throws { _ = try replay("Corpus", .yamlImport) }
    func testLanguageServerCorpus() throws { _ = try replay("Corpus", .languageServer) }

    func testRegressions() throws {
        for target in FuzzTarget.allCases {
            _ = try replay("Regressions", target)
        }
    }
}
