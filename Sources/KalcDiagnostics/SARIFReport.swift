import KalcJSON

/// The SARIF 2.1.0 report, in the shape GitHub code scanning accepts: one run whose tool
/// declares a rule per diagnostic code used (in code order), and a result per diagnostic.
///
/// Regions count columns in UTF-16 code units (`columnKind`), 1-based, `endColumn`
/// exclusive. Labels become `relatedLocations` (ids from 1); fix-its whose edits all lie in
/// known files become `fixes`. `partialFingerprints["kalc/v1"]` hashes the code, file,
/// message and how many earlier diagnostics had the same three, so a result keeps its
/// identity when lines move.
struct SARIFReport {
    let lookup: SourceLookup
    let toolName: String
    let toolVersion: String

    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    static let informationURI = "https://github.com/kalc-lang/kalc"
    static let fingerprintKey = "kalc/v1"

    func render(_ diagnostics: [Diagnostic]) -> String {
        let codes = Set(diagnostics.map(\.code)).sorted { $0.rawValue < $1.rawValue }
        var ruleIndexes: [DiagnosticCode: Int] = [:]
        for (index, code) in codes.enumerated() { ruleIndexes[code] = index }
        var occurrences: [String: Int] = [:]
        let results = diagnostics.map { diagnostic -> JSONValue in
            let identity = [diagnostic.code.rawValue, diagnostic.location.file, diagnostic.message].joined(separator: "\u{0}")
            let occurrence = occurrences[identity, default: 0]
            occurrences[identity] = occurrence + 1
            return result(
                diagnostic, ruleIndex: ruleIndexes[diagnostic.code] ?? 0,
                fingerprint: Self.fingerprint(identity + "\u{0}" + String(occurrence)))
        }
        let run: JSONValue = .object([
            (
                "tool",
                .object([
                    (
                        "driver",
                        .object([
                            ("name", .string(toolName)),
                            ("version", .string(toolVersion)),
                            ("informationUri", .string(Self.informationURI)),
                            ("rules", .array(codes.map(rule))),
                        ])
                    )
                ])
            ),
            ("columnKind", .string("utf16CodeUnits")),
            ("results", .array(results)),
        ])
        let document: JSONValue = .object([
            ("$schema", .string(Self.schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return document.prettyJSONText + "\n"
    }

    private func rule(_ code: DiagnosticCode) -> JSONValue {
        .object([
            ("id", .string(code.rawValue)),
            ("name", .string(Self.ruleName(code.title))),
            ("shortDescription", .object([("text", .string(code.title))])),
            ("defaultConfiguration", .object([("level", .string(code.defaultSeverity.rawValue))])),
        ])
    }

    private func result(_ diagnostic: Diagnostic, ruleIndex: Int, fingerprint: String) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("ruleId", .string(diagnostic.code.rawValue)),
            ("ruleIndex", .integer(ruleIndex)),
            ("level", .string(diagnostic.severity.rawValue)),
            ("message", .object([("text", .string(diagnostic.textWithNotesAndHint))])),
            ("locations", .array(physicalLocation(diagnostic.location).map { [.object([("physicalLocation", $0)])] } ?? [])),
        ]
        if !diagnostic.labels.isEmpty {
            members.append(
                (
                    "relatedLocations",
                    .array(
                        diagnostic.labels.enumerated().map { index, label in
                            var location: [(key: String, value: JSONValue)] = [("id", .integer(index + 1))]
                            if let physical = physicalLocation(label.location) { location.append(("physicalLocation", physical)) }
                            location.append(("message", .object([("text", .string(label.message))])))
                            return .object(location)
                        })
                ))
        }
        members.append(("partialFingerprints", .object([(Self.fingerprintKey, .string(fingerprint))])))
        let fixes = diagnostic.fixIts.compactMap(fix)
        if !fixes.isEmpty { members.append(("fixes", .array(fixes))) }
        return .object(members)
    }

    /// The file and, when the span resolves, the region of a location; nothing for an empty path.
    private func physicalLocation(_ location: Location) -> JSONValue? {
        guard !location.file.isEmpty else { return nil }
        var members: [(key: String, value: JSONValue)] = [
            ("artifactLocation", .object([("uri", .string(ReportPath.uriReference(location.file)))]))
        ]
        if let range = lookup.range(of: location) { members.append(("region", region(range))) }
        return .object(members)
    }

    private func region(_ range: SourceRange) -> JSONValue {
        .object([
            ("startLine", .integer(range.start.line)),
            ("startColumn", .integer(range.start.utf16Column)),
            ("endLine", .integer(range.end.line)),
            ("endColumn", .integer(range.end.utf16Column)),
        ])
    }

    /// A SARIF fix, when every edit of the fix-it lies within a known file.
    private func fix(_ fixIt: FixIt) -> JSONValue? {
        var files: [String] = []
        var replacements: [String: [JSONValue]] = [:]
        for edit in fixIt.edits {
            guard let range = lookup.range(of: edit.location) else { return nil }
            if replacements[edit.location.file] == nil { files.append(edit.location.file) }
            replacements[edit.location.file, default: []].append(
                .object([
                    ("deletedRegion", region(range)),
                    ("insertedContent", .object([("text", .string(edit.replacement))])),
                ]))
        }
        guard !files.isEmpty else { return nil }
        return .object([
            ("description", .object([("text", .string(fixIt.title))])),
            (
                "artifactChanges",
                .array(
                    files.map { file in
                        .object([
                            ("artifactLocation", .object([("uri", .string(ReportPath.uriReference(file)))])),
                            ("replacements", .array(replacements[file] ?? [])),
                        ])
                    })
            ),
        ])
    }

    /// A rule name from a code's title: `expected token missing` becomes `ExpectedTokenMissing`.
    static func ruleName(_ title: String) -> String {
        title.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// The 64-bit FNV-1a hash of the UTF-8 of `text`, as 16 lower-case hex digits.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
