import ArgumentParser
import KalcDiagnostics
import KalcSemantics

/// `kalc explain`: what a diagnostic code means, why it matters to Kalypso, an example and
/// the fix, from the documentation compiled into kalc.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a diagnostic code: what it means, an example that triggers it, and the fix.",
        discussion: """
            Prints the section of docs/diagnostics.md about CODE (for example K0101, k101 or \
            0101), as markdown. Without CODE, or with --list, lists every code with its default \
            severity and title. Exit status: 0 explained, 2 for a code kalc does not have.
            """
    )

    @Argument(help: "A diagnostic code, such as K0101.")
    var code: String?

    @Flag(name: .long, help: "List every code with its default severity and title.")
    var list = false

    func run() throws {
        guard let code, !list else {
            Output.standardOutput(Self.listing())
            return
        }
        guard let found = Self.code(named: code) else {
            throw UsageError(Self.unknownCodeMessage(code))
        }
        Output.standardOutput(
            DiagnosticDocumentation.section(for: found)
                ?? "## \(found.rawValue) — \(found.title)\n\n**Default severity:** \(found.defaultSeverity.rawValue)\n")
    }

    /// One line per code: the code, its default severity and its title.
    static func listing() -> String {
        DiagnosticCode.all.map { code in
            let severity = code.defaultSeverity.rawValue
            return "\(code.rawValue)  \(severity)\(String(repeating: " ", count: max(1, 9 - severity.count)))\(code.title)\n"
        }.joined()
    }

    /// The code spelled `text`: `K0101`, `k0101`, `K101`, `0101` or `101`.
    static func code(named text: String) -> DiagnosticCode? {
        var digits = Substring(text)
        if digits.first == "K" || digits.first == "k" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return DiagnosticCode.named("K" + String(repeating: "0", count: 4 - digits.count) + digits)
    }

    /// Why `text` names no code, with the codes it most likely meant.
    static func unknownCodeMessage(_ text: String) -> String {
        let message = "kalc has no diagnostic code `\(text)`"
        let words = text.lowercased()
        let byTitle = words.isEmpty ? [] : DiagnosticCode.all.filter { $0.title.lowercased().contains(words) }
        if byTitle.count == 1 {
            return message + "; did you mean `\(byTitle[0].rawValue)` (\(byTitle[0].title))?"
        }
        if byTitle.count > 1 {
            let names = byTitle.map { byTitle.count <= 5 ? "`\($0.rawValue)` (\($0.title))" : "`\($0.rawValue)`" }
            return message + "; the codes about `\(text)` are " + names.joined(separator: ", ")
        }
        if let nearest = nearestCode(to: text) {
            return message + "; did you mean `\(nearest.rawValue)` (\(nearest.title))?"
        }
        return message + "; `kalc explain --list` lists every code"
    }

    /// The code closest to `text` by edit distance (at most two edits), the numerically
    /// closest among equally close ones.
    static func nearestCode(to text: String) -> DiagnosticCode? {
        let spelled = text.uppercased()
        let number = Int(spelled.drop { !$0.isNumber })
        var best: (code: DiagnosticCode, distance: Int, gap: Int)?
        for code in DiagnosticCode.all {
            let distance = editDistance(spelled, code.rawValue)
            guard distance <= 2 else { continue }
            let gap = number.flatMap { value in Int(code.rawValue.dropFirst()).map { abs($0 - value) } } ?? 0
            if best.map({ (distance, gap) < ($0.distance, $0.gap) }) ?? true {
                best = (code, distance, gap)
            }
        }
        return best?.code
    }
}
