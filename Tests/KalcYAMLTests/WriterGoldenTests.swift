import KalcYAML
import XCTest

/// Kubernetes objects written by `YAMLWriter`, compared byte for byte with
/// `Fixtures/writer/<case>.yaml`, and read back to the same structure.
final class WriterGoldenTests: XCTestCase {
    struct Case: Sendable {
        var name: String
        var documents: [YAMLNode]
    }

    static let kalypso = "scheduler.kalypso.io/v1alpha1"

    static let gitRepositoryManifest = """
        apiVersion: source.toolkit.fluxcd.io/v1beta2
        kind: GitRepository
        metadata:
          name: {{ .Manifests.branch}}.{{ .Workload}}.{{ .DeploymentTargetName}}
          namespace: flux-system
        spec:
          interval: 30s
          url: "{{ .Manifests.repo}}"
          ref:
            branch: "{{ .Manifests.branch}}"

        """

    /// A manifest as Kalypso's bootstrap ships it, with spaces at the end of some lines.
    static let kustomizationManifest = """
        apiVersion: kustomize.toolkit.fluxcd.io/v1beta2
        kind: Kustomization
        metadata:
          name: {{ .Manifests.branch}}.{{ .Workload}}.{{ .DeploymentTargetName}}    
        spec:
          path: "{{ .Manifests.path}}" 
          prune: true

        """

    static let cases: [Case] = [
        Case(
            name: "template",
            documents: [
                .mapping([
                    ("apiVersion", .string(kalypso)),
                    ("kind", .string("Template")),
                    (
                        "metadata",
                        .mapping([
                            ("name", .string("arc-flux")),
                            ("labels", .mapping([("someLabel", .string("false"))])),
                        ])
                    ),
                    (
                        "spec",
                        .mapping([
                            ("type", .string("reconciler")),
                            (
                                "manifests",
                                .sequence([
                                    .string(gitRepositoryManifest, style: .literal),
                                    .string(kustomizationManifest, style: .literal),
                                    .string("{{- if .ConfigData }}\nkind: ConfigMap\n{{- end }}"),
                                ])
                            ),
                        ])
                    ),
                ])
            ]),
        Case(
            name: "configmap",
            documents: [
                .mapping([
                    ("apiVersion", .string("v1")),
                    ("kind", .string("ConfigMap")),
                    (
                        "metadata",
                        .mapping([
                            ("name", .string("platform-config-west-us")),
                            (
                                "labels",
                                .mapping([
                                    ("platform-config", .string("true")),
                                    ("region", .string("westus")),
                                    ("on", .string("off")),
                                ])
                            ),
                        ])
                    ),
                    (
                        "data",
                        .mapping([
                            ("ENVIRONMENT", .string("Dev")),
                            ("PORT", .string("8080")),
                            ("RATIO", .string("1.5")),
                            ("MODE", .string("0777")),
                            ("WINDOW", .string("1:30")),
                            ("ENABLED", .string("yes")),
                            ("EMPTY", .string("")),
                            ("NOTHING", .string("~")),
                            ("NESTED", .string("key: value")),
                            ("LIST", .string("[a, b]")),
                            ("QUOTED", .string("'quoted'")),
                            ("COMMENT", .string("value # not a comment")),
                            ("URL", .string("https://qa-westus-api.contoso.com/v1?x=1#top")),
                            ("GREETING", .string("héllo wörld")),
                            ("SCRIPT", .string("#!/bin/sh\necho \"$ENVIRONMENT\"\n")),
                            ("PADDED", .string("  two leading spaces")),
                        ])
                    ),
                ])
            ]),
        Case(
            name: "scheduling-policy",
            documents: [
                .mapping([
                    ("apiVersion", .string(kalypso)),
                    ("kind", .string("SchedulingPolicy")),
                    ("metadata", .mapping([("name", .string("basic-inference-policy"))])),
                    (
                        "spec",
                        .mapping([
                            (
                                "deploymentTargetSelector",
                                .mapping([
                                    ("workspace", .string("edge-ai")),
                                    (
                                        "labelSelector",
                                        .mapping([
                                            ("matchLabels", .mapping([("workload", .string("basic-inference"))])),
                                            (
                                                "matchExpressions",
                                                .sequence([
                                                    .mapping([
                                                        ("key", .string("purpose")),
                                                        ("operator", .string("In")),
                                                        ("values", .sequence([.string("qa-test"), .string("y"), .string("null")])),
                                                    ]),
                                                    .mapping([
                                                        ("key", .string("legacy")),
                                                        ("operator", .string("DoesNotExist")),
                                                        ("values", .sequence([])),
                                                    ]),
                                                ])
                                            ),
                                        ])
                                    ),
                                ])
                            ),
                            ("clusterTypeSelector", .mapping([("labelSelector", .mapping([]))])),
                        ])
                    ),
                ])
            ]),
        Case(
            name: "config-schema",
            documents: [
                .mapping([
                    ("apiVersion", .string(kalypso)),
                    ("kind", .string("ConfigSchema")),
                    ("metadata", .mapping([("name", .string("inference-requirements"))])),
                    (
                        "spec",
                        .mapping([
                            ("clusterType", .string("west-us")),
                            (
                                "schema",
                                .mapping([
                                    ("type", .string("object")),
                                    ("required", .sequence([.string("inference_url"), .string("replicas")])),
                                    ("additionalProperties", .boolean(false)),
                                    (
                                        "properties",
                                        .mapping([
                                            (
                                                "inference_url",
                                                .mapping([
                                                    ("type", .string("string")),
                                                    ("format", .string("uri")),
                                                    ("description", .string("Inference URL: where requests go")),
                                                ])
                                            ),
                                            (
                                                "replicas",
                                                .mapping([
                                                    ("type", .string("integer")),
                                                    ("minimum", .integer(1)),
                                                    ("maximum", .integer(10)),
                                                    ("default", .integer(3)),
                                                ])
                                            ),
                                            (
                                                "ratio",
                                                .mapping([
                                                    ("type", .sequence([.string("number"), .string("null")])),
                                                    ("multipleOf", YAMLNode(content: .scalar("0.5", .plain), tag: YAMLTag.float)),
                                                    ("default", .null),
                                                ])
                                            ),
                                            (
                                                "labels",
                                                .mapping([
                                                    ("type", .string("object")),
                                                    ("properties", .mapping([])),
                                                    ("enum", .sequence([.mapping([]), .mapping([("yes", .string("no"))])])),
                                                ])
                                            ),
                                        ])
                                    ),
                                ])
                            ),
                        ])
                    ),
                ])
            ]),
        Case(
            name: "stream",
            documents: [
                .mapping([
                    ("apiVersion", .string(kalypso)),
                    ("kind", .string("Environment")),
                    ("metadata", .mapping([("name", .string("qa"))])),
                    (
                        "spec",
                        .mapping([
                            (
                                "controlPlane",
                                .mapping([
                                    ("repo", .string("https://github.com/contoso/kalypso-control-plane")),
                                    ("branch", .string("qa")),
                                    ("path", .string(".")),
                                ])
                            )
                        ])
                    ),
                ]),
                .mapping([
                    ("apiVersion", .string(kalypso)),
                    ("kind", .string("GitOpsRepo")),
                    ("metadata", .mapping([("name", .string("qa"))])),
                    (
                        "spec",
                        .mapping([
                            ("repo", .string("https://github.com/contoso/kalypso-platform-gitops")),
                            ("branch", .string("qa")),
                            ("path", .string(".")),
                        ])
                    ),
                ]),
                .mapping([
                    ("apiVersion", .string(kalypso)),
                    ("kind", .string("BaseRepo")),
                    ("metadata", .mapping([("name", .string("main"))])),
                    (
                        "spec",
                        .mapping([
                            ("repo", .string("https://github.com/contoso/kalypso-control-plane")),
                            ("branch", .string("main")),
                            ("path", .string(".")),
                            ("commit", .string("1234567")),
                        ])
                    ),
                ]),
            ]),
    ]

