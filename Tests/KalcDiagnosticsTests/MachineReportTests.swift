import Foundation
import KalcDiagnostics
import XCTest

/// The JSON, SARIF and GitHub reports read back: valid documents that carry exactly the
/// diagnostics' codes, texts and positions (positions recomputed from `SourceFile`).
final class MachineReportTests: XCTestCase {
    private func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// The resolved range of a location in the corpus, or nil when it has none.
    private func range(_ location: Location, in corpus: RendererCorpus) -> (start: SourceLocation, end: SourceLocation)? {
        guard let source = corpus.sources.first(where: { $0.path == location.file }),
            location.span.start >= 0, location.span.end <= source.bytes.count
        else { return nil }
        return (source.location(of: location.span.start), source.location(of: location.span.end))
    }

    private func text(of diagnostic: Diagnostic) -> String {
        ([diagnostic.message] + diagnostic.notes.map { "note: \($0)" } + (diagnostic.hint.map { ["help: \($0)"] } ?? []))
            .joined(separator: "\n")
    }

    func testJSONReportReadsBack() throws {
        let corpus = try RendererCorpus()
        let report = DiagnosticRenderer(sources: corpus.sources, toolVersion: "0").render(corpus.diagnostics, format: .json)
        let objects = try XCTUnwrap(try parse(report) as? [[String: Any]])
        XCTAssertEqual(objects.count, corpus.diagnostics.count)
        for (object, diagnostic) in zip(objects, corpus.diagnostics) {
            XCTAssertEqual(object["code"] as? String, diagnostic.code.rawValue)
            XCTAssertEqual(object["severity"] as? String, diagnostic.severity.rawValue)
            XCTAssertEqual(object["message"] as? String, diagnostic.message)
            XCTAssertEqual(object["notes"] as? [String], diagnostic.notes)
            XCTAssertEqual(object["hint"] as? String, diagnostic.hint)
            if diagnostic.location.file.isEmpty {
                XCTAssertTrue(object["file"] is NSNull)
            } else {
                XCTAssertEqual(object["file"] as? String, diagnostic.location.file)
            }
            try assertRange(object["range"], equals: range(diagnostic.location, in: corpus))
            let labels = try XCTUnwrap(object["labels"] as? [[String: Any]])
            XCTAssertEqual(labels.map { $0["message"] as? String }, diagnostic.labels.map(\.message))
            for (label, expected) in zip(labels, diagnostic.labels) {
                try assertRange(label["range"], equals: range(expected.location, in: corpus))
            }
            let fixIts = try XCTUnwrap(object["fixIts"] as? [[String: Any]])
            XCTAssertEqual(fixIts.map { $0["title"] as? String }, diagnostic.fixIts.map(\.title))
            for (fixIt, expected) in zip(fixIts, diagnostic.fixIts) {
                let edits = try XCTUnwrap(fixIt["edits"] as? [[String: Any]])
                XCTAssertEqual(edits.map { $0["replacement"] as? String }, expected.edits.map(\.replacement))
            }
        }
    }

    private func assertRange(_ value: Any?, equals expected: (start: SourceLocation, end: SourceLocation)?, line: UInt = #line) throws {
        guard let expected else {
            XCTAssertTrue(value is NSNull, "expected a null range", line: line)
            return
        }
        let range = try XCTUnwrap(value as? [String: Any], line: line)
        for (key, location) in [("start", expected.start), ("end", expected.end)] {
            let position = try XCTUnwrap(range[key] as? [String: Int], line: line)
            XCTAssertEqual(
                position,
                [
                    "line": location.line, "column": location.utf8Column,
                    "utf16Column": location.utf16Column, "offset": location.offset,
                ], line: line)
        }
    }

