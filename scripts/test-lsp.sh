#!/usr/bin/env bash
# Runs the end-to-end tests of `kalc lsp` (Tests/lsp) with pytest-lsp, a real LSP client,
# against .build/debug/kalc. Creates the virtual environment .venv-lsp when it is missing
# and installs pytest-lsp into it; builds kalc first unless KALC names another binary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

venv=.venv-lsp
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pytest_lsp" 2>/dev/null; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >&2; then
    # Debian and Ubuntu ship venv apart from Python.
    rm -rf "$venv"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y -o DPkg::Lock::Timeout=600 python3-venv >&2 \
      || { $sudo apt-get update >&2 && $sudo apt-get install -y -o DPkg::Lock::Timeout=600 python3-venv >&2; }
    python3 -m venv "$venv" >&2
  fi
  # Nothing in the environment belongs in git.
  echo '*' > "$venv/.gitignore"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pytest-lsp>=1.0,<2"
fi

if [ -z "${KALC:-}" ]; then
  swift build >&2
  export KALC="$PWD/.build/debug/kalc"
fi

exec "$venv/bin/python" -m pytest -p no:cacheprovider -q "$@" Tests/lsp
