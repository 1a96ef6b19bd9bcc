import KalcDiagnostics
import KalcSyntax

/// The front end on one file: the tree prints back to the exact input, diagnostics point
/// into the file, and the formatter's output parses cleanly and is its own format.
enum SyntaxFuzzing {
    static let path = "fuzz.kal"

    static func run(_ input: [UInt8]) -> [String] {
        let file = SourceFile(path: path, bytes: input)
        let tree = SyntaxTree.parse(file)
        var problems: [String] = []
        if tree.printed() != input {
            problems.append("the syntax tree does not print back to the input")
        }
        problems += spansOutside(file, in: tree.diagnostics)
        guard let formatted = Formatter.format(tree) else { return problems }
        let reparsed = SyntaxTree.parse(SourceFile(path: path, text: formatted))
        if reparsed.diagnostics.hasErrors {
            let codes = reparsed.diagnostics.map { "\($0.code) \($0.message)" }.joined(separator: "; ")
            problems.append("the formatted source does not parse: \(codes)")
        } else if Formatter.format(reparsed) != formatted {
            problems.append("formatting the formatted source changes it again")
        }
        return problems
    }
}
