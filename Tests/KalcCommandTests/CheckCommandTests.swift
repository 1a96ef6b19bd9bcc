import Foundation
import XCTest

/// `kalc check` end to end: exit statuses and every output format.
final class CheckCommandTests: XCTestCase {
    /// Three syntax errors far apart, on lines 4, 12 and 19.
    static let threeErrors = """
        environment dev {
          controlPlane = "https://github.com/contoso/control-plane" @ "dev"
          clusterType dev {
            reconciler arc-flux
            namespace = default
            config = configmap
          }
        }

        environment qa {
          controlPlane = "https://github.com/contoso/control-plane" @ "qa"
          policy p { targets where == x }
        }

        workload w {
          workspace = "edge-ai"
          target t in qa {
            manifests = "https://github.com/contoso/gitops" @ "qa"
            labels = [a b
          }
        }

        """

    func writeThreeErrors() throws -> String {
        let folder = try temporaryFolder(self)
        try Self.threeErrors.write(toFile: folder + "/broken.kal", atomically: true, encoding: .utf8)
        return folder
    }

    func testTimingsListEveryPhaseOnStandardError() throws {
        let check = try runKalc(["check", "examples/edge-fleet", "--timings"])
        XCTAssertEqual(check.status, 0, check.standardError)
        XCTAssertEqual(check.standardOutput, "")
        XCTAssertEqual(Self.phases(check.standardError), ["read", "parse", "check", "schedule", "config", "render", "total"])
        let checkNote = check.standardError.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(checkNote.hasPrefix("render: ") && checkNote.contains(" manifests rendered, ") && checkNote.hasSuffix(" outcomes known from an equal render"), checkNote)

        let out = try temporaryFolder(self) + "/out"
        let compile = try runKalc(["compile", "examples/edge-fleet", "--out", out, "--timings"])
        XCTAssertEqual(compile.status, 0, compile.standardError)
        XCTAssertEqual(Self.phases(compile.standardError), ["read", "parse", "check", "schedule", "config", "render", "emit", "write", "total"])
        XCTAssertFalse(compile.standardOutput.contains(" ms "), "timings go to standard error only")
        let compileNote = compile.standardError.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(compileNote.hasPrefix("render: ") && compileNote.hasSuffix(" manifests rendered"), compileNote)
    }

