import KalcDiagnostics
import KalcGitOps
import KalcScheduling
import KalcSemantics
import KalcSyntax
import XCTest

/// A compile with a cache that earlier compiles filled gives exactly what a compile without
/// one gives, whatever changed in between.
final class GitOpsCacheTests: XCTestCase {
    /// The trees and diagnostics of a compile (in the order they were made), as text.
    struct Outcome: Equatable {
        var files: [String: [UInt8]]
        var diagnostics: [String]
    }

    static func compile(
        _ text: String, cache: GitOpsCache? = nil, shouldContinue: @escaping @Sendable () -> Bool = { true },
        threads: Int = GitOpsCompiler.defaultThreads
    ) -> Outcome {
        let compilation = CompileInputs(text).compile(cache: cache, shouldContinue: shouldContinue, threads: threads)
        var files: [String: [UInt8]] = [:]
        for tree in compilation.trees {
            for (path, content) in tree.files { files["\(tree.environment)/\(path)"] = Array(content.utf8) }
        }
        let diagnostics = compilation.diagnostics.map { "\($0.location) \($0.code) \($0.message) \($0.labels.count)" }
        return Outcome(files: files, diagnostics: diagnostics)
    }

    static func project(template: String = "greeting: {{ .ConfigData.greeting | quote }}", greeting: String = "hello", manifests: String = "./manifests") -> String {
        TemplateHarness.project(
            template: """
                  manifest \"\"\"
                    name: {{ .DeploymentTargetName }}
                    \(template)
                    \"\"\"
                """, config: "    greeting = \"\(greeting)\""
        )
        .replacingOccurrences(of: "\"./manifests\"", with: "\"\(manifests)\"")
    }

    func testEveryChangeGivesWhatAFreshCompileGives() {
        let variants = [
            Self.project(),
            Self.project(greeting: "bonjour"),
            // The same text in two Unicode normalizations prints two different byte strings.
            Self.project(greeting: "caf\u{E9}"),
            Self.project(greeting: "cafe\u{301}"),
            Self.project(manifests: "./manifests-v2"),
            Self.project(template: "greeting: {{ .ConfigData.greeting | upper | quote }}"),
            // A missing value is reported on every compile, cached or not.
            Self.project(template: "missing: {{ .ConfigData.nothing }}"),
            Self.project(template: "missing: {{ .ConfigData.nothing }}"),
            Self.project(),
        ]
        let cache = GitOpsCache()
        var previous: Outcome?
        for (index, variant) in variants.enumerated() {
            let cached = Self.compile(variant, cache: cache)
            let fresh = Self.compile(variant, cache: nil)
            XCTAssertEqual(cached, fresh, "variant \(index)")
            XCTAssertFalse(fresh.files.isEmpty, "variant \(index) compiles")
            if index == 3, let previous {
                XCTAssertNotEqual(previous.files, cached.files, "NFC and NFD config values must not share a cached rendering")
            }
            previous = cached
        }
        XCTAssertGreaterThan(cache.count, 0)
    }

    func testAssignmentsWithDiagnosticsAreNotKept() {
        let cache = GitOpsCache()
        _ = Self.compile(Self.project(template: "missing: {{ .ConfigData.nothing }}"), cache: cache)
        XCTAssertEqual(cache.count, 0)
        _ = Self.compile(Self.project(), cache: cache)
        XCTAssertEqual(cache.count, 1)
    }

    func testWhatCompilesStopUsingIsDroppedUnlessTheyStoppedEarly() {
        let cache = GitOpsCache()
        _ = Self.compile(Self.project(), cache: cache)
        _ = Self.compile(Self.project(greeting: "bonjour"), cache: cache, shouldContinue: { false })
        XCTAssertEqual(cache.count, 1, "a compile that stopped early drops nothing")
        _ = Self.compile(Self.project(greeting: "bonjour"), cache: cache)
        XCTAssertEqual(cache.count, 2, "one unused rendering is kept a while")
        _ = Self.compile(Self.project(greeting: "hola"), cache: cache)
        XCTAssertEqual(cache.count, 1, "once unused renderings outnumber used ones, they are dropped")
    }
}

/// Rendering on several threads gives what one thread gives: the same trees, and the same
/// diagnostics in the same order (overrides reported once, missing values gathered).
final class ParallelRenderingTests: XCTestCase {
    /// Many workloads whose deployments override a config value, miss a template value, and
    /// some of which fail a requirement.
    static func fleet(workloads: Int) -> String {
        var text = TemplateHarness.project(
            template: """
                  manifest \"\"\"
                    name: {{ .DeploymentTargetName }}
                    greeting: {{ .ConfigData.greeting }}
                    missing: {{ .ConfigData.nothing }}
                    \"\"\"
                """, config: "    greeting = \"hello\"")
        text += "\nenvironment qa {\n  config zz-override {\n    greeting = \"bonjour\"\n  }\n}\n"
        for index in 0..<workloads {
            text += """

                workload app\(index) {
                  workspace = "team"
                  source = cp @ "main" / "./app"

                  target qa in qa {
                    manifests = cp @ "qa" / "./manifests-\(index)"
                  }
                \(index % 7 == 3 ? "\n  requires {\n    region_code: string\n  }\n" : "")
                }

                """
        }
        return text
    }

    func testManyThreadsGiveWhatOneGives() {
        let source = Self.fleet(workloads: 150)
        XCTAssertEqual(SyntaxTree.parse(SourceFile(path: "t.kal", text: source)).diagnostics.map(\.message), [])
        func outcome(threads: Int) -> GitOpsCacheTests.Outcome {
            GitOpsCacheTests.compile(source, threads: threads)
        }
        let one = outcome(threads: 1)
        XCTAssertGreaterThan(one.files.count, 100)
        XCTAssertTrue(one.diagnostics.contains { $0.contains(DiagnosticCode.configOverridden.description) }, one.diagnostics.joined(separator: "\n"))
        XCTAssertTrue(one.diagnostics.contains { $0.contains(DiagnosticCode.missingTemplateValue.description) })
        XCTAssertTrue(one.diagnostics.contains { $0.contains(DiagnosticCode.configRequirementNotMet.description) })
        for threads in [2, 3, 8] {
            XCTAssertEqual(outcome(threads: threads), one, "\(threads) threads")
        }
    }
}
