import Foundation
import KalcTestSupport
import XCTest

/// `kalc init` end to end: the project it writes is `templates/project/` byte for byte,
/// checks clean, is formatted and compiles; a folder that holds anything is refused.
final class InitCommandTests: XCTestCase {
    /// Every file below `folder`, by path relative to it, with its bytes.
    func contents(of folder: String) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: folder))
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue { found[relative] = FileManager.default.contents(atPath: folder + "/" + relative) }
        }
        return found
    }

    func testWritesTheTemplateThatChecksCleanFormatsAndCompiles() throws {
        let root = try temporaryFolder(self)
        let run = try runKalc(["init", "fleet"], in: root)
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertTrue(run.standardOutput.hasPrefix("wrote a new project in fleet:\n"), run.standardOutput)
        // The compiled-in files are templates/project/ (scripts/generate-project-template.py).
        let template = try contents(of: repositoryRoot + "/templates/project")
        XCTAssertTrue(template.keys.contains(".github/workflows/kalc.yml"))
        XCTAssertTrue(template.keys.contains(".pre-commit-config.yaml"))
        XCTAssertEqual(try contents(of: root + "/fleet"), template, "run scripts/generate-project-template.py")

        let check = try runKalc(["check", "--werror", "fleet"], in: root)
        XCTAssertEqual(check.status, 0, check.standardError)
        XCTAssertEqual(check.standardError, "")
        XCTAssertEqual(try runKalc(["fmt", "--check", "fleet"], in: root).status, 0)
        let compile = try runKalc(["compile", "fleet", "--out", "out"], in: root)
        XCTAssertEqual(compile.status, 0, compile.standardError)
        for environment in ["dev", "prod"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/out/gitops/" + environment), environment)
        }
        // The tutorial's shape: a target per environment, a cluster type per region.
        let plan = try runKalc(["plan", "fleet", "--format", "json"], in: root)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any])
        let environments = try XCTUnwrap(document["environments"] as? [[String: Any]])
        let placed = environments.map { environment in
            ((environment["assignments"] as? [[String: String]]) ?? []).map { "\(environment["name"]!): \($0["deploymentTarget"]!) → \($0["clusterType"]!)" }
        }
        XCTAssertEqual(placed, [["dev: hello-world-dev → east-us"], ["prod: hello-world-prod → east-us", "prod: hello-world-prod → west-us"]])
    }

    func testCIAndPreCommitRunTheChecksOfThisVersion() throws {
        let root = try temporaryFolder(self)
        XCTAssertEqual(try runKalc(["init"], in: root).status, 0)
        let version = try runKalc(["--version"]).standardOutput.split(whereSeparator: \.isWhitespace).first { $0.first?.isNumber == true }.map(String.init) ?? ""
        let workflow = try String(contentsOfFile: root + "/.github/workflows/kalc.yml", encoding: .utf8)
        XCTAssertTrue(workflow.contains("run: kalc check --format github\n"), workflow)
        XCTAssertTrue(workflow.contains("run: kalc compile --out build\n"), workflow)
        XCTAssertTrue(workflow.contains("KALC_VERSION: \"\(version)\""), "the workflow installs kalc \(version)")
        // The CI guide installs kalc with the same step.
        let install = try XCTUnwrap(workflow.range(of: "      - name: Install kalc\n"))
        let installed = try XCTUnwrap(workflow.range(of: "\"$GITHUB_PATH\"\n", range: install.upperBound..<workflow.endIndex))
        XCTAssertTrue(try repositoryFile("docs/ci.md").contains(workflow[install.lowerBound..<installed.upperBound]), "docs/ci.md installs kalc another way")
        let hooks = try String(contentsOfFile: root + "/.pre-commit-config.yaml", encoding: .utf8)
        XCTAssertTrue(hooks.contains("rev: v\(version)\n"), hooks)
        let published = try repositoryFile(".pre-commit-hooks.yaml")
        for id in ["kalc-check", "kalc-fmt"] {
            XCTAssertTrue(hooks.contains("- id: \(id)\n"), id)
            XCTAssertTrue(published.contains("- id: \(id)\n"), id)
        }
    }

    func testRefusesAFolderThatHoldsAnything() throws {
        let root = try temporaryFolder(self)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: root + "/.notes"))
        let run = try runKalc(["init", root], in: root)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.standardError.contains("is not empty"), run.standardError)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root), [".notes"])
        XCTAssertEqual(FileManager.default.contents(atPath: root + "/.notes"), Data("mine\n".utf8))
    }

    func testMakesOnlyTheFolderItself() throws {
        let root = try temporaryFolder(self)
        let run = try runKalc(["init", "a/b"], in: root)
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root), [])
    }

    func testLeavesNothingWhenItCannotWrite() throws {
        // Run as an unprivileged user in a folder it may read but not write.
        let root = try temporaryFolder(self)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root)
        let project = root + "/project"
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: project)
        let run = try runKalc(["init", project], in: root, unprivileged: true)
        XCTAssertEqual(run.status, 2, run.standardError)
        XCTAssertTrue(run.standardError.contains("cannot write"), run.standardError)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: project), [])
    }
}
