import Foundation
import KalcGit
import XCTest

/// Dates and signatures read as git reads them.
final class SignatureTests: XCTestCase {
    /// Each line of `Fixtures/dates/valid.txt` is read by kalc and by git (as
    /// `GIT_AUTHOR_DATE`, in the zone Europe/Berlin), and both must give the same time.
    func testDatesReadLikeGit() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("dates", bare: true)
        let tree = try scratch.git(["--git-dir", path, "mktree"], input: [])
        let zone = try XCTUnwrap(TimeZone(identifier: "Europe/Berlin"))
        let dates = try String(decoding: XCTUnwrap(Fixtures.files(in: "dates")["valid.txt"]), as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertFalse(dates.isEmpty)
        for date in dates {
            let commit = try scratch.git(["--git-dir", path, "commit-tree", tree, "-m", "d"], environment: ["GIT_AUTHOR_DATE": date, "TZ": "Europe/Berlin"])
            let author = try scratch.git(["--git-dir", path, "log", "-1", "--format=%ad", "--date=raw", commit])
            XCTAssertEqual(try GitTime(parsing: date, timeZone: zone).description, author, date)
        }
    }

    func testDatesGitRefusesAreRefused() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("dates", bare: true)
        let tree = try scratch.git(["--git-dir", path, "mktree"], input: [])
        let dates = try String(decoding: XCTUnwrap(Fixtures.files(in: "dates")["invalid.txt"]), as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertFalse(dates.isEmpty)
        for date in dates {
            let result = try scratch.run(["--git-dir", path, "commit-tree", tree, "-m", "d"], environment: ["GIT_AUTHOR_DATE": date])
            XCTAssertNotEqual(result.status, 0, "git accepts `\(date)`; it does not belong in invalid.txt")
            XCTAssertThrowsError(try GitTime(parsing: date), date) { error in
                XCTAssertEqual(error as? GitError, .invalidDate(date))
            }
        }
    }

    func testSignatureTakesGivenPartsThenTheEnvironmentThenDefaults() throws {
        let now = GitTime(secondsSinceEpoch: 1_800_000_000, offsetMinutes: 0)
        let utc = try XCTUnwrap(TimeZone(identifier: "UTC"))
        let environment = [
            "GIT_AUTHOR_NAME": "Env Author", "GIT_AUTHOR_EMAIL": "env@example.com", "GIT_AUTHOR_DATE": "2005-04-07T22:13:13+02:00",
            "GIT_COMMITTER_NAME": "", "GIT_COMMITTER_DATE": "@1112911993 -0700",
        ]
        let author = try GitSignature.resolve(.author, defaultName: "kalc", defaultEmail: "kalc@localhost", environment: environment, now: now, timeZone: utc)
        XCTAssertEqual(author, GitSignature(name: "Env Author", email: "env@example.com", time: GitTime(secondsSinceEpoch: 1_112_904_793, offsetMinutes: 120)))

        let committer = try GitSignature.resolve(.committer, defaultName: "kalc", defaultEmail: "kalc@localhost", environment: environment, now: now, timeZone: utc)
        XCTAssertEqual(committer, GitSignature(name: "kalc", email: "kalc@localhost", time: GitTime(secondsSinceEpoch: 1_112_911_993, offsetMinutes: -420)))

        let given = GitTime(secondsSinceEpoch: 42, offsetMinutes: 30)
        let explicit = try GitSignature.resolve(
            .author, name: "Given", email: "given@example.com", time: given, defaultName: "kalc", defaultEmail: "kalc@localhost",
            environment: environment, now: now, timeZone: utc)
        XCTAssertEqual(explicit, GitSignature(name: "Given", email: "given@example.com", time: given))

        XCTAssertEqual(try GitSignature.resolve(.author, defaultName: "kalc", defaultEmail: "k@l", environment: [:], now: now).time, now)
        XCTAssertThrowsError(try GitSignature.resolve(.author, defaultName: "kalc", defaultEmail: "k@l", environment: ["GIT_AUTHOR_DATE": "yesterday-ish"], now: now)) { error in
            XCTAssertEqual(error as? GitError, .invalidDate("yesterday-ish"))
        }
    }

    func testSignaturesGitCannotWriteAreRefused() throws {
        let scratch = try Scratch()
        let path = try scratch.makeRepository("platform", bare: true)
        var request = Signatures.request("dev", GitOpsTreeUpdate(ownedFolders: [], files: [:]))
        request.author.name = "A <B>"
        XCTAssertThrowsError(try GitRepository(path: path).commit(request)) { error in
            XCTAssertEqual(error as? GitError, .invalidSignature("A <B> <kalc-author@example.com>"))
        }
        XCTAssertNil(try scratch.tip(of: "dev", in: path))
    }
}
