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
        check(
            "control-plane/main/envs.yaml",
            """
            apiVersion: scheduler.kalypso.io/v1alpha1
            kind: Environment
            metadata:
              name: dev
            spec: [a, b
            1️⃣
            """, [("1️⃣", .invalidYAML, "while parsing a flow sequence")])
    }

    func testUnknownKind() {
        check(
            "control-plane/main/x.yaml",
            """
            apiVersion: v1
            kind: 1️⃣Secret
            metadata:
              name: token
            """, [("1️⃣", .unknownKind, "kind `Secret` is not used by the Kalypso scheduler")])
    }

    func testNamesTheAPIServerRefuses() {
        check(
            "control-plane/main/cluster-types.yaml",
            """
            apiVersion: scheduler.kalypso.io/v1alpha1
            kind: ClusterType
            metadata:
              name: 1️⃣"edge&store"
            spec:
              reconciler: flux
              namespaceService: ns
              configType: configmap
            """, [("1️⃣", .invalidObjectName, "`edge&store` is not a valid Kubernetes object name")])
        check(
            "workloads/shop/workload.yaml",
            """
            apiVersion: scheduler.kalypso.io/v1alpha1
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
            """,
            [
                ("1️⃣", .ignoredObject, "no WorkloadRegistration is named `shop`"),
                ("2️⃣", .invalidObjectName, "`qa/1` is not a valid Kubernetes object name"),
                ("3️⃣", .invalidObjectName, "`Store QA` is not a valid Kubernetes object name"),
            ])
    }

    func testMissingFieldsAndWrongTypes() {
        check(
            "control-plane/main/templates.yaml",
            """
            apiVersion: scheduler.kalypso.io/v1alpha1
            kind: Template
            metadata:
              name: t
              labels:
                enabled: 1️⃣true
            spec:
              2️⃣type: reconciler
            ---
            apiVersion: scheduler.kalypso.io/v1alpha1
            kind: Template
            metadata: 3️⃣{}
            """,
            [
                ("1️⃣", .wrongFieldType, "`metadata.labels.enabled` must be a string"),
                ("2️⃣", .missingField, "`spec.manifests` is missing"),
                ("3️⃣", .missingField, "this object has no `metadata.name`"),
            ])
    }

    func testSelectorsKalcCannotExpress() {
        check(
            "control-plane/main/policies.yaml",
            """
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
            """,
            [
                ("1️⃣", .invalidSelector, "`Exists` takes no values"),
                ("2️⃣", .wrongFieldType, "`Equals` is not a valid label selector operator"),
                ("3️⃣", .invalidSelector, "`DoesNotExist` takes no values"),
            ])
    }

    func testObjectsKalypsoIgnores() {
        check(
            "control-plane/main/configs.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: 1️⃣plain
            data:
              a: b
            """, [("1️⃣", .ignoredObject, "has no `platform-config` label")])
    }
}

/// What Flux's kustomize-controller refuses fails the whole branch: errors, located in the
/// YAML, that name the branch.
extension ImportDiagnosticTests {
    func testAConfigMapWhoseDataIsNotTextFailsItsBranch() {
        // With or without the platform-config label: the API server refuses the ConfigMap.
        check(
            "control-plane/main/configs.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: platform
              labels: {platform-config: "true"}
            data:
              REPLICAS: 1️⃣3
              DEBUG: 2️⃣true
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: 3️⃣notes
            data:
              LIMITS: 4️⃣{cpu: "1"}
            """,
            [
                ("1️⃣", .wrongFieldType, "`data.REPLICAS` must be a string"),
                ("2️⃣", .wrongFieldType, "`data.DEBUG` must be a string"),
                ("3️⃣", .ignoredObject, "has no `platform-config` label"),
                ("4️⃣", .wrongFieldType, "`data.LIMITS` must be a string, not a map"),
            ])
        let reader = read(["control-plane/dev/configs.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {A: 3}\n"])
        XCTAssertEqual(
            reader.diagnostics.first { $0.code == .wrongFieldType }?.notes,
            [
                "Flux applies a branch as a whole: nothing of branch `dev` is applied, so Kalypso never pushes environment `dev`; `kalc import --env` imports the other environments without it."
            ])
    }

    func testAnObjectDefinedTwiceInABranchIsAnError() {
        check(
            "control-plane/main/cluster-types.yaml",
            """
            apiVersion: scheduler.kalypso.io/v1alpha1
            kind: ClusterType
            metadata:
              name: 1️⃣west
            spec: {reconciler: arc-flux, namespaceService: default, configType: configmap}
            ---
            apiVersion: scheduler.kalypso.io/v1alpha1
            kind: ClusterType
            metadata:
              name: 2️⃣west
            spec: {reconciler: argocd, namespaceService: default, configType: configmap}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: 3️⃣west
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: 4️⃣west
            """,
            [
                ("2️⃣", .duplicateObject, "ClusterType `west` is defined a second time in branch `main`"),
                ("3️⃣", .ignoredObject, "has no `platform-config` label"),
                ("4️⃣", .duplicateObject, "ConfigMap `west` is defined a second time in branch `main`"),
            ])
        let reader = read([
            "control-plane/main/a.yaml": "apiVersion: scheduler.kalypso.io/v1alpha1\nkind: Template\nmetadata: {name: t}\nspec: {type: reconciler, manifests: [x]}\n",
            "control-plane/main/b.yaml": "apiVersion: scheduler.kalypso.io/v1alpha1\nkind: Template\nmetadata: {name: t}\nspec: {type: reconciler, manifests: [y]}\n",
        ])
        XCTAssertEqual(reader.diagnostics.map(\.code), [.duplicateObject])
        XCTAssertEqual(reader.diagnostics.first?.location.file, "in/control-plane/main/b.yaml")
        XCTAssertEqual(reader.diagnostics.first?.labels.first?.location.file, "in/control-plane/main/a.yaml")
        XCTAssertTrue(reader.diagnostics.first?.notes.first?.contains("nothing of branch `main` is applied") ?? false)
    }

    func testDuplicateKeysAreErrors() {
        check(
            "control-plane/main/configs.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: platform
              labels: {platform-config: "true"}
              1️⃣name: other
            data:
              REGION: west
              2️⃣REGION: east
            """,
            [
                ("1️⃣", .duplicateKey, "key `name` is written twice in this mapping"),
                ("2️⃣", .duplicateKey, "key `REGION` is written twice in this mapping"),
            ])
    }

    func testKeysThatAreNotStringsAreErrors() {
        check(
            "control-plane/main/configs.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: platform
              labels: {platform-config: "true"}
            data:
              1️⃣1: one
              2️⃣yes: "y"
              3️⃣~: none
              "4": four
              !!str 5: five
              ? 4️⃣[a, b]
              : list
            """,
            [
                ("1️⃣", .nonStringKey, "key `1` is read as a number"),
                ("2️⃣", .nonStringKey, "key `yes` is read as a boolean"),
                ("3️⃣", .nonStringKey, "key `~` is read as null"),
                ("4️⃣", .nonStringKey, "a key must be a string, not a list"),
            ])
    }

    func testADuplicateKeyInAnAnchoredMappingIsReportedOnce() {
        check(
            "control-plane/main/configs.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: platform
              labels: &labels {platform-config: "true", 1️⃣platform-config: "true"}
              annotations: *labels
            """, [("1️⃣", .duplicateKey, "key `platform-config` is written twice")])
    }

    func testObjectsOfAnotherAPIAreLeftOut() {
        check(
            "control-plane/main/objects.yaml",
            """
            apiVersion: 1️⃣example.com/v1
            kind: ClusterType
            metadata:
              name: west
            ---
            apiVersion: 2️⃣v2
            kind: ConfigMap
            metadata:
              name: platform
              labels: {platform-config: "true"}
            ---
            3️⃣kind: ConfigMap
            metadata:
              name: east
            """,
            [
                ("1️⃣", .foreignAPIVersion, "`example.com/v1` is not the API of Kalypso's ClusterType objects (`scheduler.kalypso.io/v1alpha1`)"),
                ("2️⃣", .foreignAPIVersion, "`v2` is not the API of Kalypso's ConfigMap objects (`v1`)"),
                ("3️⃣", .missingField, "this object has no `apiVersion`"),
            ])
    }

    /// Merge keys are expanded as kustomize expands them: a written key wins over a merged
    /// one, and of a list of merged maps the earlier wins.
    func testMergeKeysAreExpandedAsKustomizeExpandsThem() throws {
        let reader = read([
            "control-plane/main/configs.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: platform
              labels: {platform-config: "true"}
            data:
              <<: [{REGION: west, TIER: gold}, {REGION: east, SIZE: large}]
              TIER: silver
            """
        ])
        XCTAssertEqual(reader.diagnostics.map(\.message), [])
        let data = try XCTUnwrap(reader.plane.configMaps.first?.data)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: data.map { ($0.key.value, $0.value) }), ["REGION": "west", "TIER": "silver", "SIZE": "large"])
        check(
            "control-plane/main/configs.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: platform
              labels: {platform-config: "true"}
            data:
              <<: {A: a}
              1️⃣<<: {B: b}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: other
              labels: {platform-config: "true"}
            data:
              <<: 2️⃣text
            """,
            [
                ("1️⃣", .invalidYAML, "duplicate merge key"),
                ("2️⃣", .invalidYAML, "a map merge takes a map or a list of maps"),
            ])
    }

    /// Each file holds one problem of the code given, with a fix-it; the fix applied, the
    /// file is read without it.
    func testFixItsRemoveTheirDiagnostic() throws {
        let cases: [(file: String, text: String, code: DiagnosticCode, fixed: String)] = [
            (
                "control-plane/main/configs.yaml",
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: platform
                  labels: {platform-config: "true"}
                data:
                  1: one
                """, .nonStringKey, "  \"1\": one"
            ),
            (
                "control-plane/main/templates.yaml",
                """
                apiVersion: scheduler.kalypso.io/v1alpha1
                kind: Template
                metadata:
                  name: t
                  labels:
                    enabled: true
                spec:
                  type: reconciler
                  manifests: []
                """, .wrongFieldType, "    enabled: \"true\""
            ),
            (
                "control-plane/main/objects.yaml",
                """
                apiVersion: example.com/v1
                kind: ClusterType
                metadata:
                  name: west
                spec:
                  reconciler: flux
                  namespaceService: ns
                  configType: configmap
                """, .foreignAPIVersion, "apiVersion: scheduler.kalypso.io/v1alpha1"
            ),
        ]
        for entry in cases {
            let diagnostics = read([entry.file: entry.text]).diagnostics.filter { $0.code == entry.code }
            XCTAssertEqual(diagnostics.count, 1, "\(entry.code): \(diagnostics.map(\.message))")
            let fixIt = try XCTUnwrap(diagnostics.first?.fixIts.first, "\(entry.code) has no fix-it")
            var bytes = Array(entry.text.utf8)
            for edit in fixIt.edits.sorted(by: { $0.location.span.start > $1.location.span.start }) {
                XCTAssertEqual(edit.location.file, "in/" + entry.file)
                bytes.replaceSubrange(edit.location.span.start..<edit.location.span.end, with: Array(edit.replacement.utf8))
            }
            let fixed = String(decoding: bytes, as: UTF8.self)
            XCTAssertTrue(fixed.split(separator: "\n").contains(Substring(entry.fixed)), fixed)
            XCTAssertEqual(read([entry.file: fixed]).diagnostics.filter { $0.code == entry.code }.map(\.message), [])
        }
    }

    func read(_ files: [String: String], environments: Set<String>? = nil) -> ControlPlaneReader {
        ControlPlaneReader.read(files.map { SourceFile(path: "in/" + $0.key, text: $0.value) }, root: "in", environments: environments)
    }
}

/// YAML text with position markers taken out, and the byte offset of each.
struct MarkedYAML {
    var text = ""
    var offsets: [String: Int] = [:]

    init(_ marked: String) {
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for marker in ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣"] where rest.hasPrefix(marker) {
                offsets[marker] = text.utf8.count
                rest = rest.dropFirst(marker.count)
                continue outer
            }
            text.append(rest.removeFirst())
        }
    }
}
