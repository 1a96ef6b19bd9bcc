import KalcDiagnostics
import XCTest

/// Source text with position markers: every keycap emoji `0️⃣` … `9️⃣` is removed and
/// remembered as the byte offset where it stood, so tests name positions instead of counting bytes.
struct MarkedSource {
    struct MissingMarker: Error, CustomStringConvertible {
        var marker: String
        var path: String
        var description: String { "no marker \(marker) in \(path)" }
    }

    let file: SourceFile
    private let markers: [String: Int]

    /// Reads markers from raw bytes (which may hold invalid UTF-8 outside the markers).
    init(path: String, bytes: [UInt8]) {
        let keycap: [UInt8] = Array("\u{FE0F}\u{20E3}".utf8)
        var clean: [UInt8] = []
        var markers: [String: Int] = [:]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte),
                index + 1 + keycap.count <= bytes.count,
                Array(bytes[index + 1..<index + 1 + keycap.count]) == keycap
            {
                markers[String(decoding: bytes[index..<index + 1 + keycap.count], as: UTF8.self)] = clean.count
                index += 1 + keycap.count
            } else {
                clean.append(byte)
                index += 1
            }
        }
        self.file = SourceFile(path: path, bytes: clean)
        self.markers = markers
    }

    init(path: String, _ text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The offset where `marker` stood.
    func offset(_ marker: String) throws -> Int {
        guard let offset = markers[marker] else { throw MissingMarker(marker: marker, path: file.path) }
        return offset
    }

    /// The location between two markers (or the empty location at one).
    func location(_ from: String, _ to: String? = nil) throws -> Location {
        let start = try offset(from)
        let end = try to.map(offset) ?? start
        return Location(file: file.path, span: Span(start: start, end: end))
    }
}
