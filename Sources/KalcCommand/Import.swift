import ArgumentParser
import Foundation
import KalcDiagnostics
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
        for top in ["control-plane", "workloads"] {
            for path in Self.yamlFiles(under: root + "/" + top) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw UsageError("cannot read \(path)")
                }
                files.append(SourceFile(path: path, bytes: [UInt8](data)))
            }
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
            try Self.write(source, to: output)
        } else {
            Output.standardOutput(source)
        }
    }

    /// Writes the source to `path`: a regular file (or a new one) is replaced atomically;
    /// anything else — `/dev/null`, a terminal, a pipe — is written to in place, never
    /// replaced.
    static func write(_ source: String, to path: String) throws {
        var status = stat()
        let exists = lstat(path, &status) == 0
        let isRegular = exists && (status.st_mode & S_IFMT) == S_IFREG
        let isLink = exists && (status.st_mode & S_IFMT) == S_IFLNK
        do {
            if !exists || isRegular || isLink {
                try Data(source.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } else {
                guard let handle = FileHandle(forWritingAtPath: path) else {
                    throw UsageError("cannot write \(path)")
                }
                defer { try? handle.close() }
                try handle.write(contentsOf: Data(source.utf8))
            }
        } catch let error as UsageError {
            throw error
        } catch {
            throw UsageError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Every YAML file below a folder, in path order, skipping `.git` and `.github`.
    static func yamlFiles(under folder: String) -> [String] {
        var result: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for entry in entries {
                let path = current + "/" + entry
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if entry != ".git" && entry != ".github" { pending.append(path) }
                } else if entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") {
                    result.append(path)
                }
            }
        }
        return result.sorted()
    }
}
