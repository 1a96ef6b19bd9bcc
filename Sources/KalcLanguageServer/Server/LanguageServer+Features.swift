import KalcDiagnostics
import KalcJSON
import KalcSemantics
import KalcSyntax

/// The requests about documents: each read from the current snapshot and mapped to the
/// protocol's shapes.
extension LanguageServer {
    func answerFromSnapshot(_ method: String, _ params: JSONValue) throws(ResponseError) -> JSONValue {
        switch method {
        case "textDocument/diagnostic": return try pullDiagnostics(params)
        case "textDocument/hover": return try hover(params)
        case "textDocument/definition": return try definition(params)
        case "textDocument/references": return try references(params)
        case "textDocument/documentSymbol": return try documentSymbols(params)
        case "workspace/symbol": return workspaceSymbols(params)
        case "textDocument/completion": return try completion(params)
        case "textDocument/codeAction": return try codeActions(params)
        case "textDocument/prepareRename": return try prepareRename(params)
        case "textDocument/rename": return try rename(params)
        default: throw ResponseError(.methodNotFound, "kalc does not handle `\(method)`")
        }
    }

    /// The file and byte offset of the request's `textDocument` and `position`; nil for a
    /// document that is not part of the project.
    private func position(_ params: JSONValue) throws(ResponseError) -> (path: String, offset: Int)? {
        let path = try documentPath(params)
        guard let file = current.snapshot(of: path).source(path) else { return nil }
        guard let offset = encoding.offset(of: params["position"], in: file) else {
            throw .invalidParams("the request has no valid position")
        }
        return (path, offset)
    }

    private func locations(_ locations: [Location], in path: String) -> JSONValue {
        let mapping = mapping(path)
        return .array(locations.compactMap(mapping.location))
    }

    // MARK: Understanding

    private func hover(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let (path, offset) = try position(params), let hover = current.snapshot(of: path).hover(in: path, at: offset) else { return .null }
        return [
            "contents": client.hoverMarkdown
                ? ["kind": "markdown", "value": .string(hover.markdown)]
                : ["kind": "plaintext", "value": .string(Markdown.plainText(hover.markdown))],
            "range": mapping(path).range(hover.location) ?? .null,
        ]
    }

    private func definition(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let (path, offset) = try position(params) else { return .null }
        return locations(current.snapshot(of: path).definitions(in: path, at: offset), in: path)
    }

    private func references(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let (path, offset) = try position(params) else { return .null }
        let includeDeclarations = params["context"]?["includeDeclaration"]?.boolValue ?? true
        return locations(current.snapshot(of: path).references(in: path, at: offset, includeDeclarations: includeDeclarations), in: path)
    }

    private func documentSymbols(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        let path = try documentPath(params)
        guard let file = current.snapshot(of: path).files[path] else { return .null }
        func json(_ symbol: OutlineSymbol) -> JSONValue {
            [
                "name": .string(symbol.name),
                "detail": .string(symbol.detail),
                "kind": .integer(symbol.protocolKind.rawValue),
                "range": encoding.rangeJSON(symbol.span, in: file),
                "selectionRange": encoding.rangeJSON(symbol.selection, in: file),
                "children": .array(symbol.children.map(json)),
            ]
        }
        return .array(current.snapshot(of: path).outline(of: path).map(json))
    }

    private func workspaceSymbols(_ params: JSONValue) -> JSONValue {
        let mapping = mapping(current.workspace)
        let symbols = current.workspace.workspaceSymbols(matching: params["query"]?.stringValue ?? "")
        return .array(
            symbols.compactMap { declaration -> JSONValue? in
                guard let location = mapping.location(declaration.nameLocation) else { return nil }
                var container: String?
                if case .environment(let environment) = declaration.branch { container = environment }
                if let workload = declaration.workload { container = workload }
                return [
                    "name": .string(declaration.name),
                    "kind": .integer(ProtocolSymbolKind(declaration.kind).rawValue),
                    "location": location,
                    "containerName": .string(container),
                ]
            })
    }

    // MARK: Writing

    private func completion(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let (path, offset) = try position(params) else { return ["isIncomplete": false, "items": []] }
        let completions = current.snapshot(of: path).completions(in: path, at: offset)
        let range = mapping(path).range(Location(file: path, span: completions.replacing)) ?? .null
        let items: [JSONValue] = completions.candidates.enumerated().map { index, candidate in
            var item = JSONObject()
            item.append("label", .string(candidate.label))
            item.append("kind", .integer(candidate.kind.rawValue))
            if let detail = candidate.detail { item.append("detail", .string(detail)) }
            // Keeps the server's order, which puts the likeliest names first.
            let digits = String(index)
            item.append("sortText", .string(String(repeating: "0", count: max(0, 5 - digits.count)) + digits))
            item.append("textEdit", ["range": range, "newText": .string(candidate.insertText ?? candidate.label)])
            return .object(item)
        }
        return ["isIncomplete": false, "items": .array(items)]
    }

    func formatting(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        let path = try documentPath(params)
        guard let file = documents[path]?.file ?? current.snapshot(of: path).files[path] else { return .null }
        guard let formatted = Formatter.format(SyntaxTree.parse(file)) else { return .null }
        // Only the lines that change are replaced, so the editor keeps its marks elsewhere.
        return .array(
            LineEdits.edits(from: file.bytes, to: Array(formatted.utf8)).map { edit in
                ["range": encoding.rangeJSON(edit.span, in: file), "newText": .string(edit.replacement)]
            })
    }

    private func codeActions(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        let path = try documentPath(params)
        guard let file = current.snapshot(of: path).files[path] else { return [] }
        if let only = params["context"]?["only"]?.arrayValue?.compactMap(\.stringValue),
            !only.contains(where: { $0 == "quickfix" || "quickfix".hasPrefix($0 + ".") || $0 == "" })
        {
            return []
        }
        guard let span = encoding.span(of: params["range"], in: file) else { throw .invalidParams("the request has no valid range") }
        let mapping = mapping(path)
        return .array(
            current.snapshot(of: path).quickFixes(in: path, touching: span).compactMap { fix -> JSONValue? in
                guard let edit = mapping.workspaceEdit(fix.edits) else { return nil }
                return [
                    "title": .string(fix.title),
                    "kind": "quickfix",
                    "diagnostics": .array([mapping.diagnostic(fix.diagnostic)].compactMap { $0 }),
                    "isPreferred": .bool(fix.isPreferred),
                    "edit": edit,
                ]
            })
    }

    private func prepareRename(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let (path, offset) = try position(params) else { return .null }
        switch current.snapshot(of: path).renameTarget(in: path, at: offset) {
        case .success(let target):
            return ["range": mapping(path).range(target.location) ?? .null, "placeholder": .string(target.name)]
        case .failure(let refusal):
            throw ResponseError(.requestFailed, refusal.message)
        }
    }

    private func rename(_ params: JSONValue) throws(ResponseError) -> JSONValue {
        guard let newName = params["newName"]?.stringValue else { throw .invalidParams("the request has no newName") }
        guard let (path, offset) = try position(params) else { return .null }
        switch current.snapshot(of: path).rename(in: path, at: offset, to: newName) {
        case .success(let edits):
            return mapping(path).workspaceEdit(edits) ?? ["changes": [:]]
        case .failure(let refusal):
            throw ResponseError(.requestFailed, refusal.message)
        }
    }
}
