/// An error of parsing or executing a template, with Go's exact message.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for callers that classify errors.
    public enum Kind: Sendable, Hashable {
        /// The template text does not parse (Go's parse errors, including undefined functions).
        case parse
        /// Execution failed the way Go's `Execute` fails.
        case execution
        /// A function was called that kalc refuses to evaluate (random or host dependent).
        case refusedFunction(name: String)
        /// A function was called whose Go behaviour kalc does not reproduce.
        case unsupportedFunction(name: String)
        /// A resource bound was hit: nesting depth, output size or re-render passes.
        case limit
    }

    /// The kind of error.
    public var kind: Kind
    /// The full message, as Go's `err.Error()` prints it.
    public var message: String
    /// Byte offset in the template text of the node or token that failed, when known.
    public var offset: Int?
    /// The template text the offset refers to, when known.
    public var text: String?

    /// An error with Go's message and, when known, where it happened.
    public init(kind: Kind, message: String, offset: Int? = nil, text: String? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.text = text
    }

    /// The error message.
    public var description: String { message }

    /// The 1-based line and column (in Unicode scalars) of `offset`, when known.
    public var lineAndColumn: (line: Int, column: Int)? {
        guard let offset, let text else { return nil }
        return TemplateSource.lineAndColumn(of: offset, in: text)
    }
}

/// Position helpers for template text.
public enum TemplateSource {
    /// The 1-based line and 1-based column (counted in Unicode scalars) of a byte offset.
    public static func lineAndColumn(of offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var consumed = 0
        for scalar in text.unicodeScalars {
            let width = String(scalar).utf8.count
            if consumed + width > offset { break }
            consumed += width
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// Go's error location for a byte offset: 1-based line and 0-based byte column.
    static func goLocation(of offset: Int, in text: String) -> (line: Int, byteColumn: Int) {
        let bytes = text.utf8
        var line = 1
        var lineStart = 0
        var index = 0
        for byte in bytes {
            if index >= offset { break }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return (line, offset - lineStart)
    }
}
