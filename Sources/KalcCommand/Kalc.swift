import ArgumentParser
import Foundation
import KalcDriver
import KalcGit
import KalcYAML

/// The `kalc` command: checks Kalypso control planes written in `.kal` files and compiles
/// them to Kalypso's CRDs and GitOps trees.
public struct Kalc: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kalc",
        abstract: "A compiler for Kalypso control planes.",
        version: versionDescription,
        subcommands: [Check.self, Compile.self, Diff.self, Explain.self, Format.self, Import.self, Init.self, LanguageServerCommand.self, Plan.self]
    )

    public init() {}

    /// Runs the command line, mapping outcomes to kalc's exit statuses: 0 success, 1 errors
    /// in the input, 2 usage or input/output problems.
    public static func execute() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UsageError {
            Output.standardError("error: \(error.description)\n")
            Foundation.exit(2)
        } catch let error as InputError {
            Output.standardError("error: \(error.description)\n")
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Output.standardError(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// The version kalc reports.
public let kalcVersion = "0.1.0"

/// What `kalc --version` prints: the version, the commit it was built from and the versions
/// of the C libraries linked in.
let versionDescription = "\(kalcVersion) (commit \(sourceCommit ?? "unknown: built from a working tree"), libgit2 \(GitLibrary.version), libyaml \(YAMLLibrary.version))"

/// A mistake in how kalc was called (exit status 2).
struct UsageError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
