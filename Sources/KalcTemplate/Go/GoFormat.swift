import KalcGo

/// Go's `fmt.Sprint`, `fmt.Sprintf` and `fmt.Sprintln` over `GoValue`s, byte for byte.
enum GoFormat {
    /// `fmt.Sprint(args...)`: operands separated by a space when neither side is a string.
    static func sprint(_ args: [GoValue]) -> String {
        sprint(args, limit: .max) ?? ""
    }

    /// `fmt.Sprint(args...)`, or nil when the text would be longer than `limit` bytes (the
    /// printing stops soon after, however large the values).
    static func sprint(_ args: [GoValue], limit: Int) -> String? {
        var printer = GoPrinter(limit: limit)
        var previousIsString = false
        for (index, arg) in args.enumerated() {
            let isString = arg.kind == .string
            if index > 0 && !isString && !previousIsString { printer.buf.append(0x20) }
            printer.printArg(arg, verb: "v")
            previousIsString = isString
        }
        return printer.boundedResult
    }

    /// `fmt.Sprintln(args...)`: operands always separated by a space, then a newline; nil
    /// when the text would be longer than `limit` bytes.
    static func sprintln(_ args: [GoValue], limit: Int = .max) -> String? {
        var printer = GoPrinter(limit: limit)
        for (index, arg) in args.enumerated() {
            if index > 0 { printer.buf.append(0x20) }
            printer.printArg(arg, verb: "v")
        }
        printer.buf.append(0x0A)
        return printer.boundedResult
    }

    /// `fmt.Sprintf(format, args...)`.
    static func sprintf(_ format: String, _ args: [GoValue]) -> String {
        sprintf(format, args, limit: .max) ?? ""
    }

    /// `fmt.Sprintf(format, args...)`, or nil when the text would be longer than `limit`
    /// bytes (widths of a million spaces included).
    static func sprintf(_ format: String, _ args: [GoValue], limit: Int) -> String? {
        var printer = GoPrinter(limit: limit)
        printer.doPrintf(Array(format.utf8), args)
        return printer.boundedResult
    }

    /// `fmt.Sprintf("%v", value)`.
    static func string(of value: GoValue) -> String {
        var printer = GoPrinter()
        printer.printArg(value, verb: "v")
        return printer.result
    }
}

/// The formatting flags of one verb (`fmt.fmtFlags`).
private struct GoFormatFlags {
    var widPresent = false
    var precPresent = false
    var minus = false
    var plus = false
    var sharp = false
    var space = false
    var zero = false
    var plusV = false
    var sharpV = false
}

/// The state of one `fmt` print call (`fmt.pp` with its `fmt.fmt`).
struct GoPrinter {
    var buf: [UInt8] = []
    /// The most bytes the text may have: past it, printing stops (`boundedResult` is nil).
    var limit = Int.max
    private var flags = GoFormatFlags()
    private var wid = 0
    private var prec = 0
    private var erroring = false
    private var goodArgNum = true
    private var reordered = false
    /// The argument being printed, for `%!verb(type=value)` reports.
    private var currentArg: GoValue? = nil

    init(limit: Int = .max) {
        self.limit = limit
    }

    var result: String { String(decoding: buf, as: UTF8.self) }

    /// The text, or nil when it grew past `limit`.
    var boundedResult: String? { isOverLimit ? nil : result }

    private var isOverLimit: Bool { buf.count > limit }

    private mutating func write(_ s: String) { buf.append(contentsOf: Array(s.utf8)) }
    private mutating func write(_ bytes: [UInt8]) { buf.append(contentsOf: bytes) }

    // MARK: fmt.fmt

    private mutating func writePadding(_ n: Int) {
        guard n > 0 else { return }
        buf.append(contentsOf: [UInt8](repeating: flags.zero ? UInt8(ascii: "0") : 0x20, count: n))
    }

    private static func runeCount(_ bytes: [UInt8]) -> Int {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.count
    }

    private mutating func pad(_ bytes: [UInt8]) {
        if !flags.widPresent || wid == 0 {
            write(bytes)
            return
        }
        let width = wid - Self.runeCount(bytes)
        if !flags.minus {
            writePadding(width)
            write(bytes)
        } else {
            write(bytes)
            writePadding(width)
        }
    }

    private mutating func padString(_ s: String) { pad(Array(s.utf8)) }

