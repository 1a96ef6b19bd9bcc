import KalcJSON

/// Why a schema cannot be used, worded as gojsonschema's `NewSchema` words it
/// (for example `Invalid type. Expected: string, given: title`,
/// `has a primitive type that is NOT VALID -- given: /strin/ Expected valid values are:[array boolean integer number null object string]`,
/// `Reference urn:x must be canonical`, or a JSON syntax error of the schema text).
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// gojsonschema's message.
    public let message: String
    /// The JSON pointer (RFC 6901) into the schema document of the value at fault; empty for
    /// the whole document. For a problem inside a referenced meta-schema, the pointer of the
    /// `$ref` that led there.
    public let pointer: String
    /// Whether gojsonschema would not return this error but crash (a Go panic) on the schema;
    /// the message is then the panic's text.
    public let isGoPanic: Bool
    /// For a JSON syntax error in schema text, Go's byte offset of it (see `JSONParseError`).
    public let byteOffset: Int?

    /// An error with gojsonschema's message at a location in the schema.
    public init(message: String, pointer: String, isGoPanic: Bool = false, byteOffset: Int? = nil) {
        self.message = message
        self.pointer = pointer
        self.isGoPanic = isGoPanic
        self.byteOffset = byteOffset
    }

    /// The message.
    public var description: String { message }

    func at(_ pointer: String) -> SchemaError {
        SchemaError(message: message, pointer: pointer, isGoPanic: isGoPanic)
    }

    static func goPanic(_ message: String, at pointer: String) -> SchemaError {
        SchemaError(message: message, pointer: pointer, isGoPanic: true)
    }

    /// The text of Go's nil-pointer panic, which gojsonschema hits on numbers `big.Rat` refuses.
    static let nilDereference = "runtime error: invalid memory address or nil pointer dereference"
}

/// The JSON Schema draft gojsonschema applies: the one its `$schema` names, or its hybrid
/// mode (draft-07 keywords with draft-04's `id` and boolean `exclusiveMinimum`/`exclusiveMaximum`
/// also accepted) when `$schema` is absent or unknown.
public enum SchemaDraft: Int, Sendable, Hashable, Comparable {
    /// Draft 4 (`http://json-schema.org/draft-04/schema#`).
    case draft4 = 4
    /// Draft 6 (`http://json-schema.org/draft-06/schema#`).
    case draft6 = 6
    /// Draft 7 (`http://json-schema.org/draft-07/schema#`).
    case draft7 = 7
    /// gojsonschema's mode for schemas without a known `$schema`.
    case hybrid = 2_147_483_647

    /// Orders drafts as gojsonschema compares them (hybrid above draft 7).
    public static func < (lhs: SchemaDraft, rhs: SchemaDraft) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The draft a meta-schema URL (without fragment) names.
    static func named(byMetaSchemaURL url: String) -> SchemaDraft? {
        switch url {
        case "http://json-schema.org/draft-04/schema": return .draft4
        case "http://json-schema.org/draft-06/schema": return .draft6
        case "http://json-schema.org/draft-07/schema": return .draft7
        default: return nil
        }
    }
}
