/// Why JSON text could not be read, worded as Go's `encoding/json` words it.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Go's message, for example `invalid character 'o' in literal null (expecting 'u')`,
    /// `unexpected end of JSON input` or `exceeded max depth`.
    public let message: String
    /// The byte offset Go reports with the error: the number of bytes read when it was
    /// found (one past the offending byte), or the input length at an unexpected end.
    public let offset: Int

    /// An error with Go's message and offset.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message.
    public var description: String { message }
}
