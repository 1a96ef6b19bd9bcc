import KalcGo

/// The functions Go's `text/template` predefines (`funcs.go`).
enum BuiltinFunctions {
    static let all: [TemplateFunction] = [
        TemplateFunction("and", [.reflectValue], variadic: .reflectValue, result: .reflectValue, body: .shortCircuit(isOr: false)),
        TemplateFunction("or", [.reflectValue], variadic: .reflectValue, result: .reflectValue, body: .shortCircuit(isOr: true)),
        TemplateFunction(
            "not", [.reflectValue], result: .bool,
            body: .reflect { args throws(FunctionFailure) in
                .concrete(.bool(!goTruth(args[0])))
            }),
        TemplateFunction("call", [.reflectValue], variadic: .reflectValue, result: .reflectValue, body: .reflect(call)),
        TemplateFunction(
            "html", [], variadic: .any, result: .string,
            body: .budgeted { budget, args throws(FunctionFailure) in
                try budget.reserve(printing: args)
                return .string(htmlEscape(evalArgs(args)))
            }),
        TemplateFunction("index", [.reflectValue], variadic: .reflectValue, result: .reflectValue, body: .reflect(index)),
        TemplateFunction("slice", [.reflectValue], variadic: .reflectValue, result: .reflectValue, body: .reflect(slice)),
        TemplateFunction(
            "js", [], variadic: .any, result: .string,
            body: .budgeted { budget, args throws(FunctionFailure) in
                try budget.reserve(printing: args)
                return .string(jsEscape(evalArgs(args)))
            }),
        TemplateFunction("len", [.reflectValue], result: .int, body: .reflect(length)),
        TemplateFunction(
            "print", [], variadic: .any, result: .string,
            body: .budgeted { budget, args throws(FunctionFailure) in
                .string(try budget.within(GoFormat.sprint(args, limit: budget.bytesLeft)))
            }),
        TemplateFunction(
            "printf", [.string], variadic: .any, result: .string,
            body: .budgeted { budget, args throws(FunctionFailure) in
                guard case .string(let format) = args[0] else { return .string("") }
                return .string(try budget.within(GoFormat.sprintf(format, Array(args.dropFirst()), limit: budget.bytesLeft)))
            }),
        TemplateFunction(
            "println", [], variadic: .any, result: .string,
            body: .budgeted { budget, args throws(FunctionFailure) in
                .string(try budget.within(GoFormat.sprintln(args, limit: budget.bytesLeft)))
            }),
        TemplateFunction(
            "urlquery", [], variadic: .any, result: .string,
            body: .budgeted { budget, args throws(FunctionFailure) in
                try budget.reserve(printing: args)
                return .string(GoURLEscape.queryEscape(evalArgs(args)))
            }),
        TemplateFunction(
            "eq", [.reflectValue], variadic: .reflectValue, result: .bool,
            body: .reflect { args throws(FunctionFailure) in
                .concrete(.bool(try equal(args[0], Array(args.dropFirst()))))
            }),
        TemplateFunction(
            "ne", [.reflectValue, .reflectValue], result: .bool,
            body: .reflect { args throws(FunctionFailure) in
                .concrete(.bool(!(try equal(args[0], [args[1]]))))
            }),
        TemplateFunction(
            "lt", [.reflectValue, .reflectValue], result: .bool,
            body: .reflect { args throws(FunctionFailure) in
                .concrete(.bool(try less(args[0], args[1])))
            }),
        TemplateFunction(
            "le", [.reflectValue, .reflectValue], result: .bool,
            body: .reflect { args throws(FunctionFailure) in
                .concrete(.bool(try lessOrEqual(args[0], args[1])))
            }),
        TemplateFunction(
            "gt", [.reflectValue, .reflectValue], result: .bool,
            body: .reflect { args throws(FunctionFailure) in
                .concrete(.bool(!(try lessOrEqual(args[0], args[1]))))
            }),
        TemplateFunction(
            "ge", [.reflectValue, .reflectValue], result: .bool,
            body: .reflect { args throws(FunctionFailure) in
                .concrete(.bool(!(try less(args[0], args[1]))))
            }),
    ]

    /// The panic text of calling `Type()` on the zero `reflect.Value`.
    static let zeroValueType = "reflect: call of reflect.Value.Type on zero Value"

    // MARK: Printing helpers

