import KalcJSON
import KalcJSONSchema

/// JSON Schema as kalc uses it for platform config: the input is a schema, then a NUL
/// byte, then an instance (without a NUL byte the schema is validated against itself).
/// A schema that does not compile and an instance that is not JSON are answers; a schema
/// that compiles must give the same verdict on the same instance twice.
enum SchemaFuzzing {
    static func run(_ input: [UInt8]) -> [String] {
        let parts = input.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        let schemaText = String(decoding: parts[0], as: UTF8.self)
        let instanceBytes = parts.count > 1 ? Array(parts[1]) : Array(parts[0])
        guard let schema = try? JSONSchema(parsing: schemaText),
            let instance = try? JSONParser.parse(bytes: instanceBytes)
        else { return [] }
        let first = Result { () throws(SchemaValidationError) in try schema.validate(instance) }
        let second = Result { () throws(SchemaValidationError) in try schema.validate(instance) }
        switch (first, second) {
        case (.success(let a), .success(let b)) where a == b: return []
        case (.failure, .failure): return []
        default: return ["validating the same instance twice gives different verdicts"]
        }
    }
}
