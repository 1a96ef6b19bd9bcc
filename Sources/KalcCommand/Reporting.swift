import ArgumentParser
import Foundation
import KalcDiagnostics

/// When to colour human-readable output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension DiagnosticFormat: ExpressibleByArgument {}

/// The options every command that reports diagnostics shares.
struct DiagnosticOptions: ParsableArguments {
    @Option(name: .long, help: "How to print diagnostics: human, json, sarif or github.")
    var format: DiagnosticFormat = .human

    @Option(name: .long, help: "Colour human-readable output: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Treat warnings as errors.")
    var werror = false

    /// Prints the diagnostics and tells whether any is an error.
    func report(_ diagnostics: [Diagnostic], sources: [SourceFile]) -> Bool {
        DiagnosticReporter(format: format, color: color, werror: werror).report(diagnostics, sources: sources)
    }
}

/// Prints diagnostics in one format.
struct DiagnosticReporter {
    var format: DiagnosticFormat = .human
    var color: ColorChoice = .auto
    var werror = false

    /// Prints the diagnostics (human format to standard error, machine formats to standard
    /// output) and tells whether any is an error.
    func report(_ diagnostics: [Diagnostic], sources: [SourceFile]) -> Bool {
        let adjusted = (werror ? diagnostics.warningsAsErrors() : diagnostics).sorted(by: Diagnostic.reportOrder)
        let useColor: Bool
        switch color {
        case .always: useColor = true
        case .never: useColor = false
        case .auto: useColor = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
        let renderer = DiagnosticRenderer(
            sources: Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first }),
            color: useColor && format == .human,
            toolVersion: kalcVersion
        )
        let text = renderer.render(adjusted, format: format)
        if format == .human {
            var output = text
            if let summary = renderer.summary(of: adjusted) {
                output += summary + "\n"
            }
            Output.standardError(output)
        } else {
            Output.standardOutput(text)
        }
        return adjusted.hasErrors
    }
}

/// Writing to the standard streams, below a progress line rather than through it.
enum Output {
    static func standardOutput(_ text: String) {
        write { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    static func standardError(_ text: String) {
        write { FileHandle.standardError.write(Data(text.utf8)) }
    }

    private static func write(_ body: () -> Void) {
        if let progress = Progress.current { progress.clearedWhile(body) } else { body() }
    }
}
