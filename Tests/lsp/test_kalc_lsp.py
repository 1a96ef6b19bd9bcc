"""`kalc lsp` end to end: the real binary driven by a real LSP client (pytest-lsp).

The server is the binary named by the KALC environment variable (default
`.build/debug/kalc`); each test gets a fresh server whose workspace is a copy of
`examples/basic-inference`.
"""

import asyncio
import os
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound
from pytest_lsp import ClientServerConfig, LanguageClient

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
KALC = os.environ.get("KALC", str(REPOSITORY / ".build" / "debug" / "kalc"))
EXAMPLE = REPOSITORY / "examples" / "basic-inference"
CONTROL_PLANE = "control-plane.kal"
WORKLOAD = "basic-inference.kal"
TIMEOUT = 10


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[KALC, "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    for source in EXAMPLE.glob("*.kal"):
        shutil.copy(source, tmp_path / source.name)
    lsp_client.project = tmp_path
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=tmp_path.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="example")],
    )
    lsp_client.initialize_result = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def uri(client: LanguageClient, name: str) -> str:
    return (client.project / name).as_uri()


def text(client: LanguageClient, name: str) -> str:
    return (client.project / name).read_text(encoding="utf-8")


def position_of(source: str, needle: str, offset: int = 0) -> types.Position:
    """The position of `needle` (plus `offset` characters) in `source`; ASCII only."""
    index = source.index(needle) + offset
    line = source.count("\n", 0, index)
    return types.Position(line=line, character=index - (source.rfind("\n", 0, index) + 1))


def open_document(client: LanguageClient, name: str, version: int = 1) -> str:
    source = text(client, name)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri(client, name), language_id="kalc", version=version, text=source)
        )
    )
    return source


def apply_edits(source: str, edits) -> str:
    """`source` with LSP text edits applied (ASCII only)."""
    lines = source.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: types.Position) -> int:
        return starts[position.line] + position.character if position.line < len(starts) else len(source)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        source = source[: offset(edit.range.start)] + edit.new_text + source[offset(edit.range.end):]
    return source


async def diagnostics_for(client: LanguageClient, document_uri: str, version: int):
    """The diagnostics published for a document at a version."""

    async def wait():
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == document_uri and params.version == version:
                return list(params.diagnostics)

    return await asyncio.wait_for(wait(), TIMEOUT)


async def test_capabilities_are_offered(client: LanguageClient):
    capabilities = client.initialize_result.capabilities
    assert client.initialize_result.server_info.name == "kalc"
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert capabilities.hover_provider
    assert capabilities.definition_provider
    assert capabilities.references_provider
    assert capabilities.document_symbol_provider
    assert capabilities.workspace_symbol_provider
    assert capabilities.completion_provider is not None
    assert capabilities.document_formatting_provider
    assert capabilities.code_action_provider
    assert capabilities.rename_provider
    assert capabilities.diagnostic_provider is not None
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16


async def test_a_valid_file_has_no_errors(client: LanguageClient):
    for version, name in enumerate([CONTROL_PLANE, WORKLOAD], start=1):
        open_document(client, name, version)
        assert await diagnostics_for(client, uri(client, name), version) == []


async def test_a_junk_line_is_an_error_at_its_line_until_removed(client: LanguageClient):
    document_uri = uri(client, CONTROL_PLANE)
    source = open_document(client, CONTROL_PLANE)
    assert await diagnostics_for(client, document_uri, 1) == []
    lines = source.count("\n")
    version = 1
    for round_number in range(5):
        line = (round_number * 11 + 5) % lines
        version += 1
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=document_uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)),
                        text="this is junk\n",
                    )
                ],
            )
        )
        reported = await diagnostics_for(client, document_uri, version)
        errors = [d for d in reported if d.severity == types.DiagnosticSeverity.Error]
        assert errors, f"round {round_number}: no error for the junk line"
        assert {d.range.start.line for d in errors} == {line}
        assert all(d.code and d.code.startswith("K") and d.source == "kalc" for d in errors)
        version += 1
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=document_uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line + 1, character=0)),
                        text="",
                    )
                ],
            )
        )
        assert await diagnostics_for(client, document_uri, version) == [], f"round {round_number}: not cleared"


