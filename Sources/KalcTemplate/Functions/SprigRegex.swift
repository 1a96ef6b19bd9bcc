/// sprig's regular-expression functions, with Go's RE2 syntax and semantics.
enum SprigRegex {
    typealias S = Sprig

    /// `regexp.MustCompile`: a compile error panics with Go's message.
    static func mustCompile(_ expression: String) throws(FunctionFailure) -> GolangRegexp {
        do throws(GolangRegexError) {
            return try GolangRegexp(expression)
        } catch {
            if error.unsupported { throw FunctionFailure.unsupported(error.message) }
            let quoted = GolangStrconv.canBackquote(expression) ? "`" + expression + "`" : GolangStrconv.quote(expression)
            throw FunctionFailure("regexp: Compile(\(quoted)): \(error.message)")
        }
    }

    static let all: [TemplateFunction] = [
        TemplateFunction("regexMatch", [.string, .string], result: .bool, body: .values { a throws(FunctionFailure) in
            let regexp: GolangRegexp
            do throws(GolangRegexError) {
                regexp = try GolangRegexp(S.string(a, 0))
            } catch {
                if error.unsupported { throw FunctionFailure.unsupported(error.message) }
                return .bool(false)
            }
            return .bool(try regexp.matches(S.string(a, 1)))
        }),
        TemplateFunction("regexFindAll", [.string, .string, .int], result: .stringSlice, body: .values { a throws(FunctionFailure) in
            let found = try mustCompile(S.string(a, 0)).findAll(S.string(a, 1), S.int(a, 2))
            return .slice(GoSlice(elementType: .string, elements: (found ?? []).map { .string($0) }, isNil: found == nil))
        }),
        TemplateFunction("regexFind", [.string, .string], result: .string, body: .values { a throws(FunctionFailure) in
            .string(try mustCompile(S.string(a, 0)).find(S.string(a, 1)))
        }),
        TemplateFunction("regexReplaceAll", [.string, .string, .string], result: .string, body: .budgeted { budget, a throws(FunctionFailure) in
            .string(try budget.within(mustCompile(S.string(a, 0)).replaceAll(S.string(a, 1), S.string(a, 2), literal: false, limit: budget.bytesLeft)))
        }),
        TemplateFunction("regexReplaceAllLiteral", [.string, .string, .string], result: .string, body: .budgeted { budget, a throws(FunctionFailure) in
            .string(try budget.within(mustCompile(S.string(a, 0)).replaceAll(S.string(a, 1), S.string(a, 2), literal: true, limit: budget.bytesLeft)))
        }),
        TemplateFunction("regexSplit", [.string, .string, .int], result: .stringSlice, body: .values { a throws(FunctionFailure) in
            let parts = try mustCompile(S.string(a, 0)).split(S.string(a, 1), S.int(a, 2))
            return .slice(GoSlice(elementType: .string, elements: (parts ?? []).map { .string($0) }, isNil: parts == nil))
        }),
    ]
}
