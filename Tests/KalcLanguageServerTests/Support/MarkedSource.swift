import KalcJSON
import KalcLanguageServer
import KalcTestSupport

/// Positions of markers as a language server client counts them.
extension MarkedSource {
    /// The 0-based line and UTF-16 character of a marker, as an LSP client counts.
    func position(_ marker: String) -> (line: Int, character: Int) {
        guard let offset = offsets[marker] else { return (-1, -1) }
        return Self.position(of: offset, in: text, utf8: false)
    }

    /// The 0-based line and character of a UTF-8 offset in `text`, counted in UTF-8 bytes
    /// or UTF-16 units.
    static func position(of offset: Int, in text: String, utf8: Bool) -> (line: Int, character: Int) {
        let bytes = Array(text.utf8)
        let before = bytes[0..<min(offset, bytes.count)]
        let line = before.filter { $0 == UInt8(ascii: "\n") }.count
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let prefix = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self)
        return (line, utf8 ? prefix.utf8.count : prefix.utf16.count)
    }

    /// The LSP `Position` of a marker, in UTF-16 units.
    func lspPosition(_ marker: String) -> JSONValue {
        let (line, character) = position(marker)
        return ["line": .integer(line), "character": .integer(character)]
    }
}
