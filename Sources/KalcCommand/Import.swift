import ArgumentParser
import Foundation
import KalcDiagnostics
import KalcLanguageServer
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
            registration points to). Every *.yaml and *.yml file below them is read, with any \
            name and any number of documents; .git/ and .github/ are skipped, as Flux skips them. \
            The source is printed in the canonical layout, or written to --output. Exit status: \
            0 imported (warnings allowed), 1 errors in the YAML, 2 usage or input/output problems.
            """
    )

    @Argument(help: "The folder of the control plane.")
    var folder: String

    @Option(name: [.short, .long], help: "Write the source to this file instead of standard output.")
    var output: String?

    @OptionGroup var diagnosticOptions: DiagnosticOptions

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("no such folder: \(folder)")
        }
        let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        var files: [SourceFile] = []
        var unreadable: [Diagnostic] = []
        for top in ["control-plane", "workloads"] {
            for path in Self.yamlFiles(under: root + "/" + top) {
                switch DiskFileSystem().read(path) {
                case .source(let file): files.append(file)
                case .problem(let diagnostic): unreadable.append(diagnostic)
                case .missing: throw UsageError("cannot read \(path): it is a folder")
                }
            }
        }
        if !unreadable.isEmpty {
            _ = diagnosticOptions.report(unreadable, sources: files)
            throw ExitCode(2)
        }
        if files.isEmpty {
            throw UsageError("no YAML files under \(root)/control-plane or \(root)/workloads")
        }
        let reader = ControlPlaneReader.read(files, root: root)
        let failed = diagnosticOptions.report(reader.diagnostics, sources: files)
        if failed { throw ExitCode(1) }
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

    /// Every YAML file below a folder, in path order, skipping `.git` and `.github`.
    static func yamlFiles(under folder: String) -> [String] {
        DiskFileSystem.files(under: folder, descendingInto: { $0 != ".git" && $0 != ".github" },
                             keeping: { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") })
    }
}
