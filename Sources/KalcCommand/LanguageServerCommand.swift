import ArgumentParser
import Foundation
import KalcDriver
import KalcGitOps
import KalcLanguageServer

/// `kalc lsp`: the language server, speaking the Language Server Protocol on standard input
/// and output.
struct LanguageServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the kalc language server on standard input and output.",
        discussion: """
            Speaks the Language Server Protocol (JSON-RPC with Content-Length framing) on \
            standard input and output, and logs to standard error. Every .kal file below the \
            workspace folders is checked as one project, open buffers in place of the files on \
            disk. Exit status: 0 after the client's shutdown and exit, 1 when the client exits \
            or disconnects without shutdown.
            """
    )

    @Flag(name: .long, help: "Accepted for editors that pass it; standard input and output are always used.")
    var stdio = false

    @Option(name: .customLong("clientProcessId"), help: "Accepted for editors that pass it; the server ends when the editor closes its input.")
    var clientProcessID: Int?

    func run() throws {
        // A client that goes away must not kill the server with SIGPIPE mid-write.
        signal(SIGPIPE, SIG_IGN)
        // The GitOps checks (config requirements, templates) run once every file parses; the
        // cache keeps what an edit cannot change from being rendered again.
        let status = StdioConnection.run(laterChecks: Pipeline.gitOpsChecks(cache: GitOpsCache()), version: kalcVersion)
        throw ExitCode(status)
    }
}
