import KalcDiagnostics
import KalcDriver
import KalcSyntax
import XCTest

/// Following `import "path"`: each imported file joins the project once, in the order found,
/// what cannot be imported is reported at the import, and nothing is reported past parsing
/// for a file that does not parse, its imports included.
final class ImportTests: XCTestCase {
    private let repo = "repo r = \"https://github.com/contoso/r\"\n"

    private func run(
        _ files: [String: String], given: [String], unreadable: Set<String> = [], documents: [String: String] = [:],
        resolvesDots: Bool = false
    ) -> PipelineResult {
        let fileSystem = MemoryFileSystem(files: files, unreadable: unreadable)
        let sources = given.map { SourceFile(path: $0, text: files[$0] ?? "") }
        let opened = documents.mapValues { $0 }
        let imports = ImportReading(
            fileSystem: fileSystem, project: ProjectFolders(["/p"]),
            document: { path in opened[path].map { SourceFile(path: path, text: $0) } }, resolvesDots: resolvesDots)
        return Pipeline.run(sources, imports: imports, options: PipelineOptions(through: .check))
    }

    func testImportedFilesAndFoldersJoinOnceInTheOrderFound() {
        let result = run(
            [
                "/p/main.kal": "import \"lib/a.kal\"\nimport \"shared\"\n",
                "/p/lib/a.kal": "import \"../shared\"\n" + repo,
                "/p/shared/b.kal": "import \"../lib/a.kal\"\n",
                "/p/shared/c.kal": "",
            ], given: ["/p/main.kal"])
        XCTAssertEqual(result.files.map(\.path), ["/p/main.kal", "/p/lib/a.kal", "/p/shared/b.kal", "/p/shared/c.kal"])
        XCTAssertEqual(result.trees.map(\.file.path), result.files.map(\.path))
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.code), [])
    }

    func testImportedFilesAreNamedAsJoinedOrResolved() {
        let files = [
            "/p/main.kal": "import \"lib/a.kal\"\n",
            "/p/lib/a.kal": "import \"../shared\"\n",
            "/p/shared/b.kal": repo,
        ]
        XCTAssertEqual(run(files, given: ["/p/main.kal"]).files.map(\.path), ["/p/main.kal", "/p/lib/a.kal", "/p/lib/../shared/b.kal"])
        XCTAssertEqual(run(files, given: ["/p/main.kal"], resolvesDots: true).files.map(\.path), ["/p/main.kal", "/p/lib/a.kal", "/p/shared/b.kal"])
    }

    func testAnOpenDocumentIsReadInPlaceOfTheFile() {
        let result = run(
            [
                "/p/main.kal": "import \"lib.kal\"\n",
                "/p/lib.kal": "this does not parse {",
            ], given: ["/p/main.kal"], documents: ["/p/lib.kal": repo])
        XCTAssertEqual(result.files.last.map { String(decoding: $0.bytes, as: UTF8.self) }, repo)
        XCTAssertFalse(result.hasSyntaxErrors)
    }

    func testWhatCannotBeImportedIsReportedAtTheImport() {
        let result = run(
            [
                "/p/main.kal": "import \"missing.kal\"\nimport \"locked.kal\"\n"
            ], given: ["/p/main.kal"], unreadable: ["/p/locked.kal"])
        let notFound = result.diagnostics.filter { $0.code == .importNotFound }
        XCTAssertEqual(notFound.map(\.location.file), ["/p/main.kal"])
        XCTAssertEqual(notFound.first?.message, "no file or folder at `missing.kal`")
        XCTAssertEqual(result.inputDiagnostics.map(\.location.file), ["/p/locked.kal"])
        XCTAssertEqual(result.inputDiagnostics.map(\.code), [.unreadableFile])
    }

    func testAFileThatCouldNotBeReadIsNotTriedAgain() {
        let result = run(
            [
                "/p/main.kal": "import \"locked.kal\"\nimport \"lib.kal\"\n",
                "/p/lib.kal": "import \"locked.kal\"\n",
            ], given: ["/p/main.kal"], unreadable: ["/p/locked.kal"])
        XCTAssertEqual(result.inputDiagnostics.count, 1)
    }

    func testImportDiagnosticsOfAFileThatDoesNotParseAreLeftOut() {
        let broken = run(["/p/main.kal": "import \"missing.kal\"\nenvironment {\n"], given: ["/p/main.kal"])
        XCTAssertTrue(broken.hasSyntaxErrors)
        XCTAssertFalse(broken.diagnostics.contains { $0.code == .importNotFound })
        XCTAssertTrue(broken.diagnostics.contains { $0.severity == .error })

        let parses = run(["/p/main.kal": "import \"missing.kal\"\n"], given: ["/p/main.kal"])
        XCTAssertFalse(parses.hasSyntaxErrors)
        XCTAssertEqual(parses.diagnostics.filter { $0.code == .importNotFound }.count, 1)
    }

    func testTheOtherFilesOfABrokenProjectKeepTheirImportDiagnostics() {
        let result = run(
            [
                "/p/main.kal": "import \"missing.kal\"\n",
                "/p/broken.kal": "import \"gone.kal\"\nenvironment {\n",
            ], given: ["/p/main.kal", "/p/broken.kal"])
        XCTAssertEqual(result.diagnostics.filter { $0.code == .importNotFound }.map(\.location.file), ["/p/main.kal"])
    }

    func testATreeIsReusedOnlyForTheSameBytes() {
        let file = SourceFile(path: "/p/a.kal", text: repo)
        // The earlier trees carry another name, which shows whether they were reused.
        let same = SyntaxTree.parse(SourceFile(path: "/p/earlier.kal", text: repo))
        let stale = SyntaxTree.parse(SourceFile(path: "/p/earlier.kal", text: "environment {\n"))
        let reused = Pipeline.run([file], options: PipelineOptions(through: .parse, parsed: [file.path: same]))
        XCTAssertEqual(reused.trees.map(\.file.path), ["/p/earlier.kal"])
        let parsed = Pipeline.run([file], options: PipelineOptions(through: .parse, parsed: [file.path: stale]))
        XCTAssertEqual(parsed.trees.map(\.file.path), ["/p/a.kal"])
        XCTAssertFalse(parsed.hasSyntaxErrors)
    }
}
