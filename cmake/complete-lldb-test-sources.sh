#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# LLDB's Python test suite finds its root by use_lldb_suite_root.py. A cache
# entry restored from a trimmed archive may lack that file; fetch the source
# once more and take it from there, leaving every other cached file as it is.
#
#   complete-lldb-test-sources.sh CACHE_DIR
set -euo pipefail

cache_dir=$1
marker="$cache_dir/src/lldb/use_lldb_suite_root.py"
if [ -f "$marker" ]; then
  exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
work_dir=$(mktemp -d "$cache_dir/fetch.XXXXXX")
trap 'rm -rf "$work_dir"' EXIT
"$here/fetch-llvm-source.sh" "$work_dir" "$work_dir/src"
cp "$work_dir/src/lldb/use_lldb_suite_root.py" "$marker"
