import Foundation
import KalcSemantics
import XCTest

/// kalc's port of git's branch-name rules agrees with `git check-ref-format --branch`.
final class GitBranchNameTests: XCTestCase {
    static let names = [
        "dev", "gitops-qa", "kalc/dev", "release/2024.01", "@", "a@b", "@a", "é", "a.lockx", "x/lock",
        "", "HEAD", "-x", "a..b", "x.lock", "a/x.lock/b", ".a", "a/.b", "a.", "a/", "/a", "a//b",
        "a@{b", "a b", "a~b", "a^b", "a:b", "a?b", "a*b", "a[b", "a\\b", "a\tb", "a\u{7F}b",
    ]

    func testRulesAgreeWithGit() throws {
        for name in Self.names {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "check-ref-format", "--branch", name]
            process.currentDirectoryURL = FileManager.default.temporaryDirectory
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            try process.run()
            process.waitUntilExit()
            let gitAccepts = process.terminationStatus == 0
            let problem = GitBranchNames.problem(name)
            XCTAssertEqual(problem == nil, gitAccepts, "`\(name)`: git \(gitAccepts ? "accepts" : "refuses"), kalc says \(problem.map(String.init(describing:)) ?? "valid")")
        }
    }

    func testProblemsNameTheRule() {
        XCTAssertEqual(GitBranchNames.problem("a..b")?.description, "a branch name cannot contain `..`")
        XCTAssertEqual(GitBranchNames.problem("a\tb")?.description, "a branch name cannot contain the control character U+0009")
        XCTAssertEqual(GitBranchNames.problem("a/.b")?.description, "the part `.b` starts with `.`")
    }
}
