import KalcGo
import KalcJSON

/// A port of gojsonschema's schema loading (`SchemaLoader.Compile`, `Schema.parseSchema`,
/// `parseReference`, `parseProperties`, `parseDependencies`): the same checks in the same
/// order with the same messages, producing the node arena the validator walks.
struct SchemaCompiler {
    private(set) var nodes: [SchemaNode] = []
    private(set) var pool: SchemaDocumentPool
    /// gojsonschema's `schemaReferencePool`: the node made for each reference text.
    private var referencePool: [String: Int] = [:]
    private var depth = 0

    private init(document: JSONValue) {
        pool = SchemaDocumentPool(root: document)
    }

    /// Compiles a schema document; returns the nodes, the root index, the draft and the URLs of the loaded documents.
    static func compile(_ document: JSONValue) throws(SchemaError) -> (nodes: [SchemaNode], root: Int, draft: SchemaDraft, documentURLs: [String]) {
        var compiler = SchemaCompiler(document: document)
        let rootLocation = ValueLocation(document: 0, path: [])
        let documentReference = GoJSONReference(url: GoURL())
        try compiler.pool.parseReferences(document: 0, reference: documentReference)
        let (_, detected) = try SchemaDocumentPool.schemaURL(of: document, at: rootLocation)
        let draft = detected ?? .hybrid
        let root = SchemaNode(draft: draft, location: rootLocation, property: "(root)", parent: nil)
        root.id = documentReference
        root.ref = documentReference
        compiler.nodes.append(root)
        try compiler.parseSchema(document, 0)
        return (compiler.nodes, 0, draft, compiler.pool.documentURLs)
    }

    // MARK: Helpers

    private func location(_ index: Int, _ keyword: String) -> ValueLocation {
        nodes[index].location.appending(key: keyword)
    }

    private func invalidType(_ expected: String, _ given: String, _ index: Int, _ keyword: String) -> SchemaError {
        SchemaError(message: "Invalid type. Expected: \(expected), given: \(given)", pointer: location(index, keyword).pointer)
    }

    private func failure(_ message: String, _ index: Int, _ keyword: String) -> SchemaError {
        SchemaError(message: message, pointer: location(index, keyword).pointer)
    }

    private mutating func newNode(property: String, parent: Int, at location: ValueLocation) -> Int {
        nodes.append(SchemaNode(draft: nodes[parent].draft, location: location, property: property, parent: parent))
        return nodes.count - 1
    }

    /// Creates a child node for the value at `location` and parses it.
    private mutating func child(property: String, parent: Int, value: JSONValue, at location: ValueLocation) throws(SchemaError) -> Int {
        let index = newNode(property: property, parent: parent, at: location)
        try parseSchema(value, index)
        return index
    }

    // MARK: parseSchema

    private mutating func parseSchema(_ document: JSONValue, _ index: Int) throws(SchemaError) {
        depth += 1
        defer { depth -= 1 }
        if depth > JSONSchema.maxSchemaDepth { throw tooDeep(index) }
        let here = nodes[index].location
        let draft = nodes[index].draft
        if draft >= .draft6, try GoKinds.isBool(document, at: here), case .bool(let flag) = document {
            nodes[index].pass = flag
            return
        }
        guard try GoKinds.isObject(document, at: here), case .object(let m) = document else {
            throw SchemaError(message: "Expected: valid schema, given: Invalid JSON", pointer: here.pointer)
        }
        if nodes[index].id == nil, let parent = nodes[index].parent { nodes[index].id = nodes[parent].id }

        try parseIdentifier(m, index, draft)
        try parseDefinitions(m, index)
        try parseAnnotations(m, index)
        if m["$ref"] != nil, try parseReferenceKeyword(m, index) {
            try parseReference(index)
            return
        }
        try parseTypes(m, index)
        if let value = m["properties"] { try parseProperties(value, index) }
        try parseAdditionalProperties(m, index)
        try parsePatternProperties(m, index)
        if let value = m["propertyNames"], draft >= .draft6 {
            guard try GoKinds.isObjectOrBool(value, at: location(index, "propertyNames")) else { throw propertyNamesError(index) }
            nodes[index].propertyNames = try child(property: "propertyNames", parent: index, value: value, at: location(index, "propertyNames"))
        }
        if let value = m["dependencies"] { try parseDependencies(value, index) }
        try parseItems(m, index)
        try parseNumberKeywords(m, index, draft)
        try parseStringKeywords(m, index)
        try parseObjectKeywords(m, index)
        try parseArrayKeywords(m, index, draft)
        try parseValueKeywords(m, index, draft)
        try parseCombinators(m, index, draft)
    }

