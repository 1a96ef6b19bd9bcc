import ArgumentParser
import Foundation

/// `kalc init`: a new project in an empty folder.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new project into an empty folder.",
        discussion: """
            The project has the shape of the edge-ai tutorial: two environments with a cluster \
            type per region, a workload with a deployment target per environment, scheduling \
            policies and the config the workload requires; it checks clean and is formatted. \
            With it come a CI workflow (.github/workflows/kalc.yml) that runs `kalc check \
            --format github` and `kalc compile`, and a .pre-commit-config.yaml. The folder is \
            created when it does not exist (its parent must); a folder that holds anything is \
            refused. Nothing is written outside the folder, and nothing is left behind when a \
            file cannot be written. Exit status: 0 written, 2 refused or not written.
            """
    )

    @Argument(help: "The folder of the new project. Default: the current folder.")
    var folder: String = "."

    func run() throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        let existed = files.fileExists(atPath: folder, isDirectory: &isDirectory)
        if existed {
            guard isDirectory.boolValue else { throw UsageError("\(folder) is not a folder") }
            let entries: [String]
            do {
                entries = try files.contentsOfDirectory(atPath: folder)
            } catch {
                throw UsageError("cannot read the folder \(folder): \(error.localizedDescription)")
            }
            guard entries.isEmpty else {
                throw UsageError("\(folder) is not empty; kalc init writes a new project into an empty folder")
            }
        } else {
            do {
                try files.createDirectory(atPath: folder, withIntermediateDirectories: false)
            } catch {
                throw UsageError("cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        var written = NewProjectWriter(root: folder, createdRoot: !existed)
        for file in NewProjectFiles.files {
            do {
                try written.write(file.text, to: file.path)
            } catch {
                written.removeAll()
                throw UsageError("cannot write \(folder)/\(file.path): \(error.localizedDescription); nothing was kept")
            }
        }
        let shown = folder == "." ? "the current folder" : folder
        var report = "wrote a new project in \(shown):\n"
        for file in NewProjectFiles.files { report += "  \(file.path)\n" }
        report += folder == "." ? "next: kalc check && kalc plan\n" : "next: cd \(folder) && kalc check && kalc plan\n"
        Output.standardOutput(report)
    }
}

/// The files and folders `kalc init` made, so that a failure removes exactly those.
private struct NewProjectWriter {
    var root: String
    var createdRoot: Bool
    var createdFiles: [String] = []
    var createdFolders: [String] = []

    /// Writes `text` to `relative` below the root, making the folders on the way; an
    /// existing file is never replaced.
    mutating func write(_ text: String, to relative: String) throws {
        var folder = root
        for component in relative.split(separator: "/").dropLast() {
            folder += "/" + component
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) { continue }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            createdFolders.append(folder)
        }
        let path = root + "/" + relative
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        createdFiles.append(path)
    }

    /// Removes what was written, deepest first, and the root when it was made here.
    func removeAll() {
        for path in createdFiles.reversed() { try? FileManager.default.removeItem(atPath: path) }
        for path in createdFolders.reversed() { rmdir(path) }
        if createdRoot { rmdir(root) }
    }
}
