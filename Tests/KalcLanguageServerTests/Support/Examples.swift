import Foundation

/// The folder of the repository, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    return "."
}()

/// The files of the bundled example project (`examples/basic-inference`), by file name.
func exampleProject() throws -> [String: String] {
    let folder = repositoryRoot + "/examples/basic-inference"
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".kal") {
        files[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    }
    return files
}

/// Text edits as an LSP client makes them, applied to a string by lines and characters
/// counted in UTF-16 units or UTF-8 bytes, independently of the server's arithmetic.
struct ClientText {
    var text: String
    var utf8: Bool

    /// The string index of a line and character.
    func index(line: Int, character: Int) -> String.Index {
        var lineStart = text.startIndex
        for _ in 0..<line {
            guard let newline = text[lineStart...].firstIndex(of: "\n") else { return text.endIndex }
            lineStart = text.index(after: newline)
        }
        let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
        if utf8 {
            let view = text.utf8
            let limit = view.distance(from: lineStart, to: lineEnd)
            return view.index(lineStart, offsetBy: min(character, limit))
        }
        let view = text.utf16
        let limit = view.distance(from: lineStart, to: lineEnd)
        return view.index(lineStart, offsetBy: min(character, limit))
    }

    /// The line and character just after the first occurrence of `anchor`.
    func position(after anchor: String) -> (Int, Int)? {
        guard let found = text.range(of: anchor) else { return nil }
        let before = text[..<found.upperBound]
        let line = before.filter { $0 == "\n" }.count
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        let prefix = text[lineStart..<found.upperBound]
        return (line, utf8 ? prefix.utf8.count : prefix.utf16.count)
    }

    mutating func replace(from start: (Int, Int), to end: (Int, Int), with replacement: String) {
        let lower = index(line: start.0, character: start.1)
        let upper = index(line: end.0, character: end.1)
        text.replaceSubrange(lower..<upper, with: replacement)
    }
}
