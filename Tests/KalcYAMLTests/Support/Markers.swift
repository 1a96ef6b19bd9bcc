/// Source text with position markers `1️⃣`…`9️⃣` taken out, and the UTF-8 byte offset where each
/// marker stood.
struct MarkedSource {
    static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    var text = ""
    /// Marker number (1-based) to byte offset in `text`.
    var offsets: [Int: Int] = [:]

    init(_ marked: String) {
        for character in marked {
            if let index = Self.markers.firstIndex(of: character) {
                offsets[index + 1] = text.utf8.count
            } else {
                text.append(character)
            }
        }
    }
}
