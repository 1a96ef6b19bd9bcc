import Foundation
import KalcDiagnostics
import XCTest
import KalcTestSupport

/// Random files, spans (inside, at the edges of and outside their files), labels and fix-its:
/// every format renders them without crashing, the machine formats stay valid, and the human
/// report prints no control characters other than line feeds and tabs.
final class RendererRobustnessTests: XCTestCase {
    private static let alphabet: [[UInt8]] = [
        [0x61], [0x20], [0x09], [0x0A], [0x0D, 0x0A], [0x0D], [0x1B], [0x00], [0x7F], Array("é".utf8), Array("日".utf8),
        Array("😀".utf8), Array("\u{301}".utf8), Array("\u{202E}".utf8), Array("\u{85}".utf8), [0xFF], [0xC3], [0xE2, 0x82],
    ]

    private static let codes: [DiagnosticCode] = [.invalidCharacter, .unexpectedToken, .unclosedDelimiter, .unreadableFile]

    private func randomFile(_ path: String, using generator: inout SplitMix64) -> SourceFile {
        var bytes: [UInt8] = []
        let length = Int.random(in: 0...(Bool.random(using: &generator) ? 40 : 400), using: &generator)
        for _ in 0..<length {
            bytes += Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &generator)]
        }
        return SourceFile(path: path, bytes: bytes)
    }

    private func randomLocation(_ paths: [String], sizes: [String: Int], using generator: inout SplitMix64) -> Location {
        let path = paths[Int.random(in: 0..<paths.count, using: &generator)]
        let size = sizes[path] ?? 10
        var span = Span(start: Int.random(in: -2...size + 2, using: &generator), end: 0)
        span.end = span.start + Int.random(in: -1...size / 2 + 1, using: &generator)
        return Location(file: path, span: span)
    }

    private func randomText(using generator: inout SplitMix64) -> String {
        let pieces = ["word", " ", "\n", "\r\n", "\t", "\u{1B}[2J", "%", ",", ":", "\"", "\\", "日本", "😀", "\u{202E}", "\u{0}"]
        return (0..<Int.random(in: 0...6, using: &generator))
            .map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }
            .joined()
    }

    func testRandomDiagnosticsRenderSafely() throws {
        var generator = SplitMix64(seed: 2024)
        for round in 0..<150 {
            let sources = ["a.kal", "b/c.kal"].map { randomFile($0, using: &generator) }
            let paths = ["a.kal", "b/c.kal", "missing.kal", ""]
            let sizes = Dictionary(uniqueKeysWithValues: sources.map { ($0.path, $0.bytes.count) })
            let diagnostics = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                Diagnostic(
                    Self.codes[Int.random(in: 0..<Self.codes.count, using: &generator)],
                    randomText(using: &generator),
                    at: randomLocation(paths, sizes: sizes, using: &generator),
                    severity: Severity.allCases[Int.random(in: 0..<3, using: &generator)],
                    labels: (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                        DiagnosticLabel(randomLocation(paths, sizes: sizes, using: &generator), randomText(using: &generator))
                    },
                    notes: (0..<Int.random(in: 0...2, using: &generator)).map { _ in randomText(using: &generator) },
                    hint: Bool.random(using: &generator) ? randomText(using: &generator) : nil,
                    fixIts: (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                        FixIt(
                            randomText(using: &generator),
                            edits: (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                                TextEdit(randomLocation(paths, sizes: sizes, using: &generator), replacement: randomText(using: &generator))
                            })
                    })
            }
            var renderer = DiagnosticRenderer(sources: sources, toolVersion: "0")
            renderer.maximumLineWidth = Int.random(in: -5...60, using: &generator)
            renderer.tabWidth = Int.random(in: -1...8, using: &generator)

            let human = renderer.render(diagnostics, format: .human)
            let unprintable = human.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}"
            }
            XCTAssertEqual(unprintable.count, 0, "round \(round): \(human.debugDescription)")

            for format in [DiagnosticFormat.json, .sarif] {
                let report = renderer.render(diagnostics, format: format)
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(report.utf8)), "round \(round) \(format)")
            }
            let github = renderer.render(diagnostics, format: .github)
            XCTAssertEqual(github.split(separator: "\n", omittingEmptySubsequences: false).count, diagnostics.count + 1)
        }
    }
}