    func testKubernetesObjectsAreWrittenAsRecorded() throws {
        for testCase in Self.cases {
            let text = try YAMLWriter.string(testCase.documents)
            Fixtures.assertMatches(text, fixture: "writer/\(testCase.name).yaml")
        }
    }

    func testKubernetesObjectsReadBackToTheSameStructure() throws {
        for testCase in Self.cases {
            let text = try YAMLWriter.string(testCase.documents)
            let read = try YAMLReader.documents(in: text)
            XCTAssertEqual(read.map(\.shape), testCase.documents.map(\.shape), testCase.name)
        }
    }

    func testNoDocumentsIsEmptyText() throws {
        XCTAssertEqual(try YAMLWriter.string([]), "")
    }
}

extension YAMLNode {
    /// The node as a reader sees it, without marks and scalar styles, and with the core tags
    /// that the writer leaves implicit removed.
    var shape: YAMLNode {
        let implicitTags: Set<String> = [YAMLTag.str, YAMLTag.int, YAMLTag.float, YAMLTag.bool, YAMLTag.null, YAMLTag.seq, YAMLTag.map]
        var copy = YAMLNode(content: content, tag: tag.flatMap { implicitTags.contains($0) ? nil : $0 })
        switch content {
        case let .scalar(text, _):
            copy.content = .scalar(text, .plain)
        case let .sequence(items):
            copy.content = .sequence(items.map(\.shape))
        case let .mapping(entries):
            copy.content = .mapping(entries.map { YAMLMappingEntry(key: $0.key.shape, value: $0.value.shape) })
        }
        return copy
    }
}
