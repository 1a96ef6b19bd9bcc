/// Methods of the Go types kalc's values can have (`time.Time`), callable from
/// templates as `.Method args`, and their `String()` forms used when printing.
enum GolangMethods {
    /// The method of that name on the value's type, if it has one.
    static func method(named name: String, on value: GoValue) -> TemplateFunction? {
        guard case .structure(let structure) = value else { return nil }
        if structure.typeName == GolangTime.typeName, let time = GolangTime(value) {
            return GolangTime.method(named: name, on: time)
        }
        if let version = SemanticVersion(value) { return SemanticVersion.method(named: name, on: version) }
        return nil
    }
}

/// Values with a `String()` method, which `fmt` prints through it.
enum GolangStringer {
    /// The `String()` of the value, when its type has that method.
    static func string(of value: GoValue) -> String? {
        if let time = GolangTime(value) { return time.description }
        if let version = SemanticVersion(value) { return version.description }
        return nil
    }
}
