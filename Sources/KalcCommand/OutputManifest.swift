import Foundation
import KalcTemplate

/// The list of files kalc wrote into an output folder, with the SHA-256 digest of each: the
/// proof that a folder is kalc's to replace.
///
/// It is written last into the staging folder, so it reaches the destination in the same
/// step as the files it lists: a folder holding a manifest holds a complete output. The file
/// is `DIR/.kalc-output` in `sha256sum`'s format (`<digest>  <path>` per line, a path holding
/// `\` or a line break escaped as GNU coreutils does), so `sha256sum -c .kalc-output` in DIR
/// checks the output with standard tools.
struct OutputManifest: Equatable {
    /// The manifest's name inside the output folder.
    static let name = ".kalc-output"
    /// The largest manifest kalc reads: far more than a million files' lines.
    static let maximumSize = 256 << 20

    /// The SHA-256 digest of each file, in hexadecimal, by path relative to the folder.
    var digests: [String: String]

    init(digests: [String: String]) {
        self.digests = digests
    }

    /// The manifest of `files` (relative path to content), digested on a few threads.
    init(files: [String: String]) {
        let entries = Array(files)
        var hexes = [String](repeating: "", count: entries.count)
        hexes.withUnsafeMutableBufferPointer { buffer in
            let results = UnsafeSendableBuffer(buffer)
            let workers = min(8, max(1, entries.count / 64))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: entries.count, by: workers) {
                    results.buffer[index] = Self.digest(Array(entries[index].value.utf8))
                }
            }
        }
        digests = Dictionary(uniqueKeysWithValues: zip(entries.map(\.key), hexes))
    }

    /// The hexadecimal SHA-256 digest of `bytes`.
    static func digest(_ bytes: [UInt8]) -> String {
        Digest.hex(Digest.sha256(bytes))
    }

    /// The manifest's text, one line per file in path order.
    var text: String {
        var text = ""
        for path in digests.keys.sorted() {
            let escaped = path.contains("\\") || path.contains("\n")
            let written = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            text += (escaped ? "\\" : "") + digests[path, default: ""] + "  " + written + "\n"
        }
        return text
    }

    /// Reads a manifest's text; nil when any line is not a line kalc writes.
    init?(text: String) {
        var digests: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            var line = Substring(line)
            let escaped = line.hasPrefix("\\")
            if escaped { line = line.dropFirst() }
            let digest = line.prefix(64)
            guard digest.count == 64, digest.allSatisfy({ $0.isHexDigit && !$0.isUppercase }),
                line.dropFirst(64).hasPrefix("  ")
            else { return nil }
            var path = String(line.dropFirst(66))
            if escaped {
                guard let unescaped = Self.unescape(path) else { return nil }
                path = unescaped
            }
            guard OutputFolder.isSafe(path), digests.updateValue(String(digest), forKey: path) == nil else { return nil }
        }
        guard text.isEmpty || text.hasSuffix("\n") else { return nil }
        self.digests = digests
    }

    private static func unescape(_ text: String) -> String? {
        var result = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "\\": result.append("\\")
            case "n": result.append("\n")
            default: return nil
            }
        }
        return result
    }
}

/// A buffer several threads write to, each at its own indices.
private struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }
}