    private func tooDeep(_ index: Int) -> SchemaError {
        SchemaError(message: "schema nests deeper than \(JSONSchema.maxSchemaDepth) levels", pointer: nodes[index].location.pointer)
    }

    private func parseAnnotations(_ m: JSONObject, _ index: Int) throws(SchemaError) {
        for keyword in ["title", "description"] {
            if let value = m[keyword], !(try GoKinds.isString(value, at: location(index, keyword))) {
                throw invalidType("string", keyword, index, keyword)
            }
        }
    }

    /// Reads `$ref`; true when its target still has to be parsed (it is not in the reference pool).
    private mutating func parseReferenceKeyword(_ m: JSONObject, _ index: Int) throws(SchemaError) -> Bool {
        guard let value = m["$ref"] else { return false }
        guard try GoKinds.isString(value, at: location(index, "$ref")), case .string(let original) = value else {
            throw invalidType("string", "$ref", index, "$ref")
        }
        let text = pool.referenceText(at: nodes[index].location, original: original)
        let reference: GoJSONReference
        do { reference = try GoJSONReference(text) } catch { throw error.at(location(index, "$ref").pointer) }
        nodes[index].ref = reference
        if let existing = referencePool[reference.text] {
            nodes[index].refSchema = existing
            return false
        }
        return true
    }

    private func propertyNamesError(_ index: Int) -> SchemaError {
        invalidType("valid schema", "patternProperties", index, "propertyNames")
    }

    private mutating func parseIdentifier(_ m: JSONObject, _ index: Int, _ draft: SchemaDraft) throws(SchemaError) {
        let keyID: String
        switch draft {
        case .draft4: keyID = "id"
        case .hybrid: keyID = m.contains("id") ? "id" : "$id"
        default: keyID = "$id"
        }
        guard let value = m[keyID] else { return }
        guard try GoKinds.isString(value, at: location(index, keyID)), case .string(let text) = value else {
            throw invalidType("string", keyID, index, keyID)
        }
        let reference: GoJSONReference
        do { reference = try GoJSONReference(text) } catch { throw error.at(location(index, keyID).pointer) }
        if index == 0 {
            nodes[index].id = reference
        } else if let parent = nodes[index].parent, let parentID = nodes[parent].id {
            nodes[index].id = try parentID.inherits(reference)
        }
    }

    private mutating func parseDefinitions(_ m: JSONObject, _ index: Int) throws(SchemaError) {
        guard let value = m["definitions"] else { return }
        let here = location(index, "definitions")
        guard try GoKinds.isObjectOrBool(value, at: here) else {
            throw invalidType("array of schemas", "definitions", index, "definitions")
        }
        guard case .object(let definitions) = value else {
            throw SchemaError.goPanic("interface conversion: interface {} is bool, not map[string]interface {}", at: here.pointer)
        }
        for (name, definition) in definitions {
            guard try GoKinds.isObjectOrBool(definition, at: here.appending(key: name)) else {
                throw invalidType("array of schemas", "definitions", index, "definitions")
            }
            _ = try child(property: "definitions", parent: index, value: definition, at: here.appending(key: name))
        }
    }

