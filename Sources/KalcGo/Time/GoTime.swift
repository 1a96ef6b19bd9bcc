/// Go's `time.Time` for the dates templates compute with (`toDate`, `date`): an instant,
/// its offset from UTC and its zone abbreviation.
public struct GoTime: Sendable, Hashable {
    public static let typeName = "time.Time"

    /// Seconds since 1970-01-01T00:00:00Z.
    public var unixSeconds: Int64
    /// Nanoseconds within the second.
    public var nanoseconds: Int64
    /// Offset of the zone from UTC in seconds.
    public var offset: Int64
    /// The zone's abbreviation (`UTC`).
    public var zone: String

    /// January 1, year 1, 00:00:00 UTC: Go's zero time.
    public static let zero = GoTime(unixSeconds: -62_135_596_800, nanoseconds: 0, offset: 0, zone: "UTC")

    public init(unixSeconds: Int64, nanoseconds: Int64, offset: Int64, zone: String) {
        self.unixSeconds = unixSeconds
        self.nanoseconds = nanoseconds
        self.offset = offset
        self.zone = zone
    }

    /// Reads a time back from its `GoValue` form.
    public init?(_ value: GoValue) {
        guard case .structure(let s) = value, s.typeName == Self.typeName, s.fields.count == 4,
            case .int64(let sec) = s.fields[0].value, case .int64(let nsec) = s.fields[1].value,
            case .int64(let offset) = s.fields[2].value, case .string(let zone) = s.fields[3].value
        else { return nil }
        self.init(unixSeconds: sec, nanoseconds: nsec, offset: offset, zone: zone)
    }

    /// The time as a `GoValue` (a struct with unexported fields, as Go's is).
    public var value: GoValue {
        .structure(
            GoStruct(
                typeName: Self.typeName,
                fields: [
                    .init(name: "wall", type: .int64, value: .int64(unixSeconds)),
                    .init(name: "ext", type: .int64, value: .int64(nanoseconds)),
                    .init(name: "loc", type: .int64, value: .int64(offset)),
                    .init(name: "zone", type: .string, value: .string(zone)),
                ]))
    }

    /// `Time.String()`.
    public var description: String { format("2006-01-02 15:04:05.999999999 -0700 MST") }
}
