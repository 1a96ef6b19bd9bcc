import KalcTemplate
import KalcTestSupport
import XCTest
@testable import KalcGo

/// Two assignments whose data give a manifest the same key get the same outcome of its
/// first rendering pass: the same error, `<no value>` at the same places, and output that
/// is rendered again for both or for neither.
final class ManifestReadsTests: XCTestCase {
    /// The outcome of a first pass, as a check uses it.
    enum Outcome: Equatable {
        case rendered(missingValueOffsets: [Int])
        case failed(message: String, offset: Int?)
        /// Rendered again (or failed on a limit): a check renders such a manifest every time.
        case unpredicted
    }

    static func outcome(_ template: Template, text: String, data: KalypsoTemplateData) -> Outcome {
        var templater = Templater(data)
        do {
            let output = try templater.render(text, parsed: template)
            guard templater.rerenders == 0, output.utf8.count < ExecutionLimits().maxOutputBytes / 2 else { return .unpredicted }
            return .rendered(missingValueOffsets: templater.missingValueOffsets)
        } catch {
            guard templater.rerenders == 0, error.kind != .limit else { return .unpredicted }
            return .failed(message: error.message, offset: error.offset)
        }
    }

    func testEqualKeysGiveEqualOutcomes() throws {
        var random = SplitMix64(seed: 0x5EED_0F_F1E1D5)
        var predictable = 0, groupsWithSeveral = 0, failures = 0, missing = 0, rerendered = 0
        for round in 0..<400 {
            let text = Self.template(&random)
            guard let template = try? Template(text: text) else { continue }
            guard let reads = ManifestReads(template) else { continue }
            predictable += 1
            var byKey: [ManifestReads.Key: (Outcome, KalypsoTemplateData)] = [:]
            // Data that differ from one another in one or two parts: a part the key does
            // not see is then often the only difference.
            let base = Self.data(&random)
            for sample in 0..<40 {
                let data = sample < 10 ? Self.data(&random) : Self.mutated(base, parts: 1 + Int(random.next() % 2), &random)
                let outcome = Self.outcome(template, text: text, data: data)
                switch outcome {
                case .failed: failures += 1
                case .rendered(let offsets): if !offsets.isEmpty { missing += 1 }
                case .unpredicted: rerendered += 1
                }
                let key = reads.key(for: data)
                guard let (known, first) = byKey[key] else {
                    byKey[key] = (outcome, data)
                    continue
                }
                groupsWithSeveral += 1
                if known != .unpredicted {
                    XCTAssertEqual(outcome, known, "round \(round): template \(text.debugDescription)\nfirst: \(first)\nnow: \(data)")
                }
            }
        }
        // The property must have been put to the test.
        XCTAssertGreaterThan(predictable, 200)
        XCTAssertGreaterThan(groupsWithSeveral, 4000)
        XCTAssertGreaterThan(failures, 50)
        XCTAssertGreaterThan(missing, 50)
        XCTAssertGreaterThan(rerendered, 50)
    }

    func testWhatHasNoReads() throws {
        for text in [
            "{{ . }}", "{{ $ }}", "{{ printf \"%v\" . }}", "{{ range .Labels }}{{ $ }}{{ end }}", "{{ set .ConfigData \"a\" \"b\" }}",
            "{{ define \"t\" }}x{{ end }}{{ template \"t\" }}", "{{ merge .ConfigData .ConfigData }}", "{{ with .Workload }}{{ $_ := unset $.ConfigData \"a\" }}{{ end }}",
        ] {
            XCTAssertNil(ManifestReads(try Template(text: text)), text)
        }
        for text in [
            "plain text", "{{ .Workload }}", "{{ if .ConfigData.a }}{{ .Manifests.repo }}{{ else }}x{{ end }}", "{{ stringify .ConfigData | indent 2 }}",
            "{{/* note */}}{{ .Nope }}", "{{ (index .Labels \"a\") | quote }}", "{{ range $k, $v := .Labels }}{{ $k }}={{ $v }}{{ . }}{{ end }}",
            "{{ with .Manifests.repo }}{{ . }}{{ else }}{{ .Workload }}{{ end }}", "{{ $x := .Workload }}{{ $x }}{{ $.Labels.a }}",
            "{{ range .ConfigData.list }}{{ if eq . \"x\" }}{{ break }}{{ end }}{{ .name }}{{ end }}",
        ] {
            XCTAssertNotNil(ManifestReads(try Template(text: text)), text)
        }
    }

    func testPrintedStringsStandForTheirEmptinessOnly() throws {
        let reads = try XCTUnwrap(ManifestReads(try Template(text: "name: {{ .DeploymentTargetName }} {{ .Manifests.repo }}")))
        func data(_ name: String, repo: String?) -> KalypsoTemplateData {
            KalypsoTemplateData(
                deploymentTargetName: name, environment: "dev", labels: nil, manifests: repo.map { ["repo": $0] },
                clusterTypeName: "ct", configData: .map(GoMap(keyType: .string, valueType: .interface, entries: [:])))
        }
        XCTAssertEqual(reads.key(for: data("a", repo: "x")), reads.key(for: data("b", repo: "y")))
        XCTAssertNotEqual(reads.key(for: data("a", repo: "x")), reads.key(for: data("a", repo: nil)))
        XCTAssertNotEqual(reads.key(for: data("a", repo: "x")), reads.key(for: data("a", repo: "")))
        XCTAssertNotEqual(reads.key(for: data("a{", repo: "x")), reads.key(for: data("b{", repo: "x")))
        let long = String(repeating: "a", count: ManifestReads.printedLimit + 1)
        XCTAssertNotEqual(reads.key(for: data(long, repo: "x")), reads.key(for: data(long + "b", repo: "x")))
    }

