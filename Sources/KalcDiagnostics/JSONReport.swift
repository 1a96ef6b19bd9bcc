import KalcJSON

/// The JSON report: one array with an object per diagnostic, keys always in this order:
///
/// ```
/// [
///   {
///     "code": "K0011",
///     "severity": "error",
///     "message": "unexpected token `arc-flx`",
///     "file": "envs/qa.kal",
///     "range": {
///       "start": { "line": 3, "column": 16, "utf16Column": 16, "offset": 52 },
///       "end": { ... }
///     },
///     "labels": [ { "file": ..., "range": ..., "message": ... } ],
///     "notes": [ "..." ],
///     "hint": "did you mean `arc-flux`?",
///     "fixIts": [ { "title": ..., "edits": [ { "file": ..., "range": ..., "replacement": ... } ] } ]
///   }
/// ]
/// ```
///
/// Lines and columns are 1-based; `column` counts UTF-8 bytes, `utf16Column` UTF-16 code
/// units, `offset` is the 0-based UTF-8 byte offset; ends are exclusive. `file` is `null`
/// for a diagnostic about no file in particular (an empty path), `range` is `null` when the
/// file is not among the sources or the span lies outside it, `hint` is `null` when absent.
struct JSONReport {
    let lookup: SourceLookup

    func render(_ diagnostics: [Diagnostic]) -> String {
        JSONValue.array(diagnostics.map(json)).prettyJSONText + "\n"
    }

    private func json(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("code", .string(diagnostic.code.rawValue)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("file", file(diagnostic.location)),
            ("range", range(diagnostic.location)),
            (
                "labels",
                .array(
                    diagnostic.labels.map { label in
                        .object([
                            ("file", file(label.location)),
                            ("range", range(label.location)),
                            ("message", .string(label.message)),
                        ])
                    })
            ),
            ("notes", .array(diagnostic.notes.map(JSONValue.string))),
            ("hint", .string(diagnostic.hint)),
            (
                "fixIts",
                .array(
                    diagnostic.fixIts.map { fixIt in
                        .object([
                            ("title", .string(fixIt.title)),
                            (
                                "edits",
                                .array(
                                    fixIt.edits.map { edit in
                                        .object([
                                            ("file", file(edit.location)),
                                            ("range", range(edit.location)),
                                            ("replacement", .string(edit.replacement)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
    }

    private func file(_ location: Location) -> JSONValue {
        location.file.isEmpty ? .null : .string(location.file)
    }

    private func range(_ location: Location) -> JSONValue {
        guard let range = lookup.range(of: location) else { return .null }
        return .object([("start", position(range.start)), ("end", position(range.end))])
    }

    private func position(_ location: SourceLocation) -> JSONValue {
        .object([
            ("line", .integer(location.line)),
            ("column", .integer(location.utf8Column)),
            ("utf16Column", .integer(location.utf16Column)),
            ("offset", .integer(location.offset)),
        ])
    }
}
