import KalcJSON

/// A step of a path into a JSON document.
enum PathStep: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// Where a value sits: which loaded document, and the path to it.
struct ValueLocation: Hashable, Sendable {
    /// 0 is the schema being compiled; others are meta-schemas loaded through `$ref`.
    var document: Int
    var path: [PathStep]

    func appending(_ step: PathStep) -> ValueLocation {
        ValueLocation(document: document, path: path + [step])
    }

    func appending(key: String) -> ValueLocation { appending(.key(key)) }

    /// The location as an RFC 6901 JSON pointer within its document.
    var pointer: String {
        path.map { step in
            switch step {
            case .key(let key): return "/" + key.replacing("~", with: "~0").replacing("/", with: "~1")
            case .index(let index): return "/\(index)"
            }
        }.joined()
    }
}

/// A document (or part of one) registered under a reference, as gojsonschema's
/// `schemaPoolDocument`.
struct PoolEntry {
    let location: ValueLocation
    let draft: SchemaDraft?
}

/// gojsonschema's `schemaPool`: the loaded documents, what each `id`/`$id` and each
/// resolved reference names, and the absolute form every `$ref` was rewritten to.
struct SchemaDocumentPool {
    private(set) var documents: [JSONValue]
    private(set) var documentURLs: [String]
    private var entries: [String: PoolEntry] = [:]
    /// The absolute reference of each `$ref` member, by the location of its object.
    private var rewrittenRefs: [ValueLocation: String] = [:]
    /// Where the resolution that loaded a meta-schema started, for error locations.
    var currentReferrer: ValueLocation?

    init(root: JSONValue) {
        documents = [root]
        documentURLs = [""]
    }

