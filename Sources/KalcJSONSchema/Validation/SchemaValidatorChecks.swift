import KalcJSON

/// The checks of gojsonschema's validation that do not recurse: each compares the value
/// with one or a few keywords and records gojsonschema's errors.
extension SchemaValidator {
    /// Errors whose text does not depend on the value.
    enum FixedError {
        case not, anyOf, oneOf, allOf, then, `else`, additionalItems, contains

        var type: String {
            switch self {
            case .not: return "number_not"
            case .anyOf: return "number_any_of"
            case .oneOf: return "number_one_of"
            case .allOf: return "number_all_of"
            case .then: return "condition_then"
            case .else: return "condition_else"
            case .additionalItems: return "array_no_additional_items"
            case .contains: return "contains"
            }
        }

        var description: String {
            switch self {
            case .not: return "Must not validate the schema (not)"
            case .anyOf: return "Must validate at least one schema (anyOf)"
            case .oneOf: return "Must validate one and only one schema (oneOf)"
            case .allOf: return "Must validate all the schemas (allOf)"
            case .then: return "Must validate \"then\" as \"if\" was valid"
            case .else: return "Must validate \"else\" as \"if\" was not valid"
            case .additionalItems: return "No additional items allowed on array"
            case .contains: return "At least one of the items must match"
            }
        }

        var keyword: String {
            switch self {
            case .not: return "not"
            case .anyOf: return "anyOf"
            case .oneOf: return "oneOf"
            case .allOf: return "allOf"
            case .then: return "then"
            case .else: return "else"
            case .additionalItems: return "additionalItems"
            case .contains: return "contains"
            }
        }
    }

    func report(_ outcome: inout Outcome, _ error: FixedError, _ context: InstanceContext, _ index: Int) {
        add(&outcome, error.type, error.description, context, index, error.keyword)
    }

    func tooDeep(_ index: Int, _ context: InstanceContext) -> SchemaValidationError {
        SchemaValidationError(
            kind: .tooDeep, message: "schema and instance nest deeper than \(maxDepth) levels",
            context: context.text, schemaPointer: nodes[index].location.pointer)
    }

    func infiniteRecursion(_ index: Int, _ context: InstanceContext) -> SchemaValidationError {
        SchemaValidationError(
            kind: .infiniteRecursion, message: "$ref recursion never reaches a value: gojsonschema would overflow its stack",
            context: context.text, schemaPointer: nodes[index].location.appending(key: "$ref").pointer)
    }

    func checkFalse(_ index: Int, _ outcome: inout Outcome, _ context: InstanceContext) {
        add(&outcome, "false", "False always fails validation", context, index, nil)
    }

    /// The `type` keyword; false (after recording the error) when the value has another type.
    func checkType(_ index: Int, _ instance: JSONValue, _ outcome: inout Outcome, _ context: InstanceContext) -> Bool {
        let node = nodes[index]
        guard !node.types.isEmpty else { return true }
        let given: String
        switch instance {
        case .null:
            if node.types.contains("null") { return true }
            given = "null"
        case .number(let number):
            let decimal = number.decimal
            let isInteger = decimal.isRationalRepresentable && decimal.isInteger
            if node.types.contains("number") || (isInteger && node.types.contains("integer")) { return true }
            given = isInteger ? "integer" : "number"
        case .array:
            if node.types.contains("array") { return true }
            given = "array"
        case .object:
            if node.types.contains("object") { return true }
            given = "object"
        case .bool:
            if node.types.contains("boolean") { return true }
            given = "boolean"
        case .string:
            if node.types.contains("string") { return true }
            given = "string"
        }
        add(&outcome, "invalid_type", "Invalid type. Expected: \(node.typesText), given: \(given)", context, index, "type")
        return false
    }

    /// gojsonschema's `validateCommon`: `const` and `enum`.
    func checkCommon(_ index: Int, _ instance: JSONValue, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        let node = nodes[index]
        if let constValue = node.constValue {
            if !(try canonical(instance, context, index)).isExactly(constValue) {
                add(&outcome, "const", "\(context.field) does not match: \(constValue)", context, index, "const")
            }
        }
        if !node.enumValues.isEmpty {
            if !node.enumValues.containsExactly(try canonical(instance, context, index)) {
                add(&outcome, "enum", "\(context.field) must be one of the following: \(node.enumValues.joined(separator: ", "))", context, index, "enum")
            }
        }
        outcome.score += 1
    }

    /// `minItems`, `maxItems` and `uniqueItems`.
    func checkArray(_ index: Int, _ elements: [JSONValue], _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        let node = nodes[index]
        let count = elements.count
        if let minimum = node.minItems, count < minimum {
            add(&outcome, "array_min_items", "Array must have at least \(minimum) items", context, index, "minItems")
        }
        if let maximum = node.maxItems, count > maximum {
            add(&outcome, "array_max_items", "Array must have at most \(maximum) items", context, index, "maxItems")
        }
        if node.uniqueItems {
            var seen: [[UInt8]: Int] = [:]
            for (position, element) in elements.enumerated() {
                let text = Array(try canonical(element, context, index).utf8)
                if let earlier = seen[text] {
                    add(&outcome, "unique", "array items[\(earlier),\(position)] must be unique", context, index, "uniqueItems")
                }
                seen[text] = position
            }
        }
    }