    func testSARIFReportReadsBack() throws {
        let corpus = try RendererCorpus()
        let report = DiagnosticRenderer(sources: corpus.sources, toolName: "kalc", toolVersion: "1.2.3")
            .render(corpus.diagnostics, format: .sarif)
        let document = try XCTUnwrap(try parse(report) as? [String: Any])
        XCTAssertEqual(document["$schema"] as? String, "https://json.schemastore.org/sarif-2.1.0.json")
        XCTAssertEqual(document["version"] as? String, "2.1.0")
        let runs = try XCTUnwrap(document["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let run = try XCTUnwrap(runs.first)
        XCTAssertEqual(run["columnKind"] as? String, "utf16CodeUnits")
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "kalc")
        XCTAssertEqual(driver["version"] as? String, "1.2.3")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        XCTAssertEqual(ruleIDs, Set(corpus.diagnostics.map(\.code.rawValue)).sorted())
        for rule in rules {
            let code = try XCTUnwrap(DiagnosticCode.named(rule["id"] as? String ?? ""))
            XCTAssertEqual((rule["shortDescription"] as? [String: Any])?["text"] as? String, code.title)
            XCTAssertEqual((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String, code.defaultSeverity.rawValue)
        }

        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, corpus.diagnostics.count)
        var fingerprints = Set<String>()
        for (result, diagnostic) in zip(results, corpus.diagnostics) {
            XCTAssertEqual(result["ruleId"] as? String, diagnostic.code.rawValue)
            let ruleIndex = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(ruleIDs[ruleIndex], diagnostic.code.rawValue)
            XCTAssertEqual(result["level"] as? String, diagnostic.severity.rawValue)
            XCTAssertEqual((result["message"] as? [String: Any])?["text"] as? String, text(of: diagnostic))
            let locations = try XCTUnwrap(result["locations"] as? [[String: Any]])
            XCTAssertEqual(locations.count, diagnostic.location.file.isEmpty ? 0 : 1)
            if let physical = locations.first?["physicalLocation"] as? [String: Any] {
                try assertRegion(physical["region"], equals: range(diagnostic.location, in: corpus))
                let uri = try XCTUnwrap((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
                XCTAssertNotNil(URL(string: uri), "\(uri) is not a URI reference")
                XCTAssertEqual(uri.removingPercentEncoding, normalizedPath(diagnostic.location.file))
            }
            let related = result["relatedLocations"] as? [[String: Any]] ?? []
            XCTAssertEqual(related.map { ($0["message"] as? [String: Any])?["text"] as? String }, diagnostic.labels.map(\.message))
            XCTAssertEqual(related.map { $0["id"] as? Int }, diagnostic.labels.indices.map { $0 + 1 })
            let fingerprint = try XCTUnwrap((result["partialFingerprints"] as? [String: String])?.values.first)
            fingerprints.insert(fingerprint)
        }
        XCTAssertEqual(fingerprints.count, corpus.diagnostics.count, "fingerprints are not distinct")
    }

    private func assertRegion(_ value: Any?, equals expected: (start: SourceLocation, end: SourceLocation)?, line: UInt = #line) throws {
        guard let expected else {
            XCTAssertNil(value, "expected no region", line: line)
            return
        }
        let region = try XCTUnwrap(value as? [String: Int], line: line)
        XCTAssertEqual(
            region,
            [
                "startLine": expected.start.line, "startColumn": expected.start.utf16Column,
                "endLine": expected.end.line, "endColumn": expected.end.utf16Column,
            ], line: line)
    }

    /// The path as the machine reports name it: forward slashes, no `.` or empty segments.
    private func normalizedPath(_ path: String) -> String {
        path.replacingOccurrences(of: "\\", with: "/")
            .split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    func testSARIFFingerprintsStayWhenLinesMove() throws {
        let before = SourceFile(path: "a.kal", text: "environment qa {}\n")
        let after = SourceFile(path: "a.kal", text: "\n\nenvironment qa {}\n")
        func fingerprint(_ source: SourceFile, offset: Int) throws -> String? {
            let diagnostic = Diagnostic(.unexpectedToken, "unexpected `qa`", at: Location(file: "a.kal", span: Span(start: offset, end: offset + 2)))
            let report = DiagnosticRenderer(sources: [source], toolVersion: "0").render([diagnostic], format: .sarif)
            let document = try XCTUnwrap(try parse(report) as? [String: Any])
            let result = ((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first
            return (result?["partialFingerprints"] as? [String: String])?.values.first
        }
        XCTAssertEqual(try fingerprint(before, offset: 12), try fingerprint(after, offset: 14))
    }

    func testEmptySARIFIsAValidDocument() throws {
        let report = DiagnosticRenderer(sources: [SourceFile](), toolVersion: "0").render([], format: .sarif)
        let document = try XCTUnwrap(try parse(report) as? [String: Any])
        let run = try XCTUnwrap((document["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual((run["results"] as? [Any])?.count, 0)
        XCTAssertEqual(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [String], [])
    }

    func testGitHubAnnotationsReadBack() throws {
        let corpus = try RendererCorpus()
        let report = DiagnosticRenderer(sources: corpus.sources, toolVersion: "0").render(corpus.diagnostics, format: .github)
        let commands = report.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(commands.count, corpus.diagnostics.count)
        XCTAssertTrue(report.hasSuffix("\n"))
        XCTAssertFalse(report.contains("\r"))
        for (command, diagnostic) in zip(commands, corpus.diagnostics) {
            let name = ["error": "error", "warning": "warning", "note": "notice"][diagnostic.severity.rawValue] ?? ""
            XCTAssertTrue(command.hasPrefix("::\(name) "), String(command))
            let body = command.dropFirst(name.count + 3)
            let separator = try XCTUnwrap(body.range(of: "::"))
            let properties = Dictionary(
                uniqueKeysWithValues: body[..<separator.lowerBound].split(separator: ",").map { pair in
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    return (String(parts[0]), unescape(parts.count > 1 ? String(parts[1]) : ""))
                })
            XCTAssertEqual(unescape(String(body[separator.upperBound...])), printable(text(of: diagnostic)))
            XCTAssertEqual(properties["title"], diagnostic.code.rawValue)
            XCTAssertEqual(properties["file"], diagnostic.location.file.isEmpty ? nil : normalizedPath(diagnostic.location.file))
            let expected = range(diagnostic.location, in: corpus)
            XCTAssertEqual(properties["line"], expected.map { String($0.start.line) })
            XCTAssertEqual(properties["endLine"], expected.map { String($0.end.line) })
            let oneLine = expected.map { $0.start.line == $0.end.line } ?? false
            XCTAssertEqual(properties["col"], oneLine ? expected.map { String($0.start.utf16Column) } : nil)
            XCTAssertEqual(properties["endColumn"], oneLine ? expected.map { String($0.end.utf16Column) } : nil)
        }
    }

    /// `text` with control characters other than tab, line feed and carriage return replaced
    /// by their control pictures (U+2400 + code, U+2421 for DEL) or U+FFFD (C1 controls).
    private func printable(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar -> Unicode.Scalar in
                    switch scalar.value {
                    case 0x09, 0x0A, 0x0D: scalar
                    case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value) ?? scalar
                    case 0x7F: "\u{2421}"
                    case 0x80..<0xA0: "\u{FFFD}"
                    default: scalar
                    }
                }))
    }

    /// Undoes GitHub's workflow-command escaping.
    private func unescape(_ text: String) -> String {
        var result = text
        for (escaped, raw) in [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")] {
            result = result.replacingOccurrences(of: escaped, with: raw)
        }
        return result
    }
}
