#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KalcDriver
import KalcJSON

/// Writes framed messages to a file descriptor, one whole message at a time, from any thread.
public final class MessageWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    // Guarded by `lock`.
    private var broken = false

    /// A writer to `descriptor` (standard output for `kalc lsp`).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Stops writing: later messages (from a check still running) are dropped, so nothing is
    /// written to the descriptor once the connection is over.
    public func close() {
        lock.withLock { broken = true }
    }

    /// Writes one message. Once the other end has gone, or the writer is closed, messages are dropped.
    public func send(_ message: JSONValue) {
        let bytes = MessageFramer.frame(message.serialized())
        lock.withLock {
            guard !broken else { return }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { buffer in
                    write(descriptor, buffer.baseAddress, buffer.count)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    broken = true
                    return
                }
                offset += written
            }
        }
    }
}

/// The language server on a pair of file descriptors: reads framed messages from one,
/// hands them to the server in order, and writes its messages to the other.
public enum StdioConnection {
    /// Serves until the client sends `exit` or closes its end, and returns the exit status:
    /// 0 when the client asked for `shutdown` first, 1 otherwise.
    public static func run(
        input: Int32 = STDIN_FILENO,
        output: Int32 = STDOUT_FILENO,
        fileSystem: ProjectFileSystem = DiskFileSystem(),
        debounce: DispatchTimeInterval = .milliseconds(1),
        laterChecks: LaterChecks? = nil,
        version: String = "",
        log: @escaping @Sendable (String) -> Void = StdioConnection.logToStandardError
    ) -> Int32 {
        let writer = MessageWriter(descriptor: output)
        let server = LanguageServer(fileSystem: fileSystem, debounce: debounce, laterChecks: laterChecks, version: version, send: writer.send, log: log)
        defer { writer.close() }
        var framer = MessageFramer()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                log("kalc lsp: cannot read standard input (errno \(errno))")
                break
            }
            if count == 0 { break }
            framer.append(buffer[0..<count])
            while let event = framer.next() {
                switch event {
                case .message(let body):
                    if server.receive(body) == .exit {
                        return server.exitStatus()
                    }
                case .malformedHeader(let problem):
                    log("kalc lsp: skipped a message: \(problem)")
                }
            }
        }
        log("kalc lsp: the client closed the connection")
        return server.exitStatus()
    }

    /// Writes a line to standard error, where a language server's log belongs.
    public static let logToStandardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
