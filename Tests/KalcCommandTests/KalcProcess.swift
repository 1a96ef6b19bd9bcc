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
/// environment (nil removes one). With `shell`, `arguments` is a command line that runs
/// kalc itself (to set resource limits first).
func runKalc(_ arguments: [String], in directory: String = repositoryRoot, input: Data? = nil, timeout: TimeInterval = 20,
             environment changes: [String: String?] = [:], shell: Bool = false) throws -> KalcRun {
    let process = Process()
    process.executableURL = shell ? URL(fileURLWithPath: arguments[0]) : kalcExecutable
    process.arguments = shell ? Array(arguments.dropFirst()) : arguments
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
