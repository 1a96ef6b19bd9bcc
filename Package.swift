// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "kalc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kalc", targets: ["kalc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: KalcDiagnostics
        // Source files, spans and positions, diagnostics as data and their renderers.
        .target(name: "KalcDiagnostics"),

        // MARK: KalcSyntax
        // The kalc language: lexer, lossless syntax tree, error-tolerant parser, formatter.
        .target(name: "KalcSyntax", dependencies: ["KalcDiagnostics"]),

        // MARK: KalcSemantics
        // The model of a control plane: lowering syntax to Kalypso objects, name
        // resolution, the standard library, and the static checks.
        .target(name: "KalcSemantics", dependencies: ["KalcDiagnostics", "KalcSyntax"]),

        // MARK: KalcScheduling
        // Kalypso's controllers replayed: deployment targets, scheduling policies and the
        // assignments they make in each environment.
        .target(name: "KalcScheduling", dependencies: ["KalcDiagnostics", "KalcSemantics"]),

        // MARK: KalcCommand
        // The command line: reading inputs, running the pipeline, printing reports.
        .target(
            name: "KalcCommand",
            dependencies: [
                "KalcDiagnostics",
                "KalcSyntax",
                "KalcSemantics",
                "KalcScheduling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: kalc
        // The executable: hands the process over to KalcCommand.
        .executableTarget(name: "kalc", dependencies: ["KalcCommand"]),

        // MARK: Tests
        .testTarget(name: "KalcDiagnosticsTests", dependencies: ["KalcDiagnostics"], exclude: ["Fixtures"]),
        .testTarget(name: "KalcSyntaxTests", dependencies: ["KalcSyntax", "KalcDiagnostics"], exclude: ["Fixtures"]),
        .testTarget(name: "KalcSemanticsTests", dependencies: ["KalcSemantics", "KalcScheduling", "KalcSyntax", "KalcDiagnostics"]),
        .testTarget(name: "KalcCommandTests", dependencies: ["KalcCommand"]),
    ],
    swiftLanguageModes: [.v6]
)
