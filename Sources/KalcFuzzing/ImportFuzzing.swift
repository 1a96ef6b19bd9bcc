import KalcDiagnostics
import KalcResources
import KalcSyntax

/// `kalc import` on one YAML file, read both as a file of the control plane's main branch
/// and as a file of a workload's repository, and as a `.sourceignore`: diagnostics point
/// into the file, the patterns deliver only YAML files that were listed, and when
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
        problems += sourceIgnoreProblems(String(decoding: input, as: UTF8.self))
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

    /// The input as a branch's `.sourceignore` (at its root and in a folder): what is
    /// delivered is some of the YAML files listed, in their order, and main's
    /// `.environments/` whatever another branch's patterns say.
    static func sourceIgnoreProblems(_ text: String) -> [String] {
        let paths = [
            "control-plane/dev/.git/x.yaml", "control-plane/dev/a.yaml", "control-plane/dev/.github/ci.yml", "control-plane/dev/b/c/d.yaml",
            "control-plane/dev/b/README.md", "control-plane/main/.environments/dev.yaml",
        ]
        let delivered = SourceIgnore.deliveredYAMLFiles(paths, ignoreFiles: ["control-plane/dev/.sourceignore": text, "control-plane/dev/b/.sourceignore": text])
        var problems: [String] = []
        if delivered.contains(where: { !$0.hasSuffix(".yaml") && !$0.hasSuffix(".yml") }) || delivered != paths.filter(delivered.contains) {
            problems.append(".sourceignore delivered \(delivered) from \(paths)")
        }
        if !delivered.contains("control-plane/main/.environments/dev.yaml") {
            problems.append(".sourceignore of another branch left out main's .environments/")
        }
        return problems
    }
}
