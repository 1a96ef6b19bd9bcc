import Dispatch
import KalcDiagnostics
import KalcJSON

/// Notifications: the open documents, the files on disk and the workspace folders.
extension LanguageServer {
    func handleNotification(_ method: String, _ params: JSONValue) {
        // Before `initialize` and after `shutdown`, notifications are dropped.
        guard lifecycle == .running else { return }
        switch method {
        case "initialized": registerFileWatching()
        case "$/setTrace": setTrace(params)
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange":
            let started = DispatchTime.now().uptimeNanoseconds
            didChange(params)
            if traceLevel == .verbose {
                let microseconds = (DispatchTime.now().uptimeNanoseconds - started) / 1_000
                trace("kalc lsp: didChange handled in \(microseconds) µs", details: params["textDocument"]?["uri"]?.stringValue)
            }
        case "textDocument/didClose": didClose(params)
        case "textDocument/didSave": didSave(params)
        case "workspace/didChangeWatchedFiles": didChangeWatchedFiles(params)
        case "workspace/didChangeWorkspaceFolders": didChangeWorkspaceFolders(params)
        default: break
        }
    }

    private func registerFileWatching() {
        guard watchesFilesDynamically else { return }
        request(
            "client/registerCapability",
            [
                "registrations": [
                    [
                        "id": "kalc-watched-files",
                        "method": "workspace/didChangeWatchedFiles",
                        "registerOptions": ["watchers": [["globPattern": "**/*.kal"]]],
                    ]
                ]
            ])
    }

    private func didOpen(_ params: JSONValue) {
        guard let item = params["textDocument"], let uri = item["uri"]?.stringValue, let text = item["text"]?.stringValue else {
            logMessage(.warning, "kalc lsp: didOpen without a text document")
            return
        }
        let path = Self.path(ofURI: uri)
        // The standard library's files are read from the binary, not from the editor.
        guard libraryModules[path] == nil else { return }
        documents[path] = OpenDocument(
            uri: uri, path: path, version: item["version"]?.integerValue,
            languageID: item["languageId"]?.stringValue ?? "", text: DocumentText(text))
        scheduleCheck(debounced: false)
    }

    /// Applies the edits to the document's text, in time proportional to the edits; the
    /// check that follows builds the file. An edit that does not fit the text (a range past
    /// its end) leaves the document as it was before the message, its version not taken, and
    /// the editor is told to send the whole text again.
    private func didChange(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue, var document = documents[Self.path(ofURI: uri)] else { return }
        let changes = params["contentChanges"]?.arrayValue ?? []
        for change in changes {
            let replacesAll = change["range"] == nil
            // Out of sync, only the whole text helps.
            guard document.isInSync || replacesAll else { continue }
            guard document.text.apply(change, encoding: encoding) else {
                if documents[document.path]?.isInSync == true {
                    documents[document.path]?.isInSync = false
                    lostSync(with: document, at: change["range"])
                }
                return
            }
            if replacesAll { document.isInSync = true }
        }
        guard document.isInSync else { return }
        document.version = params["textDocument"]?["version"]?.integerValue ?? document.version
        documents[document.path] = document
        scheduleCheck(debounced: true)
    }

    /// Tells the editor that an edit did not fit the document, so that its text and the
    /// server's may differ; the server keeps the last text it knew until the whole text comes.
    private func lostSync(with document: OpenDocument, at range: JSONValue?) {
        let line = range?["end"]?["line"]?.integerValue ?? range?["start"]?["line"]?.integerValue
        let message =
            "kalc lost track of the text of \(document.uri): an edit at line \((line ?? -1) + 1) lies outside the "
            + "\(document.text.lineStarts.count) lines kalc knows; kalc ignores its edits until it has the whole text again (close and reopen the file)"
        logMessage(.error, message)
        notify("window/showMessage", ["type": .integer(LogLevel.error.rawValue), "message": .string(message)])
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
