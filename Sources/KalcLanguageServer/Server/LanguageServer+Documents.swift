import KalcDiagnostics

/// Notifications: the open documents, the files on disk and the workspace folders.
extension LanguageServer {
    func handleNotification(_ method: String, _ params: JSONValue) {
        // Before `initialize` and after `shutdown`, notifications are dropped.
        guard lifecycle == .running else { return }
        switch method {
        case "initialized": registerFileWatching()
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didClose": didClose(params)
        case "textDocument/didSave": didSave(params)
        case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
        case "workspace/didChangeWorkspaceFolders": didChangeWorkspaceFolders(params)
        default: break
        }
    }

    private func registerFileWatching() {
        guard watchesFilesDynamically else { return }
        request("client/registerCapability", [
            "registrations": [[
                "id": "kalc-watched-files",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": ["watchers": [["globPattern": "**/*.kal"]]],
            ]],
        ])
    }

    private func didOpen(_ params: JSONValue) {
        guard let item = params["textDocument"], let uri = item["uri"]?.stringValue, let text = item["text"]?.stringValue else {
            log("kalc lsp: didOpen without a text document")
            return
        }
        let path = Self.path(ofURI: uri)
        documents[path] = OpenDocument(uri: uri, path: path, version: item["version"]?.integerValue,
                                       languageID: item["languageId"]?.stringValue ?? "", file: SourceFile(path: path, text: text))
        scheduleCheck(debounced: false)
    }

    private func didChange(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, var document = documents[Self.path(ofURI: uri)] else { return }
        var bytes = document.file.bytes
        for change in params["contentChanges"]?.arrayValue ?? [] {
            guard let text = change["text"]?.stringValue else { continue }
            if let range = change["range"] {
                let file = SourceFile(path: document.path, bytes: bytes)
                guard let span = encoding.span(of: range, in: file) else {
                    log("kalc lsp: didChange with an invalid range for \(uri)")
                    continue
                }
                bytes.replaceSubrange(span.start..<span.end, with: Array(text.utf8))
            } else {
                bytes = Array(text.utf8)
            }
        }
        document.file = SourceFile(path: document.path, bytes: bytes)
        document.version = params["textDocument"]?["version"]?.integerValue ?? document.version
        documents[document.path] = document
        scheduleCheck(debounced: true)
    }

    private func didClose(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else { return }
        let path = Self.path(ofURI: uri)
        guard documents.removeValue(forKey: path) != nil else { return }
        // The file on disk takes the place of the buffer.
        checker.noteChanges([.changed(path)])
        scheduleCheck(debounced: false)
    }

    private func didSave(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue else { return }
        checker.noteChanges([.changed(Self.path(ofURI: uri))])
    }

    private func didChangeWatchedFiles(_ params: JSONValue) {
        let changes: [FileChange] = (params["changes"]?.arrayValue ?? []).compactMap { change in
            guard let uri = change["uri"]?.stringValue else { return nil }
            let path = Self.path(ofURI: uri)
            switch change["type"]?.integerValue {
            case 1: return .created(path)
            case 2: return .changed(path)
            case 3: return .deleted(path)
            default: return nil
            }
        }
        guard !changes.isEmpty else { return }
        checker.noteChanges(changes)
        scheduleCheck(debounced: true)
    }

    private func didChangeWorkspaceFolders(_ params: JSONValue) {
        let event = params["event"]
        let removed = Set((event?["removed"]?.arrayValue ?? []).compactMap { $0["uri"]?.stringValue }.map(Self.path(ofURI:)))
        let added = (event?["added"]?.arrayValue ?? []).compactMap { $0["uri"]?.stringValue }.map(Self.path(ofURI:))
        folders = folders.filter { !removed.contains($0) } + added.filter { !folders.contains($0) }
        checker.setFolders(folders)
        scheduleCheck(debounced: false)
    }
}