    // MARK: Random templates and data

    static let strings = [
        "", "a", "b", "ab", "{", "{{", "}}", "x{", "{x", "}", "{{ .Workload }}", "{{ fail \"no\" }}", "1", "true",
        String(repeating: "a", count: 5000), String(repeating: "b", count: 4096) + "{",
    ]

    static func pick<T>(_ values: [T], _ random: inout SplitMix64) -> T {
        values[Int(random.next() % UInt64(values.count))]
    }

    static func data(_ random: inout SplitMix64) -> KalypsoTemplateData {
        func string() -> String { pick(strings, &random) }
        func labels() -> [String: String]? {
            switch random.next() % 4 {
            case 0: return nil
            case 1: return [:]
            case 2: return ["a": string()]
            default: return ["a": string(), "workspace": string(), "workload": string()]
            }
        }
        func manifests() -> [String: String]? {
            switch random.next() % 3 {
            case 0: return nil
            case 1: return ["repo": string()]
            default: return ["repo": string(), "branch": string()]
            }
        }
        func value() -> GoValue {
            switch random.next() % 7 {
            case 0: return .nil
            case 1: return .int(Int(random.next() % 3))
            case 2: return .bool(random.next() % 2 == 0)
            case 3: return .map(GoMap(keyType: .string, valueType: .interface, entries: [.string("c"): .string(string())]))
            case 4: return .slice(GoSlice(elementType: .interface, elements: (0..<Int(random.next() % 3)).map { _ in .string(string()) }))
            default: return .string(string())
            }
        }
        var config: [GoValue: GoValue] = [:]
        if random.next() % 4 != 0 { config[.string("a")] = value() }
        if random.next() % 3 != 0 { config[.string("b")] = value() }
        return KalypsoTemplateData(
            deploymentTargetName: pick(["t", "t2", "{t", "{{ .Environment }}", ""], &random), environment: pick(["dev", "prod", "{"], &random),
            labels: labels(), manifests: manifests(), clusterTypeName: pick(["ct", "c{"], &random),
            configData: .map(GoMap(keyType: .string, valueType: .interface, entries: config)))
    }

    static func mutated(_ data: KalypsoTemplateData, parts: Int, _ random: inout SplitMix64) -> KalypsoTemplateData {
        var data = data
        let other = Self.data(&random)
        for _ in 0..<parts {
            switch random.next() % 7 {
            case 0: data.deploymentTargetName = other.deploymentTargetName
            case 1: data.environment = other.environment
            case 2: data.labels = other.labels
            case 3: data.manifests = other.manifests
            case 4: data.clusterTypeName = other.clusterTypeName
            default: data.configData = other.configData
            }
        }
        return data
    }

    static let fields = [
        ".DeploymentTargetName", ".Namespace", ".Environment", ".Workspace", ".Workload", ".ClusterType", ".Labels.a", ".Labels.workload",
        ".Manifests.repo", ".Manifests.branch", ".ConfigData.a", ".ConfigData.b", ".ConfigData.b.c", ".ConfigData.a.c", ".Labels", ".Manifests",
        ".ConfigData", ".Nope", ".Manifests.repo.x", ".Workload.x",
    ]

    static func template(_ random: inout SplitMix64) -> String {
        func field() -> String { pick(fields, &random) }
        func action() -> String {
            switch random.next() % 18 {
            case 0, 1, 2, 3: return "{{ \(field()) }}"
            case 4: return "{{ \(field()) | quote }}"
            case 5: return "{{ \(field()) | upper }}"
            case 6: return "{{ printf \"%v-%v\" \(field()) \(field()) }}"
            case 7: return "{{ default \"{\" \(field()) }}"
            case 8: return "{{ \(field()) | len }}"
            case 9: return "{{ stringify \(field()) | indent 2 }}"
            case 10: return "{{ index .Labels \"a\" | trunc 3 }}"
            case 11: return "{{ \"{\" }}"
            case 12: return "{{ \(field()) | replace \"a\" \"{\" }}"
            case 13: return "{{ (\(field())).c }}"
            case 14: return "{{ range $k, $v := \(field()) }}{{ $k }}={{ $v }}{{ .c }}{{ end }}"
            case 15: return "{{ range \(field()) }}{{ . }}{{ if eq (printf \"%v\" .) \"a\" }}{{ break }}{{ end }}{{ else }}{{ \(field()) }}{{ end }}"
            case 16: return "{{ with \(field()) }}{{ $.Labels.a }}{{ . | quote }}{{ else }}{{ \(field()) }}{{ end }}"
            default: return "{{ $x := \(field()) }}{{ $x }}{{ $x | len }}"
            }
        }
        func text() -> String { pick(["x", "{", "}", "{ ", " {", "\n", "-", "{{\"{\"}}"], &random) }
        func block(_ depth: Int) -> String {
            var parts: [String] = []
            for _ in 0..<(1 + random.next() % 4) {
                switch random.next() % (depth > 1 ? 2 : 3) {
                case 0: parts.append(text())
                case 1: parts.append(action())
                default:
                    let condition = random.next() % 2 == 0 ? field() : "eq \(field()) \"a\""
                    let elseBlock = random.next() % 2 == 0 ? "{{ else }}" + block(depth + 1) : ""
                    parts.append("{{ if \(condition) }}" + block(depth + 1) + elseBlock + "{{ end }}")
                }
            }
            return parts.joined()
        }
        return block(0)
    }
}
