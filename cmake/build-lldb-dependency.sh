#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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
  rm -rf "$src_root"
  "$here/fetch-llvm-source.sh" "$cache_dir" "$src_root"
fi

build_dir="$cache_dir/build"
cmake -G Ninja -S "$src_root/lldb" -B "$build_dir" "$@"
ninja -C "$build_dir" lldb-server
touch "$cache_dir/complete"
