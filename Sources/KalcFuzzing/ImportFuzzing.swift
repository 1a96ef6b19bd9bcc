import KalcDiagnostics
import KalcResources
import KalcSyntax

/// `kalc import` on one YAML file, read both as a file of the control plane's main branch
/// and as a file of a workload's repository: diagnostics point into the file, and when
/// there are no errors the kal source written for the objects parses and formats, as the
/// command needs.
enum ImportFuzzing {
    static func run(_ input: [UInt8]) -> [String] {
        let files = [
            SourceFile(path: "in/control-plane/main/fuzz.yaml", bytes: input),
            SourceFile(path: "in/workloads/shop/fuzz.yaml", bytes: input),
        ]
        let reader = ControlPlaneReader.read(files, root: "in")
        var problems = files.flatMap { spansOutside($0, in: reader.diagnostics) }
        renderEveryFormat(reader.diagnostics, sources: files)
        guard !reader.diagnostics.hasErrors else { return problems }
        let written = KalSourceWriter.source(of: reader.plane)
        let tree = SyntaxTree.parse(SourceFile(path: "<import>", text: written))
        if Formatter.format(tree) == nil {
            let codes = tree.diagnostics.map { "\($0.code) \($0.message)" }.joined(separator: "; ")
            problems.append("the imported source does not parse: \(codes)")
        }
        return problems
    }
}
