#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Fetches and unpacks Debian's llvm-toolchain-19 source into DEST (which must
# not exist yet). The deb-src entries come from the machine's own apt
# configuration (cmake/derive-deb-src.py): the mirror, snapshot or proxy it
# takes binary packages from serves the source too. They go into a private
# apt configuration; the machine's sources, lists and caches are left alone.
#
#   fetch-llvm-source.sh WORK_DIR DEST
set -euo pipefail

work_dir=$1
dest=$2
here=$(cd "$(dirname "$0")" && pwd)

apt_dir="$work_dir/apt"
rm -rf "$apt_dir/sources"
mkdir -p "$apt_dir/sources" "$apt_dir/lists/partial" "$apt_dir/fetch"
eval "$(apt-config shell sourcelist Dir::Etc::SourceList/f \
  sourceparts Dir::Etc::SourceParts/d)"
entries=$(python3 "$here/derive-deb-src.py" "$sourcelist" "$sourceparts" \
  "$apt_dir/sources")

unreachable() {
  {
    echo "error: no Debian source of llvm-toolchain-19 is reachable through"
    echo "this machine's apt sources ($sourcelist, $sourceparts)."
    echo "The deb-src entries derived from them were:"
    echo "$entries" | sed 's/^/    /'
    echo "Configure apt with a Debian bookworm archive (a mirror, snapshot or"
    echo "proxy) that serves source packages, then build again."
  } >&2
  exit 1
}

apt_opts=(-o Dir::Etc::SourceList=/dev/null
  -o "Dir::Etc::SourceParts=$apt_dir/sources"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=)
# An archive that serves no sources (a third-party repository, a binary-only
# snapshot) fails its index; the others may still have llvm-toolchain-19.
apt-get "${apt_opts[@]}" update ||
  echo "warning: some derived deb-src entries could not be read" >&2
(cd "$apt_dir/fetch" &&
  apt-get "${apt_opts[@]}" source --only-source llvm-toolchain-19) ||
  unreachable
extracted=$(find "$apt_dir/fetch" -mindepth 1 -maxdepth 1 -type d \
  -name 'llvm-toolchain-19*' | head -n 1)
if [ -z "$extracted" ] || [ ! -d "$extracted/lldb" ]; then
  echo "error: the llvm-toolchain-19 source did not unpack an lldb directory" >&2
  exit 1
fi
mv "$extracted" "$dest"
rm -rf "$apt_dir/fetch"
