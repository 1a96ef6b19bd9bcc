import KalcGo

/// sprig's dictionary functions (`dict.go`). `set`, `unset`, `merge` and `mergeOverwrite`
/// change their first argument in place, as Go's maps are references.
enum SprigDicts {
    typealias S = Sprig

    static let stringMap = GoType.map(key: .string, value: .interface)

    /// The keys of a map in a fixed order (Go's iteration order is random; kalc sorts).
    static func orderedKeys(_ map: GoMap) -> [GoValue] { GoOrdering.sortedKeys(map) }

    static let all: [TemplateFunction] = [
        TemplateFunction(
            "dict", [], variadic: .any, result: .stringMap,
            body: .values { a throws(FunctionFailure) in
                var map = GoMap(keyType: .string, valueType: .interface)
                var i = 0
                while i < a.count {
                    let key = GoValue.string(S.strval(a[i]))
                    map.entries[key] = i + 1 < a.count ? a[i + 1] : .string("")
                    i += 2
                }
                return .map(map)
            }),
        TemplateFunction(
            "set", [.stringMap, .string, .any], result: .stringMap,
            body: .mutating { heap, a throws(FunctionFailure) in
                var map = S.map(a, 0)
                if map.isNil { throw FunctionFailure("assignment to entry in nil map") }
                map.entries[.string(S.string(a, 1))] = a[2]
                heap.store(.map(map))
                return .map(map)
            }),
        TemplateFunction(
            "unset", [.stringMap, .string], result: .stringMap,
            body: .mutating { heap, a throws(FunctionFailure) in
                var map = S.map(a, 0)
                map.entries[.string(S.string(a, 1))] = nil
                heap.store(.map(map))
                return .map(map)
            }),
        TemplateFunction(
            "hasKey", [.stringMap, .string], result: .bool,
            body: .values { a throws(FunctionFailure) in
                .bool(S.map(a, 0).entries[.string(S.string(a, 1))] != nil)
            }),
        TemplateFunction(
            "pluck", [.string], variadic: .stringMap, result: .anySlice,
            body: .values { a throws(FunctionFailure) in
                let key = GoValue.string(S.string(a, 0))
                return S.list(
                    a.dropFirst().compactMap { dict -> GoValue? in
                        if case .map(let m) = dict { return m.entries[key] }
                        return nil
                    })
            }),
        TemplateFunction(
            "keys", [], variadic: .stringMap, result: .stringSlice,
            body: .values { a throws(FunctionFailure) in
                var keys: [GoValue] = []
                for dict in a {
                    if case .map(let m) = dict { keys.append(contentsOf: orderedKeys(m)) }
                }
                return .slice(GoSlice(elementType: .string, elements: keys))
            }),
        TemplateFunction(
            "pick", [.stringMap], variadic: .string, result: .stringMap,
            body: .values { a throws(FunctionFailure) in
                let source = S.map(a, 0)
                var map = GoMap(keyType: .string, valueType: .interface)
                for key in a.dropFirst() where source.entries[key] != nil { map.entries[key] = source.entries[key] }
                return .map(map)
            }),
        TemplateFunction(
            "omit", [.stringMap], variadic: .string, result: .stringMap,
            body: .values { a throws(FunctionFailure) in
                let source = S.map(a, 0)
                let omitted = Set(a.dropFirst())
                var map = GoMap(keyType: .string, valueType: .interface)
                for (key, value) in source.entries where !omitted.contains(key) { map.entries[key] = value }
                return .map(map)
            }),
        TemplateFunction(
            "merge", [.stringMap], variadic: .stringMap, result: .any,
            body: .mutating { heap, a throws(FunctionFailure) in
                try merge(&heap, a, overwrite: false)
            }),
        TemplateFunction(
            "mergeOverwrite", [.stringMap], variadic: .stringMap, result: .any,
            body: .mutating { heap, a throws(FunctionFailure) in
                try merge(&heap, a, overwrite: true)
            }),
        TemplateFunction(
            "values", [.stringMap], result: .anySlice,
            body: .values { a throws(FunctionFailure) in
                let map = S.map(a, 0)
                return S.list(orderedKeys(map).map { map.entries[$0] ?? .nil })
            }),
        TemplateFunction(
            "deepCopy", [.any], result: .any,
            body: .values { a throws(FunctionFailure) in
                if a[0] == .nil { throw FunctionFailure(BuiltinFunctions.zeroValueType) }
                return MapHeap.detached(a[0])
            }),
    ]

    // MARK: mergo

    /// `mergo.Merge(&dst, src)` / `MergeWithOverwrite` for each source in turn.
    static func merge(_ heap: inout MapHeap, _ args: [GoValue], overwrite: Bool) throws(FunctionFailure) -> GoValue {
        var dst = S.map(args, 0)
        for sourceValue in args.dropFirst() {
            guard case .map(let src) = sourceValue else { continue }
            if dst.isNil && !src.isNil {
                // mergo replaces a nil destination with a new map.
                var fresh = GoMap(keyType: dst.keyType, valueType: dst.valueType)
                fresh.reference = nil
                dst = fresh
            }
            dst = try mergeMaps(dst, src, overwrite: overwrite, heap: &heap)
        }
        heap.store(.map(dst))
        return .map(dst)
    }

    /// mergo's `isEmptyValue`.
    static func isEmptyValue(_ v: GoValue) -> Bool { S.empty(v) }

    private static func mergeMaps(_ dstIn: GoMap, _ src: GoMap, overwrite: Bool, heap: inout MapHeap) throws(FunctionFailure) -> GoMap {
        var dst = dstIn
        let srcIsEmpty = src.entries.isEmpty
        for key in GoOrdering.sortedKeys(src) {
            let srcElement = src.entries[key] ?? .nil
            let dstElement = dst.entries[key]
            if srcElement == .nil && src.valueType == .interface {
                if overwrite { dst.entries[key] = .nil }
                continue
            }
            switch srcElement {
            case .map(let srcMap):
                if case .map(let dstMap)? = dstElement {
                    let merged = try mergeMaps(heap.current(dstMap), srcMap, overwrite: overwrite, heap: &heap)
                    heap.store(.map(merged))
                    dst.entries[key] = .map(merged)
                }
            case .slice(let srcSlice):
                var dstSlice: GoValue
                if let existing = dstElement, existing != .nil {
                    dstSlice = existing
                } else {
                    dstSlice = .slice(GoSlice(elementType: srcSlice.elementType, elements: []))
                }
                if !srcIsEmpty && (overwrite || dst.entries.isEmpty) { dstSlice = srcElement }
                dst.entries[key] = dstSlice
            default:
                break
            }
            if let existing = dstElement, !isEmptyValue(existing) {
                switch srcElement {
                case .map, .slice: continue
                default: break
                }
            }
            if overwrite || dstElement == nil || isEmptyValue(dstElement ?? .nil) {
                dst.entries[key] = srcElement
            }
        }
        return dst
    }
}
