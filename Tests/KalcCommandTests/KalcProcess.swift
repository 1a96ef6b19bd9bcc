import Foundation
import KalcTestSupport
import XCTest

/// The outcome of running the real `kalc` binary.
struct KalcRun {
    var status: Int32
    var standardOutput: String
    var standardError: String
    var timedOut: Bool
    /// Whether kalc ended by a signal it did not catch (a crash), other than the one a
    /// time-out sends.
    var crashed: Bool = false
}

/// The built `kalc` executable, beside the test bundle.
let kalcExecutable: URL = {
    var folder = Bundle.main.bundleURL
    if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
    for candidate in [folder, Bundle.main.bundleURL.deletingLastPathComponent()] {
        let url = candidate.appendingPathComponent("kalc")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return folder.appendingPathComponent("kalc")
}()

/// Runs `kalc` with `arguments` in `directory`, feeding `input` on standard input, and
/// kills it after `timeout` seconds. `environment` replaces variables of the test's own
/// environment (nil removes one). When `unprivileged` and the tests run as root, kalc runs
/// as `nobody`, to whom permissions apply. With `shell`, `arguments` is a command line that
/// runs kalc itself (to set resource limits first).
func runKalc(
    _ arguments: [String], in directory: String = repositoryRoot, input: Data? = nil, timeout: TimeInterval = 20,
    environment changes: [String: String?] = [:], unprivileged: Bool = false, shell: Bool = false
) throws -> KalcRun {
    let process = Process()
    if shell {
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
    } else if unprivileged && geteuid() == 0 {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", kalcExecutable.path] + arguments
    } else {
        process.executableURL = kalcExecutable
        process.arguments = arguments
    }
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    for (name, value) in changes { environment[name] = value }
    process.environment = environment
    let outputPipe = Pipe()
    let errorPipe = Pipe()
    let inputPipe = Pipe()
    process.standardOutput = outputPipe
    process.standardError = errorPipe
    process.standardInput = inputPipe
    let outputData = LockedData()
    let errorData = LockedData()
    outputPipe.fileHandleForReading.readabilityHandler = { outputData.append($0.availableData) }
    errorPipe.fileHandleForReading.readabilityHandler = { errorData.append($0.availableData) }
    try process.run()
    if let input { inputPipe.fileHandleForWriting.write(input) }
    try? inputPipe.fileHandleForWriting.close()
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while process.isRunning {
        if Date() > deadline {
            timedOut = true
            process.terminate()
            break
        }
        Thread.sleep(forTimeInterval: 0.005)
    }
    process.waitUntilExit()
    outputPipe.fileHandleForReading.readabilityHandler = nil
    errorPipe.fileHandleForReading.readabilityHandler = nil
    outputData.append(outputPipe.fileHandleForReading.readDataToEndOfFile())
    errorData.append(errorPipe.fileHandleForReading.readDataToEndOfFile())
    return KalcRun(
        status: process.terminationStatus,
        standardOutput: String(decoding: outputData.value, as: UTF8.self),
        standardError: String(decoding: errorData.value, as: UTF8.self),
        timedOut: timedOut,
        crashed: !timedOut && process.terminationReason == .uncaughtSignal
    )
}

/// Bytes appended from several threads.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) {
        lock.lock()
        data.append(more)
        lock.unlock()
    }

    var value: Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}

/// A new empty folder under the temporary folder, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "kalc-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// Runs the git CLI in `directory` with no system or user configuration and returns its
/// standard output; a failure fails the test.
@discardableResult
func git(_ arguments: [String], in directory: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ["HOME": directory, "GIT_CONFIG_NOSYSTEM": "1", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = Pipe()
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, "git \(arguments.joined(separator: " ")) failed", file: file, line: line)
    return String(decoding: data, as: UTF8.self)
}