    /// `minProperties`, `maxProperties` and `required`.
    func checkObject(_ index: Int, _ object: JSONObject, _ outcome: inout Outcome, _ context: InstanceContext) {
        let node = nodes[index]
        if let minimum = node.minProperties, object.count < minimum {
            add(&outcome, "array_min_properties", "Must have at least \(minimum) properties", context, index, "minProperties")
        }
        if let maximum = node.maxProperties, object.count > maximum {
            add(&outcome, "array_max_properties", "Must have at most \(maximum) properties", context, index, "maxProperties")
        }
        for name in node.required {
            if object.contains(name) {
                outcome.score += 1
            } else {
                add(&outcome, "required", "\(name) is required", context, index, "required")
            }
        }
    }

    func checkDependency(_ index: Int, _ names: [String], _ object: JSONObject, _ outcome: inout Outcome, _ context: InstanceContext) {
        for name in names where !object.contains(name) {
            add(&outcome, "missing_dependency", "Has a dependency on \(name)", context, index, "dependencies")
        }
    }

    func checkAdditionalProperty(_ index: Int, _ key: String, _ outcome: inout Outcome, _ context: InstanceContext) {
        add(&outcome, "additional_property_not_allowed", "Additional property \(key) is not allowed", context, index, "additionalProperties")
    }

    func checkPropertyName(_ index: Int, _ key: String, _ outcome: inout Outcome, _ context: InstanceContext) {
        add(&outcome, "invalid_property_name", "Property name of \"\(key)\" does not match", context, index, "propertyNames")
    }

    /// gojsonschema's `validateString`: lengths in runes, `pattern`, `format`.
    func checkString(_ index: Int, _ text: String, _ outcome: inout Outcome, _ context: InstanceContext) {
        let node = nodes[index]
        let length = text.unicodeScalars.count
        if let minimum = node.minLength, length < minimum {
            add(&outcome, "string_gte", "String length must be greater than or equal to \(minimum)", context, index, "minLength")
        }
        if let maximum = node.maxLength, length > maximum {
            add(&outcome, "string_lte", "String length must be less than or equal to \(maximum)", context, index, "maxLength")
        }
        if let pattern = node.pattern, !pattern.matches(text) {
            add(&outcome, "pattern", "Does not match pattern '\(pattern.expression)'", context, index, "pattern")
        }
        if !node.format.isEmpty && !FormatCheckers.isValid(text, format: node.format) {
            add(&outcome, "format", "Does not match format '\(node.format)'", context, index, "format")
        }
        outcome.score += 1
    }

    /// gojsonschema's `validateNumber`: exact comparisons, and known formats fail numbers.
    func checkNumber(_ index: Int, _ number: JSONNumber, _ outcome: inout Outcome, _ context: InstanceContext) throws(SchemaValidationError) {
        let node = nodes[index]
        let value = number.decimal
        let hasBounds =
            node.multipleOf != nil || node.maximum != nil || node.exclusiveMaximum != nil
            || node.minimum != nil || node.exclusiveMinimum != nil
        // big.Rat refuses the value and gojsonschema compares with nil.
        if hasBounds && !value.isRationalRepresentable { throw panic(context, index) }
        if let multipleOf = node.multipleOf, !value.isMultiple(of: multipleOf) {
            add(&outcome, "multiple_of", "Must be a multiple of \(GoNumberText.bigFloatDisplay(multipleOf))", context, index, "multipleOf")
        }
        if let maximum = node.maximum, value > maximum {
            add(&outcome, "number_lte", "Must be less than or equal to \(GoNumberText.bigFloatDisplay(maximum))", context, index, node.maximumKeyword)
        }
        if let maximum = node.exclusiveMaximum, value >= maximum {
            add(&outcome, "number_lt", "Must be less than \(GoNumberText.bigFloatDisplay(maximum))", context, index, node.exclusiveMaximumKeyword)
        }
        if let minimum = node.minimum, value < minimum {
            add(&outcome, "number_gte", "Must be greater than or equal to \(GoNumberText.bigFloatDisplay(minimum))", context, index, node.minimumKeyword)
        }
        if let minimum = node.exclusiveMinimum, value <= minimum {
            add(&outcome, "number_gt", "Must be greater than \(GoNumberText.bigFloatDisplay(minimum))", context, index, node.exclusiveMinimumKeyword)
        }
        if !node.format.isEmpty && FormatCheckers.isKnown(node.format) {
            add(&outcome, "format", "Does not match format '\(node.format)'", context, index, "format")
        }
        outcome.score += 1
    }
}
