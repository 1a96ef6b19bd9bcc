import KalcTemplate
import KalcGo

/// Kalypso's rendering of one manifest (the input) for a deployment target, with config
/// data of every kind of value: parsing, execution, the functions and re-rendering. A
/// template error is an answer; only crashes, hangs and runaway memory are findings.
enum TemplateFuzzing {
    /// Bounds small enough that one input stays well under the fuzzer's time limit with the
    /// sanitizers on; the defaults are larger, not different in kind. With values of at most
    /// 1 MiB and 4 MiB of values in all, no allocation of an input may reach the fuzzer's
    /// `-malloc_limit_mb` (see `scripts/fuzz.sh`): one that does is a function building past
    /// the render budget.
    static let limits = ExecutionLimits(
        maxTemplateDepth: 1_000, maxOutputBytes: 1 << 20, stackSize: 64 << 20, maxSteps: 200_000,
        maxValueBytes: 1 << 20, maxBuiltBytes: 4 << 20)

    static func run(_ input: [UInt8]) -> [String] {
        var templater = Templater(
            deploymentTargetName: "shop-qa", environment: "qa",
            labels: ["workspace": "team", "workload": "shop", "tier": "web"],
            manifests: ["repo": "https://github.com/contoso/shop", "branch": "qa", "path": "./manifests"],
            clusterTypeName: "west-us", configData: configData, limits: limits)
        guard let output = try? templater.render(String(decoding: input, as: UTF8.self)) else { return [] }
        if output.utf8.count > limits.maxOutputBytes {
            return ["the output has \(output.utf8.count) bytes, over the limit of \(limits.maxOutputBytes)"]
        }
        return []
    }

    /// Config data as Kalypso reads it from YAML: strings, numbers, booleans, null, lists
    /// and nested maps.
    static let configData: GoValue = {
        func map(_ entries: [(String, GoValue)]) -> GoValue {
            var goMap = GoMap(keyType: .string, valueType: .interface)
            for (key, value) in entries { goMap.entries[.string(key)] = value }
            return .map(goMap)
        }
        return map([
            ("API_URL", .string("https://qa.example.com")),
            ("REPLICAS", .int(3)),
            ("RATIO", .float64(0.5)),
            ("DEBUG", .bool(true)),
            ("NOTHING", .nil),
            ("REGIONS", .slice(GoSlice(elementType: .interface, elements: [.string("westus"), .string("eastus")]))),
            ("DATABASE", map([("host", .string("db")), ("port", .int(5432))])),
        ])
    }()
}
