/// Go's `time` layouts: `Time.Format` and `time.Parse` with the reference time
/// `Mon Jan 2 15:04:05 MST 2006`.

extension GoTime {
    public enum Chunk: Equatable {
        case literal(String)
        case longMonth, month, numMonth, zeroMonth
        case longWeekDay, weekDay
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond
        case longYear, year
        case pm, lowerPM
        case tz
        case iso8601TZ, iso8601SecondsTZ, iso8601ShortTZ, iso8601ColonTZ, iso8601ColonSecondsTZ
        case numTZ, numSecondsTZ, numShortTZ, numColonTZ, numColonSecondsTZ
        case fracSecond0(digits: Int, separator: UInt8)
        case fracSecond9(digits: Int, separator: UInt8)
    }

    public static let longMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
    public static let longDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// `nextStdChunk` applied repeatedly: the layout split into literals and elements.
    public static func chunks(_ layout: String) -> [Chunk] {
        let l = Array(layout.utf8)
        var result: [Chunk] = []
        var start = 0
        var i = 0
        func has(_ s: String, at index: Int) -> Bool {
            let p = Array(s.utf8)
            return index + p.count <= l.count && Array(l[index..<(index + p.count)]) == p
        }
        func startsWithLowerCase(_ index: Int) -> Bool {
            index < l.count && l[index] >= UInt8(ascii: "a") && l[index] <= UInt8(ascii: "z")
        }
        func isDigit(_ index: Int) -> Bool {
            index < l.count && l[index] >= UInt8(ascii: "0") && l[index] <= UInt8(ascii: "9")
        }
        func emit(_ chunk: Chunk, literalEnd: Int, next: Int) {
            if literalEnd > start { result.append(.literal(String(decoding: l[start..<literalEnd], as: UTF8.self))) }
            result.append(chunk)
            start = next
            i = next
        }
        while i < l.count {
            let c = l[i]
            switch c {
            case UInt8(ascii: "J"):
                if has("Jan", at: i) {
                    if has("January", at: i) { emit(.longMonth, literalEnd: i, next: i + 7); continue }
                    if !startsWithLowerCase(i + 3) { emit(.month, literalEnd: i, next: i + 3); continue }
                }
            case UInt8(ascii: "M"):
                if has("Mon", at: i) {
                    if has("Monday", at: i) { emit(.longWeekDay, literalEnd: i, next: i + 6); continue }
                    if !startsWithLowerCase(i + 3) { emit(.weekDay, literalEnd: i, next: i + 3); continue }
                }
                if has("MST", at: i) { emit(.tz, literalEnd: i, next: i + 3); continue }
            case UInt8(ascii: "0"):
                if i + 1 < l.count && l[i + 1] >= UInt8(ascii: "1") && l[i + 1] <= UInt8(ascii: "6") {
                    let chunk: Chunk = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year][Int(l[i + 1] - UInt8(ascii: "1"))]
                    emit(chunk, literalEnd: i, next: i + 2)
                    continue
                }
                if has("002", at: i) { emit(.zeroYearDay, literalEnd: i, next: i + 3); continue }
            case UInt8(ascii: "1"):
                if has("15", at: i) { emit(.hour, literalEnd: i, next: i + 2); continue }
                emit(.numMonth, literalEnd: i, next: i + 1)
                continue
            case UInt8(ascii: "2"):
                if has("2006", at: i) { emit(.longYear, literalEnd: i, next: i + 4); continue }
                emit(.day, literalEnd: i, next: i + 1)
                continue
            case UInt8(ascii: "_"):
                if has("_2", at: i) {
                    if has("_2006", at: i) { emit(.longYear, literalEnd: i + 1, next: i + 5); continue }
                    emit(.underDay, literalEnd: i, next: i + 2)
                    continue
                }
                if has("__2", at: i) { emit(.underYearDay, literalEnd: i, next: i + 3); continue }
            case UInt8(ascii: "3"):
                emit(.hour12, literalEnd: i, next: i + 1)
                continue
            case UInt8(ascii: "4"):
                emit(.minute, literalEnd: i, next: i + 1)
                continue
            case UInt8(ascii: "5"):
                emit(.second, literalEnd: i, next: i + 1)
                continue
            case UInt8(ascii: "P"):
                if has("PM", at: i) { emit(.pm, literalEnd: i, next: i + 2); continue }
            case UInt8(ascii: "p"):
                if has("pm", at: i) { emit(.lowerPM, literalEnd: i, next: i + 2); continue }
            case UInt8(ascii: "-"):
                if has("-070000", at: i) { emit(.numSecondsTZ, literalEnd: i, next: i + 7); continue }
                if has("-07:00:00", at: i) { emit(.numColonSecondsTZ, literalEnd: i, next: i + 9); continue }
                if has("-0700", at: i) { emit(.numTZ, literalEnd: i, next: i + 5); continue }
                if has("-07:00", at: i) { emit(.numColonTZ, literalEnd: i, next: i + 6); continue }
                if has("-07", at: i) { emit(.numShortTZ, literalEnd: i, next: i + 3); continue }
            case UInt8(ascii: "Z"):
                if has("Z070000", at: i) { emit(.iso8601SecondsTZ, literalEnd: i, next: i + 7); continue }
                if has("Z07:00:00", at: i) { emit(.iso8601ColonSecondsTZ, literalEnd: i, next: i + 9); continue }
                if has("Z0700", at: i) { emit(.iso8601TZ, literalEnd: i, next: i + 5); continue }
                if has("Z07:00", at: i) { emit(.iso8601ColonTZ, literalEnd: i, next: i + 6); continue }
                if has("Z07", at: i) { emit(.iso8601ShortTZ, literalEnd: i, next: i + 3); continue }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if i + 1 < l.count && (l[i + 1] == UInt8(ascii: "0") || l[i + 1] == UInt8(ascii: "9")) {
                    let ch = l[i + 1]
                    var j = i + 1
                    while j < l.count && l[j] == ch { j += 1 }
                    if !isDigit(j) {
                        let chunk: Chunk = ch == UInt8(ascii: "0") ? .fracSecond0(digits: j - (i + 1), separator: c) : .fracSecond9(digits: j - (i + 1), separator: c)
                        emit(chunk, literalEnd: i, next: j)
                        continue
                    }
                }
            default:
                break
            }
            i += 1
        }
        if start < l.count { result.append(.literal(String(decoding: l[start...], as: UTF8.self))) }
        return result
    }

    // MARK: Calendar

    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    public static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The local civil fields of the time.
    public var fields: (year: Int64, month: Int64, day: Int64, yday: Int64, weekday: Int64, hour: Int64, minute: Int64, second: Int64) {
        let local = unixSeconds + offset
        var days = local / 86_400
        var secs = local % 86_400
        if secs < 0 {
            secs += 86_400
            days -= 1
        }
        let (y, m, d) = Self.civilFromDays(days)
        let yday = days - Self.daysFromCivil(year: y, month: 1, day: 1) + 1
        var weekday = (days + 4) % 7
        if weekday < 0 { weekday += 7 }
        return (y, m, d, yday, weekday, secs / 3600, (secs % 3600) / 60, secs % 60)
    }

    // MARK: Format

    private static func appendInt(_ b: inout String, _ x: Int64, width: Int) {
        var s = String(x.magnitude)
        while s.count < width { s = "0" + s }
        if x < 0 { b += "-" }
        b += s
    }

    /// `Time.Format(layout)`.
    public func format(_ layout: String) -> String {
        let f = fields
        var b = ""
        for chunk in Self.chunks(layout) {
            switch chunk {
            case .literal(let s): b += s
            case .year: Self.appendInt(&b, (f.year < 0 ? -f.year : f.year) % 100, width: 2)
            case .longYear: Self.appendInt(&b, f.year, width: 4)
            case .month: b += String(Self.longMonthNames[Int(f.month - 1)].prefix(3))
            case .longMonth: b += Self.longMonthNames[Int(f.month - 1)]
            case .numMonth: Self.appendInt(&b, f.month, width: 0)
            case .zeroMonth: Self.appendInt(&b, f.month, width: 2)
            case .weekDay: b += String(Self.longDayNames[Int(f.weekday)].prefix(3))
            case .longWeekDay: b += Self.longDayNames[Int(f.weekday)]
            case .day: Self.appendInt(&b, f.day, width: 0)
            case .underDay:
                if f.day < 10 { b += " " }
                Self.appendInt(&b, f.day, width: 0)
            case .zeroDay: Self.appendInt(&b, f.day, width: 2)
            case .underYearDay:
                if f.yday < 100 {
                    b += " "
                    if f.yday < 10 { b += " " }
                }
                Self.appendInt(&b, f.yday, width: 0)
            case .zeroYearDay: Self.appendInt(&b, f.yday, width: 3)
            case .hour: Self.appendInt(&b, f.hour, width: 2)
            case .hour12: Self.appendInt(&b, f.hour % 12 == 0 ? 12 : f.hour % 12, width: 0)
            case .zeroHour12: Self.appendInt(&b, f.hour % 12 == 0 ? 12 : f.hour % 12, width: 2)
            case .minute: Self.appendInt(&b, f.minute, width: 0)
            case .zeroMinute: Self.appendInt(&b, f.minute, width: 2)
            case .second: Self.appendInt(&b, f.second, width: 0)
            case .zeroSecond: Self.appendInt(&b, f.second, width: 2)
            case .pm: b += f.hour >= 12 ? "PM" : "AM"
            case .lowerPM: b += f.hour >= 12 ? "pm" : "am"
            case .iso8601TZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonSecondsTZ,
                .numTZ, .numColonTZ, .numSecondsTZ, .numShortTZ, .numColonSecondsTZ:
                let iso = [Chunk.iso8601TZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonSecondsTZ].contains(chunk)
                if offset == 0 && iso {
                    b += "Z"
                    break
                }
                var zone = offset / 60
                var absoffset = offset
                if zone < 0 {
                    b += "-"
                    zone = -zone
                    absoffset = -absoffset
                } else {
                    b += "+"
                }
                Self.appendInt(&b, zone / 60, width: 2)
                if [Chunk.iso8601ColonTZ, .numColonTZ, .iso8601ColonSecondsTZ, .numColonSecondsTZ].contains(chunk) { b += ":" }
                if chunk != .numShortTZ && chunk != .iso8601ShortTZ { Self.appendInt(&b, zone % 60, width: 2) }
                if [Chunk.iso8601SecondsTZ, .numSecondsTZ, .numColonSecondsTZ, .iso8601ColonSecondsTZ].contains(chunk) {
                    if chunk == .numColonSecondsTZ || chunk == .iso8601ColonSecondsTZ { b += ":" }
                    Self.appendInt(&b, absoffset % 60, width: 2)
                }
            case .tz:
                if !zone.isEmpty {
                    b += zone
                    break
                }
                var z = offset / 60
                if z < 0 {
                    b += "-"
                    z = -z
                } else {
                    b += "+"
                }
                Self.appendInt(&b, z / 60, width: 2)
                Self.appendInt(&b, z % 60, width: 2)
            case .fracSecond0(let digits, let separator), .fracSecond9(let digits, let separator):
                var buf = Array(String(nanoseconds).utf8)
                while buf.count < 9 { buf.insert(UInt8(ascii: "0"), at: 0) }
                var n = min(digits, 9)
                if case .fracSecond9 = chunk {
                    while n > 0 && buf[n - 1] == UInt8(ascii: "0") { n -= 1 }
                    if n == 0 { break }
                }
                b += String(decoding: [separator] + buf[0..<n], as: UTF8.self)
            }
        }
        return b
    }

    // MARK: Parse

    /// `time.ParseInLocation(layout, value, UTC)`; nil when Go reports an error.
    ///
    /// `rfc3339Strict` names the Go version's rule for the digits of a numeric zone offset:
    /// Go 1.20 and later want exactly two digits each, Go 1.19 read them with `atoi`, which
    /// also takes a sign (`+-1:00` parses there).
    public static func parse(layout: String, value input: String, rfc3339Strict: Bool = true) -> GoTime? {
        var value = Array(input.utf8)[...]
        var year: Int64 = 0, month: Int64 = -1, day: Int64 = -1, yday: Int64 = -1
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, nsec: Int64 = 0
        var pmSet = false, amSet = false
        var zoneOffset: Int64? = nil
        var zoneName: String? = nil

        func getnum(_ fixed: Bool) -> Int64? {
            guard let first = value.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
            let second = value.dropFirst().first
            if second == nil || second! < UInt8(ascii: "0") || second! > UInt8(ascii: "9") {
                if fixed { return nil }
                value = value.dropFirst()
                return Int64(first - UInt8(ascii: "0"))
            }
            let n = Int64(first - UInt8(ascii: "0")) * 10 + Int64(second! - UInt8(ascii: "0"))
            value = value.dropFirst(2)
            return n
        }
        func getnum3(_ fixed: Bool) -> Int64? {
            var n: Int64 = 0
            var i = 0
            while i < 3, let c = value.dropFirst(i).first, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                n = n * 10 + Int64(c - UInt8(ascii: "0"))
                i += 1
            }
            if i == 0 || (fixed && i != 3) { return nil }
            value = value.dropFirst(i)
            return n
        }
        func fixedDigits(_ count: Int) -> Int64? {
            guard value.count >= count else { return nil }
            var n: Int64 = 0
            for c in value.prefix(count) {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int64(c - UInt8(ascii: "0"))
            }
            value = value.dropFirst(count)
            return n
        }
        func lookup(_ table: [String], length: Int?) -> Int? {
            for (index, name) in table.enumerated() {
                let candidate = length.map { String(name.prefix($0)) } ?? name
                let bytes = Array(candidate.utf8)
                if value.count >= bytes.count && zip(value.prefix(bytes.count), bytes).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                    value = value.dropFirst(bytes.count)
                    return index
                }
            }
            return nil
        }
        func zoneDigits() -> Int64? {
            if rfc3339Strict { return fixedDigits(2) }
            guard value.count >= 2 else { return nil }
            var digits = value.prefix(2)
            let negative = digits.first == UInt8(ascii: "-")
            if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
            var n: Int64 = 0
            for c in digits {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int64(c - UInt8(ascii: "0"))
            }
            value = value.dropFirst(2)
            return negative ? -n : n
        }
        func skipSpaces(_ n: Int) {
            var k = n
            while k > 0, value.first == 0x20 {
                value = value.dropFirst()
                k -= 1
            }
        }

        let layoutChunks = chunks(layout)
        for (index, chunk) in layoutChunks.enumerated() {
            switch chunk {
            case .literal(let literal):
                // Go's skip: a run of spaces in the layout matches any run of spaces in the value.
                var prefix = Array(literal.utf8)[...]
                while let p = prefix.first {
                    if p == 0x20 {
                        if let v = value.first, v != 0x20 { return nil }
                        while prefix.first == 0x20 { prefix = prefix.dropFirst() }
                        while value.first == 0x20 { value = value.dropFirst() }
                        continue
                    }
                    guard value.first == p else { return nil }
                    prefix = prefix.dropFirst()
                    value = value.dropFirst()
                }
            case .year:
                guard let n = fixedDigits(2) else { return nil }
                year = n >= 69 ? n + 1900 : n + 2000
            case .longYear:
                guard value.count >= 4, let n = fixedDigits(4) else { return nil }
                year = n
            case .month:
                guard let m = lookup(longMonthNames, length: 3) else { return nil }
                month = Int64(m + 1)
            case .longMonth:
                guard let m = lookup(longMonthNames, length: nil) else { return nil }
                month = Int64(m + 1)
            case .numMonth, .zeroMonth:
                guard let n = getnum(chunk == .zeroMonth), n > 0, n <= 12 else { return nil }
                month = n
            case .weekDay:
                guard lookup(longDayNames, length: 3) != nil else { return nil }
            case .longWeekDay:
                guard lookup(longDayNames, length: nil) != nil else { return nil }
            case .day, .underDay, .zeroDay:
                if chunk == .underDay && value.first == 0x20 { value = value.dropFirst() }
                guard let n = getnum(chunk == .zeroDay) else { return nil }
                day = n
            case .underYearDay, .zeroYearDay:
                if chunk == .underYearDay {
                    skipSpaces(2)
                }
                guard let n = getnum3(chunk == .zeroYearDay), n >= 1, n <= 366 else { return nil }
                yday = n
            case .hour:
                guard let n = getnum(false), n >= 0, n < 24 else { return nil }
                hour = n
            case .hour12, .zeroHour12:
                guard let n = getnum(chunk == .zeroHour12), n >= 0, n <= 12 else { return nil }
                hour = n
            case .minute, .zeroMinute:
                guard let n = getnum(chunk == .zeroMinute), n >= 0, n < 60 else { return nil }
                minute = n
            case .second, .zeroSecond:
                guard let n = getnum(chunk == .zeroSecond), n >= 0, n < 60 else { return nil }
                second = n
                // A fractional second in the value after a seconds field, when the layout has none.
                if value.count >= 2, value.first == UInt8(ascii: ".") || value.first == UInt8(ascii: ","),
                    let next = value.dropFirst().first, next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9")
                {
                    let nextChunk = index + 1 < layoutChunks.count ? layoutChunks[index + 1] : nil
                    var isFrac = false
                    if case .fracSecond0 = nextChunk { isFrac = true }
                    if case .fracSecond9 = nextChunk { isFrac = true }
                    if !isFrac {
                        value = value.dropFirst()
                        var digits: [UInt8] = []
                        while let c = value.first, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                            digits.append(c)
                            value = value.dropFirst()
                        }
                        nsec = fraction(digits)
                    }
                }
            case .pm, .lowerPM:
                guard value.count >= 2 else { return nil }
                let p = String(decoding: value.prefix(2), as: UTF8.self)
                value = value.dropFirst(2)
                switch chunk == .pm ? p : p.uppercased() {
                case "PM": pmSet = true
                case "AM": amSet = true
                default: return nil
                }
            case .iso8601TZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonSecondsTZ,
                .numTZ, .numColonTZ, .numSecondsTZ, .numShortTZ, .numColonSecondsTZ:
                let iso = [Chunk.iso8601TZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonSecondsTZ].contains(chunk)
                if iso && value.first == UInt8(ascii: "Z") {
                    value = value.dropFirst()
                    zoneOffset = 0
                    zoneName = "UTC"
                    break
                }
                guard let sign = value.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
                value = value.dropFirst()
                guard let hh = zoneDigits() else { return nil }
                var mm: Int64 = 0, ss: Int64 = 0
                let colon = [Chunk.iso8601ColonTZ, .numColonTZ, .iso8601ColonSecondsTZ, .numColonSecondsTZ].contains(chunk)
                if chunk != .numShortTZ && chunk != .iso8601ShortTZ {
                    if colon {
                        guard value.first == UInt8(ascii: ":") else { return nil }
                        value = value.dropFirst()
                    }
                    guard let m = zoneDigits() else { return nil }
                    mm = m
                }
                if [Chunk.iso8601SecondsTZ, .numSecondsTZ, .numColonSecondsTZ, .iso8601ColonSecondsTZ].contains(chunk) {
                    if colon {
                        guard value.first == UInt8(ascii: ":") else { return nil }
                        value = value.dropFirst()
                    }
                    guard let s = zoneDigits() else { return nil }
                    ss = s
                }
                let total = (hh * 60 + mm) * 60 + ss
                zoneOffset = sign == UInt8(ascii: "-") ? -total : total
            case .tz:
                if value.count >= 3 && String(decoding: value.prefix(3), as: UTF8.self) == "UTC" {
                    value = value.dropFirst(3)
                    zoneName = "UTC"
                    zoneOffset = 0
                    break
                }
                var n = 0
                while n < value.count, let c = value.dropFirst(n).first, c >= UInt8(ascii: "A"), c <= UInt8(ascii: "Z") { n += 1 }
                guard n >= 3 else { return nil }
                zoneName = String(decoding: value.prefix(n), as: UTF8.self)
                value = value.dropFirst(n)
            case .fracSecond0(let digits, _):
                guard value.count >= digits + 1, value.first == UInt8(ascii: ".") || value.first == UInt8(ascii: ",") else { return nil }
                let digitBytes = Array(value.dropFirst().prefix(digits))
                guard digitBytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
                nsec = fraction(digitBytes)
                value = value.dropFirst(digits + 1)
            case .fracSecond9:
                if value.count < 2 || !(value.first == UInt8(ascii: ".") || value.first == UInt8(ascii: ",")) { break }
                guard let next = value.dropFirst().first, next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9") else { break }
                value = value.dropFirst()
                var digitBytes: [UInt8] = []
                while digitBytes.count < 9, let c = value.first, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                    digitBytes.append(c)
                    value = value.dropFirst()
                }
                nsec = fraction(digitBytes)
            }
        }
        guard value.isEmpty else { return nil }
        if pmSet && hour < 12 { hour += 12 } else if amSet && hour == 12 { hour = 0 }
        if yday >= 0 {
            var d: Int64 = 0, m: Int64 = 0
            if isLeap(year) {
                if yday == 31 + 29 {
                    m = 2; d = 29
                } else if yday > 31 + 29 {
                    let adjusted = yday - 1
                    (m, d) = monthDay(fromYearDay: adjusted)
                } else {
                    (m, d) = monthDay(fromYearDay: yday)
                }
            } else {
                guard yday <= 365 else { return nil }
                (m, d) = monthDay(fromYearDay: yday)
            }
            if month >= 0 && month != m { return nil }
            month = m
            if day >= 0 && day != d { return nil }
            day = d
        } else {
            if month < 0 { month = 1 }
            if day < 0 { day = 1 }
        }
        guard day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        let offset = zoneOffset ?? 0
        let zone: String
        if let zoneName, zoneOffset == nil {
            // A zone abbreviation other than UTC, unknown to the UTC location: Go fabricates it with offset 0.
            zone = zoneName
        } else if offset == 0 {
            zone = "UTC"
        } else {
            zone = ""
        }
        return GoTime(unixSeconds: local - offset, nanoseconds: nsec, offset: offset, zone: zone)
    }

    private static func fraction(_ digits: [UInt8]) -> Int64 {
        var ns: Int64 = 0
        for i in 0..<9 {
            ns *= 10
            if i < digits.count { ns += Int64(digits[i] - UInt8(ascii: "0")) }
        }
        return ns
    }

    private static let daysBefore: [Int64] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]

    private static func monthDay(fromYearDay yday: Int64) -> (Int64, Int64) {
        var m: Int64 = 1
        while m < 12 && yday > daysBefore[Int(m)] { m += 1 }
        return (m, yday - daysBefore[Int(m - 1)])
    }

    public static func daysIn(month: Int64, year: Int64) -> Int64 {
        if month == 2 && isLeap(year) { return 29 }
        return daysBefore[Int(month)] - daysBefore[Int(month - 1)]
    }
}