    private mutating func parseReference(_ index: Int) throws(SchemaError) {
        guard let reference = nodes[index].ref else { return }
        let refLocation = location(index, "$ref")
        let target = newNode(property: "$ref", parent: index, at: refLocation)
        if referencePool[reference.text] == nil { referencePool[reference.text] = target }
        let entry = try pool.document(for: reference, referrer: refLocation)
        nodes[target].id = reference
        nodes[target].location = entry.location
        if let draft = entry.draft { nodes[target].draft = draft }
        guard let value = pool.value(at: entry.location),
            try GoKinds.isObjectOrBool(value, at: entry.location)
        else {
            throw SchemaError(message: "valid schema must be of type object", pointer: refLocation.pointer)
        }
        try parseSchema(value, target)
        nodes[index].refSchema = target
    }

    private mutating func parseTypes(_ m: JSONObject, _ index: Int) throws(SchemaError) {
        guard let value = m["type"] else { return }
        let here = location(index, "type")
        if try GoKinds.isString(value, at: here), case .string(let name) = value {
            try addType(name, index)
        } else if try GoKinds.isArray(value, at: here), case .array(let names) = value {
            for (position, element) in names.enumerated() {
                switch element {
                case .string(let name):
                    try addType(name, index)
                case .number:
                    // json.Number has reflect kind string, so Go's type assertion to string panics.
                    throw SchemaError.goPanic("interface conversion: interface {} is json.Number, not string", at: here.appending(.index(position)).pointer)
                default:
                    throw invalidType("string/array of strings", "type", index, "type")
                }
            }
        } else {
            throw invalidType("string/array of strings", "type", index, "type")
        }
    }

    private mutating func addType(_ name: String, _ index: Int) throws(SchemaError) {
        let valid = ["array", "boolean", "integer", "number", "null", "object", "string"]
        guard valid.contains(name) else {
            throw failure("has a primitive type that is NOT VALID -- given: /\(name)/ Expected valid values are:[array boolean integer number null object string]", index, "type")
        }
        guard !nodes[index].types.contains(name) else {
            throw failure("\(name) type is duplicated", index, "type")
        }
        nodes[index].types.append(name)
    }

    private mutating func parseProperties(_ value: JSONValue, _ index: Int) throws(SchemaError) {
        let here = location(index, "properties")
        guard try GoKinds.isObject(value, at: here), case .object(let properties) = value else {
            throw failure("properties must be of type object", index, "properties")
        }
        for (name, schema) in properties {
            let property = newNode(property: name, parent: index, at: here.appending(key: name))
            nodes[index].propertiesChildren.append(property)
            try parseSchema(schema, property)
        }
    }

    private mutating func parseAdditionalProperties(_ m: JSONObject, _ index: Int) throws(SchemaError) {
        guard let value = m["additionalProperties"] else { return }
        let here = location(index, "additionalProperties")
        if try GoKinds.isBool(value, at: here), case .bool(let flag) = value {
            nodes[index].additionalProperties = .allowed(flag)
        } else if try GoKinds.isObject(value, at: here) {
            let schema = newNode(property: "additionalProperties", parent: index, at: here)
            nodes[index].additionalProperties = .schema(schema)
            try parseSchema(value, schema)
        } else {
            throw invalidType("boolean/valid schema", "additionalProperties", index, "additionalProperties")
        }
    }

    private mutating func parsePatternProperties(_ m: JSONObject, _ index: Int) throws(SchemaError) {
        guard let value = m["patternProperties"] else { return }
        let here = location(index, "patternProperties")
        guard try GoKinds.isObject(value, at: here), case .object(let patterns) = value else {
            throw invalidType("valid schema", "patternProperties", index, "patternProperties")
        }
        for (pattern, schema) in patterns {
            let regex: GoRegexp
            do {
                regex = try GoRegexp(pattern)
            } catch {
                throw SchemaError(message: "Invalid regex pattern '\(pattern)'", pointer: here.appending(key: pattern).pointer)
            }
            let node = try child(property: pattern, parent: index, value: schema, at: here.appending(key: pattern))
            nodes[index].patternProperties.append(SchemaNode.PatternProperty(pattern: pattern, regex: regex, schema: node))
        }
    }

