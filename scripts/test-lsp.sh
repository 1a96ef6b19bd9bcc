#!/usr/bin/env bash
# Runs the end-to-end tests of `kalc lsp` (Tests/lsp) with pytest-lsp, a real LSP client,
# against .build/debug/kalc. Creates the virtual environment .venv-lsp when it is missing
# (installing Python's venv from apt when needed) and installs pytest-lsp into it; builds
# kalc first unless KALC names the binary to test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

install_packages() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing: $*" >&2
  $sudo apt-get install -y -o DPkg::Lock::Timeout=600 "$@" >&2 \
    || { $sudo apt-get update >&2 && $sudo apt-get install -y -o DPkg::Lock::Timeout=600 "$@" >&2; }
}

venv=.venv-lsp
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pytest_lsp" 2>/dev/null; then
  command -v python3 >/dev/null || install_packages python3 python3-venv
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >&2; then
    # Debian and Ubuntu ship venv apart from Python.
    rm -rf "$venv"
    install_packages python3-venv
    python3 -m venv "$venv" >&2
  fi
  # Nothing in the environment belongs in git.
  echo '*' > "$venv/.gitignore"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pytest-lsp>=1.0,<2" >&2
fi

if [ -z "${KALC:-}" ]; then
  swift build >&2
  export KALC="$PWD/.build/debug/kalc"
fi

exec "$venv/bin/python" -m pytest -p no:cacheprovider -q "$@" Tests/lsp