async def test_document_symbols_list_environments_and_workloads(client: LanguageClient):
    open_document(client, CONTROL_PLANE)
    open_document(client, WORKLOAD)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri(client, CONTROL_PLANE)))
    )
    environments = {s.name for s in symbols if s.kind == types.SymbolKind.Namespace}
    assert environments == {"dev", "qa"}
    qa = next(s for s in symbols if s.name == "qa")
    assert {"east-us", "west-us", "basic-inference-policy"} <= {c.name for c in qa.children}
    workloads = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri(client, WORKLOAD)))
    )
    assert [s.name for s in workloads] == ["basic-inference"]
    assert {c.name for c in workloads[0].children} == {"dev", "qa"}


async def test_hover_and_definition_answer(client: LanguageClient):
    source = open_document(client, CONTROL_PLANE)
    document = types.TextDocumentIdentifier(uri=uri(client, CONTROL_PLANE))
    workload = position_of(source, "workload == basic-inference", len("workload == "))
    hover = await client.text_document_hover_async(types.HoverParams(text_document=document, position=workload))
    assert hover is not None
    assert "basic-inference-qa" in hover.contents.value
    assert "west-us" in hover.contents.value

    use = position_of(source, "controlPlane = kalypsoControlPlane", len("controlPlane = "))
    definition = await client.text_document_definition_async(types.DefinitionParams(text_document=document, position=use))
    assert len(definition) == 1
    assert definition[0].uri == uri(client, CONTROL_PLANE)
    assert definition[0].range.start == position_of(source, "repo kalypsoControlPlane", len("repo "))


async def test_formatting_and_completion_succeed(client: LanguageClient):
    messy = "environment   staging{\ncontrolPlane=kalypsoControlPlane@\"staging\"\n  clusterType small {\n  reconciler =   \n  }\n}\n"
    scratch = client.project / "scratch.kal"
    scratch.write_text(messy, encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=scratch.as_uri(), language_id="kalc", version=1, text=messy))
    )
    document = types.TextDocumentIdentifier(uri=scratch.as_uri())
    completion = await client.text_document_completion_async(
        types.CompletionParams(text_document=document, position=position_of(messy, "reconciler =", len("reconciler = ")))
    )
    labels = [item.label for item in completion.items]
    assert {"arc-flux", "argocd"} <= set(labels)

    fixed = messy.replace("reconciler =   ", "reconciler = arc-flux\n  namespace = default\n  config = configmap")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=scratch.as_uri(), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=document, options=types.FormattingOptions(tab_size=2, insert_spaces=True))
    )
    assert edits
    formatted = apply_edits(fixed, edits)
    assert "environment staging {\n  controlPlane = kalypsoControlPlane @ \"staging\"\n" in formatted
    assert "    reconciler = arc-flux\n" in formatted
    # Only the lines that change are edited: the closing braces were in place.
    assert all(edit.range.start.line < fixed.count("\n") - 2 for edit in edits)


async def test_a_malformed_message_and_an_unknown_method_do_not_stop_the_server(client: LanguageClient):
    source = open_document(client, WORKLOAD)
    stdin = client._server.stdin
    stdin.write(b"Content-Length: 18\r\n\r\n{this is not json}")
    stdin.write(b"Content-Type: no length at all\r\n\r\n")
    await stdin.drain()
    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("kalc/noSuchMethod", {})
    client.protocol.notify("kalc/noSuchNotification", {})
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(client, WORKLOAD)),
            position=position_of(source, "workload basic-inference", len("workload ")),
        )
    )
    assert hover is not None and "basic-inference" in hover.contents.value
    assert client._server.returncode is None


