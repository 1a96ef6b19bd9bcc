import KalcGo

/// sprig's regular-expression functions, with Go's RE2 syntax and semantics.
enum SprigRegex {
    typealias S = Sprig

    /// `regexp.MustCompile`: a compile error panics with Go's message.
    static func mustCompile(_ expression: String) throws(FunctionFailure) -> GoRegexp {
        do throws(RegexSyntaxError) {
            return try GoRegexp(expression)
        } catch {
            let quoted = GoStrconv.canBackquote(expression) ? "`" + expression + "`" : GoStrconv.quote(expression)
            throw FunctionFailure("regexp: Compile(\(quoted)): \(error.description)")
        }
    }

    /// Runs a search, turning a text too long for the expression into the template's limit failure.
    static func searching<T>(_ search: () throws(GoRegexpTextTooLong) -> T) throws(FunctionFailure) -> T {
        do throws(GoRegexpTextTooLong) {
            return try search()
        } catch {
            throw FunctionFailure.limit(error.reason)
        }
    }

    static let all: [TemplateFunction] = [
        TemplateFunction(
            "regexMatch", [.string, .string], result: .bool,
            body: .values { a throws(FunctionFailure) in
                let expression = S.string(a, 0)
                guard let regexp = try? GoRegexp(expression) else { return .bool(false) }
                return .bool(regexp.matches(S.string(a, 1)))
            }),
        TemplateFunction(
            "regexFindAll", [.string, .string, .int], result: .stringSlice,
            body: .values { a throws(FunctionFailure) in
                let regexp = try mustCompile(S.string(a, 0)), text = S.string(a, 1), n = S.int(a, 2)
                let found = try searching { () throws(GoRegexpTextTooLong) in try regexp.findAll(text, n) }
                return .slice(GoSlice(elementType: .string, elements: (found ?? []).map { .string($0) }, isNil: found == nil))
            }),
        TemplateFunction(
            "regexFind", [.string, .string], result: .string,
            body: .values { a throws(FunctionFailure) in
                let regexp = try mustCompile(S.string(a, 0)), text = S.string(a, 1)
                return .string(try searching { () throws(GoRegexpTextTooLong) in try regexp.find(text) })
            }),
        TemplateFunction(
            "regexReplaceAll", [.string, .string, .string], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                let regexp = try mustCompile(S.string(a, 0)), text = S.string(a, 1), replacement = S.string(a, 2), limit = budget.bytesLeft
                return .string(
                    try budget.within(
                        searching { () throws(GoRegexpTextTooLong) in
                            try regexp.replaceAll(text, replacement, literal: false, limit: limit)
                        }))
            }),
        TemplateFunction(
            "regexReplaceAllLiteral", [.string, .string, .string], result: .string,
            body: .budgeted { budget, a throws(FunctionFailure) in
                let regexp = try mustCompile(S.string(a, 0)), text = S.string(a, 1), replacement = S.string(a, 2), limit = budget.bytesLeft
                return .string(
                    try budget.within(
                        searching { () throws(GoRegexpTextTooLong) in
                            try regexp.replaceAll(text, replacement, literal: true, limit: limit)
                        }))
            }),
        TemplateFunction(
            "regexSplit", [.string, .string, .int], result: .stringSlice,
            body: .values { a throws(FunctionFailure) in
                let regexp = try mustCompile(S.string(a, 0)), text = S.string(a, 1), n = S.int(a, 2)
                let parts = try searching { () throws(GoRegexpTextTooLong) in try regexp.split(text, n) }
                return .slice(GoSlice(elementType: .string, elements: (parts ?? []).map { .string($0) }, isNil: parts == nil))
            }),
    ]
}
