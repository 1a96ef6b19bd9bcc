import Dispatch
import Foundation
import KalcTestSupport
import XCTest

/// The small control plane the hardening tests turn into hostile input.
let shopSource: String = {
    (try? String(contentsOfFile: repositoryRoot + "/Tests/Fixtures/hardening/shop.kal", encoding: .utf8)) ?? ""
}()

/// `shopSource` with each `(text, replacement)` applied once; fails the test when a text is
/// not in it, so that a changed fixture cannot make a case test nothing.
func shop(_ replacements: [(String, String)], file: StaticString = #filePath, line: UInt = #line) -> String {
    var source = shopSource
    for (text, replacement) in replacements {
        guard let range = source.range(of: text) else {
            XCTFail("`\(text)` is not in shop.kal", file: file, line: line)
            continue
        }
        source.replaceSubrange(range, with: replacement)
    }
    return source
}

/// Writes `files` (relative path to bytes) below `folder`, creating folders as needed, in
/// the order given.
func write(_ files: [(String, [UInt8])], under folder: String) throws {
    for (relative, bytes) in files {
        let url = URL(fileURLWithPath: folder + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}

/// Every regular file below `folder` with its bytes, by relative path; symbolic links are
/// listed with the path they point to, and never followed.
func tree(of folder: String) -> [String: Data] {
    var result: [String: Data] = [:]
    let manager = FileManager.default
    var pending = [""]
    while let relative = pending.popLast() {
        let path = relative.isEmpty ? folder : folder + "/" + relative
        for entry in (try? manager.contentsOfDirectory(atPath: path)) ?? [] {
            let child = relative.isEmpty ? entry : relative + "/" + entry
            if let target = try? manager.destinationOfSymbolicLink(atPath: folder + "/" + child) {
                result[child] = Data("-> \(target)".utf8)
                continue
            }
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: folder + "/" + child, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                pending.append(child)
            } else {
                result[child] = manager.contents(atPath: folder + "/" + child) ?? Data()
            }
        }
    }
    return result
}

/// The diagnostics of a `--format json` report: code, file and line of each.
struct ReportedDiagnostic: Equatable {
    var code: String
    var file: String
    var line: Int
}

func reportedDiagnostics(_ json: String) -> [ReportedDiagnostic] {
    guard let array = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else { return [] }
    return array.compactMap { entry in
        guard let code = entry["code"] as? String, let file = entry["file"] as? String else { return nil }
        let start = (entry["range"] as? [String: Any])?["start"] as? [String: Any]
        return ReportedDiagnostic(code: code, file: file, line: start?["line"] as? Int ?? 0)
    }
}

/// Runs `body` for each of `count` items on two threads (the machine's cores set the pace of
/// the processes they start), and returns what went wrong, in item order, one line each.
func inTwoLanes(_ count: Int, _ body: @Sendable (_ item: Int, _ lane: Int) -> String?) -> [String] {
    let failures = LockedData()
    DispatchQueue.concurrentPerform(iterations: 2) { lane in
        for item in stride(from: lane, to: count, by: 2) {
            if let failure = body(item, lane) {
                failures.append(Data("\(item)\u{1F}\(failure)\u{1E}".utf8))
            }
        }
    }
    return String(decoding: failures.value, as: UTF8.self).split(separator: "\u{1E}")
        .map { $0.split(separator: "\u{1F}", maxSplits: 1).map(String.init) }
        .sorted { Int($0[0]) ?? 0 < Int($1[0]) ?? 0 }
        .map { "item \($0[0]): \($0.dropFirst().joined())" }
}
