import Foundation
import KalcDiagnostics

/// The `.kal` files named on the command line: files as given, folders searched
/// recursively (hidden folders and build folders skipped), in a stable order.
struct SourceInputs {
    /// Files larger than this are refused rather than read.
    static let maximumFileSize = 32 * 1024 * 1024

    var files: [SourceFile] = []
    /// Problems reading inputs: unreadable or oversized files.
    var diagnostics: [Diagnostic] = []

    /// Reads every `.kal` file below `paths` (default: the current folder). Throws a usage
    /// error for a path that does not exist.
    static func load(_ paths: [String]) throws -> SourceInputs {
        var inputs = SourceInputs()
        var seen = Set<String>()
        for path in paths.isEmpty ? ["."] : paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError("no such file or folder: \(path)")
            }
            let found = isDirectory.boolValue ? kalFiles(under: path) : [path]
            for file in found where seen.insert(normalized(file)).inserted {
                inputs.read(file)
            }
        }
        return inputs
    }

    /// Every `.kal` file below a folder, sorted by path.
    static func kalFiles(under folder: String) -> [String] {
        var result: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for entry in entries.sorted() {
                if entry.hasPrefix(".") || entry == "node_modules" { continue }
                let path = current == "." ? entry : (current.hasSuffix("/") ? current + entry : current + "/" + entry)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    pending.append(path)
                } else if entry.hasSuffix(".kal") {
                    result.append(path)
                }
            }
        }
        return result.sorted()
    }

    static func normalized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private mutating func read(_ path: String) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > Self.maximumFileSize {
            diagnostics.append(Diagnostic(.fileTooLarge, "file is larger than \(Self.maximumFileSize / 1024 / 1024) MiB", at: Location(file: path, span: .point(0)),
                                          hint: "split the control plane into several files"))
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(Diagnostic(.unreadableFile, "cannot read the file", at: Location(file: path, span: .point(0))))
            return
        }
        files.append(SourceFile(path: path, bytes: [UInt8](data)))
    }
}

/// A mistake in how kalc was called (exit status 2).
struct UsageError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
