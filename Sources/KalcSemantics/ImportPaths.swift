import KalcDiagnostics

/// The paths `import "path"` may name. A project must compile the same on every machine and
/// must not read what is not source: an import is relative to the importing file, and a file
/// it names is a `.kal` file.
public enum ImportPaths {
    /// Why kalc refuses an import of `relative` (written at `location`) before looking at the
    /// disk: an absolute path names a place on one machine.
    public static func refusal(of relative: String, at location: Location) -> Diagnostic? {
        guard relative.hasPrefix("/") else { return nil }
        return SemanticProblem.absoluteImport(relative, at: location).diagnostic
    }

    /// Why kalc refuses an import of the file `relative`, which exists: it is not a `.kal` file.
    public static func refusal(ofFile relative: String, at location: Location) -> Diagnostic? {
        guard !relative.hasSuffix(".kal") else { return nil }
        return SemanticProblem.importNotKal(relative, at: location).diagnostic
    }
}
