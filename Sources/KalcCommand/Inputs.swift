import Foundation
import KalcDiagnostics
import KalcLanguageServer

/// The `.kal` files named on the command line: files as given, folders searched
/// recursively (hidden folders and build folders skipped), in a stable order.
struct SourceInputs {
    var files: [SourceFile] = []
    /// Problems reading inputs: unreadable or oversized files.
    var diagnostics: [Diagnostic] = []

    /// Reads every `.kal` file below `paths` (default: the current folder) from `fileSystem`.
    /// Throws a usage error for a path that does not exist.
    static func load(_ paths: [String], from fileSystem: any ProjectFileSystem = DiskFileSystem()) throws -> SourceInputs {
        var inputs = SourceInputs()
        var seen = Set<String>()
        for path in paths.isEmpty ? ["."] : paths {
            guard let isFolder = fileSystem.isFolder(path) else {
                throw UsageError("no such file or folder: \(path)")
            }
            let found = isFolder ? fileSystem.kalFiles(under: path) : [path]
            for file in found where seen.insert(normalized(file)).inserted {
                inputs.read(file, from: fileSystem)
            }
        }
        return inputs
    }

    /// Every `.kal` file below a folder, sorted by path.
    static func kalFiles(under folder: String) -> [String] {
        DiskFileSystem().kalFiles(under: folder)
    }

    static func normalized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private mutating func read(_ path: String, from fileSystem: any ProjectFileSystem) {
        switch fileSystem.read(path) {
        case .source(let file): files.append(file)
        case .problem(let diagnostic): diagnostics.append(diagnostic)
        case .missing: diagnostics.append(Diagnostic(.unreadableFile, "cannot read the file", at: Location(file: path, span: .point(0))))
        }
    }
}

/// A mistake in how kalc was called (exit status 2).
struct UsageError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
