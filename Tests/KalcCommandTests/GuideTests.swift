import Foundation
import KalcTestSupport
import KalcYAML
import XCTest

/// The sessions of the guides print what they show, and the pre-commit hooks the CI guide
/// documents run kalc as documented.
final class GuideTests: XCTestCase {
    /// Each `console` session of docs/migration.md, run from a folder laid out like the
    /// repository (with a fresh copy of `examples/`), prints exactly what the guide shows.
    func testMigrationGuideSessionsPrintWhatTheyShow() throws {
        let path = "docs/migration.md"
        let sessions = fencedBlocks(in: try repositoryFile(path)).filter { $0.language == "console" }
        XCTAssertFalse(sessions.isEmpty)
        for block in sessions {
            let root = try temporaryFolder(self)
            try FileManager.default.copyItem(atPath: repositoryRoot + "/examples", toPath: root + "/examples")
            let session = try ConsoleSession(block.content).run(in: root)
            XCTAssertEqual(session, block.content, "\(path):\(block.line):\n\(lineDiff(expected: block.content, actual: session))")
        }
    }

    /// A hook of `.pre-commit-hooks.yaml`.
    struct Hook {
        var id: String
        var entry: [String]
        var language: String
        var files: String
        var passFilenames: Bool
    }

    func hooks() throws -> [Hook] {
        let documents = try YAMLReader.documents(in: try repositoryFile(".pre-commit-hooks.yaml"))
        guard documents.count == 1, case .sequence(let items) = documents[0].content else {
            XCTFail(".pre-commit-hooks.yaml is not one list of hooks")
            return []
        }
        return items.compactMap { item -> Hook? in
            guard case .mapping(let entries) = item.content else { return nil }
            var fields: [String: String] = [:]
            for entry in entries {
                if case .scalar(let key, _) = entry.key.content, case .scalar(let value, _) = entry.value.content { fields[key] = value }
            }
            guard let id = fields["id"], let entry = fields["entry"], let language = fields["language"], let files = fields["files"] else {
                XCTFail("a hook lacks id, entry, language or files: \(fields)")
                return nil
            }
            return Hook(
                id: id, entry: entry.split(separator: " ").map(String.init), language: language, files: files,
                passFilenames: fields["pass_filenames"] != "false")
        }
    }

    /// Runs a hook the way pre-commit does, in `folder`, on the `.kal` files there.
    func run(_ hook: Hook, in folder: String) throws -> KalcRun {
        XCTAssertEqual(hook.entry.first, "kalc", hook.id)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".kal") }.sorted()
        return try runKalc(Array(hook.entry.dropFirst()) + (hook.passFilenames ? files : []), in: folder)
    }

    func testHooksPassOnACleanProjectAndFailOnItsMistakes() throws {
        let hooks = try hooks()
        XCTAssertEqual(hooks.map(\.id), ["kalc-check", "kalc-fmt"])
        for hook in hooks {
            XCTAssertEqual(hook.language, "system", hook.id)
            let pattern = try NSRegularExpression(pattern: hook.files)
            let matches = { (name: String) in pattern.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil }
            XCTAssertTrue(matches("control-plane/qa.kal"), hook.id)
            XCTAssertFalse(matches("control-plane/qa.yaml"), hook.id)

            let folder = try temporaryFolder(self) + "/plane"
            try FileManager.default.copyItem(atPath: repositoryRoot + "/examples/basic-inference", toPath: folder)
            let clean = try run(hook, in: folder)
            XCTAssertEqual(clean.status, 0, "\(hook.id): \(clean.standardOutput)\(clean.standardError)")
        }

        let folder = try temporaryFolder(self) + "/plane"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/examples/basic-inference", toPath: folder)
        let file = folder + "/control-plane.kal"
        let broken = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "reconciler = arc-flux", with: "reconciler   =   arc-flux-v2")
        try broken.write(toFile: file, atomically: true, encoding: .utf8)
        for hook in hooks {
            let run = try run(hook, in: folder)
            XCTAssertEqual(run.status, 1, "\(hook.id) passes a project with a mistake")
        }
    }
}