    private mutating func parseDependencies(_ value: JSONValue, _ index: Int) throws(SchemaError) {
        let here = location(index, "dependencies")
        guard try GoKinds.isObject(value, at: here), case .object(let dependencies) = value else {
            throw failure("dependencies must be of type object", index, "dependencies")
        }
        let dependencyError = SchemaError(message: "dependency must be of type schema or array of strings", pointer: here.pointer)
        for (name, dependency) in dependencies {
            switch dependency {
            case .array(let names):
                var properties: [String] = []
                for element in names {
                    guard try GoKinds.isString(element, at: here.appending(key: name)), case .string(let property) = element else {
                        throw dependencyError.at(here.appending(key: name).pointer)
                    }
                    properties.append(property)
                }
                // An empty list registers nothing, as in gojsonschema.
                if !properties.isEmpty { setDependency(name, .properties(properties), index) }
            case .object, .bool:
                let schema = try child(property: name, parent: index, value: dependency, at: here.appending(key: name))
                setDependency(name, .schema(schema), index)
            default:
                throw dependencyError.at(here.appending(key: name).pointer)
            }
        }
    }

    private mutating func setDependency(_ name: String, _ dependency: SchemaNode.Dependency, _ index: Int) {
        if let position = nodes[index].dependencies.firstIndex(where: { $0.0.isExactly(name) }) {
            nodes[index].dependencies[position] = (name, dependency)
        } else {
            nodes[index].dependencies.append((name, dependency))
        }
    }

    private mutating func parseItems(_ m: JSONObject, _ index: Int) throws(SchemaError) {
        if let value = m["items"] {
            let here = location(index, "items")
            if try GoKinds.isArray(value, at: here), case .array(let schemas) = value {
                for (position, schema) in schemas.enumerated() {
                    let itemLocation = here.appending(.index(position))
                    guard try GoKinds.isObjectOrBool(schema, at: itemLocation) else {
                        throw invalidType("valid schema/array of schemas", "items", index, "items")
                    }
                    let item = newNode(property: "items", parent: index, at: itemLocation)
                    nodes[index].itemsChildren.append(item)
                    try parseSchema(schema, item)
                    nodes[index].itemsChildrenIsSingleSchema = false
                }
            } else if try GoKinds.isObjectOrBool(value, at: here) {
                let item = newNode(property: "items", parent: index, at: here)
                nodes[index].itemsChildren.append(item)
                try parseSchema(value, item)
                nodes[index].itemsChildrenIsSingleSchema = true
            } else {
                throw invalidType("valid schema/array of schemas", "items", index, "items")
            }
        }
        if let value = m["additionalItems"] {
            let here = location(index, "additionalItems")
            if try GoKinds.isBool(value, at: here), case .bool(let flag) = value {
                nodes[index].additionalItems = .allowed(flag)
            } else if try GoKinds.isObject(value, at: here) {
                let schema = newNode(property: "additionalItems", parent: index, at: here)
                nodes[index].additionalItems = .schema(schema)
                try parseSchema(value, schema)
            } else {
                throw invalidType("boolean/valid schema", "additionalItems", index, "additionalItems")
            }
        }
    }

    private mutating func parseNumberKeywords(_ m: JSONObject, _ index: Int, _ draft: SchemaDraft) throws(SchemaError) {
        if let value = m["multipleOf"] {
            guard let number = GoKinds.mustBeNumber(value) else { throw invalidType("number", "multipleOf", index, "multipleOf") }
            guard !number.isZero && !number.isNegative else { throw failure("multipleOf must be strictly greater than 0", index, "multipleOf") }
            nodes[index].multipleOf = number
        }
        if let value = m["minimum"] {
            guard let number = GoKinds.mustBeNumber(value) else { throw failure("minimum must be of a number", index, "minimum") }
            nodes[index].minimum = number
        }
        try parseExclusive(m, index, draft, bound: "minimum", exclusive: "exclusiveMinimum")
        if let value = m["maximum"] {
            guard let number = GoKinds.mustBeNumber(value) else { throw failure("maximum must be of a number", index, "maximum") }
            nodes[index].maximum = number
        }
        try parseExclusive(m, index, draft, bound: "maximum", exclusive: "exclusiveMaximum")
    }

