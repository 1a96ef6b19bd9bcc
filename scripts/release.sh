#!/usr/bin/env bash
# Builds the release tarball dist/kalc-<version>-linux-<arch>.tar.gz from the commit checked
# out (HEAD; uncommitted changes are not in it):
#
#   kalc-<version>-linux-<arch>/bin/kalc                        the binary
#   .../share/man/man1/kalc.1, kalc.<command>.1                 a man page per command
#   .../share/bash-completion/completions/kalc                  bash completion
#   .../share/zsh/site-functions/_kalc                          zsh completion
#   .../share/fish/vendor_completions.d/kalc.fish               fish completion
#   .../share/doc/kalc/README.md, licenses/<component>/...      what is linked in, and its licence
#
# The binary links the Swift runtime and Foundation statically (--static-swift-stdlib), and
# libgit2, libyaml and what they need statically too; it needs only the C library (libc,
# libm), and libstdc++ and libgcc_s, which every Debian and Ubuntu system has (apt needs
# them). The script fails if the binary needs anything else.
#
# libgit2 is built from Debian's source package of the libgit2 installed (`apt-get source`,
# with Debian's patches), without network transports (no HTTPS, SSH, GSSAPI or NTLM: kalc
# opens no network connection), because Debian's libgit2.a needs the GSSAPI library, of which
# Debian ships no static archive. libyaml, zlib and http-parser are Debian's static archives.
# Everything is built under .build-release/ (ignored by git) and kept there for the next run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
work=$root/.build-release
mkdir -p "$work" dist

version=$(sed -n 's/^public let kalcVersion = "\(.*\)"$/\1/p' Sources/KalcCommand/Kalc.swift)
arch=$(uname -m)
multiarch=$(gcc -print-multiarch)
commit=$(git rev-parse HEAD)
name="kalc-${version}-linux-${arch}"
[ -n "$version" ] || { echo "cannot read the version from Sources/KalcCommand/Kalc.swift" >&2; exit 1; }
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "note: building $commit; the uncommitted changes of the working tree are not in the release" >&2
fi

