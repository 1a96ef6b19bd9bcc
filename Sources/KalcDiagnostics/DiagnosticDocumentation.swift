/// The documentation of every diagnostic code: `docs/diagnostics.md`, compiled into the
/// binary, so that `kalc explain` works wherever kalc is installed.
///
/// Each code has one section, from its heading (`## K0101 — unknown template`) to the next
/// heading of the same or a higher level outside a fenced code block.
public enum DiagnosticDocumentation {
    /// The whole text of `docs/diagnostics.md`.
    public static var markdown: String { DiagnosticDocumentationText.lines.joined(separator: "\n") }

    /// The section of each documented code, by its spelling (`K0101`).
    public static let sections: [String: String] = parseSections(DiagnosticDocumentationText.lines)

    /// The section documenting `code`, if there is one.
    public static func section(for code: DiagnosticCode) -> String? {
        sections[code.rawValue]
    }

    /// Splits markdown lines into the sections whose level-2 heading starts with a code.
    static func parseSections(_ lines: [String]) -> [String: String] {
        var result: [String: String] = [:]
        var current: (code: String, lines: [String])?
        var inFence = false
        func close() {
            guard let section = current else { return }
            var body = section.lines
            while let last = body.last, last.allSatisfy({ $0 == " " }) { body.removeLast() }
            result[section.code] = body.joined(separator: "\n") + "\n"
            current = nil
        }
        for line in lines {
            if line.hasPrefix("```") { inFence.toggle() }
            if !inFence, line.hasPrefix("# ") || line.hasPrefix("## ") {
                close()
                if line.hasPrefix("## "), let code = codeOfHeading(line) {
                    current = (code, [])
                }
            }
            current?.lines.append(line)
        }
        close()
        return result
    }

    /// `K0101` for a heading `## K0101 — title`.
    static func codeOfHeading(_ line: String) -> String? {
        let words = line.dropFirst(3).split(separator: " ", maxSplits: 1)
        guard let first = words.first, first.utf8.count == 5, first.hasPrefix("K"),
            first.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return String(first)
    }
}
