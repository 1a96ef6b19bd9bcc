import CYAML

/// The libyaml kalc runs with.
public enum YAMLLibrary {
    /// The version of the libyaml linked in, such as `0.2.5`.
    public static var version: String {
        yaml_get_version_string().map { String(cString: $0) } ?? "unknown"
    }
}
