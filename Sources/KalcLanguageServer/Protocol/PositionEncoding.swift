import KalcDiagnostics
import KalcJSON

/// How the `character` of an LSP position counts: UTF-16 code units (the protocol's
/// default) or UTF-8 bytes (when the client offers it in `general.positionEncodings`).
public enum PositionEncoding: String, Sendable {
    case utf16 = "utf-16"
    case utf8 = "utf-8"

    /// The encoding to use with a client that offers `offered` (in its order of preference):
    /// UTF-8 when offered, since kalc's offsets are UTF-8, otherwise UTF-16.
    public static func negotiate(offered: [String]) -> PositionEncoding {
        offered.contains(PositionEncoding.utf8.rawValue) ? .utf8 : .utf16
    }

    /// The byte offset of a 0-based line and character, clamped to the line (a line past
    /// the end is the end of the file).
    public func offset(line: Int, character: Int, in file: SourceFile) -> Int {
        switch self {
        case .utf16: file.offset(line: line, utf16Column: character)
        case .utf8: file.offset(line: line, utf8Column: character)
        }
    }

    /// The 0-based line and character of a byte offset.
    public func position(of offset: Int, in file: SourceFile) -> (line: Int, character: Int) {
        let location = file.location(of: offset)
        switch self {
        case .utf16: return (location.line - 1, location.utf16Column - 1)
        case .utf8: return (location.line - 1, location.utf8Column - 1)
        }
    }

    /// An LSP `Position`.
    func positionJSON(_ offset: Int, in file: SourceFile) -> JSONValue {
        let (line, character) = position(of: offset, in: file)
        return ["line": .integer(line), "character": .integer(character)]
    }

    /// An LSP `Range` covering a span.
    func rangeJSON(_ span: Span, in file: SourceFile) -> JSONValue {
        ["start": positionJSON(span.start, in: file), "end": positionJSON(span.end, in: file)]
    }

    /// The byte offset of an LSP `Position`, nil when it is not one.
    func offset(of position: JSONValue?, in file: SourceFile) -> Int? {
        guard let line = position?["line"]?.integerValue, let character = position?["character"]?.integerValue,
            line >= 0, character >= 0
        else { return nil }
        return offset(line: line, character: character, in: file)
    }

    /// The span of an LSP `Range`, nil when it is not one (a reversed range is made empty).
    func span(of range: JSONValue?, in file: SourceFile) -> Span? {
        guard let start = offset(of: range?["start"], in: file), let end = offset(of: range?["end"], in: file) else { return nil }
        return Span(start: start, end: end)
    }
}