    /// The phase names of a `--timings` table (lines `name  12.3 ms  45.6 MB`).
    static func phases(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 5, fields[2] == "ms", fields[4] == "MB", Double(fields[1]) != nil, Double(fields[3]) != nil else { return nil }
            return String(fields[0])
        }
    }

    func testExamplesCheckCleanly() throws {
        let run = try runKalc(["check", "examples"])
        XCTAssertEqual(run.status, 0, run.standardError)
        XCTAssertEqual(run.standardError, "")
    }

    func testGitHubFormatPutsEachErrorOnItsLine() throws {
        let folder = try writeThreeErrors()
        let run = try runKalc(["check", "--format", "github", "broken.kal"], in: folder)
        XCTAssertEqual(run.status, 1)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, run.standardOutput)
        for (line, number) in zip(lines, [4, 12, 19]) {
            XCTAssertTrue(line.hasPrefix("::error file=broken.kal,line=\(number),col="), line)
            XCTAssertTrue(line.contains(",title=K00"), line)
        }
    }

    func testSARIFHasOneLocatedResultPerError() throws {
        let folder = try writeThreeErrors()
        let run = try runKalc(["check", "--format", "sarif", "broken.kal"], in: folder)
        XCTAssertEqual(run.status, 1)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        XCTAssertEqual(document["version"] as? String, "2.1.0")
        let runs = try XCTUnwrap(document["runs"] as? [[String: Any]])
        let results = try XCTUnwrap(runs.first?["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 3)
        let lines = results.compactMap { result -> Int? in
            let locations = result["locations"] as? [[String: Any]]
            let physical = locations?.first?["physicalLocation"] as? [String: Any]
            let region = physical?["region"] as? [String: Any]
            XCTAssertNotNil(result["ruleId"] as? String)
            XCTAssertEqual(result["level"] as? String, "error")
            XCTAssertNotNil(region?["startColumn"] as? Int)
            return region?["startLine"] as? Int
        }
        XCTAssertEqual(lines, [4, 12, 19])
    }

    func testSARIFCarriesTheFixOfAMisspeltTemplate() throws {
        let folder = try temporaryFolder(self)
        try """
        import std.templates

        environment qa {
          controlPlane = "https://github.com/contoso/control-plane" @ "qa"
          gitops = "https://github.com/contoso/gitops" @ "qa"
          base = "https://github.com/contoso/control-plane" @ "main"
          clusterType edge {
            reconciler = arc-flx
            namespace = default
            config = configmap
          }
        }

        """.write(toFile: folder + "/typo.kal", atomically: true, encoding: .utf8)
        let run = try runKalc(["check", "--format", "sarif", "typo.kal"], in: folder)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], run.standardError)
        let results = try XCTUnwrap((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let result = try XCTUnwrap(results.first { $0["ruleId"] as? String == "K0101" }, "\(results)")
        let fix = try XCTUnwrap((result["fixes"] as? [[String: Any]])?.first, "\(result)")
        XCTAssertEqual((fix["description"] as? [String: Any])?["text"] as? String, "Replace with `arc-flux`")
        let change = try XCTUnwrap((fix["artifactChanges"] as? [[String: Any]])?.first)
        XCTAssertEqual((change["artifactLocation"] as? [String: Any])?["uri"] as? String, "typo.kal")
        let replacement = try XCTUnwrap((change["replacements"] as? [[String: Any]])?.first)
        let region = try XCTUnwrap(replacement["deletedRegion"] as? [String: Int])
        XCTAssertEqual(region, ["startLine": 8, "startColumn": 18, "endLine": 8, "endColumn": 25])
        XCTAssertEqual((replacement["insertedContent"] as? [String: Any])?["text"] as? String, "arc-flux")
    }

    func testJSONFormatIsValidJSON() throws {
        let folder = try writeThreeErrors()
        let run = try runKalc(["check", "--format", "json", "broken.kal"], in: folder)
        XCTAssertEqual(run.status, 1)
        let diagnostics = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 3)
        XCTAssertEqual(diagnostics.map { $0["code"] as? String }, ["K0010", "K0010", "K0012"])
    }

    func testHumanFormatAnnotatesTheSource() throws {
        let folder = try writeThreeErrors()
        let run = try runKalc(["check", "broken.kal", "--color", "never"], in: folder)
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.standardError.contains("error[K0010]: expected `=` after `reconciler`"), run.standardError)
        XCTAssertTrue(run.standardError.contains(" --> broken.kal:4:15"), run.standardError)
        XCTAssertTrue(run.standardError.contains("4 |     reconciler arc-flux"), run.standardError)
        XCTAssertFalse(run.standardError.contains("\u{1B}["), "no colour when asked for none")
        XCTAssertTrue(run.standardError.hasSuffix("\nerror: 3 errors emitted\n"), "the summary is the last line, ended: \(run.standardError.suffix(60).debugDescription)")
    }

    func testColorAlwaysColours() throws {
        let folder = try writeThreeErrors()
        let run = try runKalc(["check", "broken.kal", "--color", "always"], in: folder)
        XCTAssertTrue(run.standardError.contains("\u{1B}["))
    }

    func testUsageAndInputProblemsExitWithTwo() throws {
        XCTAssertEqual(try runKalc(["check", "no/such/path.kal"]).status, 2)
        XCTAssertEqual(try runKalc(["check", "--format", "yaml", "examples"]).status, 2)
        XCTAssertEqual(try runKalc(["check", "--no-such-option"]).status, 2)
        let empty = try temporaryFolder(self)
        XCTAssertEqual(try runKalc(["check"], in: empty).status, 2)
    }

    func testWarningsAsErrorsFlagIsAccepted() throws {
        XCTAssertEqual(try runKalc(["check", "--werror", "examples"]).status, 0)
    }
}
