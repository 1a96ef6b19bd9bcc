import KalcGo

/// yaml.v2's and yaml.v3's `parseTimestamp`: whether a plain scalar reads as a timestamp,
/// which is whether Go's `time.Parse` accepts it with one of the four layouts the YAML
/// packages try. Only acceptance matters to kalc (a timestamp stays a string when decoded
/// into `interface{}`, and is double-quoted when marshalled), so no time value is built.
public enum GoYAMLTimestamp {
    /// The pieces of a `time.Parse` layout that the four YAML layouts use.
    private enum Chunk {
        case literal(UInt8)
        case space
        case longYear, numMonth, day, hour, minute, second, fracSecond9, isoColonZone
    }

    private static let layouts: [[Chunk]] = [
        // "2006-1-2T15:4:5.999999999Z07:00"
        [
            .longYear, .literal(0x2D), .numMonth, .literal(0x2D), .day, .literal(UInt8(ascii: "T")), .hour, .literal(0x3A), .minute,
            .literal(0x3A), .second, .fracSecond9, .isoColonZone,
        ],
        // "2006-1-2t15:4:5.999999999Z07:00"
        [
            .longYear, .literal(0x2D), .numMonth, .literal(0x2D), .day, .literal(UInt8(ascii: "t")), .hour, .literal(0x3A), .minute,
            .literal(0x3A), .second, .fracSecond9, .isoColonZone,
        ],
        // "2006-1-2 15:4:5.999999999"
        [
            .longYear, .literal(0x2D), .numMonth, .literal(0x2D), .day, .space, .hour, .literal(0x3A), .minute, .literal(0x3A), .second,
            .fracSecond9,
        ],
        // "2006-1-2"
        [.longYear, .literal(0x2D), .numMonth, .literal(0x2D), .day],
    ]

    /// Whether `s` is a YAML timestamp as yaml.v2/v3 recognise it.
    public static func isTimestamp(_ s: [UInt8]) -> Bool {
        var i = 0
        while i < s.count && s[i] >= 0x30 && s[i] <= 0x39 {
            i += 1
        }
        if i != 4 || i == s.count || s[i] != 0x2D {
            return false
        }
        return layouts.contains { parses(s, $0) }
    }

    private static func isDigit(_ s: ArraySlice<UInt8>, _ k: Int) -> Bool {
        let index = s.startIndex + k
        return index < s.endIndex && s[index] >= 0x30 && s[index] <= 0x39
    }

    /// Go's `getnum`: one or two digits.
    private static func number(_ value: inout ArraySlice<UInt8>) -> Int? {
        guard isDigit(value, 0) else { return nil }
        let first = Int(value[value.startIndex] - 0x30)
        guard isDigit(value, 1) else {
            value = value.dropFirst()
            return first
        }
        let n = first * 10 + Int(value[value.startIndex + 1] - 0x30)
        value = value.dropFirst(2)
        return n
    }

    /// Go's `time.atoi`: an optional sign and decimal digits, nothing else.
    private static func atoi(_ s: ArraySlice<UInt8>) -> Int? {
        var s = s
        var negative = false
        if let first = s.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        var x: UInt64 = 0
        for c in s {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            if x > (UInt64(1) << 63) / 10 {
                return nil
            }
            x = x * 10 + UInt64(c - 0x30)
            if x > UInt64(1) << 63 {
                return nil
            }
        }
        let value = Int(truncatingIfNeeded: x)
        return negative ? 0 &- value : value
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func parses(_ input: [UInt8], _ layout: [Chunk]) -> Bool {
        var value = input[...]
        var year = 0
        var month = -1
        var day = -1
        for (index, chunk) in layout.enumerated() {
            switch chunk {
            case .literal(let c):
                guard value.first == c else { return false }
                value = value.dropFirst()
            case .space:
                if let first = value.first, first != 0x20 {
                    return false
                }
                while value.first == 0x20 {
                    value = value.dropFirst()
                }
            case .longYear:
                guard value.count >= 4, isDigit(value, 0), let y = atoi(value.prefix(4)) else { return false }
                year = y
                value = value.dropFirst(4)
            case .numMonth:
                guard let m = number(&value) else { return false }
                if m <= 0 || m > 12 {
                    return false
                }
                month = m
            case .day:
                guard let d = number(&value) else { return false }
                day = d
            case .hour:
                guard let h = number(&value), h < 24 else { return false }
            case .minute:
                guard let m = number(&value), m < 60 else { return false }
            case .second:
                guard let s = number(&value), s < 60 else { return false }
                if value.count >= 2 && (value.first == 0x2E || value.first == 0x2C) && isDigit(value, 1) {
                    let nextIsFraction: Bool
                    if index + 1 < layout.count, case .fracSecond9 = layout[index + 1] {
                        nextIsFraction = true
                    } else {
                        nextIsFraction = false
                    }
                    if !nextIsFraction {
                        var n = 2
                        while isDigit(value, n) {
                            n += 1
                        }
                        guard fraction(value, length: n) else { return false }
                        value = value.dropFirst(n)
                    }
                }
            case .fracSecond9:
                guard value.count >= 2, value.first == 0x2E || value.first == 0x2C, isDigit(value, 1) else { continue }
                var k = 0
                while k < 9 && isDigit(value, k + 1) {
                    k += 1
                }
                guard fraction(value, length: 1 + k) else { return false }
                value = value.dropFirst(1 + k)
            case .isoColonZone:
                if value.first == UInt8(ascii: "Z") {
                    value = value.dropFirst()
                    continue
                }
                guard value.count >= 6 else { return false }
                let b = Array(value.prefix(6))
                guard b[3] == 0x3A, atoi(b[1..<3]) != nil, atoi(b[4..<6]) != nil else { return false }
                guard b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-") else { return false }
                value = value.dropFirst(6)
            }
        }
        guard value.isEmpty else { return false }
        if month < 0 {
            month = 1
        }
        if day < 0 {
            day = 1
        }
        return day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// Go's `parseNanoseconds` acceptance: a separator then digits forming a non-negative number.
    private static func fraction(_ value: ArraySlice<UInt8>, length: Int) -> Bool {
        guard let first = value.first, first == 0x2E || first == 0x2C else { return false }
        let n = min(length, 10)
        guard let ns = atoi(value.dropFirst().prefix(n - 1)) else { return false }
        return ns >= 0
    }
}
