import Foundation
import KalcDiagnostics
import KalcJSON
import KalcSemantics

/// Turns kalc's values — byte spans in named files, diagnostics, edits — into the protocol's
/// JSON: URIs, line and character positions in the negotiated encoding.
struct ProtocolMapping {
    let snapshot: ProjectSnapshot
    let encoding: PositionEncoding
    /// The URI of each open document, by path; other files get a `file:` URI of their path.
    let openURIs: [String: String]
    /// What the client said it can show.
    let client: ClientSupport
    /// Where the standard library's modules are written for the editor, by their name in
    /// the pipeline (`<std.templates>`).
    let libraryFiles: [String: String]

    /// Where the documentation of each diagnostic code lives.
    static let diagnosticsDocumentation = "https://github.com/kalc-lang/kalc/blob/main/docs/diagnostics.md"

    func uri(of path: String) -> String {
        openURIs[path] ?? libraryFiles[path].map(DocumentURI.uri(ofPath:)) ?? DocumentURI.uri(ofPath: path)
    }

    /// Whether a path names a file the client can open: a file of the project, or a module
    /// of the standard library written for the editor.
    func isClientFile(_ path: String) -> Bool {
        isProjectFile(path) || libraryFiles[path] != nil
    }

    /// Whether a path names a file of the project, which edits may change.
    func isProjectFile(_ path: String) -> Bool {
        snapshot.files[path] != nil || openURIs[path] != nil
    }

    func range(_ location: Location) -> JSONValue? {
        let file = snapshot.source(location.file) ?? SourceFile(path: location.file, bytes: [])
        guard location.span.start >= 0, location.span.end <= file.bytes.count else { return nil }
        return encoding.rangeJSON(location.span, in: file)
    }

    /// An LSP `Location`, for a file the client can open.
    func location(_ location: Location) -> JSONValue? {
        guard isClientFile(location.file), let range = range(location) else { return nil }
        return ["uri": .string(uri(of: location.file)), "range": range]
    }

    /// An LSP `TextEdit`.
    func textEdit(_ span: Span, in path: String, newText: String) -> JSONValue? {
        guard let range = range(Location(file: path, span: span)) else { return nil }
        return ["range": range, "newText": .string(newText)]
    }

    /// A `WorkspaceEdit` from edits in any files, in `changes` form.
    func workspaceEdit(_ edits: [TextEdit]) -> JSONValue? {
        var byFile: [String: [JSONValue]] = [:]
        for edit in edits {
            guard isProjectFile(edit.location.file), let json = textEdit(edit.location.span, in: edit.location.file, newText: edit.replacement) else { return nil }
            byFile[uri(of: edit.location.file), default: []].append(json)
        }
        guard !byFile.isEmpty else { return nil }
        let changes = JSONObject(byFile.keys.sorted().map { (key: $0, value: .array(byFile[$0] ?? [])) })
        return ["changes": .object(changes)]
    }

    /// An LSP `Diagnostic`: the message with its notes and hint, the code linking to its
    /// documentation, and the labels as related information — or, for a client that shows
    /// no related information, folded into the message with their places.
    func diagnostic(_ diagnostic: Diagnostic) -> JSONValue? {
        guard let range = range(diagnostic.location) else { return nil }
        var message = diagnostic.message
        let related = diagnostic.labels.compactMap { label -> (location: JSONValue, message: String, place: String)? in
            guard let location = location(label.location) else { return nil }
            let line = (snapshot.source(label.location.file)?.location(of: label.location.span.start).line).map { ":\($0)" } ?? ""
            return (location, label.message, (label.location.file as NSString).lastPathComponent + line)
        }
        if !client.relatedInformation {
            for label in related {
                message += "\n\(label.place): \(label.message)"
            }
        }
        for note in diagnostic.notes {
            message += "\nnote: \(note)"
        }
        if let hint = diagnostic.hint {
            message += "\nhelp: \(hint)"
        }
        var object = JSONObject()
        object.append("range", range)
        object.append("severity", .integer(Self.severity(diagnostic.severity)))
        object.append("code", .string(diagnostic.code.rawValue))
        if client.codeDescription {
            object.append("codeDescription", ["href": .string("\(Self.diagnosticsDocumentation)#\(diagnostic.code.rawValue.lowercased())")])
        }
        object.append("source", "kalc")
        object.append("message", .string(message))
        if client.relatedInformation, !related.isEmpty {
            object.append("relatedInformation", .array(related.map { ["location": $0.location, "message": .string($0.message)] }))
        }
        return .object(object)
    }

    /// The protocol's `DiagnosticSeverity`.
    static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .note: 3
        }
    }
}

/// What the client declared in `initialize` that changes how answers are shaped.
struct ClientSupport: Sendable {
    /// Hovers in Markdown (`hover.contentFormat` lists `markdown`); plain text otherwise.
    var hoverMarkdown = false
    /// Diagnostics with `relatedInformation`.
    var relatedInformation = false
    /// Diagnostics with `codeDescription`.
    var codeDescription = false

    init() {}

    /// What `capabilities` declare.
    init(_ capabilities: JSONValue?) {
        let document = capabilities?["textDocument"]
        hoverMarkdown = document?["hover"]?["contentFormat"]?.arrayValue?.contains("markdown") == true
        let published = document?["publishDiagnostics"]
        let pulled = document?["diagnostic"]
        relatedInformation = published?["relatedInformation"]?.boolValue == true || pulled?["relatedInformation"]?.boolValue == true
        codeDescription = published?["codeDescriptionSupport"]?.boolValue == true || pulled?["codeDescriptionSupport"]?.boolValue == true
    }
}
