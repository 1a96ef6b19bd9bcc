import Foundation
import KalcCaseSupport
import KalcDiagnostics
import KalcGitOps
import KalcScheduling
import KalcSemantics
import KalcSyntax
import KalcTestSupport
import XCTest

/// A golden or oracle case end to end (one test each, in `CaseTests.swift`): import the
/// Kalypso YAML, compile the `.kal` source, and the GitOps tree of every environment Kalypso
/// pushes equals the expected one byte for byte; every deployment Kalypso fails in a blocked
/// environment is an error naming its deployment target and cluster type.
extension XCTestCase {
    /// Checks one case (`input/` Kalypso YAML, `expected/` the reference's output) the way
    /// `kalc compile --env` sees each environment: the errors that stop an environment are its
    /// own and those of the whole project. An environment Kalypso pushes has none of them and
    /// the same tree byte for byte; an environment it blocks has some, and for every issue
    /// Kalypso opens there, an error of that environment names the deployment target and the
    /// cluster type and carries the issue's body (unless the body is the reference's own: an
    /// approximation of the API server's text, or its message where Kalypso would crash).
    func checkCase(_ name: String) throws {
        let folder = KalypsoCase.fixtures + "/" + name
        let compiled = try GoldenCase.compile(folder + "/input")
        let expected = folder + "/expected"
        for issues in try FileManager.default.contentsOfDirectory(atPath: expected).filter({ $0.hasSuffix(".issues.txt") }).sorted() {
            let environment = String(issues.dropLast(".issues.txt".count))
            let report = try String(contentsOfFile: expected + "/" + issues, encoding: .utf8)
            let tree = compiled.compilation.trees.first { $0.environment == environment }
            let errors = compiled.diagnostics.filter { $0.severity == .error && ($0.environment == nil || $0.environment == environment) }
            if report.hasPrefix("# environment \(environment): pushed=true") {
                let tree = try XCTUnwrap(tree, "\(name): no tree for \(environment)")
                XCTAssertTrue(tree.isPushed, "\(name): \(environment) is not pushed")
                XCTAssertEqual(errors.map(\.message), [], "\(name): \(environment)")
                let want = try GoldenCase.files(under: expected + "/" + environment)
                XCTAssertEqual(Set(tree.files.keys), Set(want.keys), "\(name): \(environment): the files differ")
                for (path, content) in want where tree.files[path] != content {
                    XCTFail("\(name): \(environment)/\(path) differs:\n--- expected\n\(content)\n--- compiled\n\(tree.files[path] ?? "<missing>")")
                }
            } else {
                XCTAssertFalse(tree?.isPushed ?? false, "\(name): \(environment) should not be pushed")
                XCTAssertFalse(errors.isEmpty, "\(name): \(environment) is blocked, but kalc reports no error")
                for issue in GoldenCase.issues(report) {
                    // A problem many deployments share names the first few in its message and
                    // the others in a note.
                    let naming = errors.filter { error in
                        error.environment == environment && ([error.message] + error.notes).contains { $0.contains("`\(issue.target)`") && $0.contains("`\(issue.clusterType)`") }
                    }
                    XCTAssertFalse(
                        naming.isEmpty,
                        "\(name): no error names deployment target \(issue.target) on \(issue.clusterType) in \(environment):\n\(errors.map(\.message).joined(separator: "\n"))")
                    guard !naming.isEmpty, !issue.isApproximation else { continue }
                    let body = GoldenCase.go125Message(issue.body)
                    XCTAssertTrue(
                        naming.contains { ([$0.message] + $0.notes).contains { $0.contains(body) } },
                        "\(name): no error about \(issue.target) on \(issue.clusterType) in \(environment) carries Kalypso's issue:\n\(body)\n--- kalc:\n\(naming.map { ([$0.message] + $0.notes).joined(separator: "\n") }.joined(separator: "\n\n"))"
                    )
                }
            }
        }
    }
}

extension GoldenCase {
    /// The reference is built with Go 1.19, Kalypso with Go 1.25, whose `call` names its
    /// callee: `at <call .X>: error calling call: non-function .X of type string`.
    static func go125Message(_ body: String) -> String {
        guard let pattern = try? NSRegularExpression(pattern: #"at <call ([^ >]+)>: error calling call: non-function of type"#) else { return body }
        return pattern.stringByReplacingMatches(
            in: body, range: NSRange(body.startIndex..., in: body),
            withTemplate: "at <call $1>: error calling call: non-function $1 of type")
    }
}

/// A Kalypso control plane compiled through kalc: imported, printed, parsed, compiled.
struct GoldenCase {
    var compilation: GitOpsCompilation
    var diagnostics: [Diagnostic]

    static func compile(_ input: String) throws -> GoldenCase {
        let (file, readDiagnostics) = try imported(input)
        let inputs = CompileInputs([file])
        let compilation = inputs.compile()
        return GoldenCase(
            compilation: compilation,
            diagnostics: readDiagnostics + inputs.trees.flatMap(\.diagnostics) + inputs.analysis.diagnostics + inputs.scheduler.diagnostics + compilation.diagnostics)
    }

    static func yamlFiles(under root: String) throws -> [SourceFile] {
        try KalypsoCase.yamlFiles(under: root)
    }

    static func files(under root: String) throws -> [String: String] {
        try KalypsoCase.files(under: root)
    }

    /// One issue Kalypso opens for a deployment it fails.
    struct Issue {
        var target: String
        var clusterType: String
        var body: String

        /// Whether the body is the reference's own text rather than Kalypso's.
        var isApproximation: Bool { body.contains("[oracle: approximate") || body.hasPrefix("oracle: ") }
    }

    /// Every issue of a reference issues report (`=== ISSUE` ... `=== END` blocks).
    static func issues(_ report: String) -> [Issue] {
        let titlePrefix = "title: Can't generate manifests for deplyment target "
        var result: [Issue] = []
        var lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.popFirst() {
            guard line.hasPrefix(titlePrefix) else { continue }
            let parts = line.dropFirst(titlePrefix.count).components(separatedBy: " in cluster type ")
            guard parts.count == 2, let clusterType = parts[1].components(separatedBy: " in ").first, lines.popFirst() == "body:" else { continue }
            var body: [String] = []
            while let next = lines.popFirst(), next != "=== END" { body.append(next) }
            var text = body.joined(separator: "\n") + "\n"
            if body.last == "\\ No newline at end of body" { text = body.dropLast().joined(separator: "\n") }
            result.append(Issue(target: parts[0], clusterType: clusterType, body: text))
        }
        return result
    }
}
