import KalcGo

/// sprig v2.22's numeric functions: conversions parse strings in base 10 (`add 1 "08"` is 9),
/// integer arithmetic wraps as Go's does, division by zero panics as Go's does.
enum SprigMath {
    typealias S = Sprig

    static let divideByZero = "runtime error: integer divide by zero"

    static func binary(_ name: String, _ f: @escaping @Sendable (Int64, Int64) throws(FunctionFailure) -> Int64) -> TemplateFunction {
        TemplateFunction(
            name, [.any, .any], result: .int64,
            body: .values { a throws(FunctionFailure) in
                .int64(try f(S.toInt64(a[0]), S.toInt64(a[1])))
            })
    }

    static let all: [TemplateFunction] = [
        TemplateFunction(
            "atoi", [.string], result: .int,
            body: .values { a throws(FunctionFailure) in
                .int((try? GoStrconv.atoi(S.string(a, 0))) ?? 0)
            }),
        TemplateFunction("int64", [.any], result: .int64, body: .values { a throws(FunctionFailure) in .int64(S.toInt64(a[0])) }),
        TemplateFunction("int", [.any], result: .int, body: .values { a throws(FunctionFailure) in .int(Int(S.toInt64(a[0]))) }),
        TemplateFunction("float64", [.any], result: .float64, body: .values { a throws(FunctionFailure) in .float64(S.toFloat64(a[0])) }),
        TemplateFunction(
            "toDecimal", [.any], result: .int64,
            body: .values { a throws(FunctionFailure) in
                .int64((try? GoStrconv.parseInt(GoFormat.sprint([a[0]]), base: 8)) ?? 0)
            }),
        TemplateFunction(
            "until", [.int], result: .value(.slice(.int)),
            body: .values { a throws(FunctionFailure) in
                let count = S.int(a, 0)
                return try untilStep(0, count, count < 0 ? -1 : 1)
            }),
        TemplateFunction(
            "untilStep", [.int, .int, .int], result: .value(.slice(.int)),
            body: .values { a throws(FunctionFailure) in
                try untilStep(S.int(a, 0), S.int(a, 1), S.int(a, 2))
            }),
        TemplateFunction("add1", [.any], result: .int64, body: .values { a throws(FunctionFailure) in .int64(S.toInt64(a[0]) &+ 1) }),
        TemplateFunction(
            "add", [], variadic: .any, result: .int64,
            body: .values { a throws(FunctionFailure) in
                .int64(a.reduce(Int64(0)) { $0 &+ S.toInt64($1) })
            }),
        binary("sub") { x, y throws(FunctionFailure) in x &- y },
        binary("div") { x, y throws(FunctionFailure) in
            if y == 0 { throw FunctionFailure(divideByZero) }
            return x.dividedReportingOverflow(by: y).partialValue
        },
        binary("mod") { x, y throws(FunctionFailure) in
            if y == 0 { throw FunctionFailure(divideByZero) }
            return x.remainderReportingOverflow(dividingBy: y).partialValue
        },
        TemplateFunction(
            "mul", [.any], variadic: .any, result: .int64,
            body: .values { a throws(FunctionFailure) in
                .int64(a.dropFirst().reduce(S.toInt64(a[0])) { $0 &* S.toInt64($1) })
            }),
        TemplateFunction(
            "biggest", [.any], variadic: .any, result: .int64,
            body: .values { a throws(FunctionFailure) in
                .int64(a.dropFirst().reduce(S.toInt64(a[0])) { max($0, S.toInt64($1)) })
            }),
        TemplateFunction(
            "max", [.any], variadic: .any, result: .int64,
            body: .values { a throws(FunctionFailure) in
                .int64(a.dropFirst().reduce(S.toInt64(a[0])) { max($0, S.toInt64($1)) })
            }),
        TemplateFunction(
            "min", [.any], variadic: .any, result: .int64,
            body: .values { a throws(FunctionFailure) in
                .int64(a.dropFirst().reduce(S.toInt64(a[0])) { min($0, S.toInt64($1)) })
            }),
        TemplateFunction(
            "ceil", [.any], result: .float64,
            body: .values { a throws(FunctionFailure) in
                .float64(S.toFloat64(a[0]).rounded(.up))
            }),
        TemplateFunction(
            "floor", [.any], result: .float64,
            body: .values { a throws(FunctionFailure) in
                .float64(S.toFloat64(a[0]).rounded(.down))
            }),
        TemplateFunction(
            "round", [.any, .int], variadic: .float64, result: .float64,
            body: .values { a throws(FunctionFailure) in
                var roundOn = 0.5
                if a.count > 2, case .float64(let on) = a[2] { roundOn = on }
                let pow = GoMath.pow(10, S.int(a, 1))
                let digit = pow * S.toFloat64(a[0])
                let frac = GoMath.modf(digit).frac
                let rounded = frac >= roundOn ? digit.rounded(.up) : digit.rounded(.down)
                return .float64(rounded / pow)
            }),
    ]

