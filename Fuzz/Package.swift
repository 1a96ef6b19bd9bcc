// swift-tools-version:5.4
// The fuzzers of kalc: one libFuzzer executable whose target is chosen by `KALC_FUZZ_TARGET`.
// Tools version 5.4 keeps the executable's `main` as libFuzzer's own (later versions rename
// it, which `-parse-as-library` leaves undefined). Build and run through `scripts/fuzz.sh`.
import PackageDescription

let package = Package(
    name: "kalc-fuzz",
    dependencies: [
        .package(name: "kalc", path: ".."),
    ],
    targets: [
        // MARK: kalc-fuzz
        // `LLVMFuzzerTestOneInput` over the fuzz targets of `KalcFuzzing`.
        .executableTarget(
            name: "kalc-fuzz",
            dependencies: [.product(name: "KalcFuzzing", package: "kalc")]
        ),
    ]
)