    /// `evalArgs`: the arguments printed as `fmt.Sprint` would, nil ones as `<no value>`.
    static func evalArgs(_ args: [GoValue]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        return GoFormat.sprint(args.map { $0 == .nil ? .string("<no value>") : $0 })
    }

    /// `template.HTMLEscapeString`.
    static func htmlEscape(_ s: String) -> String {
        var out: [UInt8] = []
        for byte in s.utf8 {
            switch byte {
            case 0: out.append(contentsOf: Array("\u{FFFD}".utf8))
            case UInt8(ascii: "\""): out.append(contentsOf: Array("&#34;".utf8))
            case UInt8(ascii: "'"): out.append(contentsOf: Array("&#39;".utf8))
            case UInt8(ascii: "&"): out.append(contentsOf: Array("&amp;".utf8))
            case UInt8(ascii: "<"): out.append(contentsOf: Array("&lt;".utf8))
            case UInt8(ascii: ">"): out.append(contentsOf: Array("&gt;".utf8))
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `template.JSEscapeString`.
    static func jsEscape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if scalar.value < 0x20 {
                    let hex = GoStrconv.upperHex
                    out += "\\u00" + String(decoding: [hex[Int(scalar.value >> 4)], hex[Int(scalar.value & 0xF)]], as: UTF8.self)
                } else if scalar.value < 0x80 || GoStrconv.isPrint(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    var hex = String(scalar.value, radix: 16, uppercase: true)
                    while hex.count < 4 { hex = "0" + hex }
                    out += "\\u" + hex
                }
            }
        }
        return out
    }

    // MARK: Reflection builtins

    /// `call` as Go 1.25 runs it: the executor passes the callee's name first (`.X` as
    /// written, or the piped value's `String()`). No value a template can reach is a
    /// function, so every call fails.
    static func call(_ args: [TemplateValue]) throws(FunctionFailure) -> TemplateValue {
        let name = args.first.map { GoFormat.string(of: $0.goValue) } ?? ""
        let fn = args.count > 1 ? args[1].indirectInterface : .invalid
        guard let type = fn.staticType else { throw FunctionFailure("call of nil") }
        throw FunctionFailure("non-function \(name) of type \(type.name)")
    }

    /// `indexArg`.
    static func indexArgument(_ index: TemplateValue, cap: Int) throws(FunctionFailure) -> Int {
        let x: Int64
        switch index.goValue {
        case .int(let i) where index.isValid: x = Int64(i)
        case .int64(let i) where index.isValid: x = i
        case .uint64(let u) where index.isValid: x = Int64(bitPattern: u)
        default:
            guard index.isValid, let type = index.staticType else { throw FunctionFailure("cannot index slice/array with nil") }
            throw FunctionFailure("cannot index slice/array with type \(type.name)")
        }
        if x < 0 || x > Int64(cap) { throw FunctionFailure("index out of range: \(x)") }
        return Int(x)
    }

    /// `prepareArg`: a map key converted to the map's key type.
    static func prepareArgument(_ value: TemplateValue, _ type: GoType) throws(FunctionFailure) -> GoValue {
        guard value.isValid, let valueType = value.staticType else {
            switch type {
            case .interface, .map, .slice: return .zero(of: type)
            default: throw FunctionFailure("value is nil; should be of type \(type.name)")
            }
        }
        if type == .interface || valueType == type { return value.goValue }
        let intLike: Set<GoType> = [.int, .int64, .uint64]
        if intLike.contains(valueType) && intLike.contains(type) {
            switch (value.goValue, type) {
            case (.int(let i), .int64): return .int64(Int64(i))
            case (.int(let i), .uint64): return .uint64(UInt64(bitPattern: Int64(i)))
            case (.int64(let i), .int): return .int(Int(i))
            case (.int64(let i), .uint64): return .uint64(UInt64(bitPattern: i))
            case (.uint64(let u), .int): return .int(Int(Int64(bitPattern: u)))
            case (.uint64(let u), .int64): return .int64(Int64(bitPattern: u))
            default: break
            }
        }
        throw FunctionFailure("value has type \(valueType.name); should be \(type.name)")
    }

