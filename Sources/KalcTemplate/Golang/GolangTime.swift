/// Go's `time.Time` for the dates templates compute with (`toDate`, `date`): an instant,
/// its offset from UTC and its zone abbreviation.
struct GolangTime: Sendable, Hashable {
    static let typeName = "time.Time"

    /// Seconds since 1970-01-01T00:00:00Z.
    var unixSeconds: Int64
    /// Nanoseconds within the second.
    var nanoseconds: Int64
    /// Offset of the zone from UTC in seconds.
    var offset: Int64
    /// The zone's abbreviation (`UTC`).
    var zone: String

    /// January 1, year 1, 00:00:00 UTC: Go's zero time.
    static let zero = GolangTime(unixSeconds: -62_135_596_800, nanoseconds: 0, offset: 0, zone: "UTC")

    init(unixSeconds: Int64, nanoseconds: Int64, offset: Int64, zone: String) {
        self.unixSeconds = unixSeconds
        self.nanoseconds = nanoseconds
        self.offset = offset
        self.zone = zone
    }

    /// Reads a time back from its `GoValue` form.
    init?(_ value: GoValue) {
        guard case .structure(let s) = value, s.typeName == Self.typeName, s.fields.count == 4,
              case .int64(let sec) = s.fields[0].value, case .int64(let nsec) = s.fields[1].value,
              case .int64(let offset) = s.fields[2].value, case .string(let zone) = s.fields[3].value else { return nil }
        self.init(unixSeconds: sec, nanoseconds: nsec, offset: offset, zone: zone)
    }

    /// The time as a `GoValue` (a struct with unexported fields, as Go's is).
    var value: GoValue {
        .structure(GoStruct(typeName: Self.typeName, fields: [
            .init(name: "wall", type: .int64, value: .int64(unixSeconds)),
            .init(name: "ext", type: .int64, value: .int64(nanoseconds)),
            .init(name: "loc", type: .int64, value: .int64(offset)),
            .init(name: "zone", type: .string, value: .string(zone)),
        ]))
    }

    /// `Time.String()`.
    var description: String { format("2006-01-02 15:04:05.999999999 -0700 MST") }
}

extension GolangTime {
    /// The methods of `time.Time` that templates can call.
    static func method(named name: String, on time: GolangTime) -> TemplateFunction? {
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
        case "IsZero": return nullary(.bool) { .bool(time.unixSeconds == GolangTime.zero.unixSeconds && time.nanoseconds == 0) }
        case "String": return nullary(.string) { .string(time.description) }
        case "UTC":
            return nullary(.named(typeName)) {
                GolangTime(unixSeconds: time.unixSeconds, nanoseconds: time.nanoseconds, offset: 0, zone: "UTC").value
            }
        case "Format":
            return TemplateFunction(name, [.string], result: .string, body: .values { args throws(FunctionFailure) in
                guard case .string(let layout) = args[0] else { return .string("") }
                return .string(time.format(layout))
            })
        case "Month", "Weekday", "Date", "Clock", "Add", "Sub", "AddDate", "In", "Local", "Zone", "Truncate", "Round",
             "Before", "After", "Equal", "MarshalJSON", "MarshalText", "GoString", "ISOWeek", "Location":
            return TemplateFunction(name, [], variadic: .any, result: .any, availability: .unsupported(reason: "the time.Time method \(name) is not supported"),
                                    body: .values { _ throws(FunctionFailure) in .nil })
        default:
            return nil
        }
    }
}
