#!/usr/bin/env bash
# Installs the system libraries kalc builds against (when missing), then builds kalc.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(libyaml-dev libgit2-dev pkg-config)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2 \
    || { $sudo apt-get update >&2 && $sudo apt-get install -y -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2; }
fi
swift build >&2
