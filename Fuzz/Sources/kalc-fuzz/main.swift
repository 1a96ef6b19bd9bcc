#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KalcFuzzing

/// The target named by `KALC_FUZZ_TARGET` (`syntax`, `checker`, `template`, `schema`,
/// `yaml-import` or `lsp`).
let selectedTarget: FuzzTarget = {
    let name = getenv("KALC_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fputs("kalc-fuzz: set KALC_FUZZ_TARGET to one of \(names)\n", stderr)
        exit(2)
    }
    return target
}()

/// libFuzzer's entry: one input. A broken invariant aborts, so libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    let problems = selectedTarget.run(input)
    if !problems.isEmpty {
        fputs("kalc-fuzz: \(selectedTarget.rawValue): \(problems.joined(separator: "; "))\n", stderr)
        abort()
    }
    return 0
}