    /// `exclusiveMinimum`/`exclusiveMaximum`: a flag on the bound in draft 4, a number in
    /// drafts 6 and 7, either in hybrid mode.
    private mutating func parseExclusive(_ m: JSONObject, _ index: Int, _ draft: SchemaDraft, bound: String, exclusive: String) throws(SchemaError) {
        guard let value = m[exclusive] else { return }
        let here = location(index, exclusive)
        let isMinimum = bound == "minimum"
        func applyFlag(_ flag: Bool) throws(SchemaError) {
            let current = isMinimum ? nodes[index].minimum : nodes[index].maximum
            guard current != nil else { throw failure("\(exclusive) cannot be used without \(bound)", index, exclusive) }
            guard flag else { return }
            if isMinimum {
                nodes[index].exclusiveMinimum = current
                nodes[index].exclusiveMinimumKeyword = "minimum"
                nodes[index].minimum = nil
            } else {
                nodes[index].exclusiveMaximum = current
                nodes[index].exclusiveMaximumKeyword = "maximum"
                nodes[index].maximum = nil
            }
        }
        func applyNumber() {
            let number = GoKinds.mustBeNumber(value)
            if isMinimum { nodes[index].exclusiveMinimum = number } else { nodes[index].exclusiveMaximum = number }
        }
        switch draft {
        case .draft4:
            guard try GoKinds.isBool(value, at: here), case .bool(let flag) = value else {
                throw invalidType("boolean", exclusive, index, exclusive)
            }
            try applyFlag(flag)
        case .hybrid:
            if try GoKinds.isBool(value, at: here), case .bool(let flag) = value {
                try applyFlag(flag)
            } else if case .number = value {
                applyNumber()
            } else {
                throw invalidType("boolean/number", exclusive, index, exclusive)
            }
        default:
            guard case .number = value else { throw invalidType("number", exclusive, index, exclusive) }
            applyNumber()
        }
    }

    private func nonNegativeInteger(_ m: JSONObject, _ keyword: String, _ index: Int) throws(SchemaError) -> Int? {
        guard let value = m[keyword] else { return nil }
        guard let integer = GoKinds.mustBeInteger(value) else { throw failure("\(keyword) must be of an integer", index, keyword) }
        guard integer >= 0 else { throw failure("\(keyword) must be greater than or equal to 0", index, keyword) }
        return integer
    }

    private mutating func parseStringKeywords(_ m: JSONObject, _ index: Int) throws(SchemaError) {
        nodes[index].minLength = try nonNegativeInteger(m, "minLength", index)
        nodes[index].maxLength = try nonNegativeInteger(m, "maxLength", index)
        if let minimum = nodes[index].minLength, let maximum = nodes[index].maxLength, minimum > maximum {
            throw failure("minLength cannot be greater than maxLength", index, "minLength")
        }
        if let value = m["pattern"] {
            guard try GoKinds.isString(value, at: location(index, "pattern")), case .string(let pattern) = value else {
                throw failure("pattern must be of a string", index, "pattern")
            }
            do {
                nodes[index].pattern = try GoRegexp(pattern)
            } catch {
                throw failure("pattern must be a valid regex", index, "pattern")
            }
        }
        if let value = m["format"] {
            guard case .string(let format) = value else { throw failure("format must be of type string", index, "format") }
            nodes[index].format = format
        }
    }

    private mutating func parseObjectKeywords(_ m: JSONObject, _ index: Int) throws(SchemaError) {
        nodes[index].minProperties = try nonNegativeInteger(m, "minProperties", index)
        nodes[index].maxProperties = try nonNegativeInteger(m, "maxProperties", index)
        if let minimum = nodes[index].minProperties, let maximum = nodes[index].maxProperties, minimum > maximum {
            throw failure("minProperties cannot be greater than maxProperties", index, "minProperties")
        }
        if let value = m["required"] {
            let here = location(index, "required")
            guard try GoKinds.isArray(value, at: here), case .array(let names) = value else {
                throw failure("required must be of an array", index, "required")
            }
            for (position, element) in names.enumerated() {
                guard try GoKinds.isString(element, at: here.appending(.index(position))), case .string(let name) = element else {
                    throw SchemaError(message: "required items must be string", pointer: here.appending(.index(position)).pointer)
                }
                guard !nodes[index].required.containsExactly(name) else {
                    throw SchemaError(message: "required items must be unique", pointer: here.appending(.index(position)).pointer)
                }
                nodes[index].required.append(name)
            }
        }
    }