    /// sprig's `untilStep`.
    static func untilStep(_ start: Int, _ stop: Int, _ step: Int) throws(FunctionFailure) -> GoValue {
        var values: [GoValue] = []
        func append(_ i: Int) throws(FunctionFailure) {
            if values.count >= S.maxElements { throw FunctionFailure.limit("the list would have more than \(S.maxElements) elements") }
            values.append(.int(i))
        }
        if stop < start {
            if step >= 0 { return .slice(GoSlice(elementType: .int, elements: [])) }
            var i = start
            while i > stop {
                try append(i)
                let (next, overflow) = i.addingReportingOverflow(step)
                if overflow { break }
                i = next
            }
        } else if step > 0 {
            var i = start
            while i < stop {
                try append(i)
                let (next, overflow) = i.addingReportingOverflow(step)
                if overflow { break }
                i = next
            }
        }
        return .slice(GoSlice(elementType: .int, elements: values))
    }
}

/// Go's `math` functions whose results templates print.
enum GoMath {
    /// `math.Modf`.
    static func modf(_ f: Double) -> (int: Double, frac: Double) {
        if f < 1 {
            if f < 0 {
                let (i, fr) = modf(-f)
                return (-i, -fr)
            }
            if f == 0 { return (f, f) }
            return (0, f)
        }
        let i = f.rounded(.towardZero)
        return (i, f - i)
    }

    /// `math.Frexp`: f = frac × 2^exp with frac in [½, 1).
    static func frexp(_ f: Double) -> (frac: Double, exp: Int) {
        if f == 0 || f.isNaN || f.isInfinite { return (f, 0) }
        let e = Int(f.exponent) + 1
        return (Double(sign: f.sign, exponent: -1, significand: f.significand), e)
    }

    /// `math.Ldexp`.
    static func ldexp(_ frac: Double, _ exp: Int) -> Double {
        if frac == 0 || frac.isNaN || frac.isInfinite { return frac }
        return Double(sign: .plus, exponent: exp, significand: frac)
    }

    /// `math.Pow(x, float64(y))` for an integral exponent, as Go computes it (repeated
    /// squaring on the fraction and exponent of x).
    static func pow(_ x: Double, _ y: Int) -> Double {
        if y == 0 || x == 1 { return 1 }
        if y == 1 { return x }
        if x.isNaN { return .nan }
        let odd = y & 1 == 1
        if x == 0 {
            if y < 0 { return odd ? (x.sign == .minus ? -.infinity : .infinity) : .infinity }
            return odd ? x : 0
        }
        if x.isInfinite {
            if x < 0 { return pow(1 / x, -y) }
            return y < 0 ? 0 : .infinity
        }
        var a1 = 1.0
        var ae = 0
        var (x1, xe) = frexp(x)
        var i = y.magnitude
        while i != 0 {
            if xe < -(1 << 12) || (1 << 12) < xe {
                ae += xe
                break
            }
            if i & 1 == 1 {
                a1 *= x1
                ae += xe
            }
            x1 *= x1
            xe <<= 1
            if x1 < 0.5 {
                x1 += x1
                xe -= 1
            }
            i >>= 1
        }
        if y < 0 {
            a1 = 1 / a1
            ae = -ae
        }
        return ldexp(a1, ae)
    }
}
