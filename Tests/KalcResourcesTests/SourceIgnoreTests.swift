import KalcResources
import XCTest

/// `.sourceignore` as Flux's source-controller reads it: the cases of gitignore's
/// documentation (as quoted in Flux's `sourceignore/gitignore` package), Flux's default
/// exclusions, and where Flux's matcher differs from git's.
final class SourceIgnoreTests: XCTestCase {
    /// Checks which of `paths` (files, or folders when they end with `/`) the patterns of one
    /// `.sourceignore` at the branch's root leave out.
    func check(_ text: String, excludes excluded: [String], keeps kept: [String], file: StaticString = #filePath, line: UInt = #line) {
        let rules = SourceIgnore(ignoreFiles: [(folder: [], text: text)])
        for path in excluded {
            XCTAssertTrue(rules.excludes(components(path), isDirectory: path.hasSuffix("/")), "\(path) is kept by \(text.debugDescription)", file: file, line: line)
        }
        for path in kept {
            XCTAssertFalse(rules.excludes(components(path), isDirectory: path.hasSuffix("/")), "\(path) is left out by \(text.debugDescription)", file: file, line: line)
        }
    }

    func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    func testBlankLinesAndCommentsMatchNothing() {
        check("\n# a.yaml\n   \n", excludes: [], keeps: ["a.yaml", "# a.yaml"])
        check("\\#a.yaml\n", excludes: ["#a.yaml"], keeps: ["a.yaml"])
    }

    func testTrailingSpacesAreIgnoredUnlessEscaped() {
        check("a.yaml   \n", excludes: ["a.yaml"], keeps: [])
        check("a\\ \n", excludes: ["a "], keeps: ["a"])
    }

    func testANegationIncludesAgainWhatAnEarlierPatternExcluded() {
        check("*.yaml\n!keep.yaml\n", excludes: ["drop.yaml", "sub/drop.yaml"], keeps: ["keep.yaml", "sub/keep.yaml"])
        check("!keep.yaml\n*.yaml\n", excludes: ["keep.yaml"], keeps: [])
        check("\\!important!.txt\n", excludes: ["!important!.txt"], keeps: ["important!.txt"])
    }

    func testATrailingSlashMatchesFoldersOnly() {
        check("foo/\n", excludes: ["foo/", "foo/a.yaml", "x/foo/a.yaml"], keeps: ["foo", "x/foo"])
    }

    func testAPatternWithoutASlashMatchesANameAtAnyLevel() {
        check("*.log\n", excludes: ["a.log", "x/y/a.log", "z.log/a.yaml"], keeps: ["a.yaml"])
    }

    func testAPatternWithASlashMatchesFromItsFolder() {
        check(
            "Documentation/*.html\n",
            excludes: ["Documentation/git.html"],
            keeps: ["Documentation/ppc/ppc.html", "tools/perf/Documentation/perf.html"])
        check("/*.c\n", excludes: ["cat-file.c"], keeps: ["mozilla-sha1/sha1.c"])
    }

    func testTwoStars() {
        check("**/foo\n", excludes: ["foo", "a/foo", "a/b/foo", "a/foo/x.yaml"], keeps: ["foobar"])
        check("**/foo/bar\n", excludes: ["foo/bar", "a/foo/bar"], keeps: ["a/foo/x/bar", "a/bar"])
        check("abc/**\n", excludes: ["abc/a.yaml", "abc/x/y/a.yaml"], keeps: ["x/abc/a.yaml"])
        check("a/**/b\n", excludes: ["a/b", "a/x/b", "a/x/y/b"], keeps: ["a/x/c", "b"])
    }

    func testGlobsAreGoGlobs() {
        check("[a-c].yaml\n", excludes: ["a.yaml", "c.yaml"], keeps: ["d.yaml"])
        check("[^a].yaml\n", excludes: ["b.yaml"], keeps: ["a.yaml"])
        check("?.yaml\n", excludes: ["a.yaml"], keeps: ["ab.yaml"])
        check("\\*.yaml\n", excludes: ["*.yaml"], keeps: ["a.yaml"])
        // A malformed pattern matches nothing, as Go's error does in Flux.
        check("[a.yaml\n", excludes: [], keeps: ["[a.yaml", "a.yaml"])
    }

    func testAFileInAnExcludedFolderIsDeliveredWhenALaterPatternNamesIt() {
        // git would keep the folder out; Flux looks at every file on its own.
        check(".onboard/\n!.onboard/objects.yaml\n", excludes: [".onboard/site.yml"], keeps: [".onboard/objects.yaml"])
    }

    func testPatternsOfANestedFileApplyBelowItsFolder() {
        let rules = SourceIgnore(ignoreFiles: [(folder: [], text: "!sub/keep.yaml\n"), (folder: ["sub"], text: "*.yaml\n")])
        XCTAssertTrue(rules.excludes(["sub", "a.yaml"], isDirectory: false))
        XCTAssertFalse(rules.excludes(["a.yaml"], isDirectory: false))
        // The deeper file comes later and wins over the root's negation.
        XCTAssertTrue(rules.excludes(["sub", "keep.yaml"], isDirectory: false))
    }

    func testFluxsDefaultExclusionsApplyWithoutPatterns() {
        check(
            "", excludes: [".git/config", ".github/workflows/ci.yaml", "logo.png", "cloudbuild.yaml", "x/.sops.yaml", "x/.flux.yaml", ".gitignore"],
            keeps: ["a.yaml", ".environments/dev.yaml"])
        check("# only a comment\n", excludes: [".github/workflows/ci.yaml"], keeps: [])
    }

    func testPatternsReplaceTheDefaultExclusionsButNotVersionControl() {
        check(
            ".onboard/\n", excludes: [".onboard/site.yml", ".git/config", "x/.gitmodules"],
            keeps: [".github/workflows/ci.yaml", "logo.png", "x/.sops.yaml"])
    }

    func testTheDeliveredYAMLFilesOfEachBranch() {
        let paths = [
            "control-plane/main/.environments/dev.yaml",
            "control-plane/main/.onboard/site.yml",
            "control-plane/main/.sourceignore",
            "control-plane/main/README.md",
            "control-plane/dev/.github/workflows/ci.yaml",
            "control-plane/dev/cluster-types.yaml",
            "workloads/shop/workload.yaml",
        ]
        let delivered = SourceIgnore.deliveredYAMLFiles(paths, ignoreFiles: ["control-plane/main/.sourceignore": ".onboard/\n"])
        XCTAssertEqual(
            delivered,
            [
                "control-plane/main/.environments/dev.yaml",
                "control-plane/dev/cluster-types.yaml",
                "workloads/shop/workload.yaml",
            ])
    }

    /// Kalypso's own control plane lists `.environments/` in main's `.sourceignore` (so that
    /// its BaseRepo does not apply them), and its Helm chart's GitRepository delivers them.
    func testTheEnvironmentsOfMainAreDeliveredWhateverSourceIgnoreSays() {
        let paths = [
            "control-plane/main/.environments/dev.yaml", "control-plane/main/.github/workflows/ci.yaml", "control-plane/main/templates/arc-flux.yaml",
            "control-plane/dev/.environments/x.yaml",
        ]
        let ignoreFiles = ["control-plane/main/.sourceignore": ".github/\n.environments/\n", "control-plane/dev/.sourceignore": ".environments/\n"]
        XCTAssertEqual(
            SourceIgnore.deliveredYAMLFiles(paths, ignoreFiles: ignoreFiles),
            ["control-plane/main/.environments/dev.yaml", "control-plane/main/templates/arc-flux.yaml"])
    }
}
