import KalcGo

/// Functions callable from templates, described by their Go signatures: Go's
/// `text/template` converts and checks arguments against the parameter types, so the
/// signature decides which calls fail and with what message.

/// The Go type of a function parameter or result.
public enum ParameterType: Sendable, Hashable {
    /// `reflect.Value`: the function sees the value exactly as the template holds it.
    case reflectValue
    /// A Go type (`.interface` is `interface{}`).
    case value(GoType)

    /// The type's name as Go prints it.
    var name: String {
        switch self {
        case .reflectValue: return "reflect.Value"
        case .value(let type): return type.name
        }
    }
}

/// Whether kalc evaluates a function.
public enum FunctionAvailability: Sendable, Hashable {
    /// Evaluated exactly as Go does.
    case available
    /// Exists in Kalypso, but kalc refuses to evaluate it: its result depends on randomness,
    /// the clock or the compiling machine.
    case refused(reason: String)
    /// Exists in Kalypso, but kalc does not reproduce its behaviour.
    case unsupported(reason: String)
}

/// An error raised by a function; the template reports it as `error calling NAME: MESSAGE`.
struct FunctionFailure: Error, Sendable {
    enum Kind: Sendable { case goError, refused, unsupported, limit }
    var message: String
    var kind: Kind

    /// An error exactly as the Go function returns (or panics with) it.
    init(_ message: String) {
        self.message = message
        self.kind = .goError
    }

    private init(_ message: String, kind: Kind) {
        self.message = message
        self.kind = kind
    }

    /// A call kalc refuses to evaluate (for example one that would read the clock).
    static func refused(_ reason: String) -> FunctionFailure { FunctionFailure(reason, kind: .refused) }
    /// A case whose Go behaviour kalc does not reproduce.
    static func unsupported(_ reason: String) -> FunctionFailure { FunctionFailure(reason, kind: .unsupported) }
    /// A resource bound kalc imposes where Go has none (or would crash).
    static func limit(_ reason: String) -> FunctionFailure { FunctionFailure(reason, kind: .limit) }
}

/// The implementation of a function.
enum FunctionBody: Sendable {
    /// Receives the arguments as Go values (interfaces unwrapped, nil for nil interfaces).
    case values(@Sendable ([GoValue]) throws(FunctionFailure) -> GoValue)
    /// Receives the arguments as the template holds them (`reflect.Value` parameters).
    case reflect(@Sendable ([TemplateValue]) throws(FunctionFailure) -> TemplateValue)
    /// Builds a value that can be much larger than its arguments: receives the render's
    /// budget, to check the size of the value before building it.
    case budgeted(@Sendable (inout RenderBudget, [GoValue]) throws(FunctionFailure) -> GoValue)
    /// Changes maps in place (`set`, `merge`): receives the map store as well.
    case mutating(@Sendable (inout MapHeap, [GoValue]) throws(FunctionFailure) -> GoValue)
    /// `and` / `or`, which the executor short-circuits.
    case shortCircuit(isOr: Bool)
}

/// A function of the template function table.
public struct TemplateFunction: Sendable {
    /// The name templates call it by.
    public let name: String
    /// Types of the fixed parameters.
    public let parameters: [ParameterType]
    /// Element type of the trailing variadic parameter, if any.
    public let variadic: ParameterType?
    /// The result type (a second `error` result is not described).
    public let result: ParameterType
    /// Whether kalc evaluates the function.
    public let availability: FunctionAvailability
    let body: FunctionBody

    init(
        _ name: String, _ parameters: [ParameterType], variadic: ParameterType? = nil, result: ParameterType,
        availability: FunctionAvailability = .available, body: FunctionBody
    ) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.result = result
        self.availability = availability
        self.body = body
    }

    /// The number of parameters including the variadic one (Go's `NumIn`).
    var numIn: Int { parameters.count + (variadic == nil ? 0 : 1) }
}

// Shorthands for signatures.
extension ParameterType {
    static let any = ParameterType.value(.interface)
    static let string = ParameterType.value(.string)
    static let int = ParameterType.value(.int)
    static let int64 = ParameterType.value(.int64)
    static let float64 = ParameterType.value(.float64)
    static let bool = ParameterType.value(.bool)
    static let stringMap = ParameterType.value(.map(key: .string, value: .interface))
    static let stringSlice = ParameterType.value(.slice(.string))
    static let anySlice = ParameterType.value(.slice(.interface))
    static let time = ParameterType.value(.named(GoTime.typeName))
}

/// The set of functions a template can call, by name.
public struct FunctionTable: Sendable {
    /// The functions by name.
    public let functions: [String: TemplateFunction]

    /// A table of the given functions; later ones replace earlier ones of the same name.
    public init(_ functions: [TemplateFunction]) {
        var table: [String: TemplateFunction] = [:]
        for function in functions { table[function.name] = function }
        self.functions = table
    }

    /// Whether a function of that name exists (Go checks names at parse time).
    public func contains(_ name: String) -> Bool { functions[name] != nil }

    /// The function of that name.
    public subscript(name: String) -> TemplateFunction? { functions[name] }

    /// Kalypso's table: Go's builtins, sprig v2.22's functions and Kalypso's own.
    public static let kalypso: FunctionTable = FunctionTable(
        BuiltinFunctions.all + SprigFunctions.all + KalypsoFunctions.all
    )
}
