import KalcDiagnostics
import KalcResources
import XCTest

/// Problems in imported YAML are reported in the YAML file, at the line and column of the
/// culprit.
final class ImportDiagnosticTests: XCTestCase {
    /// Reads one file at `relative` (with markers) and checks the diagnostics' places.
    func check(_ relative: String, _ marked: String, _ expected: [(marker: String, code: DiagnosticCode, message: String)], file: StaticString = #filePath, line: UInt = #line) {
        let source = MarkedYAML(marked)
        let reader = ControlPlaneReader.read([SourceFile(path: "in/" + relative, text: source.text)], root: "in")
        let actual = reader.diagnostics.sorted(by: Diagnostic.reportOrder)
        XCTAssertEqual(actual.count, expected.count, actual.map { "\($0.location.span.start) \($0.code) \($0.message)" }.joined(separator: "\n"), file: file, line: line)
        for (diagnostic, expectation) in zip(actual, expected) {
            XCTAssertEqual(diagnostic.location.file, "in/" + relative, file: file, line: line)
            XCTAssertEqual(diagnostic.location.span.start, source.offsets[expectation.marker], diagnostic.message, file: file, line: line)
            XCTAssertEqual(diagnostic.code, expectation.code, diagnostic.message, file: file, line: line)
            XCTAssertTrue(diagnostic.message.contains(expectation.message), diagnostic.message, file: file, line: line)
        }
    }

    func testMalformedYAML() {
        check("control-plane/main/envs.yaml", """
            kind: Environment
            metadata:
              name: dev
            spec: [a, b
            1️⃣
            """, [("1️⃣", .invalidYAML, "while parsing a flow sequence")])
    }

    func testUnknownKind() {
        check("control-plane/main/x.yaml", """
            apiVersion: v1
            kind: 1️⃣Secret
            metadata:
              name: token
            """, [("1️⃣", .unknownKind, "kind `Secret` is not used by the Kalypso scheduler")])
    }

    func testNamesTheAPIServerRefuses() {
        check("control-plane/main/cluster-types.yaml", """
            kind: ClusterType
            metadata:
              name: 1️⃣"edge&store"
            spec:
              reconciler: flux
              namespaceService: ns
              configType: configmap
            """, [("1️⃣", .invalidObjectName, "`edge&store` is not a valid Kubernetes object name")])
        check("workloads/shop/workload.yaml", """
            kind: Workload
            metadata:
              name: 1️⃣shop
            spec:
              deploymentTargets:
                - name: store-qa
                  environment: 2️⃣qa/1
                  manifests: {repo: "https://github.com/contoso/shop", branch: qa, path: .}
                - name: 3️⃣Store QA
                  environment: qa
                  manifests: {repo: "https://github.com/contoso/shop", branch: qa, path: .}
            """, [
                ("1️⃣", .ignoredObject, "no WorkloadRegistration is named `shop`"),
                ("2️⃣", .invalidObjectName, "`qa/1` is not a valid Kubernetes object name"),
                ("3️⃣", .invalidObjectName, "`Store QA` is not a valid Kubernetes object name"),
            ])
    }

    func testMissingFieldsAndWrongTypes() {
        check("control-plane/main/templates.yaml", """
            apiVersion: scheduler.kalypso.io/v1alpha1
            kind: Template
            metadata:
              name: t
              labels:
                enabled: 1️⃣true
            spec:
              2️⃣type: reconciler
            ---
            kind: Template
            metadata: 3️⃣{}
            """, [
                ("1️⃣", .wrongFieldType, "`metadata.labels.enabled` must be a string"),
                ("2️⃣", .missingField, "`spec.manifests` is missing"),
                ("3️⃣", .missingField, "this object has no `metadata.name`"),
            ])
    }

    func testSelectorsKalcCannotExpress() {
        check("control-plane/main/policies.yaml", """
            apiVersion: scheduler.kalypso.io/v1alpha1
            kind: SchedulingPolicy
            metadata:
              name: p
            spec:
              deploymentTargetSelector:
                labelSelector:
                  matchExpressions:
                    - {key: a, operator: 1️⃣Exists, values: [x]}
                    - {key: b, operator: 2️⃣Equals, values: [y]}
                    - {key: c, operator: DoesNotExist}
              clusterTypeSelector:
                labelSelector:
                  matchExpressions:
                    - {key: d, operator: 3️⃣DoesNotExist, values: [z]}
            """, [
                ("1️⃣", .invalidSelector, "`Exists` takes no values"),
                ("2️⃣", .wrongFieldType, "`Equals` is not a valid label selector operator"),
                ("3️⃣", .invalidSelector, "`DoesNotExist` takes no values"),
            ])
    }

    func testObjectsKalypsoIgnores() {
        check("control-plane/main/configs.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: 1️⃣plain
            data:
              a: b
            """, [("1️⃣", .ignoredObject, "has no `platform-config` label")])
    }
}

/// YAML text with position markers taken out, and the byte offset of each.
struct MarkedYAML {
    var text = ""
    var offsets: [String: Int] = [:]

    init(_ marked: String) {
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for marker in ["1️⃣", "2️⃣", "3️⃣", "4️⃣"] where rest.hasPrefix(marker) {
                offsets[marker] = text.utf8.count
                rest = rest.dropFirst(marker.count)
                continue outer
            }
            text.append(rest.removeFirst())
        }
    }
}
