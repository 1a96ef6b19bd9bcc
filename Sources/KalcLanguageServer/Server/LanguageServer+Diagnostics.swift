import KalcJSON

/// Diagnostics, pushed after every check and pulled on request.
extension LanguageServer {
    /// The mapping to the protocol's shapes of the project a file belongs to.
    func mapping(_ path: String) -> ProtocolMapping {
        mapping(current.snapshot(of: path))
    }

    /// The mapping to the protocol's shapes of a project.
    func mapping(_ snapshot: ProjectSnapshot, openURIs: [String: String]? = nil) -> ProtocolMapping {
        ProtocolMapping(snapshot: snapshot, encoding: encoding, openURIs: openURIs ?? documents.mapValues(\.uri), client: client, libraryFiles: libraryFiles)
    }

    /// Publishes the diagnostics of every file whose diagnostics changed since they were last
    /// published (or, for an open document, whose version changed), and an empty list for
    /// every file that had some and is no longer part of the project.
    func publishDiagnostics() {
        let diagnostics = current.diagnostics
        let openURIs = documents.mapValues(\.uri)
        for path in diagnostics.keys.sorted() {
            guard let (list, project) = diagnostics[path] else { continue }
            let mapping = mapping(project, openURIs: openURIs)
            let items = JSONValue.array(list.compactMap(mapping.diagnostic))
            let version = current.versions[path] ?? nil
            let next = Published(uri: mapping.uri(of: path), version: version, items: items)
            let previous = published[path]
            if previous == nil && items == [] && documents[path] == nil { continue }
            if previous == next { continue }
            if let previous, previous.uri != next.uri, previous.items != [] {
                notify("textDocument/publishDiagnostics", ["uri": .string(previous.uri), "diagnostics": []])
            }
            publish(next)
            published[path] = next
        }
        for (path, previous) in published.sorted(by: { $0.key < $1.key }) where diagnostics[path] == nil {
            if previous.items != [] {
                publish(Published(uri: previous.uri, version: nil, items: []))
            }
            published[path] = nil
        }
    }

    private func publish(_ diagnostics: Published) {
        var params: JSONValue = ["uri": .string(diagnostics.uri)]
        if let version = diagnostics.version, case .object(var object) = params {
            object.append("version", .integer(version))
            params = .object(object)
        }
        if case .object(var object) = params {
            object.append("diagnostics", diagnostics.items)
            params = .object(object)
        }
        notify("textDocument/publishDiagnostics", params)
    }

    /// `textDocument/diagnostic`: the full report of one document.
    func pullDiagnostics(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        let path = try documentPath(params)
        let mapping = mapping(path)
        let items = (current.snapshot(of: path).diagnostics[path] ?? []).compactMap(mapping.diagnostic)
        return ["kind": "full", "items": .array(items)]
    }

    /// The path of the request's `textDocument`.
    func documentPath(_ params: JSONValue) throws(ResponseError) -> String {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else {
            throw .invalidParams("the request has no textDocument.uri")
        }
        let path = Self.path(ofURI: uri)
        // The standard library's files written for the editor are the modules they hold.
        return libraryModules[path] ?? path
    }
}
