/// One way an instance fails a schema, as gojsonschema reports it in a `ResultError`.
public struct SchemaViolation: Sendable, Hashable {
    /// The instance location without the root prefix, as gojsonschema's `Field()`:
    /// `(root)`, `inference_url`, `a.b`, `items.0`.
    public let field: String
    /// The full context, as gojsonschema's `Context().String()`: `(root)`, `(root).a.b`.
    public let context: String
    /// gojsonschema's error type: `required`, `invalid_type`, `number_gte`, `format`, ...
    public let type: String
    /// gojsonschema's description: `inference_url is required`,
    /// `Invalid type. Expected: string, given: integer`, `Must be greater than or equal to 1`.
    public let description: String
    /// The JSON pointer (RFC 6901) of the schema keyword that failed, in `schemaDocument`.
    public let schemaPointer: String
    /// nil when `schemaPointer` points into the validated schema itself; otherwise the URL of
    /// the meta-schema a `$ref` led to.
    public let schemaDocument: String?

    /// The line gojsonschema's `ResultError.String()` prints: `field: description`.
    public var gojsonschemaText: String { "\(field): \(description)" }
}

/// Why validation stopped without a verdict: gojsonschema itself would crash on this
/// instance (a Go panic, or endless `$ref` recursion that exhausts Go's stack), or the
/// instance nests deeper than the validator follows.
public struct SchemaValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What stopped validation.
    public enum Kind: Sendable, Hashable {
        /// gojsonschema panics; `message` is the panic text.
        case goPanic
        /// A `$ref` cycle applies a schema to the same value forever (gojsonschema overflows its stack).
        case infiniteRecursion
        /// Schema and instance nest deeper than `JSONSchema.maxValidationDepth`.
        case tooDeep
    }

    /// What stopped validation.
    public let kind: Kind
    /// A description (the Go panic text for `.goPanic`).
    public let message: String
    /// The context of the instance value being validated, as in `SchemaViolation.context`.
    public let context: String
    /// The JSON pointer of the schema location involved.
    public let schemaPointer: String

    /// The message.
    public var description: String { message }
}
