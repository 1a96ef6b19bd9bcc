import KalcGo

/// sprig's list functions (`list.go`, with v2's `slice`).
enum SprigLists {
    typealias S = Sprig

    static func listFunction(_ name: String, _ what: String, _ f: @escaping @Sendable ([GoValue]) -> GoValue) -> TemplateFunction {
        TemplateFunction(
            name, [.any], result: .anySlice,
            body: .values { a throws(FunctionFailure) in
                f(try S.elements(a[0]) { "Cannot \(what) on type \($0)" })
            })
    }

    static let all: [TemplateFunction] = [
        TemplateFunction("list", [], variadic: .any, result: .anySlice, body: .values { a throws(FunctionFailure) in S.list(a) }),
        TemplateFunction("tuple", [], variadic: .any, result: .anySlice, body: .values { a throws(FunctionFailure) in S.list(a) }),
        TemplateFunction(
            "append", [.any, .any], result: .anySlice,
            body: .values { a throws(FunctionFailure) in
                S.list(try S.elements(a[0]) { "Cannot push on type \($0)" } + [a[1]])
            }),
        TemplateFunction(
            "push", [.any, .any], result: .anySlice,
            body: .values { a throws(FunctionFailure) in
                S.list(try S.elements(a[0]) { "Cannot push on type \($0)" } + [a[1]])
            }),
        TemplateFunction(
            "prepend", [.any, .any], result: .anySlice,
            body: .values { a throws(FunctionFailure) in
                S.list([a[1]] + (try S.elements(a[0]) { "Cannot prepend on type \($0)" }))
            }),
        TemplateFunction(
            "first", [.any], result: .any,
            body: .values { a throws(FunctionFailure) in
                try S.elements(a[0]) { "Cannot find first on type \($0)" }.first ?? .nil
            }),
        TemplateFunction(
            "last", [.any], result: .any,
            body: .values { a throws(FunctionFailure) in
                try S.elements(a[0]) { "Cannot find last on type \($0)" }.last ?? .nil
            }),
        TemplateFunction(
            "rest", [.any], result: .anySlice,
            body: .values { a throws(FunctionFailure) in
                let elements = try S.elements(a[0]) { "Cannot find rest on type \($0)" }
                return elements.isEmpty ? S.nilList : S.list(Array(elements.dropFirst()))
            }),
        TemplateFunction(
            "initial", [.any], result: .anySlice,
            body: .values { a throws(FunctionFailure) in
                let elements = try S.elements(a[0]) { "Cannot find initial on type \($0)" }
                return elements.isEmpty ? S.nilList : S.list(Array(elements.dropLast()))
            }),
        listFunction("reverse", "find reverse") { S.list($0.reversed()) },
        listFunction("compact", "compact") { S.list($0.filter { !S.empty($0) }) },
        // Each element is compared with those kept so far: the comparisons are spent as steps.
        TemplateFunction(
            "uniq", [.any], result: .anySlice,
            body: .budgeted { budget, a throws(FunctionFailure) in
                var result: [GoValue] = []
                for element in try S.elements(a[0], { "Cannot find uniq on type \($0)" }) {
                    try budget.spend(steps: result.count)
                    if !result.contains(where: { S.deepEqual(element, $0) }) { result.append(element) }
                }
                return S.list(result)
            }),
        TemplateFunction(
            "without", [.any], variadic: .any, result: .anySlice,
            body: .budgeted { budget, a throws(FunctionFailure) in
                let elements = try S.elements(a[0]) { "Cannot find without on type \($0)" }
                let omit = a.dropFirst()
                try budget.spend(steps: elements.count * omit.count)
                return S.list(elements.filter { element in !omit.contains { S.deepEqual(element, $0) } })
            }),
        TemplateFunction(
            "has", [.any, .any], result: .bool,
            body: .values { a throws(FunctionFailure) in
                if a[1] == .nil { return .bool(false) }
                let elements = try S.elements(a[1]) { "Cannot find has on type \($0)" }
                return .bool(elements.contains { S.deepEqual(a[0], $0) })
            }),
        TemplateFunction(
            "slice", [.any], variadic: .any, result: .any,
            body: .values { a throws(FunctionFailure) in
                switch a[0] {
                case .nil:
                    throw FunctionFailure(S.nilDereference)
                case .slice(let list):
                    let l = list.elements.count
                    if l == 0 { return .nil }
                    let start = a.count > 1 ? Int(S.toInt64(a[1])) : 0
                    let end = a.count > 2 ? Int(S.toInt64(a[2])) : l
                    if start < 0 || end < start || end > l { throw FunctionFailure("reflect.Value.Slice: slice index out of bounds") }
                    return .slice(GoSlice(elementType: list.elementType, elements: Array(list.elements[start..<end])))
                default:
                    throw FunctionFailure("list should be type of slice or array but \(S.kindName(a[0]))")
                }
            }),
        TemplateFunction(
            "concat", [], variadic: .any, result: .any,
            body: .values { a throws(FunctionFailure) in
                var result: [GoValue] = []
                for list in a {
                    switch list {
                    case .nil: throw FunctionFailure(S.nilDereference)
                    case .slice(let s): result.append(contentsOf: s.elements)
                    default: throw FunctionFailure("Cannot concat type \(S.kindName(list)) as list")
                    }
                }
                return result.isEmpty ? S.nilList : S.list(result)
            }),
    ]
}
