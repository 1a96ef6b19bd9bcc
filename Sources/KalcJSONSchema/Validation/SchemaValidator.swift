import KalcJSON

/// A port of gojsonschema's validation walk (`validateRecursive`, `validateSchema`,
/// `validateCommon`, `validateArray`, `validateObject`, `validateString`, `validateNumber`)
/// including its scoring, which picks the errors reported for a failed `anyOf`, `oneOf`
/// and `contains`.
struct SchemaValidator {
    /// The errors and score of one validation, gojsonschema's `Result`.
    struct Outcome {
        var violations: [SchemaViolation] = []
        var score = 0

        var isValid: Bool { violations.isEmpty }

        mutating func merge(_ other: Outcome) {
            violations.append(contentsOf: other.violations)
            score += other.score
        }
    }

    let nodes: [SchemaNode]
    let documentURLs: [String]
    let maxDepth: Int
    private var activeReferences: Set<[Int]> = []
    private var nextInstanceID = 0
    private var depth = 0

    init(nodes: [SchemaNode], documentURLs: [String], maxDepth: Int) {
        self.nodes = nodes
        self.documentURLs = documentURLs
        self.maxDepth = maxDepth
    }

    mutating func validate(_ instance: JSONValue, root: Int) throws(SchemaValidationError) -> [SchemaViolation] {
        var outcome = Outcome()
        try validateRecursive(root, instance, newInstanceID(), &outcome, InstanceContext("(root)", nil))
        return outcome.violations
    }

    private mutating func newInstanceID() -> Int {
        nextInstanceID += 1
        return nextInstanceID
    }

    // MARK: Errors

    func add(_ outcome: inout Outcome, _ type: String, _ description: String, _ context: InstanceContext, _ node: Int, _ keyword: String?) {
        var location = nodes[node].location
        if let keyword { location = location.appending(key: keyword) }
        let document = location.document == 0 ? nil : documentURLs[location.document]
        outcome.violations.append(
            SchemaViolation(
                field: context.field, context: context.text, type: type, description: description,
                schemaPointer: location.pointer, schemaDocument: document))
        outcome.score -= 2
    }

    func panic(_ context: InstanceContext, _ node: Int) -> SchemaValidationError {
        SchemaValidationError(kind: .goPanic, message: SchemaError.nilDereference, context: context.text, schemaPointer: nodes[node].location.pointer)
    }

    func canonical(_ value: JSONValue, _ context: InstanceContext, _ node: Int) throws(SchemaValidationError) -> String {
        do {
            return try GoJSONCanonical.text(of: value)
        } catch {
            // gojsonschema records an internal error, then dereferences the missing text.
            throw panic(context, node)
        }
    }

    // MARK: validateRecursive
    //
    // The functions on the recursive path (`validateRecursive`, `validateReference`,
    // `validateSchema`, `validateItems`, `validateContains`, `validateMembers`,
    // `validatePropertyNames`, `subValidate`) keep few locals; checks that only build
    // messages live in `check...` functions, so deep instances use little stack.

    private mutating func subValidate(_ node: Int, _ instance: JSONValue, _ id: Int, _ context: InstanceContext) throws(SchemaValidationError) -> Outcome {
        var outcome = Outcome()
        try validateRecursive(node, instance, id, &outcome, context)
        return outcome
    }

    private mutating func validateRecursive(_ index: Int, _ instance: JSONValue, _ id: Int, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        depth += 1
        defer { depth -= 1 }
        if depth > maxDepth { throw tooDeep(index, context) }
        let node = nodes[index]
        if let pass = node.pass {
            if !pass { checkFalse(index, &outcome, context) }
            return
        }
        if let target = node.refSchema {
            try validateReference(index, target, instance, id, &outcome, context)
            return
        }
        if !checkType(index, instance, &outcome, context) { return }
        try validateSchema(index, instance, id, &outcome, context)
        switch instance {
        case .number(let number):
            try checkNumber(index, number, &outcome, context)
        case .array(let elements):
            try validateArray(index, elements, &outcome, context)
        case .object(let object):
            try validateObject(index, object, &outcome, context)
        default:
            break
        }
        try checkCommon(index, instance, &outcome, context)
        switch instance {
        case .object(let object):
            try validateProperties(index, object, &outcome, context)
        case .string(let text):
            checkString(index, text, &outcome, context)
        default:
            break
        }
        outcome.score += 1
    }