# --- Tools and Debian packages --------------------------------------------------------------
packages=(libyaml-dev libgit2-dev zlib1g-dev libhttp-parser-dev pkg-config cmake dpkg-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get install -y -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2 \
    || { $sudo apt-get update >&2 && $sudo apt-get install -y -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2; }
fi

# --- libgit2 from Debian's source package -----------------------------------------------------
deps=$work/deps
prefix=$deps/prefix
libgit2_version=$(dpkg-query -W -f='${Version}' libgit2-dev)
if [ "$(cat "$prefix/.libgit2-version" 2>/dev/null)" != "$libgit2_version" ]; then
  echo "building libgit2 from Debian's source package (for libgit2-dev $libgit2_version)" >&2
  rm -rf "$deps"
  mkdir -p "$deps/apt/lists/partial" "$deps/apt/cache/archives/partial" "$prefix/lib/pkgconfig"
  # A private list of Debian's source archives, so that the system's apt configuration is untouched.
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  printf 'deb-src http://deb.debian.org/debian %s main\ndeb-src http://deb.debian.org/debian %s-updates main\n' "$codename" "$codename" > "$deps/apt/sources.list"
  apt_options=(-o "Dir::Etc::SourceList=$deps/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent
               -o "Dir::State::Lists=$deps/apt/lists" -o "Dir::Cache=$deps/apt/cache")
  apt-get "${apt_options[@]}" update >&2
  # The installed version's source when the archive still has it, else the package's current source.
  (cd "$deps" && { apt-get "${apt_options[@]}" source "libgit2=$libgit2_version" >&2 || apt-get "${apt_options[@]}" source libgit2 >&2; })
  source_folder=$(find "$deps" -maxdepth 1 -type d -name 'libgit2-*' | head -n 1)
  cmake -S "$source_folder" -B "$deps/build-libgit2" -DCMAKE_BUILD_TYPE=Release -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTS=OFF -DBUILD_CLI=OFF \
    -DUSE_HTTPS=OFF -DUSE_SSH=OFF -DUSE_GSSAPI=OFF -DUSE_NTLMCLIENT=OFF \
    -DUSE_SHA1=CollisionDetection -DUSE_SHA256=Builtin -DREGEX_BACKEND=regcomp -DUSE_HTTP_PARSER=system \
    -DCMAKE_INSTALL_PREFIX="$prefix" >&2
  cmake --build "$deps/build-libgit2" -j "$(nproc)" >&2
  cmake --install "$deps/build-libgit2" >&2
  # One archive with what libgit2 needs (http-parser, zlib), so that link order cannot matter.
  mv "$prefix/lib/libgit2.a" "$deps/libgit2-alone.a"
  printf 'CREATE %s\nADDLIB %s\nADDLIB %s\nADDLIB %s\nSAVE\nEND\n' "$prefix/lib/libgit2.a" "$deps/libgit2-alone.a" \
    "/usr/lib/$multiarch/libhttp_parser.a" "/usr/lib/$multiarch/libz.a" | ar -M
  cp "$source_folder/COPYING" "$deps/libgit2-COPYING"
  basename "$(ls "$deps"/libgit2_*.dsc | head -n 1)" .dsc | sed 's/^libgit2_//' > "$prefix/.libgit2-source"
  echo "$libgit2_version" > "$prefix/.libgit2-version"
fi
# libyaml: Debian's static archive, found before the shared library.
cp "/usr/lib/$multiarch/libyaml.a" "$prefix/lib/libyaml.a"
cat > "$prefix/lib/pkgconfig/yaml-0.1.pc" <<EOF
Name: LibYAML
Description: Library to parse and emit YAML
Version: $(pkg-config --modversion yaml-0.1)
Libs: -L$prefix/lib -lyaml
Cflags:
EOF

# --- The sources of the commit, naming it -----------------------------------------------------
source=$work/source
rm -rf "$source"
mkdir -p "$source"
git archive HEAD | tar -x -C "$source"
[ -f Package.resolved ] && cp Package.resolved "$source/"
cat > "$source/Sources/KalcCommand/SourceRevision.swift" <<EOF
// Written by scripts/release.sh.

/// The commit of kalc's repository this kalc was built from.
let sourceCommit: String? = "$commit"
EOF

# --- The binary -------------------------------------------------------------------------------
build=$work/build
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" swift build -c release --static-swift-stdlib \
  --package-path "$source" --scratch-path "$build" --product kalc \
  -Xlinker -L"$prefix/lib" >&2
binary="$build/release/kalc"
strip "$binary"

# Only the C library and the C++ runtime may remain dynamic.
allowed='^(linux-vdso\.so|linux-gate\.so|libc\.so|libm\.so|libdl\.so|libpthread\.so|librt\.so|libstdc\+\+\.so|libgcc_s\.so|ld-linux)'
needed=$(ldd "$binary" | awk '{print $1}' | sed 's|.*/||')
unexpected=$(grep -Ev "$allowed" <<<"$needed" || true)
if [ -n "$unexpected" ]; then
  echo "the binary needs libraries that a minimal system lacks:" >&2
  echo "$unexpected" >&2
  exit 1
fi

# --- The tarball ------------------------------------------------------------------------------
stage=$work/stage/$name
rm -rf "$work/stage"
mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/share/bash-completion/completions" "$stage/share/zsh/site-functions" \
  "$stage/share/fish/vendor_completions.d" "$stage/share/doc/kalc/licenses"
cp "$binary" "$stage/bin/kalc"
"$binary" --generate-completion-script bash > "$stage/share/bash-completion/completions/kalc"
"$binary" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_kalc"
"$binary" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/kalc.fish"

# Man pages: the argument parser's generate-manual tool, run on the binary (as its
# generate-manual plugin does), one page per command.
parser=$build/checkouts/swift-argument-parser
swift build --package-path "$parser" --scratch-path "$work/build-manual" --product generate-manual >&2
"$work/build-manual/debug/generate-manual" "$binary" --multi-page --output-directory "$stage/share/man/man1" \
  --authors "the kalc authors" --section 1 >&2

cp README.md "$stage/share/doc/kalc/README.md"
licenses=$stage/share/doc/kalc/licenses
mkdir -p "$licenses"/{libgit2,libyaml,zlib,http-parser,swift,swift-argument-parser,libstdc++}
cp "$deps/libgit2-COPYING" "$licenses/libgit2/COPYING"
cp /usr/share/doc/libyaml-0-2/copyright "$licenses/libyaml/copyright"
cp /usr/share/doc/zlib1g/copyright "$licenses/zlib/copyright"
cp "$(ls -d /usr/share/doc/libhttp-parser2* | head -n 1)/copyright" "$licenses/http-parser/copyright"
swift_root=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
cp "$swift_root/share/swift/LICENSE.txt" "$licenses/swift/LICENSE.txt"
cp "$parser/LICENSE.txt" "$licenses/swift-argument-parser/LICENSE.txt"
cp /usr/share/doc/libstdc++6/copyright "$licenses/libstdc++/copyright"
cat > "$stage/share/doc/kalc/BUILD" <<EOF
kalc $version, built from commit $commit
$("$binary" --version)
Linked statically: the Swift runtime and Foundation (swift-corelibs, with ICU), swift-argument-parser,
libgit2 (Debian's source package $(cat "$prefix/.libgit2-source"), without HTTPS, SSH, GSSAPI and NTLM), libyaml
$(pkg-config --modversion yaml-0.1), zlib $(dpkg-query -W -f='${Version}' zlib1g-dev), http-parser $(dpkg-query -W -f='${Version}' libhttp-parser-dev).
Linked dynamically: $(tr '\n' ' ' <<<"$needed")
EOF

tarball=$root/dist/$name.tar.gz
tar -C "$work/stage" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
echo "$tarball"
echo "binary: $(stat -c %s "$stage/bin/kalc") bytes; tarball: $(stat -c %s "$tarball") bytes; sha256 $(sha256sum "$tarball" | cut -d' ' -f1)" >&2