    private mutating func fmtBoolean(_ v: Bool) { padString(v ? "true" : "false") }

    private mutating func fmtUnicode(_ value: UInt64) {
        var u = value
        var precision = 4
        if flags.precPresent && prec > 4 { precision = prec }
        var out: [UInt8] = []
        if flags.sharp, u <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(u)), GoStrconv.isPrint(scalar) {
            out = [0x20, UInt8(ascii: "'")] + Array(String(scalar).utf8) + [UInt8(ascii: "'")]
        }
        var digits: [UInt8] = []
        while u >= 16 {
            digits.append(GoStrconv.upperHex[Int(u & 0xF)])
            precision -= 1
            u >>= 4
        }
        digits.append(GoStrconv.upperHex[Int(u)])
        precision -= 1
        while precision > 0 {
            digits.append(UInt8(ascii: "0"))
            precision -= 1
        }
        let text = Array("U+".utf8) + digits.reversed() + out
        let oldZero = flags.zero
        flags.zero = false
        pad(text)
        flags.zero = oldZero
    }

    private mutating func fmtInteger(_ value: UInt64, base: Int, signed: Bool, verb: Unicode.Scalar, upper: Bool) {
        var u = value
        let negative = signed && Int64(bitPattern: u) < 0
        if negative { u = 0 &- u }
        let digits = upper ? Array("0123456789ABCDEFX".utf8) : Array("0123456789abcdefx".utf8)
        var precision = 0
        if flags.precPresent {
            precision = prec
            if precision == 0 && u == 0 {
                let oldZero = flags.zero
                flags.zero = false
                writePadding(wid)
                flags.zero = oldZero
                return
            }
        } else if flags.zero && flags.widPresent {
            precision = wid
            if negative || flags.plus || flags.space { precision -= 1 }
        }
        var out: [UInt8] = []
        let b = UInt64(base)
        while u >= b {
            out.append(digits[Int(u % b)])
            u /= b
        }
        out.append(digits[Int(u)])
        while out.count < precision { out.append(UInt8(ascii: "0")) }
        if flags.sharp {
            switch base {
            case 2: out.append(contentsOf: [UInt8(ascii: "b"), UInt8(ascii: "0")])
            case 8: if out.last != UInt8(ascii: "0") { out.append(UInt8(ascii: "0")) }
            case 16: out.append(contentsOf: [digits[16], UInt8(ascii: "0")])
            default: break
            }
        }
        if verb == "O" { out.append(contentsOf: [UInt8(ascii: "o"), UInt8(ascii: "0")]) }
        if negative {
            out.append(UInt8(ascii: "-"))
        } else if flags.plus {
            out.append(UInt8(ascii: "+"))
        } else if flags.space {
            out.append(0x20)
        }
        let oldZero = flags.zero
        flags.zero = false
        pad(out.reversed())
        flags.zero = oldZero
    }

    private func truncate(_ s: String) -> String {
        guard flags.precPresent else { return s }
        var n = prec
        var result = ""
        for scalar in s.unicodeScalars {
            n -= 1
            if n < 0 { return result }
            result.unicodeScalars.append(scalar)
        }
        return s
    }

    private mutating func fmtS(_ s: String) { padString(truncate(s)) }

    private mutating func fmtSx(_ s: String, upper: Bool) {
        let bytes = Array(s.utf8)
        let digits = upper ? GoStrconv.upperHex : GoStrconv.lowerHex
        let x = upper ? UInt8(ascii: "X") : UInt8(ascii: "x")
        var length = bytes.count
        if flags.precPresent && prec < length { length = prec }
        var width = 2 * length
        if width > 0 {
            if flags.space {
                if flags.sharp { width *= 2 }
                width += length - 1
            } else if flags.sharp {
                width += 2
            }
        } else {
            if flags.widPresent { writePadding(wid) }
            return
        }
        if flags.widPresent && wid > width && !flags.minus { writePadding(wid - width) }
        if flags.sharp { write([UInt8(ascii: "0"), x]) }
        for i in 0..<length {
            if flags.space && i > 0 {
                buf.append(0x20)
                if flags.sharp { write([UInt8(ascii: "0"), x]) }
            }
            let c = bytes[i]
            buf.append(digits[Int(c >> 4)])
            buf.append(digits[Int(c & 0xF)])
        }
        if flags.widPresent && wid > width && flags.minus { writePadding(wid - width) }
    }

    private mutating func fmtQ(_ s: String) {
        let t = truncate(s)
        if flags.sharp && GoStrconv.canBackquote(t) {
            padString("`" + t + "`")
            return
        }
        padString(GoStrconv.quote(t, asciiOnly: flags.plus))
    }

    private mutating func fmtC(_ c: UInt64) {
        let scalar = c <= 0x10FFFF ? (Unicode.Scalar(UInt32(c)) ?? "\u{FFFD}") : "\u{FFFD}"
        pad(Array(String(scalar).utf8))
    }

    private mutating func fmtQc(_ c: UInt64) {
        padString(GoStrconv.quoteRune(c, asciiOnly: flags.plus))
    }

    private mutating func fmtFloat(_ v: Double, verb: UInt8, precision: Int) {
        var precision = precision
        if flags.precPresent { precision = prec }
        var num = Array(GoFloat.format(v, verb, precision: precision).utf8)
        if num.first == UInt8(ascii: "-") || num.first == UInt8(ascii: "+") {
            // Already signed.
        } else {
            num.insert(UInt8(ascii: "+"), at: 0)
        }
        if flags.space && num[0] == UInt8(ascii: "+") && !flags.plus { num[0] = 0x20 }
        if num.count > 1 && (num[1] == UInt8(ascii: "I") || num[1] == UInt8(ascii: "N")) {
            let oldZero = flags.zero
            flags.zero = false
            if num[1] == UInt8(ascii: "N") && !flags.space && !flags.plus { num.removeFirst() }
            pad(num)
            flags.zero = oldZero
            return
        }
        if flags.sharp && verb != UInt8(ascii: "b") {
            var digits = 0
            switch verb {
            case UInt8(ascii: "v"), UInt8(ascii: "g"), UInt8(ascii: "G"), UInt8(ascii: "x"):
                digits = precision
                if digits == -1 { digits = 6 }
            default: break
            }
            var tail: [UInt8] = []
            var hasDecimalPoint = false
            var sawNonzeroDigit = false
            var i = 1
            scan: while i < num.count {
                switch num[i] {
                case UInt8(ascii: "."):
                    hasDecimalPoint = true
                case UInt8(ascii: "p"), UInt8(ascii: "P"):
                    tail.append(contentsOf: num[i...])
                    num.removeSubrange(i...)
                    break scan
                case UInt8(ascii: "e") where verb != UInt8(ascii: "x") && verb != UInt8(ascii: "X"):
                    tail.append(contentsOf: num[i...])
                    num.removeSubrange(i...)
                    break scan
                case UInt8(ascii: "E") where verb != UInt8(ascii: "x") && verb != UInt8(ascii: "X"):
                    tail.append(contentsOf: num[i...])
                    num.removeSubrange(i...)
                    break scan
                default:
                    if num[i] != UInt8(ascii: "0") { sawNonzeroDigit = true }
                    if sawNonzeroDigit { digits -= 1 }
                }
                i += 1
            }
            if !hasDecimalPoint {
                if num.count == 2 && num[1] == UInt8(ascii: "0") { digits -= 1 }
                num.append(UInt8(ascii: "."))
            }
            while digits > 0 {
                num.append(UInt8(ascii: "0"))
                digits -= 1
            }
            num.append(contentsOf: tail)
        }
        if flags.plus || num[0] != UInt8(ascii: "+") {
            if flags.zero && flags.widPresent && wid > num.count {
                buf.append(num[0])
                writePadding(wid - num.count)
                write(Array(num[1...]))
                return
            }
            pad(num)
            return
        }
        pad(Array(num[1...]))
    }

    // MARK: fmt.pp

    private mutating func badVerb(_ verb: Unicode.Scalar) {
        erroring = true
        write("%!")
        write(String(verb))
        write("(")
        if let arg = currentArg, arg != .nil {
            write(arg.typeName)
            write("=")
            printArg(arg, verb: "v")
        } else {
            write("<nil>")
        }
        write(")")
        erroring = false
    }

    private mutating func fmtBool(_ v: Bool, verb: Unicode.Scalar) {
        switch verb {
        case "t", "v": fmtBoolean(v)
        default: badVerb(verb)
        }
    }

    private mutating func fmtIntegerVerb(_ v: UInt64, signed: Bool, verb: Unicode.Scalar) {
        switch verb {
        case "v":
            if flags.sharpV && !signed {
                let sharp = flags.sharp
                flags.sharp = true
                fmtInteger(v, base: 16, signed: false, verb: "v", upper: false)
                flags.sharp = sharp
            } else {
                fmtInteger(v, base: 10, signed: signed, verb: verb, upper: false)
            }
        case "d": fmtInteger(v, base: 10, signed: signed, verb: verb, upper: false)
        case "b": fmtInteger(v, base: 2, signed: signed, verb: verb, upper: false)
        case "o", "O": fmtInteger(v, base: 8, signed: signed, verb: verb, upper: false)
        case "x": fmtInteger(v, base: 16, signed: signed, verb: verb, upper: false)
        case "X": fmtInteger(v, base: 16, signed: signed, verb: verb, upper: true)
        case "c": fmtC(v)
        case "q": fmtQc(v)
        case "U": fmtUnicode(v)
        default: badVerb(verb)
        }
    }

    private mutating func fmtFloatVerb(_ v: Double, verb: Unicode.Scalar) {
        switch verb {
        case "v": fmtFloat(v, verb: UInt8(ascii: "g"), precision: -1)
        case "b", "g", "G", "x", "X": fmtFloat(v, verb: UInt8(verb.value), precision: -1)
        case "f", "e", "E": fmtFloat(v, verb: UInt8(verb.value), precision: 6)
        case "F": fmtFloat(v, verb: UInt8(ascii: "f"), precision: 6)
        default: badVerb(verb)
        }
    }

    private mutating func fmtString(_ v: String, verb: Unicode.Scalar) {
        switch verb {
        case "v":
            if flags.sharpV { fmtQ(v) } else { fmtS(v) }
        case "s": fmtS(v)
        case "x": fmtSx(v, upper: false)
        case "X": fmtSx(v, upper: true)
        case "q": fmtQ(v)
        default: badVerb(verb)
        }
    }

    /// Values with a `String()` method (`time.Time`, `*semver.Version`) print through it.
    private mutating func handleMethods(_ value: GoValue, verb: Unicode.Scalar) -> Bool {
        if erroring { return false }
        guard !flags.sharpV, let text = GoStringer.string(of: value) else { return false }
        switch verb {
        case "v", "s", "x", "X", "q":
            fmtString(text, verb: verb)
            return true
        default:
            return false
        }
    }

    mutating func printArg(_ arg: GoValue, verb: Unicode.Scalar) {
        currentArg = arg
        if arg == .nil {
            switch verb {
            case "T", "v": padString("<nil>")
            default: badVerb(verb)
            }
            return
        }
        switch verb {
        case "T":
            fmtS(arg.typeName)
            return
        case "p":
            badVerb(verb)
            return
        default:
            break
        }
        switch arg {
        case .bool(let b): fmtBool(b, verb: verb)
        case .float64(let f): fmtFloatVerb(f, verb: verb)
        case .int(let i): fmtIntegerVerb(UInt64(bitPattern: Int64(i)), signed: true, verb: verb)
        case .int64(let i): fmtIntegerVerb(UInt64(bitPattern: i), signed: true, verb: verb)
        case .uint64(let u): fmtIntegerVerb(u, signed: false, verb: verb)
        case .string(let s): fmtString(s, verb: verb)
        default:
            if !handleMethods(arg, verb: verb) { printValue(arg, verb: verb, depth: 0) }
        }
    }

    private mutating func printValue(_ value: GoValue, verb: Unicode.Scalar, depth: Int) {
        if isOverLimit { return }
        if depth > 0 && value != .nil {
            currentArg = value
            if handleMethods(value, verb: verb) { return }
        }
        currentArg = value
        switch value {
        case .nil:
            // A nil element of an interface-typed container.
            write(flags.sharpV ? "interface {}(nil)" : "<nil>")
        case .bool(let b): fmtBool(b, verb: verb)
        case .int(let i): fmtIntegerVerb(UInt64(bitPattern: Int64(i)), signed: true, verb: verb)
        case .int64(let i): fmtIntegerVerb(UInt64(bitPattern: i), signed: true, verb: verb)
        case .uint64(let u): fmtIntegerVerb(u, signed: false, verb: verb)
        case .float64(let f): fmtFloatVerb(f, verb: verb)
        case .string(let s): fmtString(s, verb: verb)
        case .map(let map):
            if flags.sharpV {
                write(GoType.map(key: map.keyType, value: map.valueType).name)
                if map.isNil {
                    write("(nil)")
                    return
                }
                write("{")
            } else {
                write("map[")
            }
            for (index, key) in GoOrdering.sortedKeys(map).enumerated() {
                if index > 0 {
                    if flags.sharpV { write(", ") } else { buf.append(0x20) }
                }
                printValue(key, verb: verb, depth: depth + 1)
                write(":")
                printValue(map.entries[key] ?? .nil, verb: verb, depth: depth + 1)
            }
            write(flags.sharpV ? "}" : "]")
        case .structure(let structure):
            if structure.typeName.hasPrefix("*") {
                // Pointers print as an address in Go; kalc has no addresses to print.
                write("&")
            }
            if flags.sharpV { write(structure.typeName) }
            write("{")
            for (index, field) in structure.fields.enumerated() {
                if index > 0 {
                    if flags.sharpV { write(", ") } else { buf.append(0x20) }
                }
                if flags.plusV || flags.sharpV {
                    write(field.name)
                    write(":")
                }
                printValue(field.value, verb: verb, depth: depth + 1)
            }
            write("}")
        case .slice(let slice):
            if slice.elementType == .named("uint8"), verb == "s" || verb == "q" || verb == "x" || verb == "X" {
                let bytes = slice.elements.map { element -> UInt8 in
                    if case .uint64(let b) = element { return UInt8(truncatingIfNeeded: b) }
                    return 0
                }
                fmtString(String(decoding: bytes, as: UTF8.self), verb: verb)
                return
            }
            if flags.sharpV {
                write(GoType.slice(slice.elementType).name)
                if slice.isNil {
                    write("(nil)")
                    return
                }
                write("{")
                for (index, element) in slice.elements.enumerated() {
                    if index > 0 { write(", ") }
                    printValue(element, verb: verb, depth: depth + 1)
                }
                write("}")
            } else {
                write("[")
                for (index, element) in slice.elements.enumerated() {
                    if index > 0 { buf.append(0x20) }
                    printValue(element, verb: verb, depth: depth + 1)
                }
                write("]")
            }
        }
    }

    // MARK: Printf

    private static func parseNumber(_ s: [UInt8], _ start: Int, _ end: Int) -> (num: Int, isNum: Bool, newi: Int) {
        if start >= end { return (0, false, end) }
        var num = 0
        var isNum = false
        var i = start
        while i < end && s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9") {
            if num > 1_000_000 || num < -1_000_000 { return (0, false, end) }
            num = num * 10 + Int(s[i] - UInt8(ascii: "0"))
            isNum = true
            i += 1
        }
        return (num, isNum, i)
    }

    private static func intFromArg(_ a: [GoValue], _ argNum: Int) -> (num: Int, isInt: Bool, newArgNum: Int) {
        var num = 0
        var isInt = false
        var newArgNum = argNum
        if argNum < a.count {
            switch a[argNum] {
            case .int(let i): num = i; isInt = true
            case .int64(let i): num = Int(i); isInt = true
            case .uint64(let u):
                if u <= UInt64(Int.max) { num = Int(u); isInt = true }
            default: break
            }
            newArgNum = argNum + 1
            if num > 1_000_000 || num < -1_000_000 {
                num = 0
                isInt = false
            }
        }
        return (num, isInt, newArgNum)
    }

    private static func parseArgNumber(_ format: ArraySlice<UInt8>) -> (index: Int, wid: Int, ok: Bool) {
        let f = Array(format)
        if f.count < 3 { return (0, 1, false) }
        for i in 1..<f.count where f[i] == UInt8(ascii: "]") {
            let (width, ok, newi) = parseNumber(f, 1, i)
            if !ok || newi != i { return (0, i + 1, false) }
            return (width - 1, i + 1, true)
        }
        return (0, 1, false)
    }

    private mutating func argNumber(_ argNum: Int, _ format: [UInt8], _ i: Int, _ numArgs: Int) -> (Int, Int, Bool) {
        if format.count <= i || format[i] != UInt8(ascii: "[") { return (argNum, i, false) }
        reordered = true
        let (index, wid, ok) = Self.parseArgNumber(format[i...])
        if ok && 0 <= index && index < numArgs { return (index, i + wid, true) }
        goodArgNum = false
        return (argNum, i + wid, ok)
    }

    mutating func doPrintf(_ format: [UInt8], _ a: [GoValue]) {
        let end = format.count
        var argNum = 0
        var afterIndex = false
        reordered = false
        var i = 0
        formatLoop: while i < end && !isOverLimit {
            goodArgNum = true
            let lasti = i
            while i < end && format[i] != UInt8(ascii: "%") { i += 1 }
            if i > lasti { write(Array(format[lasti..<i])) }
            if i >= end { break }
            i += 1
            flags = GoFormatFlags()
            wid = 0
            prec = 0
            simpleFormat: while i < end {
                let c = format[i]
                switch c {
                case UInt8(ascii: "#"): flags.sharp = true
                case UInt8(ascii: "0"): flags.zero = !flags.minus
                case UInt8(ascii: "+"): flags.plus = true
                case UInt8(ascii: "-"):
                    flags.minus = true
                    flags.zero = false
                case 0x20: flags.space = true
                default:
                    if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") && argNum < a.count {
                        if c == UInt8(ascii: "v") {
                            flags.sharpV = flags.sharp
                            flags.sharp = false
                            flags.plusV = flags.plus
                            flags.plus = false
                        }
                        printArg(a[argNum], verb: Unicode.Scalar(c))
                        argNum += 1
                        i += 1
                        continue formatLoop
                    }
                    break simpleFormat
                }
                i += 1
            }
            (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count)
            if i < end && format[i] == UInt8(ascii: "*") {
                i += 1
                let (n, ok, next) = Self.intFromArg(a, argNum)
                wid = n
                flags.widPresent = ok
                argNum = next
                if !flags.widPresent { write("%!(BADWIDTH)") }
                if wid < 0 {
                    wid = -wid
                    flags.minus = true
                    flags.zero = false
                }
                afterIndex = false
            } else {
                let (n, ok, next) = Self.parseNumber(format, i, end)
                wid = n
                flags.widPresent = ok
                i = next
                if afterIndex && flags.widPresent { goodArgNum = false }
            }
            if i + 1 < end && format[i] == UInt8(ascii: ".") {
                i += 1
                if afterIndex { goodArgNum = false }
                (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count)
                if i < end && format[i] == UInt8(ascii: "*") {
                    i += 1
                    let (n, ok, next) = Self.intFromArg(a, argNum)
                    prec = n
                    flags.precPresent = ok
                    argNum = next
                    if prec < 0 {
                        prec = 0
                        flags.precPresent = false
                    }
                    if !flags.precPresent { write("%!(BADPREC)") }
                    afterIndex = false
                } else {
                    let (n, ok, next) = Self.parseNumber(format, i, end)
                    prec = n
                    flags.precPresent = ok
                    i = next
                    if !flags.precPresent {
                        prec = 0
                        flags.precPresent = true
                    }
                }
            }
            if !afterIndex { (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count) }
            if i >= end {
                write("%!(NOVERB)")
                break
            }
            let (scalarValue, size) = format[i] < 0x80 ? (UInt32(format[i]), 1) : GoStrconv.decodeRune(format[i...])
            let verb = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
            i += size
            if verb == "%" {
                write("%")
            } else if !goodArgNum {
                write("%!")
                write(String(verb))
                write("(BADINDEX)")
            } else if argNum >= a.count {
                write("%!")
                write(String(verb))
                write("(MISSING)")
            } else {
                if verb == "v" {
                    flags.sharpV = flags.sharp
                    flags.sharp = false
                    flags.plusV = flags.plus
                    flags.plus = false
                }
                printArg(a[argNum], verb: verb)
                argNum += 1
            }
        }
        if !reordered && argNum < a.count {
            flags = GoFormatFlags()
            write("%!(EXTRA ")
            for (index, arg) in a[argNum...].enumerated() {
                if index > 0 { write(", ") }
                if arg == .nil {
                    write("<nil>")
                } else {
                    write(arg.typeName)
                    write("=")
                    printArg(arg, verb: "v")
                }
            }
            write(")")
        }
    }
}
