import KalcJSON

/// A compiled JSON Schema that accepts, rejects and reports exactly as gojsonschema 1.2.0
/// (`gojsonschema.NewSchema` then `Validate`), as used by Kalypso to check platform config.
/// Remote references are refused: a schema may only refer into itself (and to the
/// draft-04/06/07 meta-schemas, which gojsonschema also serves from memory).
public struct JSONSchema: Sendable {
    /// The draft the schema is read with (`$schema`, or gojsonschema's hybrid mode).
    public let draft: SchemaDraft
    private let nodes: [SchemaNode]
    private let documentURLs: [String]
    private let root: Int

    /// How deeply validation follows nested schemas and values before giving up with
    /// `SchemaValidationError.Kind.tooDeep` instead of exhausting the stack (gojsonschema
    /// has no such limit; real configuration is far shallower).
    public static let maxValidationDepth = 400

    /// How deeply schema objects may nest before compiling fails with a `SchemaError`
    /// instead of exhausting the stack (gojsonschema has no such limit).
    public static let maxSchemaDepth = 200

    /// Compiles a schema document, failing as `gojsonschema.NewSchema` fails.
    public init(_ document: JSONValue) throws(SchemaError) {
        let compiled = try SchemaCompiler.compile(document)
        self.nodes = compiled.nodes
        self.root = compiled.root
        self.draft = compiled.draft
        self.documentURLs = compiled.documentURLs
    }

    /// Reads schema text as gojsonschema's loaders do (the first JSON value; text after it
    /// is ignored) and compiles it. JSON syntax errors carry Go's message and byte offset.
    public init(parsing text: String) throws(SchemaError) {
        let document: JSONValue
        do {
            document = try JSONParser.parseFirstValue(text)
        } catch {
            throw SchemaError(message: error.message, pointer: "", byteOffset: error.offset)
        }
        try self.init(document)
    }

    /// The ways the instance fails the schema, in gojsonschema's order (properties and
    /// keys in document order where gojsonschema's order depends on Go map iteration);
    /// empty when it is valid. Throws when gojsonschema itself would crash on the instance.
    public func validate(_ instance: JSONValue) throws(SchemaValidationError) -> [SchemaViolation] {
        var validator = SchemaValidator(nodes: nodes, documentURLs: documentURLs, maxDepth: JSONSchema.maxValidationDepth)
        return try validator.validate(instance, root: root)
    }
}
