import Foundation
import XCTest

/// A terminal session shown in the documentation: `$ command` lines, each followed by
/// what the command prints.
struct ConsoleSession {
    var commands: [String]

    init(_ block: String) {
        commands = block.split(separator: "\n").filter { $0.hasPrefix("$ ") }.map { String($0.dropFirst(2)) }
    }

    /// Runs the commands one after the other in one shell in `directory`, with the built
    /// `kalc` first on the `PATH` and colours off, and returns the session as the
    /// documentation shows it: each command, then its standard output and standard error
    /// as a terminal interleaves them, ending in a line break.
    func run(in directory: String, timeout: TimeInterval = 60) throws -> String {
        let separator = "\u{1E}kalc-session\u{1E}"
        var script = "exec 2>&1\n"
        for command in commands {
            script += "printf '\(separator)\\n'\n\(command)\n"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["PATH"] = kalcExecutable.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let output = LockedData()
        pipe.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                XCTFail("the session timed out: \(commands)")
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.waitUntilExit()
        pipe.fileHandleForReading.readabilityHandler = nil
        output.append(pipe.fileHandleForReading.readDataToEndOfFile())
        let text = String(decoding: output.value, as: UTF8.self)
        let outputs = text.components(separatedBy: separator + "\n").dropFirst()
        var session = ""
        for (command, printed) in zip(commands, outputs) {
            session += "$ \(command)\n" + printed
            if !printed.isEmpty && !printed.hasSuffix("\n") { session += "\n" }
        }
        return session
    }
}
