import Foundation

/// Reads the date formats git accepts for `GIT_AUTHOR_DATE`, `GIT_COMMITTER_DATE` and `--date`.
///
/// The text is read as a sequence of parts in any order, as git does: a weekday (ignored), a
/// month name, a date of three numbers (`2005-04-07`, `2005.04.07`, `07.04.2005`,
/// `04/07/2005`), a time (`22:13[:13[.019]]`), a day, a four-digit year, a zone (`+0200`,
/// `+02:00`, `+02`, `Z`, `UTC`, `GMT`), or seconds since the epoch (`@1112904793`, or nine
/// digits and more). Each part may appear once; anything else makes the date invalid.
enum GitDateParser {
    private struct Parts {
        var epoch: Int64?
        var year: Int?
        var month: Int?
        var day: Int?
        var time: (hour: Int, minute: Int, second: Int)?
        var offsetMinutes: Int?
        var weekdaySeen = false
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    private static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    static func parse(_ text: String, timeZone: TimeZone) -> GitTime? {
        guard let parts = scan(Array(text.utf8)) else { return nil }
        if let epoch = parts.epoch {
            guard parts.year == nil, parts.month == nil, parts.day == nil, parts.time == nil, !parts.weekdaySeen else {
                return nil
            }
            let offset = parts.offsetMinutes ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch))) / 60
            return GitTime(secondsSinceEpoch: epoch, offsetMinutes: offset)
        }
        guard let year = parts.year, let month = parts.month, let day = parts.day, let time = parts.time,
            (1970...9999).contains(year), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else {
            return nil
        }
        let wallClock =
            (daysSinceEpoch(year: year, month: month, day: day) * 86_400)
            + Int64(time.hour * 3600 + time.minute * 60 + time.second)
        if let offset = parts.offsetMinutes {
            return GitTime(secondsSinceEpoch: wallClock - Int64(offset * 60), offsetMinutes: offset)
        }
        // A local wall-clock time: the zone's offset depends on the instant, which depends on
        // the offset; two rounds settle it except in the hour a clock change skips or repeats.
        var offsetSeconds = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wallClock)))
        offsetSeconds = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wallClock - Int64(offsetSeconds))))
        return GitTime(secondsSinceEpoch: wallClock - Int64(offsetSeconds), offsetMinutes: offsetSeconds / 60)
    }

    // MARK: Scanning

    private static func scan(_ bytes: [UInt8]) -> Parts? {
        var parts = Parts()
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ",") {
                index += 1
            } else if isLetter(byte) {
                let start = index
                while index < bytes.count, isLetter(bytes[index]) { index += 1 }
                guard word(String(decoding: bytes[start..<index], as: UTF8.self).lowercased(), into: &parts) else { return nil }
            } else if byte == UInt8(ascii: "@") {
                index += 1
                guard parts.epoch == nil, let value = number(bytes, &index) else { return nil }
                parts.epoch = value.value
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                guard parts.offsetMinutes == nil, let offset = zone(bytes, &index) else { return nil }
                parts.offsetMinutes = offset
            } else if isDigit(byte) {
                guard numeric(bytes, &index, into: &parts) else { return nil }
            } else {
                return nil
            }
        }
        return parts
    }

    /// A weekday, a month or a zone name.
    private static func word(_ word: String, into parts: inout Parts) -> Bool {
        if ["z", "utc", "gmt", "ut"].contains(word) {
            guard parts.offsetMinutes == nil else { return false }
            parts.offsetMinutes = 0
            return true
        }
        if let month = months.firstIndex(of: word) ?? monthNames.firstIndex(of: word) {
            guard parts.month == nil else { return false }
            parts.month = month + 1
            return true
        }
        if weekdays.contains(word) || weekdayNames.contains(word) {
            guard !parts.weekdaySeen else { return false }
            parts.weekdaySeen = true
            return true
        }
        return false
    }

    /// `+hhmm`, `+hh:mm` or `+hh`, starting at the sign.
    private static func zone(_ bytes: [UInt8], _ index: inout Int) -> Int? {
        let negative = bytes[index] == UInt8(ascii: "-")
        index += 1
        guard let hours = number(bytes, &index) else { return nil }
        var total: Int
        switch hours.digits {
        case 4:
            guard hours.value % 100 < 60 else { return nil }
            total = Int(hours.value / 100) * 60 + Int(hours.value % 100)
        case 2:
            total = Int(hours.value) * 60
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                index += 1
                guard let minutes = number(bytes, &index), minutes.digits == 2, minutes.value < 60 else { return nil }
                total += Int(minutes.value)
            }
        default:
            return nil
        }
        guard total < 24 * 60 else { return nil }
        return negative ? -total : total
    }

    /// A date, a time, a day, a year or seconds since the epoch, starting at a digit.
    private static func numeric(_ bytes: [UInt8], _ index: inout Int, into parts: inout Parts) -> Bool {
        guard let first = number(bytes, &index) else { return false }
        let separator: UInt8? = index < bytes.count ? bytes[index] : nil
        if separator == UInt8(ascii: ":") {
            guard parts.time == nil, first.digits <= 2 else { return false }
            index += 1
            guard let minute = number(bytes, &index), minute.digits == 2 else { return false }
            var second: Int64 = 0
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                index += 1
                guard let seconds = number(bytes, &index), seconds.digits == 2 else { return false }
                second = seconds.value
                if index < bytes.count, bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
                    index += 1
                    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                }
            }
            guard first.value < 24, minute.value < 60, second < 60 else { return false }
            parts.time = (Int(first.value), Int(minute.value), Int(second))
            return true
        }
        if let separator, [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/")].contains(separator),
            index + 1 < bytes.count, isDigit(bytes[index + 1])
        {
            index += 1
            guard let second = number(bytes, &index), index < bytes.count, bytes[index] == separator else { return false }
            index += 1
            guard let third = number(bytes, &index) else { return false }
            guard parts.year == nil, parts.month == nil, parts.day == nil else { return false }
            let (year, month, day): (NumberToken, NumberToken, NumberToken)
            switch separator {
            case UInt8(ascii: "/"): (year, month, day) = (third, first, second)
            case UInt8(ascii: "."): (year, month, day) = first.digits == 4 ? (first, second, third) : (third, second, first)
            default: (year, month, day) = (first, second, third)
            }
            guard year.digits == 4, month.digits <= 2, day.digits <= 2 else { return false }
            parts.year = Int(year.value)
            parts.month = Int(month.value)
            parts.day = Int(day.value)
            // ISO 8601 joins the date and the time with a `T`.
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "T"), isDigit(bytes[index + 1]) {
                index += 1
            }
            return true
        }
        switch first.digits {
        case 9...:
            guard parts.epoch == nil else { return false }
            parts.epoch = first.value
        case 4:
            guard parts.year == nil else { return false }
            parts.year = Int(first.value)
        case 1...2:
            guard parts.day == nil else { return false }
            parts.day = Int(first.value)
        default:
            return false
        }
        return true
    }

    private struct NumberToken {
        var value: Int64
        var digits: Int
    }

    /// A run of decimal digits; nil when there is none or it would overflow.
    private static func number(_ bytes: [UInt8], _ index: inout Int) -> NumberToken? {
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count, isDigit(bytes[index]) {
            guard digits < 18 else { return nil }
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        return digits == 0 ? nil : NumberToken(value: value, digits: digits)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    // MARK: The calendar

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        // Counting years from March makes February's leap day the last day of the year.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int64(era * 146_097 + dayOfEra - 719_468)
    }
}
