import KalcLanguageServer

/// Source text with position markers (`1️⃣`, `2️⃣`, ...) taken out, and the UTF-8 byte
/// offset each marker stood at.
struct MarkedSource {
    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    var text: String
    var offsets: [String: Int]

    init(_ marked: String) {
        var text = ""
        var offsets: [String: Int] = [:]
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for marker in Self.markers where rest.hasPrefix(marker) {
                offsets[marker] = text.utf8.count
                rest = rest.dropFirst(marker.count)
                continue outer
            }
            text.append(rest.removeFirst())
        }
        self.text = text
        self.offsets = offsets
    }

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
