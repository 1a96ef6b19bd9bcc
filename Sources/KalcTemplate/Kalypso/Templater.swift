import Foundation
import KalcGo

/// Kalypso's rendering of a Template's manifests for one assignment (`scheduler/templater.go`).
///
/// The data is Kalypso's `scheduler.dataType`; every manifest is rendered, rendered again
/// while its output contains `{{`, and dropped when it renders to "". Kalypso keeps one
/// data value for all templates of an assignment, so changes a template makes to
/// `.ConfigData` (with `set`, `merge`, ...) are seen by the manifests rendered after it.
public struct Templater: Sendable {
    /// The most re-render passes of one manifest (Kalypso has no bound: it would overflow
    /// its stack and crash; kalc reports an error instead).
    public static let maxRerender = 1000
    /// How much text the passes after the first may render in all: 1 MiB, the most a
    /// Kubernetes ConfigMap holds. Output that keeps containing `{{` makes Kalypso recurse
    /// without bound; this stops output that grows with every pass, or a large output that
    /// renders to itself, in seconds instead of after a thousand passes.
    public static let maxRerenderBytes = 1 << 20

    /// The name Go gives the template data's type in error messages.
    public static let dataTypeName = "scheduler.dataType"

    /// The template data (a `scheduler.dataType` struct).
    public private(set) var data: GoValue
    /// The functions templates may call.
    public let functions: FunctionTable
    /// Bounds applied to each execution.
    public let limits: ExecutionLimits
    private var heap: MapHeap
    /// Where the last `render` printed missing values as `<no value>` on its first pass: byte
    /// offsets in the manifest as written (later passes render generated text).
    public private(set) var missingValueOffsets: [Int] = []
    /// Where the first pass of the last manifest rendered called `keys` or `values` on a
    /// map whose order Go leaves to chance (byte offsets in the manifest).
    public private(set) var unorderedOffsets: [Int] = []
    /// How many times the last `render` rendered its output again (0 when it returned, or
    /// failed, in the first pass).
    public private(set) var rerenders = 0

    /// The data Kalypso builds for a deployment target on a cluster type (`newData`):
    /// `Namespace` is `<environment>-<clusterType>-<deploymentTarget>`, `Workspace` and
    /// `Workload` come from the target's labels.
    public init(
        deploymentTargetName: String, environment: String, labels: [String: String]?, manifests: [String: String]?,
        clusterTypeName: String, configData: GoValue,
        functions: FunctionTable = .kalypso, limits: ExecutionLimits = ExecutionLimits()
    ) {
        self.init(
            KalypsoTemplateData(
                deploymentTargetName: deploymentTargetName, environment: environment, labels: labels, manifests: manifests,
                clusterTypeName: clusterTypeName, configData: configData),
            functions: functions, limits: limits)
    }

    /// A templater over the data Kalypso builds for a deployment target on a cluster type.
    public init(_ data: KalypsoTemplateData, functions: FunctionTable = .kalypso, limits: ExecutionLimits = ExecutionLimits()) {
        self.init(data: data.value, functions: functions, limits: limits)
    }

    /// A templater over prepared template data.
    public init(data: GoValue, functions: FunctionTable = .kalypso, limits: ExecutionLimits = ExecutionLimits()) {
        var heap = MapHeap()
        self.data = heap.adopt(data)
        self.heap = heap
        self.functions = functions
        self.limits = limits
    }

    /// `<environment>-<clusterType>-<deploymentTarget>`.
    public var targetNamespace: String {
        if case .structure(let s) = data, case .string(let namespace)? = s.field(named: "Namespace")?.value { return namespace }
        return ""
    }

    /// The template data as it is now, with changes templates made to its maps applied.
    public var currentData: GoValue { (try? heap.resolve(data)) ?? data }

    /// Renders every manifest and keeps the non-empty results (whitespace-only output is kept).
    public mutating func processTemplate(_ manifests: [String]) throws(TemplateError) -> [String] {
        var rendered: [String] = []
        for manifest in manifests {
            let output = try render(manifest)
            if !output.isEmpty { rendered.append(output) }
        }
        return rendered
    }

