import Foundation
import KalcDiagnostics
import KalcResources
import KalcTestSupport

/// The golden and oracle cases (`Tests/Fixtures/golden/<case>`, `Tests/Fixtures/oracle-cases/<case>`):
/// a Kalypso control plane as YAML in `input/`, and what the reference made of it in `expected/`.
public enum KalypsoCase {
    /// The folder of the case fixtures; a case is named by its path below it (`golden/scheduling`).
    public static let fixtures = repositoryRoot + "/Tests/Fixtures"

    /// The folders holding the inputs of every golden and oracle case, by case name.
    public static func allInputs() throws -> [(name: String, input: String)] {
        try ["golden", "oracle-cases"].flatMap { group in
            try FileManager.default.contentsOfDirectory(atPath: fixtures + "/" + group).sorted().map { ($0, fixtures + "/" + group + "/" + $0 + "/input") }
        }
    }

    /// A Kalypso control plane's YAML read and printed as kalc source, with what reading it found.
    public static func imported(_ input: String) throws -> (file: SourceFile, diagnostics: [Diagnostic]) {
        let reader = ControlPlaneReader.read(try yamlFiles(under: input), root: input)
        return (SourceFile(path: "imported.kal", text: KalSourceWriter.source(of: reader.plane)), reader.diagnostics)
    }

    /// The YAML files below a folder, sorted by path.
    public static func yamlFiles(under root: String) throws -> [SourceFile] {
        try files(under: root).filter { $0.key.hasSuffix(".yaml") || $0.key.hasSuffix(".yml") }.sorted { $0.key < $1.key }
            .map { SourceFile(path: root + "/" + $0.key, text: $0.value) }
    }

    /// Every file below a folder (hidden ones included), by relative path.
    public static func files(under root: String) throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            result[relative] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)), as: UTF8.self)
        }
        return result
    }
}
