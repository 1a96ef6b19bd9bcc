/// A port of Go's `time.Parse` for the layouts gojsonschema's date and time formats use
/// (`2006-01-02`, `15:04:05`, `15:04:05Z07:00`, RFC 3339 and RFC 3339 with nanoseconds),
/// answering only whether Go would accept a value.
struct GoTimeLayout {
    enum Element: Equatable {
        case literal(String)
        case longYear        // 2006
        case zeroMonth       // 01
        case zeroDay         // 02
        case hour            // 15 (one or two digits)
        case zeroMinute      // 04
        case zeroSecond      // 05
        case fractionNines   // .999999999
        case colonZone       // Z07:00
    }

    let elements: [Element]

    static let date = GoTimeLayout(elements: [.longYear, .literal("-"), .zeroMonth, .literal("-"), .zeroDay])
    static let time = GoTimeLayout(elements: [.hour, .literal(":"), .zeroMinute, .literal(":"), .zeroSecond])
    static let timeWithZone = GoTimeLayout(elements: time.elements + [.colonZone])
    static let rfc3339 = GoTimeLayout(elements: date.elements + [.literal("T")] + time.elements + [.colonZone])
    static let rfc3339Nano = GoTimeLayout(elements: date.elements + [.literal("T")] + time.elements + [.fractionNines, .colonZone])

    /// The parsed clock fields, for the round trip `TimeFormatChecker` makes.
    struct Clock: Equatable {
        var hour = 0, minute = 0, second = 0
    }

    /// The clock fields when Go's `time.Parse(layout, value)` succeeds, nil when it fails.
    func parse(_ value: String) -> Clock? {
        var rest = Array(value.utf8)[...]
        var year = 0, month = -1, day = -1
        var clock = Clock()
        func isDigit(_ at: Int) -> Bool {
            let index = rest.startIndex + at
            return index < rest.endIndex && rest[index] >= 0x30 && rest[index] <= 0x39
        }
        func digit(_ at: Int) -> Int { Int(rest[rest.startIndex + at] - 0x30) }
        // getnum: one or two digits (exactly two when fixed).
        func number(fixed: Bool) -> Int? {
            guard isDigit(0) else { return nil }
            if !isDigit(1) {
                if fixed { return nil }
                let n = digit(0)
                rest = rest.dropFirst()
                return n
            }
            let n = digit(0) * 10 + digit(1)
            rest = rest.dropFirst(2)
            return n
        }
        for (index, element) in elements.enumerated() {
            switch element {
            case .literal(let text):
                for byte in text.utf8 {
                    guard rest.first == byte else { return nil }
                    rest = rest.dropFirst()
                }
            case .longYear:
                guard rest.count >= 4, isDigit(0) else { return nil }
                guard let parsed = GoTimeLayout.atoi(rest.prefix(4)) else { return nil }
                year = parsed
                rest = rest.dropFirst(4)
            case .zeroMonth:
                guard let parsed = number(fixed: true) else { return nil }
                guard parsed >= 1 && parsed <= 12 else { return nil }
                month = parsed
            case .zeroDay:
                guard let parsed = number(fixed: true) else { return nil }
                day = parsed
            case .hour:
                guard let parsed = number(fixed: false), parsed < 24 else { return nil }
                clock.hour = parsed
            case .zeroMinute:
                guard let parsed = number(fixed: true), parsed < 60 else { return nil }
                clock.minute = parsed
            case .zeroSecond:
                guard let parsed = number(fixed: true), parsed < 60 else { return nil }
                clock.second = parsed
                // A fraction the layout does not ask for is accepted after the seconds.
                let nextIsFraction = index + 1 < elements.count && elements[index + 1] == .fractionNines
                if rest.count >= 2 && (rest.first == UInt8(ascii: ".") || rest.first == UInt8(ascii: ",")) && isDigit(1) && !nextIsFraction {
                    var n = 2
                    while isDigit(n) { n += 1 }
                    guard GoTimeLayout.nanoseconds(rest.prefix(n)) else { return nil }
                    rest = rest.dropFirst(n)
                }
            case .fractionNines:
                guard rest.count >= 2, rest.first == UInt8(ascii: ".") || rest.first == UInt8(ascii: ","), isDigit(1) else { break }
                var i = 0
                while i < 9 && isDigit(i + 1) { i += 1 }
                guard GoTimeLayout.nanoseconds(rest.prefix(1 + i)) else { return nil }
                rest = rest.dropFirst(1 + i)
            case .colonZone:
                if rest.first == UInt8(ascii: "Z") {
                    rest = rest.dropFirst()
                    break
                }
                guard rest.count >= 6 else { return nil }
                let zone = Array(rest.prefix(6))
                guard zone[3] == UInt8(ascii: ":") else { return nil }
                guard GoTimeLayout.atoi(zone[1..<3]) != nil, GoTimeLayout.atoi(zone[4..<6]) != nil else { return nil }
                guard zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-") else { return nil }
                rest = rest.dropFirst(6)
            }
        }
        guard rest.isEmpty else { return nil }
        if month < 0 { month = 1 }
        if day < 0 { day = 1 }
        guard day >= 1 && day <= GoTimeLayout.daysIn(month: month, year: year) else { return nil }
        return clock
    }

    /// Go's `time.atoi`: an optional sign and decimal digits, nothing else.
    static func atoi<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        var digits = bytes[...]
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        var value = 0
        for byte in digits {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            guard value <= Int.max / 10 - 10 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return negative ? -value : value
    }

    /// Go's `parseNanoseconds` acceptance: a separator then digits (at most nine read).
    private static func nanoseconds<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first, first == UInt8(ascii: ".") || first == UInt8(ascii: ",") else { return false }
        let digits = bytes.dropFirst().prefix(9)
        guard let value = atoi(digits) else { return false }
        return value >= 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard month >= 1 && month <= 12 else { return 0 }
        if month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) { return 29 }
        return days[month - 1]
    }
}
