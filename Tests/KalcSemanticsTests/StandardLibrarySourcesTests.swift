import Foundation
import KalcSemantics
import KalcTestSupport
import XCTest

/// The standard library compiled into kalc (`StandardLibrarySources.swift`, written by
/// `scripts/generate-stdlib.py`) is exactly `stdlib/*.kal`.
final class StandardLibrarySourcesTests: XCTestCase {
    func testCompiledModulesAreTheStdlibFiles() throws {
        let paths = files(under: "stdlib", withExtension: "kal")
        XCTAssertFalse(paths.isEmpty)
        let modules = StandardLibrary.modules
        let expectedNames = paths.map { "std." + URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        XCTAssertEqual(Set(modules.keys), Set(expectedNames), "run scripts/generate-stdlib.py")
        for (path, name) in zip(paths, expectedNames) {
            let onDisk = try XCTUnwrap(FileManager.default.contents(atPath: path))
            XCTAssertEqual(modules[name]?.bytes, [UInt8](onDisk), "\(name) differs from \(path); run scripts/generate-stdlib.py")
        }
    }
}
