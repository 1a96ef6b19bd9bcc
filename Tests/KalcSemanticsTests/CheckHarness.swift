import KalcDiagnostics
import KalcDriver
import KalcSyntax
import KalcTestSupport
import XCTest

/// Analyses and schedules a project made of `files` (name to marked source) and checks that
/// the diagnostics are exactly the expected ones: each at its marker, with its code and a
/// message containing the given text. Diagnostics in other files than the marked ones (the
/// standard library) are not expected.
func checkDiagnostics(
    _ files: [String: String],
    _ expected: [(file: String, marker: String, code: DiagnosticCode, message: String)],
    hint: String? = nil,
    file: StaticString = #filePath, line: UInt = #line
) {
    var offsets: [String: [String: Int]] = [:]
    var sources: [SourceFile] = []
    for (name, marked) in files.sorted(by: { $0.key < $1.key }) {
        let source = MarkedSource(marked)
        offsets[name] = source.offsets
        sources.append(SourceFile(path: name, text: source.text))
    }
    let result = Pipeline.run(sources, options: PipelineOptions(through: .schedule))
    for tree in result.trees {
        XCTAssertEqual(tree.diagnostics.map(\.message), [], "syntax errors in \(tree.file.path)", file: file, line: line)
    }
    // Every diagnostic of the analysis and the scheduling, none merged into another.
    let actual = ((result.analysis?.diagnostics ?? []) + (result.scheduler?.diagnostics ?? [])).sorted(by: Diagnostic.reportOrder)
    let summary = actual.map { "\($0.location.file)@\($0.location.span.start) \($0.code) \($0.message)" }.joined(separator: "\n")
    XCTAssertEqual(actual.count, expected.count, "diagnostics:\n\(summary)", file: file, line: line)
    for expectation in expected {
        let offset = offsets[expectation.file]?[expectation.marker]
        let match = actual.first { $0.location.file == expectation.file && $0.location.span.start == offset && $0.code == expectation.code }
        guard let match else {
            XCTFail("no \(expectation.code) at \(expectation.file) \(expectation.marker); diagnostics:\n\(summary)", file: file, line: line)
            continue
        }
        XCTAssertTrue(match.message.contains(expectation.message), "\(match.message) does not contain \(expectation.message)", file: file, line: line)
        if let hint {
            XCTAssertTrue(actual.contains { $0.hint?.contains(hint) == true }, "no hint containing \(hint)", file: file, line: line)
        }
    }
}

/// A project with one environment `qa`, a cluster type, a policy and a workload, to which a
/// test adds the part it is about.
func project(environment: String = "", workload: String = "", top: String = "") -> String {
    """
    import std.templates

    repo cp = "https://github.com/contoso/control-plane"
    \(top)
    environment qa {
      controlPlane = cp @ "qa"
      gitops = cp @ "gitops-qa"
      base = cp @ "main"

      clusterType west-us [region: westus] {
        reconciler = arc-flux
        namespace = default
        config = configmap
      }

      policy everything {}
    \(environment)
    }

    workload app [tier: web] {
      workspace = "team"
      source = cp @ "main" / "./app"

      target qa in qa [purpose: test] {
        manifests = cp @ "qa" / "./manifests"
      }
    \(workload)
    }
    """
}