    static func index(_ args: [TemplateValue]) throws(FunctionFailure) -> TemplateValue {
        var item = args[0].indirectInterface
        guard item.isValid else { throw FunctionFailure("index of untyped nil") }
        for rawIndex in args.dropFirst() {
            let index = rawIndex.indirectInterface
            let (value, isNil) = item.indirect
            if isNil { throw FunctionFailure("index of nil pointer") }
            item = value
            switch item.goValue {
            case .slice(let slice):
                let x = try indexArgument(index, cap: slice.elements.count)
                guard x < slice.elements.count else { throw FunctionFailure("reflect: slice index out of range") }
                item = .stored(slice.elements[x], as: slice.elementType)
            case .string(let string):
                let bytes = Array(string.utf8)
                let x = try indexArgument(index, cap: bytes.count)
                guard x < bytes.count else { throw FunctionFailure("reflect: string index out of range") }
                item = .concrete(.uint64(UInt64(bytes[x])))
            case .map(let map):
                let key = try prepareArgument(index, map.keyType)
                if let found = map.entries[key] {
                    item = .stored(found, as: map.valueType)
                } else {
                    item = .stored(.zero(of: map.valueType), as: map.valueType)
                }
            default:
                throw FunctionFailure("can't index item of type \(item.staticType?.name ?? "<nil>")")
            }
        }
        return item
    }

    static func slice(_ args: [TemplateValue]) throws(FunctionFailure) -> TemplateValue {
        let item = args[0].indirectInterface
        guard item.isValid else { throw FunctionFailure("slice of untyped nil") }
        let indexes = Array(args.dropFirst())
        if indexes.count > 3 { throw FunctionFailure("too many slice indexes: \(indexes.count)") }
        let length: Int
        switch item.goValue {
        case .string(let s):
            if indexes.count == 3 { throw FunctionFailure("cannot 3-index slice a string") }
            length = s.utf8.count
        case .slice(let s):
            length = s.elements.count
        default:
            throw FunctionFailure("can't slice item of type \(item.staticType?.name ?? "<nil>")")
        }
        var idx = [0, length, 0]
        for (i, index) in indexes.enumerated() { idx[i] = try indexArgument(index, cap: length) }
        if idx[0] > idx[1] { throw FunctionFailure("invalid slice index: \(idx[0]) > \(idx[1])") }
        if indexes.count == 3 && idx[1] > idx[2] { throw FunctionFailure("invalid slice index: \(idx[1]) > \(idx[2])") }
        switch item.goValue {
        case .string(let s):
            return .concrete(.string(String(decoding: Array(s.utf8)[idx[0]..<idx[1]], as: UTF8.self)))
        case .slice(let s):
            return .concrete(.slice(GoSlice(elementType: s.elementType, elements: Array(s.elements[idx[0]..<idx[1]]))))
        default:
            return .invalid
        }
    }

    static func length(_ args: [TemplateValue]) throws(FunctionFailure) -> TemplateValue {
        let (item, isNil) = args[0].indirect
        if isNil { throw FunctionFailure("len of nil pointer") }
        switch item.goValue {
        case .slice(let s) where item.isValid: return .concrete(.int(s.elements.count))
        case .map(let m) where item.isValid: return .concrete(.int(m.entries.count))
        case .string(let s) where item.isValid: return .concrete(.int(s.utf8.count))
        default:
            guard let type = item.staticType else { throw FunctionFailure(zeroValueType) }
            throw FunctionFailure("len of type \(type.name)")
        }
    }

    // MARK: Comparison

    enum BasicKind { case invalid, bool, complex, int, float, string, uint }

    static func basicKind(_ v: TemplateValue) -> BasicKind {
        guard v.isValid else { return .invalid }
        switch v.goValue {
        case .bool: return .bool
        case .int, .int64: return v.kind == .interface ? .invalid : .int
        case .uint64: return v.kind == .interface ? .invalid : .uint
        case .float64: return v.kind == .interface ? .invalid : .float
        case .string: return v.kind == .interface ? .invalid : .string
        default: return .invalid
        }
    }

    static func intValue(_ v: TemplateValue) -> Int64 {
        switch v.goValue {
        case .int(let i): return Int64(i)
        case .int64(let i): return i
        default: return 0
        }
    }

    static func uintValue(_ v: TemplateValue) -> UInt64 {
        if case .uint64(let u) = v.goValue { return u }
        return 0
    }

    static func floatValue(_ v: TemplateValue) -> Double {
        if case .float64(let f) = v.goValue { return f }
        return 0
    }

    static func stringValue(_ v: TemplateValue) -> String {
        if case .string(let s) = v.goValue { return s }
        return ""
    }

