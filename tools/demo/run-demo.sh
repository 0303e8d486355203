#!/usr/bin/env bash
# Builds the project (installing what it needs) and debugs the demo program
# with lldb-19 through our server: a breakpoint in a worker, the thread list,
# registers, a step, and the run to the end.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
"$top/cmake/build.sh" test

demo="$top/build/demo"
gcc -g -O0 -pthread "$top/tools/demo/demo.c" -o "$demo"
export LLDB_DEBUGSERVER_PATH="$top/build/bin/lldb-server-iothreads"
exec lldb-19 --no-lldbinit -b "$demo" \
  -o 'breakpoint set --name sum_slice' \
  -o run \
  -o 'thread list' \
  -o 'register read rip rsp rdi' \
  -o 'frame variable *slice' \
  -o next \
  -o 'breakpoint delete 1' \
  -o continue