    private mutating func parseArrayKeywords(_ m: JSONObject, _ index: Int, _ draft: SchemaDraft) throws(SchemaError) {
        nodes[index].minItems = try nonNegativeInteger(m, "minItems", index)
        nodes[index].maxItems = try nonNegativeInteger(m, "maxItems", index)
        if let value = m["uniqueItems"] {
            guard try GoKinds.isBool(value, at: location(index, "uniqueItems")), case .bool(let flag) = value else {
                throw failure("uniqueItems must be of a boolean", index, "uniqueItems")
            }
            nodes[index].uniqueItems = flag
        }
        if let value = m["contains"], draft >= .draft6 {
            nodes[index].contains = try child(property: "contains", parent: index, value: value, at: location(index, "contains"))
        }
    }

    private mutating func parseValueKeywords(_ m: JSONObject, _ index: Int, _ draft: SchemaDraft) throws(SchemaError) {
        if let value = m["const"], draft >= .draft6 {
            do {
                nodes[index].constValue = try GoJSONCanonical.text(of: value)
            } catch {
                throw failure(error.message, index, "const")
            }
        }
        if let value = m["enum"] {
            let here = location(index, "enum")
            guard try GoKinds.isArray(value, at: here), case .array(let values) = value else {
                throw failure("enum must be of an array", index, "enum")
            }
            for (position, element) in values.enumerated() {
                let text: String
                do {
                    text = try GoJSONCanonical.text(of: element)
                } catch {
                    throw SchemaError(message: error.message, pointer: here.appending(.index(position)).pointer)
                }
                guard !nodes[index].enumValues.containsExactly(text) else {
                    throw SchemaError(message: "enum items must be unique", pointer: here.appending(.index(position)).pointer)
                }
                nodes[index].enumValues.append(text)
            }
        }
    }

    private mutating func parseCombinators(_ m: JSONObject, _ index: Int, _ draft: SchemaDraft) throws(SchemaError) {
        for (keyword, errorName) in [("oneOf", "oneOf"), ("anyOf", "anyOf"), ("allOf", "anyOf")] {
            guard let value = m[keyword] else { continue }
            let here = location(index, keyword)
            guard try GoKinds.isArray(value, at: here), case .array(let schemas) = value else {
                throw failure("\(errorName) must be of an array", index, keyword)
            }
            for (position, schema) in schemas.enumerated() {
                let node = newNode(property: keyword, parent: index, at: here.appending(.index(position)))
                switch keyword {
                case "oneOf": nodes[index].oneOf.append(node)
                case "anyOf": nodes[index].anyOf.append(node)
                default: nodes[index].allOf.append(node)
                }
                try parseSchema(schema, node)
            }
        }
        if let value = m["not"] {
            guard try GoKinds.isObjectOrBool(value, at: location(index, "not")) else { throw failure("not must be of an object", index, "not") }
            nodes[index].not = try child(property: "not", parent: index, value: value, at: location(index, "not"))
        }
        guard draft >= .draft7 else { return }
        for keyword in ["if", "then", "else"] {
            guard let value = m[keyword] else { continue }
            guard try GoKinds.isObjectOrBool(value, at: location(index, keyword)) else { throw failure("\(keyword) must be of an object", index, keyword) }
            let node = try child(property: keyword, parent: index, value: value, at: location(index, keyword))
            switch keyword {
            case "if": nodes[index].ifSchema = node
            case "then": nodes[index].thenSchema = node
            default: nodes[index].elseSchema = node
            }
        }
    }
}
