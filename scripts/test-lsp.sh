#!/usr/bin/env bash
# Runs the end-to-end tests of `kalc lsp` (Tests/lsp) against .build/debug/kalc with real
# clients: pytest-lsp, Emacs with eglot in batch mode, and headless Neovim with the shipped
# configuration. Creates the virtual environment .venv-lsp when it is missing (installing
# Python's venv from apt when needed) and installs pytest-lsp into it; installs Debian's
# emacs-nox, elpa-eglot and neovim when missing (their tests are skipped, saying so, where
# that is not possible); builds kalc first unless KALC names the binary to test.
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

# The editors, from the distribution; a failed installation only skips their tests.
missing=()
command -v emacs >/dev/null || missing+=(emacs-nox elpa-eglot)
command -v emacs >/dev/null && ! emacs --batch -Q --eval "(progn (require 'package) \
  (add-to-list 'package-directory-list \"/usr/share/emacs/site-lisp/elpa\") (package-initialize) \
  (kill-emacs (if (require 'eglot nil t) 0 1)))" >/dev/null 2>&1 && missing+=(elpa-eglot)
command -v nvim >/dev/null || missing+=(neovim)
if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null; then
  install_packages "${missing[@]}" || echo "could not install ${missing[*]}: their tests are skipped" >&2
fi

if [ -z "${KALC:-}" ]; then
  swift build >&2
  export KALC="$PWD/.build/debug/kalc"
fi

exec "$venv/bin/python" -m pytest -p no:cacheprovider -q "$@" Tests/lsp
