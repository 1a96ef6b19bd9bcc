import KalcDiagnostics

/// A small project with diagnostics that exercise every corner of the renderers: tabs,
/// multi-byte and wide characters, spans over several lines, zero-width spans at the end of
/// a file, CRLF line ends, invalid UTF-8, a very long line, labels in other and in missing
/// files, spans outside their file, a diagnostic without a file, and text that needs
/// escaping in every format.
struct RendererCorpus {
    let sources: [SourceFile]
    let diagnostics: [Diagnostic]

    init() throws {
        let qa = MarkedSource(
            path: "envs/qa.kal",
            """
            environment qa {
            \tclusterType 1️⃣west-us2️⃣ [region: "wéstus"] {
            \t\treconciler = 3️⃣arc-flx4️⃣
            \t\tnamespace = 5️⃣"名前空間6️⃣
            \t}
              config 7️⃣日本語8️⃣ {}
            }

            """)
        let prod = MarkedSource(
            path: "envs/prod.kal",
            """
            environment prod 1️⃣{2️⃣
              config base [platform-config: "true"] 5️⃣{6️⃣
                template = 3️⃣\"\"\"
                  apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: base
                  data: {}4️⃣
            """)
        let dev = MarkedSource(
            path: "envs/dev.kal",
            bytes: Array("environment dev {\r\n  config bad [note: \"caf".utf8) + [0xC3]
                + Array("\"] 1️⃣".utf8) + [0xFF] + Array("2️⃣ 5️⃣{\r\n6️⃣  }\r\n}\r\n3️⃣".utf8))
        let labels = (1...40).map { "label-\($0): value-\($0)" }.joined(separator: ", ")
        let long = MarkedSource(
            path: "envs/long.kal",
            """
            config wide [\(labels.prefix(400))1️⃣region: 😀 westus2️⃣, \(labels.suffix(300))3️⃣tier4️⃣: gold] {}

            """)
        let stage = MarkedSource(
            path: "envs/stage.kal",
            """
            environment stage {
              clusterType east 1️⃣{
                2️⃣reconciler3️⃣ 4️⃣=5️⃣ 6️⃣arc-flx7️⃣
              }8️⃣
            }

            """)
        let special = MarkedSource(
            path: "./envs\\my env,v2:α%.kal",
            """
            workload 1️⃣α2️⃣ {
              workspace = 3️⃣"edge"5️⃣  4️⃣
            }
            """)

        sources = [qa.file, prod.file, dev.file, long.file, stage.file, special.file]
        diagnostics = [
            Diagnostic(
                .unexpectedToken, "unknown template `arc-flx`",
                at: try qa.location("3️⃣", "4️⃣"),
                labels: [DiagnosticLabel(try qa.location("1️⃣", "2️⃣"), "in this cluster type")],
                notes: ["templates are declared with `template` or imported from `std.templates`."],
                hint: "did you mean `arc-flux`?",
                fixIts: [FixIt("use `arc-flux`", edits: [TextEdit(try qa.location("3️⃣", "4️⃣"), replacement: "arc-flux")])]),
            Diagnostic(
                .unterminatedString, "unterminated string",
                at: try qa.location("5️⃣", "6️⃣"),
                fixIts: [FixIt("close the string", edits: [TextEdit(try qa.location("6️⃣"), replacement: "\"")])]),
            Diagnostic(
                .invalidCharacter, "a config name must be a DNS-1123 label, found `日本語`",
                at: try qa.location("7️⃣", "8️⃣"), severity: .warning,
                labels: [DiagnosticLabel(try qa.location("1️⃣", "2️⃣"), "a valid name")]),
            Diagnostic(
                .unterminatedTextBlock, "unterminated text block",
                at: try prod.location("3️⃣", "4️⃣"),
                notes: ["a text block ends with `\"\"\"` on a line of its own."]),
            Diagnostic(
                .unclosedDelimiter, "expected `}` at the end of the file",
                at: try prod.location("4️⃣"),
                labels: [
                    DiagnosticLabel(try prod.location("1️⃣", "2️⃣"), "this `{` is never closed"),
                    DiagnosticLabel(try prod.location("5️⃣", "6️⃣"), "nor is this one"),
                ],
                fixIts: [FixIt("close both blocks", edits: [TextEdit(try prod.location("4️⃣"), replacement: "\n  }\n}")])]),
            Diagnostic(
                .invalidUTF8, "invalid UTF-8 byte 0xFF",
                at: try dev.location("1️⃣", "2️⃣"),
                fixIts: [FixIt("remove the byte", edits: [TextEdit(try dev.location("1️⃣", "2️⃣"), replacement: "")])]),
            Diagnostic(
                .unexpectedToken, "unexpected `{` and line break",
                at: try dev.location("5️⃣", "6️⃣"), severity: .note),
            Diagnostic(
                .expectedToken, "expected a declaration",
                at: try dev.location("3️⃣"), severity: .warning,
                hint: "remove the empty line at the end of the file"),
            Diagnostic(
                .unexpectedToken, "span past the end of the file",
                at: Location(file: dev.file.path, span: Span(start: dev.file.bytes.count + 1, end: dev.file.bytes.count + 5))),
            Diagnostic(
                .invalidCharacter, "emoji in a label value",
                at: try long.location("1️⃣", "2️⃣"),
                labels: [DiagnosticLabel(try long.location("3️⃣", "4️⃣"), "another label")]),
            Diagnostic(
                .unexpectedToken, "unknown template `arc-flx`",
                at: try stage.location("6️⃣", "7️⃣"),
                labels: [
                    DiagnosticLabel(try stage.location("2️⃣", "3️⃣"), "the reconciler template"),
                    DiagnosticLabel(try stage.location("4️⃣", "5️⃣"), "is set here"),
                    DiagnosticLabel(try stage.location("1️⃣", "8️⃣"), "in this cluster type"),
                ]),
            Diagnostic(
                .invalidCharacter, "names are ASCII: \"α\" is not 100% DNS-1123, a: b\\c",
                at: try special.location("1️⃣", "2️⃣"),
                labels: [
                    DiagnosticLabel(try qa.location("1️⃣", "2️⃣"), "compare with this name"),
                    DiagnosticLabel(Location(file: "envs/gone.kal", span: Span(start: 3, end: 9)), "and the one here"),
                ],
                notes: ["line one\nline two\r\nwith a tab\tand an escape \u{1B}[31m"],
                hint: "rename it to `alpha`",
                fixIts: [
                    FixIt(
                        "rename to `alpha`",
                        edits: [
                            TextEdit(try special.location("1️⃣", "2️⃣"), replacement: "alpha"),
                            TextEdit(try qa.location("1️⃣", "2️⃣"), replacement: "alpha-west"),
                        ]),
                    FixIt("drop the trailing spaces", edits: [TextEdit(try special.location("5️⃣", "4️⃣"), replacement: "")]),
                    FixIt(
                        "quote the workspace with `'`",
                        edits: [
                            TextEdit(try special.location("3️⃣"), replacement: "'"),
                            TextEdit(try special.location("5️⃣"), replacement: "'"),
                        ]),
                ]),
            Diagnostic(
                .unreadableFile, "cannot read `envs/gone.kal`: no such file or directory",
                at: Location(file: "envs/gone.kal", span: .point(0)),
                notes: ["the file is named in `kalc.toml`."],
                fixIts: [FixIt("create it", edits: [TextEdit(Location(file: "envs/gone.kal", span: .point(0)), replacement: "environment gone {}\n")])]),
            Diagnostic(
                .noSourceFiles, "no .kal files found in `./empty`",
                at: Location(file: "", span: .point(0)),
                hint: "pass a folder that holds .kal files"),
        ]
    }
}