    /// The value at a location.
    func value(at location: ValueLocation) -> JSONValue? {
        var current = documents[location.document]
        for step in location.path {
            switch (step, current) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else { return nil }
                current = next
            case (.index(let index), .array(let elements)):
                guard index >= 0 && index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The `$ref` string of the object at a location, after gojsonschema's rewriting.
    func referenceText(at location: ValueLocation, original: String) -> String {
        rewrittenRefs[location] ?? original
    }

    /// gojsonschema's `parseSchemaURL`: the `$schema` URL of a document and the draft it names.
    static func schemaURL(of document: JSONValue, at location: ValueLocation) throws(SchemaError) -> (String, SchemaDraft?) {
        if try GoKinds.isBool(document, at: location) { return ("", nil) }
        guard case .object(let object) = document else {
            throw SchemaError(message: "schema is invalid", pointer: location.pointer)
        }
        guard let schemaValue = object["$schema"] else { return ("", nil) }
        guard case .string(let text) = schemaValue else {
            _ = try GoKinds.isString(schemaValue, at: location.appending(key: "$schema"))
            throw SchemaError(message: "$schema must be of type string", pointer: location.appending(key: "$schema").pointer)
        }
        let reference: GoJSONReference
        do {
            reference = try GoJSONReference(text)
        } catch {
            throw error.at(location.appending(key: "$schema").pointer)
        }
        let url = reference.text
        return (url, SchemaDraft.named(byMetaSchemaURL: url))
    }

    /// gojsonschema's `parseReferences`: registers a document under `reference` and walks it.
    mutating func parseReferences(document: Int, reference: GoJSONReference) throws(SchemaError) {
        let key = reference.text
        if entries[key] != nil {
            throw SchemaError(message: "Reference already exists: \"\(key)\"", pointer: "")
        }
        let root = ValueLocation(document: document, path: [])
        let (_, draft) = try SchemaDocumentPool.schemaURL(of: documents[document], at: root)
        walk(document: document, base: reference, draft: draft)
        entries[key] = PoolEntry(location: root, draft: draft)
    }

    /// gojsonschema's `parseReferencesRecursive`, without recursion: registers every
    /// `id`/`$id` and rewrites every `$ref` to an absolute reference, in document order.
    /// Each value travels with its location, so that a schema nested thousands of levels
    /// deep is not looked up from its root at every level.
    private mutating func walk(document: Int, base: GoJSONReference, draft: SchemaDraft?) {
        var work: [(ValueLocation, GoJSONReference, JSONValue)] = [(ValueLocation(document: document, path: []), base, documents[document])]
        while let (location, scope, value) = work.popLast() {
            var children: [(ValueLocation, GoJSONReference, JSONValue)] = []
            switch value {
            case .array(let elements):
                for (index, element) in elements.enumerated() { children.append((location.appending(.index(index)), scope, element)) }
            case .object(let object):
                var localScope = scope
                let idKey = object.contains("id") ? "id" : "$id"
                if case .string(let idText)? = object[idKey], let idReference = try? GoJSONReference(idText),
                    let resolved = try? scope.inherits(idReference)
                {
                    localScope = resolved
                    let key = resolved.text
                    if entries[key] != nil { continue }
                    entries[key] = PoolEntry(location: location, draft: draft)
                }
                if case .string(let refText)? = object["$ref"], let reference = try? GoJSONReference(refText),
                    let absolute = try? localScope.inherits(reference)
                {
                    rewrittenRefs[location] = absolute.text
                }
                for (key, child) in object {
                    if key == "const" || key == "enum" { continue }
                    let childLocation = location.appending(key: key)
                    if key == "properties" || key == "dependencies" || key == "patternProperties" {
                        if case .object(let members) = child {
                            for (memberKey, member) in members { children.append((childLocation.appending(key: memberKey), localScope, member)) }
                        }
                    } else {
                        children.append((childLocation, localScope, child))
                    }
                }
            default:
                break
            }
            work.append(contentsOf: children.reversed())
        }
    }

    /// gojsonschema's `GetDocument`: the schema a reference names. Remote documents other than
    /// the three draft meta-schemas are refused.
    mutating func document(for reference: GoJSONReference, referrer: ValueLocation) throws(SchemaError) -> PoolEntry {
        let fullKey = reference.text
        if let entry = entries[fullKey] { return entry }
        let base = reference.withoutFragment
        if let entry = entries[base.text] {
            let location = try resolve(pointer: reference.pointerTokens, in: entry.location, referrer: referrer)
            let resolved = PoolEntry(location: location, draft: entry.draft)
            entries[fullKey] = resolved
            return resolved
        }
        guard reference.isCanonical else {
            throw SchemaError(message: "Reference \(fullKey) must be canonical", pointer: referrer.pointer)
        }
        guard !base.hasFileScheme, let text = MetaSchemas.text(forURL: base.text),
            let metaSchema = try? JSONParser.parseFirstValue(text)
        else {
            throw SchemaError(message: "remote reference \(fullKey) is not supported: schemas must be self-contained", pointer: referrer.pointer)
        }
        documents.append(metaSchema)
        documentURLs.append(base.text)
        let index = documents.count - 1
        try? parseReferences(document: index, reference: base)
        let root = ValueLocation(document: index, path: [])
        let draft = (try? SchemaDocumentPool.schemaURL(of: metaSchema, at: root))?.1
        let location = try resolve(pointer: reference.pointerTokens, in: root, referrer: referrer)
        return PoolEntry(location: location, draft: draft)
    }

    /// `gojsonpointer.JsonPointer.Get`, with its error texts.
    private func resolve(pointer tokens: [String], in start: ValueLocation, referrer: ValueLocation) throws(SchemaError) -> ValueLocation {
        var location = start
        guard var current = value(at: start) else { return start }
        for token in tokens {
            switch current {
            case .object(let object):
                let key = token.replacing("~1", with: "/").replacing("~0", with: "~")
                guard let next = object[key] else {
                    throw SchemaError(message: "Object has no key '\(key)'", pointer: referrer.pointer)
                }
                current = next
                location = location.appending(key: key)
            case .array(let elements):
                guard let index = GoKinds.atoi(token) else {
                    throw SchemaError(message: "Invalid array index '\(token)'", pointer: referrer.pointer)
                }
                guard index >= 0 && index < elements.count else {
                    throw SchemaError(message: "Out of bound array[0,\(elements.count)] index '\(index)'", pointer: referrer.pointer)
                }
                current = elements[index]
                location = location.appending(.index(index))
            default:
                throw SchemaError(message: "Invalid token reference '\(token)'", pointer: referrer.pointer)
            }
        }
        return location
    }
}
