#!/usr/bin/env bash
# Tests a release tarball (default: the newest dist/kalc-*-linux-<arch>.tar.gz, from
# scripts/release.sh) where nothing but Debian's minimal system is installed: a root made by
# `debootstrap --variant=minbase`, without Swift, without any -dev package, without libgit2
# or libyaml. The tarball is unpacked there and, entered with chroot, kalc runs `--version`,
# `check`, `compile --out`, `compile --git` and a language-server session (initialize,
# shutdown, exit) on the tutorial's control plane; the wall time of `kalc check` is printed.
#
# Needs root (for chroot). The minimal root is made once and kept under
# .build-release/debian-root/ (ignored by git); each run works in a fresh copy of it. When
# debootstrap cannot be installed or cannot make the root (no network, no root), the test is
# skipped with a message saying why, and exits 0.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
arch=$(uname -m)
tarball=${1:-$(ls -t dist/kalc-*-linux-"$arch".tar.gz 2>/dev/null | head -n 1 || true)}
[ -n "$tarball" ] && [ -f "$tarball" ] || { echo "no release tarball: run scripts/release.sh first" >&2; exit 1; }
tarball=$(readlink -f "$tarball")

skip() {
  echo "test-release: SKIPPED: $*" >&2
  exit 0
}

[ "$(id -u)" = 0 ] || skip "chroot needs root"
if ! command -v debootstrap >/dev/null; then
  apt-get install -y -o DPkg::Lock::Timeout=600 debootstrap >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && apt-get install -y -o DPkg::Lock::Timeout=600 debootstrap >/dev/null 2>&1; } \
    || skip "the debootstrap package cannot be installed"
fi

cache=$root/.build-release/debian-root
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
if [ ! -f "$cache/.complete" ]; then
  echo "making a minimal Debian $codename root with debootstrap (once; kept in $cache)" >&2
  rm -rf "$cache"
  mkdir -p "$cache"
  debootstrap --variant=minbase "$codename" "$cache/base" http://deb.debian.org/debian >"$cache/debootstrap.log" 2>&1 \
    || { rm -rf "$cache"; skip "debootstrap could not make a minimal root (see its log above this line when run by hand)"; }
  touch "$cache/.complete"
fi

run=$(mktemp -d "$root/.build-release/run.XXXXXX")
chrooted=$run/root
# The copy is removed only once nothing is mounted in it.
cleanup() {
  if mountpoint -q "$chrooted/proc"; then umount "$chrooted/proc" || { echo "cannot unmount $chrooted/proc; $run is left" >&2; return; }; fi
  rm -rf "$run"
}
trap cleanup EXIT
cp -a "$cache/base" "$chrooted"
# The Swift runtime reads a program's arguments from /proc/self/cmdline.
mount -t proc proc "$chrooted/proc"

failures=0
check() {
  local what=$1
  shift
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAILED: $what" >&2
    failures=$((failures + 1))
  fi
}

# What the root lacks: Swift, -dev packages, the C libraries kalc links statically.
check "the root has no Swift" test -z "$(chroot "$chrooted" sh -c 'command -v swift swiftc || true')"
check "the root has no -dev package" test -z "$(chroot "$chrooted" dpkg-query -W -f='${Package}\n' | grep -- '-dev$' || true)"
check "the root has no libgit2 or libyaml" test -z "$(find "$chrooted/usr/lib" "$chrooted/lib" -name 'libgit2*' -o -name 'libyaml*' 2>/dev/null)"

mkdir -p "$chrooted/opt" "$chrooted/work"
tar -xzf "$tarball" -C "$chrooted/opt"
folder=$(basename "$tarball" .tar.gz)
ln -s "$folder" "$chrooted/opt/kalc"
cp -r examples/basic-inference "$chrooted/work/control-plane"
kalc() { chroot "$chrooted" /opt/kalc/bin/kalc "$@"; }

check "kalc --version names the version, commit, libgit2 and libyaml" \
  sh -c "chroot '$chrooted' /opt/kalc/bin/kalc --version | grep -Eq '^[0-9.]+ \\(commit [0-9a-f]{40}, libgit2 [0-9.]+, libyaml [0-9.]+\\)$'"
check "kalc check" kalc check --werror /work/control-plane
check "kalc compile --out" kalc compile /work/control-plane --out /work/out
check "compile --out wrote the GitOps trees" test -f "$chrooted/work/out/gitops/qa/west-us/basic-inference-qa/reconciler.yaml"
git init -q --bare "$chrooted/work/gitops.git"
check "kalc compile --git" kalc compile /work/control-plane --git /work/gitops.git --date '@1700000000 +0000'
check "compile --git committed each environment" \
  sh -c "git -C '$chrooted/work/gitops.git' rev-parse --verify -q dev >/dev/null && git -C '$chrooted/work/gitops.git' rev-parse --verify -q qa >/dev/null"

message() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
session=$({
  message '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file:///work/control-plane","capabilities":{}}}'
  message '{"jsonrpc":"2.0","method":"initialized","params":{}}'
  message '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
  message '{"jsonrpc":"2.0","method":"exit"}'
} | timeout 30 chroot "$chrooted" /opt/kalc/bin/kalc lsp; echo "status $?")
check "kalc lsp answers initialize" grep -q '"capabilities"' <<<"$session"
check "kalc lsp answers shutdown" grep -q '"id":2,"result":null' <<<"$session"
check "kalc lsp exits 0 after exit" grep -q 'status 0$' <<<"$session"

check "the bash completion parses" chroot "$chrooted" bash -n "/opt/kalc/share/bash-completion/completions/kalc"
check "a man page per command" sh -c "for command in check compile diff explain fmt import init lsp plan; do test -s '$chrooted/opt/kalc/share/man/man1/kalc.'\$command'.1' || exit 1; done"
check "the licences of what is linked in" test -s "$chrooted/opt/kalc/share/doc/kalc/licenses/libgit2/COPYING"

# The wall time of `kalc check` on the tutorial, start-up included (best of five).
best=
for _ in 1 2 3 4 5; do
  start=$(date +%s%N)
  kalc check /work/control-plane >/dev/null 2>&1
  elapsed=$((($(date +%s%N) - start) / 1000000))
  if [ -z "$best" ] || [ "$elapsed" -lt "$best" ]; then best=$elapsed; fi
done
echo "binary: $(stat -c %s "$chrooted/opt/kalc/bin/kalc") bytes; kalc check of the tutorial: ${best} ms wall (best of 5, chroot start-up included)"

if [ "$failures" -gt 0 ]; then
  echo "test-release: $failures check(s) failed" >&2
  exit 1
fi
echo "test-release: every check passed"
