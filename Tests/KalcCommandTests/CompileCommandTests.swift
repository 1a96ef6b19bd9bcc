import Foundation
import KalcTestSupport
import XCTest

/// `kalc compile --out` end to end.
final class CompileCommandTests: XCTestCase {
    func files(under folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        return (enumerator?.allObjects as? [String] ?? []).filter { path in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    func testCompilesTheExampleToTheControlPlaneLayout() throws {
        let folder = try temporaryFolder(self)
        let run = try runKalc(["compile", "examples/basic-inference", "--out", folder + "/out"])
        XCTAssertEqual(run.status, 0, run.standardError)
        let written = files(under: folder + "/out")
        for expected in [
            "control-plane/main/.environments/dev.yaml", "control-plane/main/templates/arc-flux.yaml",
            "control-plane/main/workloads/basic-inference.yaml", "control-plane/qa/cluster-types/west-us.yaml",
            "control-plane/qa/scheduling-policies/basic-inference-policy.yaml", "control-plane/qa/configs/qa-config.yaml",
            "control-plane/qa/gitops-repo.yaml", "control-plane/qa/base-repo.yaml", "workloads/basic-inference/workload.yaml",
        ] {
            XCTAssertTrue(written.contains(expected), "\(expected) missing from \(written)")
        }
        let policy = try String(contentsOfFile: folder + "/out/control-plane/qa/scheduling-policies/basic-inference-policy.yaml", encoding: .utf8)
        XCTAssertEqual(
            policy,
            """
            apiVersion: scheduler.kalypso.io/v1alpha1
            kind: SchedulingPolicy
            metadata:
              name: basic-inference-policy
            spec:
              deploymentTargetSelector:
                labelSelector:
                  matchLabels:
                    workload: basic-inference
              clusterTypeSelector:
                labelSelector:
                  matchLabels:
                    region: westus

            """)
    }

    func testNothingIsWrittenWhenThereAreErrorsAndThePreviousOutputStays() throws {
        let folder = try temporaryFolder(self)
        XCTAssertEqual(try runKalc(["compile", "examples/basic-inference", "--out", folder + "/out"]).status, 0)
        let before = files(under: folder + "/out")
        let broken = folder + "/broken"
        try FileManager.default.createDirectory(atPath: broken, withIntermediateDirectories: true)
        let source = try String(contentsOfFile: repositoryRoot + "/examples/basic-inference/control-plane.kal", encoding: .utf8)
        try source.replacingOccurrences(of: "reconciler = arc-flux", with: "reconciler = arc-flx").write(toFile: broken + "/control-plane.kal", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/examples/basic-inference/basic-inference.kal", toPath: broken + "/basic-inference.kal")
        let run = try runKalc(["compile", broken, "--out", folder + "/out"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.standardError.contains("did you mean `arc-flux`?"), run.standardError)
        XCTAssertEqual(files(under: folder + "/out"), before)
        let fresh = try runKalc(["compile", broken, "--out", folder + "/new"])
        XCTAssertEqual(fresh.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/new"))
    }

    func testEnvFilterIgnoresErrorsOfOtherEnvironments() throws {
        let folder = try temporaryFolder(self)
        let source = try String(contentsOfFile: repositoryRoot + "/examples/basic-inference/control-plane.kal", encoding: .utf8)
        // A second policy in qa that assigns the same deployment again: qa is blocked.
        let broken = source.replacingOccurrences(of: "  config qa-config {", with: "  policy again {\n    targets where workload == basic-inference\n  }\n\n  config qa-config {")
        try broken.write(toFile: folder + "/control-plane.kal", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/examples/basic-inference/basic-inference.kal", toPath: folder + "/basic-inference.kal")
        let all = try runKalc(["compile", ".", "--out", "out"], in: folder)
        XCTAssertEqual(all.status, 1)
        XCTAssertTrue(
            all.standardError.contains("policies `again` and `basic-inference-policy`") || all.standardError.contains("policies `basic-inference-policy` and `again`"),
            all.standardError)
        let dev = try runKalc(["compile", ".", "--out", "out", "--env", "dev"], in: folder)
        XCTAssertEqual(dev.status, 0, dev.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/out/gitops/dev/dev/basic-inference-dev/reconciler.yaml"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out/gitops/qa"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out/control-plane/qa"))
        XCTAssertEqual(try runKalc(["compile", ".", "--out", "out", "--env", "prod"], in: folder).status, 2)
    }

    /// A GitOps branch git refuses is located at its string by `check`, stops `compile --out`
    /// and `compile --git`, and does not stop the other environments under `--env`.
    func testGitOpsBranchGitRefusesIsAnErrorAtTheBranch() throws {
        let folder = try temporaryFolder(self)
        let source = try String(contentsOfFile: repositoryRoot + "/examples/basic-inference/control-plane.kal", encoding: .utf8)
        let broken = source.replacingOccurrences(of: "gitops = platformGitops @ \"qa\"", with: "gitops = platformGitops @ \"qa.lock\"")
        try broken.write(toFile: folder + "/control-plane.kal", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/examples/basic-inference/basic-inference.kal", toPath: folder + "/basic-inference.kal")
        let lines = broken.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try XCTUnwrap(lines.firstIndex { $0.contains("\"qa.lock\"") })
        let column = try XCTUnwrap(lines[line].range(of: "\"qa.lock\"")).lowerBound.utf16Offset(in: lines[line]) + 1
        let check = try runKalc(["check", "."], in: folder)
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.standardError.contains("error[K0120]: git refuses the branch name `qa.lock`"), check.standardError)
        XCTAssertTrue(check.standardError.contains("control-plane.kal:\(line + 1):\(column)"), check.standardError)
        XCTAssertEqual(try runKalc(["compile", ".", "--out", "out"], in: folder).status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out"))
        XCTAssertEqual(try runKalc(["compile", ".", "--out", "out", "--env", "dev"], in: folder).status, 0)
    }

    func testGitOpsTreesOfTheExampleMatchKalypso() throws {
        let folder = try temporaryFolder(self)
        XCTAssertEqual(try runKalc(["compile", "examples/basic-inference", "--out", folder + "/out"]).status, 0)
        let expected = repositoryRoot + "/Tests/Fixtures/examples/basic-inference/expected"
        for environment in ["dev", "qa"] {
            let want = files(under: expected + "/" + environment)
            XCTAssertEqual(files(under: folder + "/out/gitops/" + environment), want)
            for path in want {
                XCTAssertEqual(
                    try Data(contentsOf: URL(fileURLWithPath: folder + "/out/gitops/\(environment)/" + path)),
                    try Data(contentsOf: URL(fileURLWithPath: expected + "/\(environment)/" + path)), path)
            }
        }
    }

    func testRefusesAFolderHoldingFilesKalcDidNotWrite() throws {
        let folder = try temporaryFolder(self)
        try "keep me".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let run = try runKalc(["compile", "examples/basic-inference", "--out", folder])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.standardError.contains("notes.txt"), run.standardError)
        XCTAssertEqual(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8), "keep me")
        XCTAssertEqual(files(under: folder), ["notes.txt"])
    }

    func testRecompilingReplacesTheOutputAsAWhole() throws {
        let folder = try temporaryFolder(self)
        XCTAssertEqual(try runKalc(["compile", "examples/basic-inference", "--out", folder + "/out"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/out/control-plane/qa/configs/qa-config.yaml"))
        let dev = try runKalc(["compile", "examples/basic-inference", "--env", "dev", "--out", folder + "/out"])
        XCTAssertEqual(dev.status, 0, dev.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/out/control-plane/qa"), "what kalc no longer writes is gone")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder)
        XCTAssertEqual(siblings, ["out"], "no staging folder is left behind")
    }
}