async def test_shutdown_and_exit_end_the_server_with_status_zero(client: LanguageClient):
    await client.shutdown_async(None)
    client.exit(None)
    status = await asyncio.wait_for(client._server.wait(), TIMEOUT)
    assert status == 0
    # The fixture's own shutdown finds nothing left to do.
    client.capabilities = None


async def test_a_file_from_outside_the_workspace_is_its_own_project(client: LanguageClient, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("backup")
    copy = elsewhere / CONTROL_PLANE
    source = text(client, CONTROL_PLANE)
    copy.write_text(source, encoding="utf-8")
    open_document(client, CONTROL_PLANE)
    assert await diagnostics_for(client, uri(client, CONTROL_PLANE), 1) == []
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=copy.as_uri(), language_id="kalc", version=1, text=source))
    )
    own = await diagnostics_for(client, copy.as_uri(), 1)
    assert [d for d in own if d.severity == types.DiagnosticSeverity.Error] == []
    # The workspace's file stays clean: nothing is declared twice.
    await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=""))
    for params in client.diagnostics.get(uri(client, CONTROL_PLANE), []):
        assert params.code != "K0106"
    assert not client.diagnostics.get(uri(client, CONTROL_PLANE))


async def test_completion_after_a_template_property_offers_templates_of_that_type(client: LanguageClient):
    snippet = "import std.templates\nenvironment e {\n  clusterType c {\n    reconciler = \n    namespace = \n  }\n}\n"
    scratch = client.project / "scratch.kal"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=scratch.as_uri(), language_id="kalc", version=1, text=snippet))
    )
    document = types.TextDocumentIdentifier(uri=scratch.as_uri())
    for key, wanted, unwanted in [("reconciler = ", {"arc-flux", "argocd"}, {"default", "configmap"}),
                                  ("namespace = ", {"default"}, {"arc-flux", "configmap"})]:
        completion = await client.text_document_completion_async(
            types.CompletionParams(text_document=document, position=position_of(snippet, key, len(key)))
        )
        labels = {item.label for item in completion.items}
        assert wanted <= labels and not (unwanted & labels), f"{key}{labels}"


async def test_a_client_without_markdown_or_related_information_gets_plain_text(client: LanguageClient):
    # The fixture's client declares no hover formats and no related information.
    source = open_document(client, CONTROL_PLANE)
    document = types.TextDocumentIdentifier(uri=uri(client, CONTROL_PLANE))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=position_of(source, "workload == basic-inference", len("workload == ")))
    )
    assert hover.contents.kind == types.MarkupKind.PlainText
    assert "**" not in hover.contents.value and "`" not in hover.contents.value
    twice = source + "\nrepo platformGitops = \"https://github.com/contoso/other\"\n"
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(client, CONTROL_PLANE), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=twice)],
        )
    )
    reported = await diagnostics_for(client, uri(client, CONTROL_PLANE), 2)
    twice_declared = [d for d in reported if d.code == "K0106"]
    assert twice_declared, reported
    for diagnostic in reported:
        assert diagnostic.related_information is None and diagnostic.code_description is None
    # The related place is in the message instead.
    assert f"{CONTROL_PLANE}:" in twice_declared[0].message


async def test_an_edit_past_the_end_is_reported_and_the_whole_text_resynchronises(client: LanguageClient):
    source = open_document(client, CONTROL_PLANE)
    document_uri = uri(client, CONTROL_PLANE)
    assert await diagnostics_for(client, document_uri, 1) == []
    far = types.Position(line=source.count("\n") + 50, character=0)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=document_uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=far, end=far), text="junk junk\n")],
        )
    )
    shown = await asyncio.wait_for(client.wait_for_notification(types.WINDOW_SHOW_MESSAGE), TIMEOUT)
    assert shown.type == types.MessageType.Error and "lost track" in shown.message
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=document_uri, version=3),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="junk junk\n" + source)],
        )
    )
    reported = await diagnostics_for(client, document_uri, 3)
    assert 0 in [d.range.start.line for d in reported if d.severity == types.DiagnosticSeverity.Error]
