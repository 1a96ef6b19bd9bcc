import ArgumentParser
import Foundation
import KalcDiagnostics
import KalcDriver
import KalcResources
import KalcSyntax

/// `kalc import`: read an existing Kalypso control plane and print it as `.kal` source.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Print an existing Kalypso control plane (YAML) as .kal source.",
        discussion: """
            DIR holds control-plane/main/ and control-plane/<environment>/ (the branches of the \
            control-plane repository) and workloads/<registration>/ (what each workload \
            registration points to). Each branch is read as Flux delivers it: what its \
            .sourceignore files and Flux's default exclusions leave out is skipped, and every \
            other *.yaml and *.yml file is read, with any name and any number of documents. \
            With --env, only those environments' branches are read, with the main branch and \
            the Workloads they reach. The source is printed in the canonical layout, or written \
            to --output. Exit status: 0 imported (warnings allowed), 1 errors in the YAML, 2 \
            usage or input/output problems.
            """
    )

    @Argument(help: "The folder of the control plane.")
    var folder: String

    @Option(name: [.short, .long], help: "Write the source to this file instead of standard output.")
    var output: String?

    @Option(name: .customLong("env"), help: ArgumentHelp("Import only this environment (repeatable), with the main branch and the Workloads it reaches.", valueName: "NAME"))
    var environments: [String] = []

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("no such folder: \(folder)")
        }
        let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        var files: [SourceFile] = []
        var unreadable: [Diagnostic] = []
        // Symbolic links are followed only within the folder of the control plane.
        let project = ProjectFolders([root])
        func read(_ path: String) throws -> SourceFile? {
            switch DiskFileSystem().read(path, project: project, selection: Self.listedSelection) {
            case .source(let file): return file
            case .problem(let diagnostic): unreadable.append(diagnostic)
            case .missing: throw UsageError("cannot read \(path): it is a folder")
            }
            return nil
        }
        let selected = environments.isEmpty ? nil : Set(environments)
        // With --env, the other environments' branches are not read at all: a file there that
        // cannot be read stops nothing.
        func isLeftOut(_ path: String) -> Bool {
            guard let selected, path.hasPrefix(root + "/") else { return false }
            let parts = path.dropFirst(root.count + 1).split(separator: "/")
            return parts.count > 2 && parts[0] == "control-plane" && parts[1] != "main" && !selected.contains(String(parts[1]))
        }
        var listed: [String] = []
        for top in ["control-plane", "workloads"] {
            let search = Self.listedFiles(under: root + "/" + top, project: project)
            unreadable += search.problems.filter { !isLeftOut($0.location.file) }
            listed += search.files.filter { !isLeftOut($0) }.map { String($0.dropFirst(root.count + 1)) }
        }
        var ignoreFiles: [String: String] = [:]
        for relative in listed where relative.hasSuffix("/" + SourceIgnore.fileName) {
            if let file = try read(root + "/" + relative) { ignoreFiles[relative] = String(decoding: file.bytes, as: UTF8.self) }
        }
        for relative in SourceIgnore.deliveredYAMLFiles(listed, ignoreFiles: ignoreFiles) {
            if let file = try read(root + "/" + relative) { files.append(file) }
        }
        if !unreadable.isEmpty {
            _ = diagnosticOptions.report(unreadable, sources: files)
            throw ExitCode(2)
        }
        if files.isEmpty {
            throw UsageError("no YAML files under \(root)/control-plane or \(root)/workloads")
        }
        let reader = ControlPlaneReader.read(files, root: root, environments: selected)
        let failed = diagnosticOptions.report(reader.diagnostics, sources: files)
        if failed { throw ExitCode(1) }
        let found = Set(reader.plane.environments.map(\.header.name.value))
        if let missing = environments.first(where: { !found.contains($0) }) {
            throw UsageError("no Environment named `\(missing)` in \(root)/control-plane/main")
        }
        let written = KalSourceWriter.source(of: reader.plane)
        let tree = SyntaxTree.parse(SourceFile(path: "<import>", text: written))
        guard let source = Formatter.format(tree) else {
            let problems = tree.diagnostics.map { "\($0.code) \($0.message)" }.joined(separator: "; ")
            throw UsageError("internal error: the imported source does not parse (\(problems))")
        }
        if let output {
            try write(source, to: output)
        } else {
            Output.standardOutput(source)
        }
    }

    /// Writes the source to `path`: a regular file (or a new one) is replaced atomically,
    /// keeping its mode, owner and links (see `FileRewrite`); anything else — `/dev/null`,
    /// a terminal, a pipe — is written to in place, never replaced.
    func write(_ source: String, to path: String) throws {
        do {
            try FileRewrite(path: path).write(source)
        } catch {
            _ = diagnosticOptions.report([error.diagnostic], sources: [])
            throw ExitCode(2)
        }
    }

    /// The files `kalc import` lists: YAML and `.sourceignore` files, outside `.git` (which
    /// Flux always leaves out); what else Flux leaves out is decided by `SourceIgnore`.
    static let listedSelection = FileSelection(
        kind: "YAML file", entersFolder: { $0 != ".git" },
        keepsFile: { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0 == SourceIgnore.fileName })

    /// Every listed file below a folder, in path order, and the folders and links not searched.
    static func listedFiles(under folder: String, project: ProjectFolders) -> FolderSearch {
        DiskFileSystem.search(folder, selecting: listedSelection, project: project)
    }
}
