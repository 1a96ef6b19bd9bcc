import KalcDiagnostics
import KalcSemantics

/// Go to definition and find references.
extension ProjectSnapshot {
    /// Where the name at a place is declared: the declarations a reference names, or a
    /// declaration itself.
    public func definitions(in path: String, at offset: Int) -> [Location] {
        guard let occurrence = index.occurrence(in: path, at: offset) else { return [] }
        return index.declarations(at: occurrence).map(\.nameLocation)
    }

    /// Every place that names the same thing as the name at a place: declarations (when
    /// `includeDeclarations`) and references, across files. For a label, every use of its key
    /// (and value); for a config key, every config and requirement with that key.
    public func references(in path: String, at offset: Int, includeDeclarations: Bool) -> [Location] {
        guard let occurrence = index.occurrence(in: path, at: offset) else { return [] }
        var result: [Location]
        switch occurrence {
        case .declaration, .reference:
            let declarations = index.declarations(at: occurrence)
            guard !declarations.isEmpty else {
                // A name that names nothing: its other uses are still worth finding.
                if case .reference(let reference) = occurrence {
                    return index.references.filter { $0.kind == reference.kind && $0.name == reference.name }.map(\.location).sorted()
                }
                return []
            }
            result = index.references(to: declarations).map(\.location)
            if includeDeclarations { result += declarations.map(\.nameLocation) }
        case .labelKey(let use):
            result = index.labels.filter { $0.key.value == use.key.value }.map(\.key.location)
        case .labelValue(let use, let value):
            result = index.labels.filter { $0.key.value == use.key.value }.flatMap { other in
                other.values.filter { $0.value == value.value }.map(\.location)
            }
        case .configKey(let use):
            result = index.configKeys.filter { $0.key.value == use.key.value }.map(\.key.location)
        }
        return Array(Set(result)).sorted()
    }
}
