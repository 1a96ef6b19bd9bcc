import KalcGo

/// Methods of the Go types kalc's values can have (`time.Time`), callable from
/// templates as `.Method args`, and their `String()` forms used when printing.
enum GoMethods {
    /// The method of that name on the value's type, if it has one.
    static func method(named name: String, on value: GoValue) -> TemplateFunction? {
        guard case .structure(let structure) = value else { return nil }
        if structure.typeName == GoTime.typeName, let time = GoTime(value) {
            return GoTime.method(named: name, on: time)
        }
        if let version = SemanticVersion(value) { return SemanticVersion.method(named: name, on: version) }
        return nil
    }
}

/// Values with a `String()` method, which `fmt` prints through it.
enum GoStringer {
    /// The `String()` of the value, when its type has that method.
    static func string(of value: GoValue) -> String? {
        if let time = GoTime(value) { return time.description }
        if let version = SemanticVersion(value) { return version.description }
        return nil
    }
}

extension GoTime {
    /// The methods of `time.Time` that templates can call.
    static func method(named name: String, on time: GoTime) -> TemplateFunction? {
        func nullary(_ result: GoType, _ value: @escaping @Sendable () -> GoValue) -> TemplateFunction {
            TemplateFunction(name, [], result: .value(result), body: .values { _ throws(FunctionFailure) in value() })
        }
        let f = time.fields
        switch name {
        case "Year": return nullary(.int) { .int(Int(f.year)) }
        case "Day": return nullary(.int) { .int(Int(f.day)) }
        case "YearDay": return nullary(.int) { .int(Int(f.yday)) }
        case "Hour": return nullary(.int) { .int(Int(f.hour)) }
        case "Minute": return nullary(.int) { .int(Int(f.minute)) }
        case "Second": return nullary(.int) { .int(Int(f.second)) }
        case "Nanosecond": return nullary(.int) { .int(Int(time.nanoseconds)) }
        case "Unix": return nullary(.int64) { .int64(time.unixSeconds) }
        case "UnixNano": return nullary(.int64) { .int64(time.unixSeconds &* 1_000_000_000 &+ time.nanoseconds) }
        case "IsZero": return nullary(.bool) { .bool(time.unixSeconds == GoTime.zero.unixSeconds && time.nanoseconds == 0) }
        case "String": return nullary(.string) { .string(time.description) }
        case "UTC":
            return nullary(.named(typeName)) {
                GoTime(unixSeconds: time.unixSeconds, nanoseconds: time.nanoseconds, offset: 0, zone: "UTC").value
            }
        case "Format":
            return TemplateFunction(
                name, [.string], result: .string,
                body: .values { args throws(FunctionFailure) in
                    guard case .string(let layout) = args[0] else { return .string("") }
                    return .string(time.format(layout))
                })
        case "Month", "Weekday", "Date", "Clock", "Add", "Sub", "AddDate", "In", "Local", "Zone", "Truncate", "Round",
            "Before", "After", "Equal", "MarshalJSON", "MarshalText", "GoString", "ISOWeek", "Location":
            return TemplateFunction(
                name, [], variadic: .any, result: .any, availability: .unsupported(reason: "the time.Time method \(name) is not supported"),
                body: .values { _ throws(FunctionFailure) in .nil })
        default:
            return nil
        }
    }
}
