import Foundation
import KalcTestSupport
import XCTest

/// `kalc import` end to end.
final class ImportCommandTests: XCTestCase {
    func testImportPrintsFormattedSourceThatCompiles() throws {
        let folder = try temporaryFolder(self)
        let run = try runKalc(["import", "Tests/Fixtures/golden/basic-inference-config/input"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(run.standardOutput.hasPrefix("import std.templates\n"), run.standardOutput)
        try run.standardOutput.write(toFile: folder + "/imported.kal", atomically: true, encoding: .utf8)
        XCTAssertEqual(try runKalc(["fmt", "--check", "imported.kal"], in: folder).status, 0)
        let compile = try runKalc(["compile", "imported.kal", "--out", "out"], in: folder)
        XCTAssertEqual(compile.status, 0, compile.standardError)
    }

    func testImportWritesToAFile() throws {
        let folder = try temporaryFolder(self)
        let run = try runKalc(["import", repositoryRoot + "/Tests/Fixtures/golden/scheduling/input", "--output", "plane.kal"], in: folder)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardOutput, "")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/plane.kal"))
    }

    func testAnOutputThatIsNotAFileIsWrittenToNotReplaced() throws {
        // `--output /dev/null` or a pipe must stay what it is; a pipe stands in for both here.
        let folder = try temporaryFolder(self)
        let pipe = folder + "/pipe"
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        let received = ReceivedText()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: pipe) {
                received.text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
                try? handle.close()
            }
            received.done.signal()
        }
        reader.start()
        let run = try runKalc(["import", repositoryRoot + "/Tests/Fixtures/golden/scheduling/input", "--output", pipe], in: folder)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(received.done.wait(timeout: .now() + 20), .success)
        XCTAssertTrue(received.text.hasPrefix("import std.templates\n"), received.text)
        var status = stat()
        XCTAssertEqual(lstat(pipe, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "the pipe is still a pipe")
    }

    private final class ReceivedText: @unchecked Sendable {
        var text = ""
        let done = DispatchSemaphore(value: 0)
    }

    func testBrokenYAMLIsReportedAtItsPlace() throws {
        let folder = try temporaryFolder(self)
        try FileManager.default.createDirectory(atPath: folder + "/control-plane/main", withIntermediateDirectories: true)
        try "kind: Environment\nmetadata:\n  name: dev\nspec: [a, b\n".write(toFile: folder + "/control-plane/main/env.yaml", atomically: true, encoding: .utf8)
        let run = try runKalc(["import", ".", "--format", "github"], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.standardOutput.hasPrefix("::error file=control-plane/main/env.yaml,line=5,"), run.standardOutput)
        XCTAssertTrue(run.standardOutput.contains("title=K0601"), run.standardOutput)
    }

    /// A copy of a golden control plane with two environments (dev and qa) to change.
    func controlPlaneCopy() throws -> String {
        let folder = try temporaryFolder(self) + "/plane"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Tests/Fixtures/golden/basic-inference/input", toPath: folder)
        return folder
    }

    func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static let playbook = "- hosts: all\n  tasks:\n    - name: onboard\n      ansible.builtin.debug: {msg: hello}\n"

    func testABranchIsReadAsFluxDeliversIt() throws {
        let folder = try controlPlaneCopy()
        try write(Self.playbook, to: folder + "/control-plane/main/.onboard/site.yml")
        // Without a .sourceignore, Flux would deliver the playbook and fail to build the branch.
        let refused = try runKalc(["import", ".", "--format", "json"], in: folder)
        XCTAssertEqual(refused.status, 1, refused.standardError)
        XCTAssertTrue(refused.standardOutput.contains("control-plane/main/.onboard/site.yml"), refused.standardOutput)
        // As in Kalypso's own control plane: the BaseRepo leaves out .environments/, which
        // Kalypso's Helm chart delivers through a source of its own.
        try write("on: push\njobs: {}\n", to: folder + "/control-plane/main/.github/workflows/ci.yaml")
        try write("# Ansible, not Kubernetes\n.onboard/\n.github/\n.environments/\n", to: folder + "/control-plane/main/.sourceignore")
        let imported = try runKalc(["import", "."], in: folder)
        XCTAssertEqual(imported.status, 0, imported.standardError)
        XCTAssertEqual(imported.standardError, "")
        XCTAssertTrue(imported.standardOutput.contains("environment qa {"), imported.standardOutput)
    }

    func testAConfigMapWithANumberFailsItsBranch() throws {
        let folder = try controlPlaneCopy()
        try write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: limits\ndata:\n  REPLICAS: 3\n", to: folder + "/control-plane/qa/configs/limits.yaml")
        let run = try runKalc(["import", "."], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.standardError.contains("error[K0604]: `data.REPLICAS` must be a string"), run.standardError)
        XCTAssertTrue(run.standardError.contains("control-plane/qa/configs/limits.yaml:6:13"), run.standardError)
        XCTAssertTrue(run.standardError.contains("nothing of branch `qa` is applied"), run.standardError)
    }

    func testOnlyTheEnvironmentsAsked() throws {
        let folder = try controlPlaneCopy()
        try write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: limits\ndata:\n  REPLICAS: 3\n", to: folder + "/control-plane/qa/configs/limits.yaml")
        let dev = try runKalc(["import", ".", "--env", "dev"], in: folder)
        XCTAssertEqual(dev.status, 0, dev.standardError)
        XCTAssertTrue(dev.standardOutput.contains("environment dev {"), dev.standardOutput)
        XCTAssertFalse(dev.standardOutput.contains("qa"), dev.standardOutput)
        try dev.standardOutput.write(toFile: folder + "/dev.kal", atomically: true, encoding: .utf8)
        let checked = try runKalc(["check", "dev.kal"], in: folder)
        XCTAssertEqual(checked.status, 0, checked.standardOutput + checked.standardError)
        let both = try runKalc(["import", ".", "--env", "dev", "--env", "qa"], in: folder)
        XCTAssertEqual(both.status, 1)
        let unknown = try runKalc(["import", ".", "--env", "prod"], in: folder)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.standardError.contains("no Environment named `prod`"), unknown.standardError)
    }

    func testAliasesOfALargeScalarEndInADiagnosticWithinSeconds() throws {
        let folder = try controlPlaneCopy()
        var text =
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  labels: {platform-config: \"true\"}\ndata:\n  k0: &big \"" + String(repeating: "x", count: 1 << 20) + "\"\n"
        for index in 1..<2_000 { text += "  k\(index): *big\n" }
        try write(text, to: folder + "/control-plane/dev/configs/big.yaml")
        let started = Date()
        let run = try runKalc(["import", ".", "--output", "plane.kal"], in: folder, timeout: 30)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.standardError.contains("error[K0601]: aliases expand to more than"), run.standardError)
        XCTAssertTrue(run.standardError.contains("control-plane/dev/configs/big.yaml:12:7"), run.standardError)
    }

    func testMissingFolderIsAUsageError() throws {
        XCTAssertEqual(try runKalc(["import", "no/such/folder"]).status, 2)
    }
}