    private mutating func validateReference(_ index: Int, _ target: Int, _ instance: JSONValue, _ id: Int, _ outcome: inout Outcome, _ context: InstanceContext)
        throws(SchemaValidationError)
    {
        let key = [target, id]
        if activeReferences.contains(key) { throw infiniteRecursion(index, context) }
        activeReferences.insert(key)
        defer { activeReferences.remove(key) }
        try validateRecursive(target, instance, id, &outcome, context)
    }

    private mutating func validateProperties(_ index: Int, _ object: JSONObject, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        for property in nodes[index].propertiesChildren {
            let name = nodes[property].property
            if let value = object[name] {
                try validateRecursive(property, value, newInstanceID(), &outcome, InstanceContext(name, context))
            }
        }
    }

    // MARK: validateSchema

    private mutating func validateSchema(_ index: Int, _ instance: JSONValue, _ id: Int, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        let node = nodes[index]
        if !node.anyOf.isEmpty { try validateAnyOf(index, instance, id, &outcome, context) }
        if !node.oneOf.isEmpty { try validateOneOf(index, instance, id, &outcome, context) }
        if !node.allOf.isEmpty { try validateAllOf(index, instance, id, &outcome, context) }
        if let not = node.not {
            if try subValidate(not, instance, id, context).isValid { report(&outcome, .not, context, index) }
        }
        if !node.dependencies.isEmpty { try validateDependencies(index, instance, id, &outcome, context) }
        if node.ifSchema != nil { try validateCondition(index, instance, id, &outcome, context) }
        outcome.score += 1
    }

    private mutating func validateAnyOf(_ index: Int, _ instance: JSONValue, _ id: Int, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        var best: Outcome?
        for schema in nodes[index].anyOf {
            let result = try subValidate(schema, instance, id, context)
            if result.isValid { return }
            if best == nil || result.score > (best?.score ?? 0) { best = result }
        }
        report(&outcome, .anyOf, context, index)
        if let best { outcome.merge(best) }
    }

    private mutating func validateOneOf(_ index: Int, _ instance: JSONValue, _ id: Int, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        var validCount = 0
        var best: Outcome?
        for schema in nodes[index].oneOf {
            let result = try subValidate(schema, instance, id, context)
            if result.isValid {
                validCount += 1
            } else if validCount == 0 && (best == nil || result.score > (best?.score ?? 0)) {
                best = result
            }
        }
        if validCount != 1 {
            report(&outcome, .oneOf, context, index)
            if validCount == 0, let best { outcome.merge(best) }
        }
    }

    private mutating func validateAllOf(_ index: Int, _ instance: JSONValue, _ id: Int, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        var validCount = 0
        for schema in nodes[index].allOf {
            let result = try subValidate(schema, instance, id, context)
            if result.isValid { validCount += 1 }
            outcome.merge(result)
        }
        if validCount != nodes[index].allOf.count { report(&outcome, .allOf, context, index) }
    }

    private mutating func validateDependencies(_ index: Int, _ instance: JSONValue, _ id: Int, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        if case .number(let number) = instance, !number.decimal.isRationalRepresentable { throw panic(context, index) }
        guard case .object(let object) = instance else { return }
        for (key, _) in object {
            guard let dependency = nodes[index].dependencies.first(where: { $0.0.isExactly(key) })?.1 else { continue }
            switch dependency {
            case .properties(let names):
                checkDependency(index, names, object, &outcome, context)
            case .schema(let schema):
                try validateRecursive(schema, instance, id, &outcome, context)
            }
        }
    }

