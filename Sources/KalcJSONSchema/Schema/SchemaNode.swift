import KalcGo

/// One compiled (sub)schema, gojsonschema's `subSchema`, stored in an arena and referring
/// to other nodes by index so recursive schemas need no reference cycles. A class, so the
/// deep recursions of compiling and validating pass references instead of copying it.
/// Nodes are only mutated while the compiler builds them, before a `JSONSchema` shares them.
final class SchemaNode: @unchecked Sendable {
    /// What `additionalProperties` and `additionalItems` hold.
    enum Additional: Sendable {
        case allowed(Bool)
        case schema(Int)
    }

    /// What a `dependencies` member holds.
    enum Dependency: Sendable {
        case properties([String])
        case schema(Int)
    }

    /// A `patternProperties` member.
    struct PatternProperty: Sendable {
        let pattern: String
        let regex: GoRegexp
        let schema: Int
    }

    var draft: SchemaDraft
    /// Where the schema object is (its keywords' pointers extend this).
    var location: ValueLocation
    /// The property name (or keyword) this node was created for: the error context of properties.
    var property: String
    var parent: Int?
    var id: GoJSONReference?
    var ref: GoJSONReference?

    var pass: Bool?
    var types: [String] = []
    var refSchema: Int?
    var itemsChildren: [Int] = []
    var itemsChildrenIsSingleSchema = false
    var propertiesChildren: [Int] = []

    var multipleOf: DecimalNumber?
    var maximum: DecimalNumber?
    var exclusiveMaximum: DecimalNumber?
    var minimum: DecimalNumber?
    var exclusiveMinimum: DecimalNumber?
    /// The keywords the bounds came from (`exclusiveMaximum: true` moves `maximum` here).
    var maximumKeyword = "maximum"
    var exclusiveMaximumKeyword = "exclusiveMaximum"
    var minimumKeyword = "minimum"
    var exclusiveMinimumKeyword = "exclusiveMinimum"

    var minLength: Int?
    var maxLength: Int?
    var pattern: GoRegexp?
    var format = ""

    var minProperties: Int?
    var maxProperties: Int?
    var required: [String] = []
    var dependencies: [(String, Dependency)] = []
    var additionalProperties: Additional?
    var patternProperties: [PatternProperty] = []
    var propertyNames: Int?

    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var contains: Int?
    var additionalItems: Additional?

    var constValue: String?
    var enumValues: [String] = []

    var oneOf: [Int] = []
    var anyOf: [Int] = []
    var allOf: [Int] = []
    var not: Int?
    var ifSchema: Int?
    var thenSchema: Int?
    var elseSchema: Int?

    init(draft: SchemaDraft, location: ValueLocation, property: String, parent: Int?) {
        self.draft = draft
        self.location = location
        self.property = property
        self.parent = parent
    }

    /// gojsonschema's `jsonSchemaType.String()`: one name, or `[a,b]`.
    var typesText: String {
        if types.isEmpty { return "undefined" }
        if types.count == 1 { return types[0] }
        return "[" + types.joined(separator: ",") + "]"
    }
}
