// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "kalc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kalc", targets: ["kalc"]),
        .library(name: "KalcFuzzing", targets: ["KalcFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: KalcJSON
        // The JSON value, reader and writer shared by JSON Schema, the language server and
        // the reports: member order kept, numbers kept as text, Go's reading rules.
        .target(name: "KalcJSON", dependencies: ["KalcGo"]),

        // MARK: KalcDiagnostics
        // Source files, spans and positions, diagnostics as data and their renderers.
        .target(name: "KalcDiagnostics", dependencies: ["KalcJSON"]),

        // MARK: KalcSyntax
        // The kalc language: lexer, lossless syntax tree, error-tolerant parser, formatter.
        .target(name: "KalcSyntax", dependencies: ["KalcDiagnostics"]),

        // MARK: CYAML
        // libyaml, the C YAML parser and emitter, found through pkg-config.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),

        // MARK: KalcYAML
        // YAML streams in and out: a node tree with UTF-8 source marks, read and written through libyaml.
        .target(name: "KalcYAML", dependencies: ["CYAML"]),

        // MARK: KalcGo
        // Go's standard library as Kalypso's Go code uses it: Go-typed values, strconv,
        // strings, unicode, RE2 regular expressions, net/url, time layouts and base64.
        .target(name: "KalcGo"),

        // MARK: KalcGoYAML
        // yaml.v2's reader and yaml.v3's writer on Go-typed values, as Kalypso's Go code has them.
        .target(name: "KalcGoYAML", dependencies: ["KalcGo"]),

        // MARK: KalcTemplate
        // Go's text/template with sprig v2.22 and Kalypso's functions, on Go-typed values.
        .target(name: "KalcTemplate", dependencies: ["KalcGo", "KalcGoYAML"]),

        // MARK: KalcJSONSchema
        // JSON and JSON Schema (draft-04/06/07) validation as gojsonschema does it, with
        // Go's RE2 regular expressions.
        .target(name: "KalcJSONSchema", dependencies: ["KalcGo", "KalcJSON"]),

        // MARK: CLibGit2
        // libgit2, the C git library, found through pkg-config.
        .systemLibrary(name: "CLibGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),

        // MARK: KalcGitOpsLayout
        // Kalypso's layout of a GitOps tree: the names of its folders and files, shared by
        // the compiler that builds trees and the git writer that commits them.
        .target(name: "KalcGitOpsLayout"),

        // MARK: KalcTextDiff
        // The line diff git computes by default: which lines of two texts are changed.
        .target(name: "KalcTextDiff"),

        // MARK: KalcGit
        // Git repositories through libgit2: GitOps trees committed to branches, and their diffs.
        .target(name: "KalcGit", dependencies: ["CLibGit2", "KalcGitOpsLayout", "KalcTextDiff"]),

        // MARK: KalcSemantics
        // The model of a control plane: lowering syntax to Kalypso objects, name
        // resolution, the standard library, and the static checks.
        .target(name: "KalcSemantics", dependencies: ["KalcDiagnostics", "KalcSyntax", "KalcJSON"]),

        // MARK: KalcScheduling
        // Kalypso's controllers replayed: deployment targets, scheduling policies and the
        // assignments they make in each environment.
        .target(name: "KalcScheduling", dependencies: ["KalcDiagnostics", "KalcSemantics", "KalcJSON"]),

        // MARK: KalcGitOps
        // Kalypso's assignment and GitOps controllers replayed: composed and validated
        // config, rendered templates, the GitOps tree of each environment.
        .target(name: "KalcGitOps", dependencies: ["KalcDiagnostics", "KalcSyntax", "KalcSemantics", "KalcScheduling", "KalcGo", "KalcTemplate", "KalcJSONSchema", "KalcJSON", "KalcGitOpsLayout"]),

        // MARK: KalcResources
        // The Kalypso objects of a control plane as Kubernetes YAML: written for `compile`,
        // read for `import`.
        .target(name: "KalcResources", dependencies: ["KalcDiagnostics", "KalcSyntax", "KalcSemantics", "KalcYAML"]),

        // MARK: KalcDriver
        // kalc's pipeline as one sequence: reading a workspace hermetically, following imports,
        // then analysis, scheduling and GitOps as asked, and the diagnostics that count.
        .target(name: "KalcDriver", dependencies: ["KalcDiagnostics", "KalcSyntax", "KalcSemantics", "KalcScheduling", "KalcGitOps"]),

        // MARK: KalcLanguageServer
        // `kalc lsp`: the Language Server Protocol over stdio, on the same pipeline as `kalc check`.
        .target(name: "KalcLanguageServer", dependencies: ["KalcDiagnostics", "KalcSyntax", "KalcSemantics", "KalcScheduling", "KalcJSON", "KalcDriver", "KalcTextDiff"]),

        // MARK: KalcCommand
        // The command line: reading inputs, running the pipeline, printing reports.
        .target(
            name: "KalcCommand",
            dependencies: [
                "KalcDiagnostics",
                "KalcSyntax",
                "KalcSemantics",
                "KalcScheduling",
                "KalcResources",
                "KalcYAML",
                "KalcGitOps",
                "KalcGitOpsLayout",
                "KalcTemplate",
                "KalcGit",
                "KalcDriver",
                "KalcLanguageServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: KalcFuzzing
        // The fuzz targets: each part of kalc that reads untrusted bytes, as one function from
        // an input to the invariants it broke; driven by libFuzzer in `Fuzz/`, replayed by tests.
        .target(
            name: "KalcFuzzing",
            dependencies: [
                "KalcDiagnostics",
                "KalcSyntax",
                "KalcSemantics",
                "KalcScheduling",
                "KalcGitOps",
                "KalcGo",
                "KalcTemplate",
                "KalcJSONSchema",
                "KalcResources",
                "KalcDriver",
                "KalcLanguageServer",
                "KalcJSON",
            ]
        ),

        // MARK: kalc
        // The executable: hands the process over to KalcCommand.
        .executableTarget(name: "kalc", dependencies: ["KalcCommand"]),

        // MARK: kalc-benchmark
        // Times kalc on generated fleets, per phase and size, beside the reference and `cp -r`,
        // and the language server's edit-to-diagnostics latency.
        .executableTarget(
            name: "kalc-benchmark",
            dependencies: ["kalc", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/KalcBenchmark"
        ),

        // MARK: Tests
        // Shared test helpers: the repository's folder, snapshot files, position markers.
        .target(name: "KalcTestSupport", path: "Tests/KalcTestSupport"),
        // The golden and oracle cases: their Kalypso YAML read and printed as kalc source.
        .target(name: "KalcCaseSupport", dependencies: ["KalcTestSupport", "KalcResources", "KalcDiagnostics"], path: "Tests/KalcCaseSupport"),
        .testTarget(name: "KalcJSONTests", dependencies: ["KalcTestSupport", "KalcJSON"]),
        .testTarget(name: "KalcDiagnosticsTests", dependencies: ["KalcTestSupport", "KalcDiagnostics"], exclude: ["Fixtures"]),
        .testTarget(name: "KalcYAMLTests", dependencies: ["KalcTestSupport", "KalcYAML"], exclude: ["Fixtures"]),
        .testTarget(name: "KalcGoTests", dependencies: ["KalcGo"], exclude: ["Fixtures"]),
        .testTarget(name: "KalcTemplateTests", dependencies: ["KalcGo", "KalcGoYAML", "KalcTemplate", "KalcJSONSchema", "KalcJSON"], exclude: ["Fixtures"]),
        .testTarget(name: "KalcJSONSchemaTests", dependencies: ["KalcJSONSchema", "KalcJSON"], exclude: ["Fixtures"]),
        .testTarget(name: "KalcTextDiffTests", dependencies: ["KalcTextDiff"]),
        .testTarget(name: "KalcGitTests", dependencies: ["KalcTestSupport", "KalcGit", "KalcGitOpsLayout"], exclude: ["Fixtures"]),
        .testTarget(name: "KalcSyntaxTests", dependencies: ["KalcTestSupport", "KalcSyntax", "KalcDiagnostics"], exclude: ["Fixtures"]),
        .testTarget(name: "KalcSemanticsTests", dependencies: ["KalcTestSupport", "KalcDriver", "KalcSemantics", "KalcScheduling", "KalcSyntax", "KalcDiagnostics"]),
        .testTarget(name: "KalcResourcesTests", dependencies: ["KalcTestSupport", "KalcResources", "KalcSemantics", "KalcSyntax", "KalcYAML", "KalcDiagnostics", "KalcJSONSchema", "KalcJSON"]),
        .testTarget(name: "KalcSchedulingTests", dependencies: ["KalcTestSupport", "KalcCaseSupport", "KalcScheduling", "KalcSemantics", "KalcSyntax", "KalcDiagnostics"]),
        .testTarget(name: "KalcGitOpsTests", dependencies: ["KalcTestSupport", "KalcCaseSupport", "KalcDriver", "KalcGitOps", "KalcResources", "KalcScheduling", "KalcSemantics", "KalcSyntax", "KalcDiagnostics"]),
        .testTarget(name: "KalcDriverTests", dependencies: ["KalcDriver", "KalcGitOps", "KalcSemantics", "KalcSyntax", "KalcDiagnostics"]),
        .testTarget(name: "KalcCommandTests", dependencies: ["KalcTestSupport", "KalcCommand"]),
        .testTarget(name: "KalcLanguageServerTests", dependencies: ["KalcTestSupport", "KalcDriver", "KalcLanguageServer", "KalcSemantics", "KalcSyntax", "KalcDiagnostics", "KalcJSON"], exclude: ["Fixtures"]),
        .testTarget(name: "KalcFuzzingTests", dependencies: ["KalcFuzzing"]),
        .testTarget(name: "KalcGeneratedFilesTests", dependencies: ["KalcTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
