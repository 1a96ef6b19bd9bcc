import KalcJSON

/// What the server tells the client it can do, in its answer to `initialize`.
enum ServerCapabilities {
    /// The characters after which the client asks for completion without the user asking.
    static let completionTriggers: [JSONValue] = ["=", "@", "(", ",", "!"]

    static func json(encoding: PositionEncoding, pullDiagnostics: Bool) -> JSONValue {
        var capabilities: JSONValue = [
            "positionEncoding": .string(encoding.rawValue),
            "textDocumentSync": [
                "openClose": true,
                // Incremental: the client sends only the edited ranges.
                "change": 2,
                "save": ["includeText": false],
            ],
            "hoverProvider": true,
            "definitionProvider": true,
            "referencesProvider": true,
            "documentSymbolProvider": true,
            "workspaceSymbolProvider": true,
            "completionProvider": ["triggerCharacters": .array(completionTriggers), "resolveProvider": false],
            "documentFormattingProvider": true,
            "codeActionProvider": ["codeActionKinds": ["quickfix"]],
            "renameProvider": ["prepareProvider": true],
            "workspace": [
                "workspaceFolders": ["supported": true, "changeNotifications": true]
            ],
        ]
        if pullDiagnostics, case .object(var object) = capabilities {
            object.append(
                "diagnosticProvider",
                [
                    "identifier": "kalc",
                    "interFileDependencies": true,
                    "workspaceDiagnostics": false,
                ])
            capabilities = .object(object)
        }
        return capabilities
    }
}