    static func boolValue(_ v: TemplateValue) -> Bool {
        if case .bool(let b) = v.goValue { return b }
        return false
    }

    /// `isNil`: the zero Value, or a nil map, slice or interface.
    static func isNilValue(_ v: TemplateValue) -> Bool {
        switch v {
        case .invalid: return true
        case .boxed(let inner): return inner == .nil
        case .concrete(.map(let m)): return m.isNil
        case .concrete(.slice(let s)): return s.isNil
        default: return false
        }
    }

    static func isComparable(_ value: GoValue) -> Bool {
        switch value {
        case .slice, .map: return false
        case .structure(let s):
            return s.fields.allSatisfy { field in
                switch field.type {
                case .slice, .map: return false
                default: return isComparable(field.value)
                }
            }
        default: return true
        }
    }

    static func typeName(_ v: TemplateValue) -> String { v.staticType?.name ?? "<nil>" }

    static func equal(_ first: TemplateValue, _ others: [TemplateValue]) throws(FunctionFailure) -> Bool {
        let arg1 = first.indirectInterface
        if others.isEmpty { throw FunctionFailure("missing argument for comparison") }
        let k1 = basicKind(arg1)
        for other in others {
            let arg = other.indirectInterface
            let k2 = basicKind(arg)
            var truth = false
            if k1 != k2 {
                if k1 == .int && k2 == .uint {
                    truth = intValue(arg1) >= 0 && UInt64(intValue(arg1)) == uintValue(arg)
                } else if k1 == .uint && k2 == .int {
                    truth = intValue(arg) >= 0 && uintValue(arg1) == UInt64(intValue(arg))
                } else if arg1.isValid && arg.isValid {
                    throw FunctionFailure("incompatible types for comparison")
                }
            } else {
                switch k1 {
                case .bool: truth = boolValue(arg1) == boolValue(arg)
                case .float: truth = floatValue(arg1) == floatValue(arg)
                case .int: truth = intValue(arg1) == intValue(arg)
                case .string: truth = stringValue(arg1) == stringValue(arg)
                case .uint: truth = uintValue(arg1) == uintValue(arg)
                case .complex: truth = false
                case .invalid:
                    if arg1.kind != arg.kind && arg1.isValid && arg.isValid {
                        throw FunctionFailure(
                            GoFormat.sprintf(
                                "non-comparable types %s: %v, %s: %v",
                                [arg1.goValue, .string(typeName(arg1)), .string(typeName(arg)), arg.goValue]))
                    }
                    if isNilValue(arg1) || isNilValue(arg) {
                        truth = isNilValue(arg) == isNilValue(arg1)
                    } else {
                        if !isComparable(arg.goValue) {
                            throw FunctionFailure(GoFormat.sprintf("non-comparable type %s: %v", [arg.goValue, .string(typeName(arg))]))
                        }
                        truth = arg1.goValue == arg.goValue
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    static func less(_ first: TemplateValue, _ second: TemplateValue) throws(FunctionFailure) -> Bool {
        let arg1 = first.indirectInterface
        let k1 = basicKind(arg1)
        if k1 == .invalid { throw FunctionFailure("invalid type for comparison") }
        let arg2 = second.indirectInterface
        let k2 = basicKind(arg2)
        if k2 == .invalid { throw FunctionFailure("invalid type for comparison") }
        if k1 != k2 {
            if k1 == .int && k2 == .uint { return intValue(arg1) < 0 || UInt64(intValue(arg1)) < uintValue(arg2) }
            if k1 == .uint && k2 == .int { return intValue(arg2) >= 0 && uintValue(arg1) < UInt64(intValue(arg2)) }
            throw FunctionFailure("incompatible types for comparison")
        }
        switch k1 {
        case .bool, .complex, .invalid: throw FunctionFailure("invalid type for comparison")
        case .float: return floatValue(arg1) < floatValue(arg2)
        case .int: return intValue(arg1) < intValue(arg2)
        case .string: return GoOrdering.less(stringValue(arg1), stringValue(arg2))
        case .uint: return uintValue(arg1) < uintValue(arg2)
        }
    }

    static func lessOrEqual(_ first: TemplateValue, _ second: TemplateValue) throws(FunctionFailure) -> Bool {
        if try less(first, second) { return true }
        return try equal(first, [second])
    }
}