    private mutating func validateCondition(_ index: Int, _ instance: JSONValue, _ id: Int, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        guard let ifSchema = nodes[index].ifSchema else { return }
        let ifValid = try subValidate(ifSchema, instance, id, context).isValid
        if ifValid, let thenSchema = nodes[index].thenSchema {
            let result = try subValidate(thenSchema, instance, id, context)
            if !result.isValid {
                report(&outcome, .then, context, index)
                outcome.merge(result)
            }
        }
        if !ifValid, let elseSchema = nodes[index].elseSchema {
            let result = try subValidate(elseSchema, instance, id, context)
            if !result.isValid {
                report(&outcome, .else, context, index)
                outcome.merge(result)
            }
        }
    }

    // MARK: validateArray

    private mutating func validateArray(_ index: Int, _ elements: [JSONValue], _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        var ids: [Int] = []
        for _ in elements { ids.append(newInstanceID()) }
        try validateItems(index, elements, ids, &outcome, context)
        try checkArray(index, elements, &outcome, context)
        if nodes[index].contains != nil { try validateContains(index, elements, ids, &outcome, context) }
        outcome.score += 1
    }

    private mutating func validateItems(_ index: Int, _ elements: [JSONValue], _ ids: [Int], _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        let node = nodes[index]
        if node.itemsChildrenIsSingleSchema, let items = node.itemsChildren.first {
            for position in elements.indices {
                outcome.merge(try subValidate(items, elements[position], ids[position], InstanceContext(String(position), context)))
            }
            return
        }
        guard !node.itemsChildren.isEmpty else { return }
        let itemCount = node.itemsChildren.count
        for position in 0..<min(itemCount, elements.count) {
            outcome.merge(try subValidate(node.itemsChildren[position], elements[position], ids[position], InstanceContext(String(position), context)))
        }
        guard itemCount < elements.count else { return }
        switch node.additionalItems {
        case .allowed(false)?:
            report(&outcome, .additionalItems, context, index)
        case .schema(let schema)?:
            for position in itemCount..<elements.count {
                outcome.merge(try subValidate(schema, elements[position], ids[position], InstanceContext(String(position), context)))
            }
        default:
            break
        }
    }

    private mutating func validateContains(_ index: Int, _ elements: [JSONValue], _ ids: [Int], _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError)
    {
        guard let contains = nodes[index].contains else { return }
        var best: Outcome?
        for position in elements.indices {
            let result = try subValidate(contains, elements[position], ids[position], InstanceContext(String(position), context))
            if result.isValid { return }
            if best == nil || result.score > (best?.score ?? 0) { best = result }
        }
        report(&outcome, .contains, context, index)
        if let best { outcome.merge(best) }
    }

    // MARK: validateObject

    private mutating func validateObject(_ index: Int, _ object: JSONObject, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        checkObject(index, object, &outcome, context)
        for (key, value) in object {
            try validateMember(index, key, value, &outcome, context)
        }
        if nodes[index].propertyNames != nil { try validatePropertyNames(index, object, &outcome, context) }
        outcome.score += 1
    }

    private mutating func validateMember(_ index: Int, _ key: String, _ value: JSONValue, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        let node = nodes[index]
        let declared = node.propertiesChildren.contains { nodes[$0].property.isExactly(key) }
        var matchedPattern = false
        for patternProperty in node.patternProperties where patternProperty.regex.matches(key) {
            matchedPattern = true
            outcome.merge(try subValidate(patternProperty.schema, value, newInstanceID(), InstanceContext(key, context)))
        }
        if matchedPattern { outcome.score += 1 }
        guard !declared && !matchedPattern else { return }
        switch node.additionalProperties {
        case .allowed(false)?:
            checkAdditionalProperty(index, key, &outcome, context)
        case .schema(let schema)?:
            outcome.merge(try subValidate(schema, value, newInstanceID(), InstanceContext(key, context)))
        default:
            break
        }
    }

    private mutating func validatePropertyNames(_ index: Int, _ object: JSONObject, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        guard let propertyNames = nodes[index].propertyNames else { return }
        for (key, _) in object {
            let result = try subValidate(propertyNames, .string(key), newInstanceID(), context)
            if !result.isValid {
                checkPropertyName(index, key, &outcome, context)
                outcome.merge(result)
            }
        }
    }
}
