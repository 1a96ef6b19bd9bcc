import Foundation

/// Test fixtures next to this folder, found from the source path so that they work wherever
/// the test folder is copied.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The names of the folders in a fixture folder, sorted.
    static func cases(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// Every file below a fixture folder (hidden ones included), by path relative to it.
    static func files(in folder: String) throws -> [String: [UInt8]] {
        let base = root.appendingPathComponent(folder)
        var files: [String: [UInt8]] = [:]
        guard FileManager.default.fileExists(atPath: base.path) else { return files }
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return files }
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = base.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            }
        }
        return files
    }
}