    /// Renders one manifest, again and again while the output contains `{{`, at most
    /// `maxRerender` times and `maxRerenderBytes` of text after the first pass. `parsed` is
    /// `manifest` already parsed, when the caller has it (a manifest rendered for many
    /// assignments is parsed once); its first pass runs with the functions it was parsed with.
    public mutating func render(_ manifest: String, parsed: Template? = nil) throws(TemplateError) -> String {
        var source = manifest
        var pass = 0
        var rerendered = 0
        missingValueOffsets = []
        unorderedOffsets = []
        rerenders = 0
        while true {
            rerenders = pass
            if pass > 0 {
                rerendered += source.utf8.count
                if rerendered > Self.maxRerenderBytes {
                    throw TemplateError(
                        kind: .limit,
                        message:
                            "template output still contains \"{{\" after rendering it again \(pass) times, \(rerendered) bytes in all (Kalypso would recurse without bound and crash)",
                        text: source)
                }
            }
            if pass > Self.maxRerender {
                throw TemplateError(
                    kind: .limit,
                    message: "template output still contains \"{{\" after \(Self.maxRerender) re-renders (Kalypso would recurse without bound and crash)",
                    text: source)
            }
            let template: Template
            if pass == 0, let parsed {
                template = parsed
            } else {
                template = try Template(text: source, functions: functions)
            }
            let report = try template.executeReporting(data: data, heap: &heap, limits: limits)
            let output = report.output
            if pass == 0 {
                missingValueOffsets = report.missingValueOffsets
                unorderedOffsets = report.unorderedOffsets
            }
            if !Self.containsLeftDelimiter(output) { return output }
            source = output
            pass += 1
        }
    }

    /// Whether `text` contains `{{` (this runs on every rendered manifest).
    static func containsLeftDelimiter(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard var rest = bytes.baseAddress else { return false }
            var count = bytes.count
            while count > 1, let brace = memchr(rest, Int32(UInt8(ascii: "{")), count) {
                let found = UnsafePointer(brace.assumingMemoryBound(to: UInt8.self))
                let offset = found - rest
                if offset + 1 < count, found[1] == UInt8(ascii: "{") { return true }
                rest = found + 1
                count -= offset + 1
            }
            return false
        }
    }
}

/// What Kalypso's template data (`scheduler.dataType`) is made of, for one deployment
/// target on one cluster type.
public struct KalypsoTemplateData: Sendable {
    public var deploymentTargetName: String
    public var environment: String
    public var labels: [String: String]?
    public var manifests: [String: String]?
    public var clusterTypeName: String
    /// `map[string]interface{}`.
    public var configData: GoValue
    /// A number the caller gives config data: the same number for the same data (nil when
    /// the caller does not number it). A `FactSheet` works out a config's facts once per
    /// number; the facts themselves are made of the data.
    public var configIdentity: Int?

    public init(
        deploymentTargetName: String, environment: String, labels: [String: String]?, manifests: [String: String]?,
        clusterTypeName: String, configData: GoValue, configIdentity: Int? = nil
    ) {
        self.deploymentTargetName = deploymentTargetName
        self.environment = environment
        self.labels = labels
        self.manifests = manifests
        self.clusterTypeName = clusterTypeName
        self.configData = configData
        self.configIdentity = configIdentity
    }

    /// A field of the data, by the name templates read it with.
    public enum Field: String, Sendable, CaseIterable {
        case deploymentTargetName = "DeploymentTargetName"
        case namespace = "Namespace"
        case environment = "Environment"
        case workspace = "Workspace"
        case workload = "Workload"
        case labels = "Labels"
        case manifests = "Manifests"
        case clusterType = "ClusterType"
        case configData = "ConfigData"

        /// Whether it is a map (the others are strings).
        public var isMap: Bool { self == .labels || self == .manifests || self == .configData }
    }

    /// No target, no labels, no manifests, no config.
    static let empty = KalypsoTemplateData(deploymentTargetName: "", environment: "", labels: nil, manifests: nil, clusterTypeName: "", configData: .nil)

    /// The `scheduler.dataType` value.
    public var value: GoValue {
        .structure(
            GoStruct(
                typeName: Templater.dataTypeName,
                fields: Field.allCases.map { field in
                    .init(name: field.rawValue, type: Self.type(of: field), value: self.field(field))
                }))
    }

    private static func type(of field: Field) -> GoType {
        switch field {
        case .labels, .manifests: return .map(key: .string, value: .string)
        case .configData: return .map(key: .string, value: .interface)
        default: return .string
        }
    }

    /// The value of one field.
    func field(_ field: Field) -> GoValue {
        switch field {
        case .deploymentTargetName: return .string(deploymentTargetName)
        case .namespace: return .string("\(environment)-\(clusterTypeName)-\(deploymentTargetName)")
        case .environment: return .string(environment)
        case .workspace: return .string(labels?["workspace"] ?? "")
        case .workload: return .string(labels?["workload"] ?? "")
        case .labels: return Self.stringMap(labels)
        case .manifests: return Self.stringMap(manifests)
        case .clusterType: return .string(clusterTypeName)
        case .configData: return configData
        }
    }

    private static func stringMap(_ map: [String: String]?) -> GoValue {
        var goMap = GoMap(keyType: .string, valueType: .string, isNil: map == nil)
        for (key, value) in map ?? [:] { goMap.entries[.string(key)] = .string(value) }
        return .map(goMap)
    }
}
