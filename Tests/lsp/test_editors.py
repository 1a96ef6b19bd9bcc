"""`kalc lsp` in the editors users have: Emacs with eglot (batch mode) driving diagnostics,
hover, definition, completion, a quick fix, formatting and rename, and headless Neovim with
the shipped configuration (editors/neovim/kalc.lua) seeing diagnostics. Each runs on a copy
of `examples/edge-fleet` where production.kal misspells `arc-flux`. A test is skipped, saying
why, when its editor is not installed (scripts/test-lsp.sh installs them where it can).
"""

import os
import pathlib
import shutil
import subprocess

import pytest

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
KALC = os.environ.get("KALC", str(REPOSITORY / ".build" / "debug" / "kalc"))
EDGE_FLEET = REPOSITORY / "examples" / "edge-fleet"
TIMEOUT = 60


@pytest.fixture
def project(tmp_path: pathlib.Path) -> pathlib.Path:
    copy = tmp_path / "edge-fleet"
    shutil.copytree(EDGE_FLEET, copy)
    production = copy / "production.kal"
    text = production.read_text(encoding="utf-8")
    production.write_text(text.replace("reconciler = arc-flux", "reconciler = arc-flx", 1), encoding="utf-8")
    return copy


def environment(tmp_path: pathlib.Path, **extra: str) -> dict:
    env = dict(os.environ, KALC=KALC, HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.update(extra)
    return env


def run(command: list, env: dict) -> subprocess.CompletedProcess:
    result = subprocess.run(command, env=env, cwd=REPOSITORY, capture_output=True, text=True, timeout=TIMEOUT)
    print(result.stdout)
    print(result.stderr)
    return result


def test_emacs_eglot_uses_every_feature(project: pathlib.Path, tmp_path: pathlib.Path):
    if shutil.which("emacs") is None:
        pytest.skip("Emacs is not installed (Debian: apt-get install emacs-nox elpa-eglot)")
    probe = subprocess.run(
        ["emacs", "--batch", "-Q", "--eval",
         "(progn (require 'package) (add-to-list 'package-directory-list \"/usr/share/emacs/site-lisp/elpa\")"
         " (package-initialize) (kill-emacs (if (require 'eglot nil t) 0 1)))"],
        capture_output=True, timeout=TIMEOUT)
    if probe.returncode != 0:
        pytest.skip("eglot is not installed (Debian: apt-get install elpa-eglot; built into Emacs 29)")
    result = run(["emacs", "--batch", "-Q", "-l", "editors/emacs/kalc-mode.el", "-l", "Tests/editors/eglot-session.el"],
                 environment(tmp_path, KALC_PROJECT=str(project)))
    assert result.returncode == 0, result.stderr
    for step in ["kalc-mode indents and highlights", "diagnostic at line 9", "hover: template store-namespace", "definition: templates.kal",
                 "stdlib/std.templates.kal", "completion:", "quick fix:", "formatting:", "rename:"]:
        assert step in result.stderr


def test_neovim_with_the_shipped_configuration_shows_diagnostics(project: pathlib.Path, tmp_path: pathlib.Path):
    if shutil.which("nvim") is None:
        pytest.skip("Neovim is not installed (Debian: apt-get install neovim)")
    production = project / "production.kal"
    line = production.read_text(encoding="utf-8").split("\n").index("    reconciler = arc-flx")
    result = run(
        ["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile Tests/editors/neovim-diagnostics.lua"],
        environment(tmp_path, KALC_FILE=str(production), KALC_LINE=str(line), KALC_CODE="K0101",
                    KALC_CONFIG=str(REPOSITORY / "editors" / "neovim" / "kalc.lua")),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "K0101 at line" in result.stdout + result.stderr
