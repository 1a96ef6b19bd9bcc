/// Why a YAML text could not be read or a node tree could not be written, and where.
public struct YAMLError: Error, Sendable, Hashable {
    /// A short, lower-case description, such as `did not find expected key while parsing a block mapping`.
    public var message: String
    /// Where the problem is in the source; for the writer, the start of the node that could not be written.
    public var mark: YAMLMark

    /// Creates an error.
    public init(message: String, mark: YAMLMark) {
        self.message = message
        self.mark = mark
    }
}

extension YAMLError: CustomStringConvertible {
    /// `line:column: message`, with 1-based line and column.
    public var description: String {
        "\(mark.line + 1):\(mark.column + 1): \(message)"
    }
}
