#!/usr/bin/env bash
# Fetches the LLDB 19 source from Debian and builds the static LLDB libraries
# that GDBRemoteCommunicationServerLLGS needs, into a cache directory outside
# the clone. Called by cmake/LLDBDependency.cmake; safe to run by hand.
#
#   build-lldb-dependency.sh CACHE_DIR CMAKE_ARGS...
#
# CACHE_DIR/complete is written last, so an interrupted build is redone.
set -euo pipefail

cache_dir=$1
shift

if [ -f "$cache_dir/complete" ]; then
  exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
"$here/install-packages.sh" build

mkdir -p "$cache_dir"
src_root="$cache_dir/src"
if [ ! -d "$src_root/lldb" ]; then
  # A private apt configuration adds bookworm's deb-src entry without touching
  # the machine's own sources.
  apt_dir="$cache_dir/apt"
  mkdir -p "$apt_dir/sources" "$apt_dir/lists/partial" "$apt_dir/fetch"
  echo 'deb-src http://deb.debian.org/debian bookworm main' \
    >"$apt_dir/sources/bookworm-src.list"
  apt_opts=(-o Dir::Etc::SourceList=/dev/null
    -o "Dir::Etc::SourceParts=$apt_dir/sources"
    -o "Dir::State::Lists=$apt_dir/lists")
  apt-get "${apt_opts[@]}" update
  (cd "$apt_dir/fetch" &&
    apt-get "${apt_opts[@]}" source --only-source llvm-toolchain-19)
  extracted=$(find "$apt_dir/fetch" -mindepth 1 -maxdepth 1 -type d \
    -name 'llvm-toolchain-19*' | head -n 1)
  if [ -z "$extracted" ] || [ ! -d "$extracted/lldb" ]; then
    echo "error: the llvm-toolchain-19 source did not unpack an lldb directory" >&2
    exit 1
  fi
  rm -rf "$src_root"
  mv "$extracted" "$src_root"
  rm -rf "$apt_dir/fetch"
fi

build_dir="$cache_dir/build"
cmake -G Ninja -S "$src_root/lldb" -B "$build_dir" "$@"
ninja -C "$build_dir" lldb-server
touch "$cache_dir/complete"
