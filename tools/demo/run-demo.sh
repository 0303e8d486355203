#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds the project (installing what it needs) and shows what the server is
# for: a program keeps an openat in flight on an io_uring worker thread, and
# starts an SQPOLL poller once a debugger is attached. lldb-19 attaches
# through our server, lists the threads (the io threads named for what they
# are and what they wait in: the worker, thread #2, found at attach, the
# poller, thread #3, at the first stop), prints the io_uring topology, breaks
# and steps in the program's code, is refused a step on the io worker, and
# detaches; the program then reports that its openat completed normally.
#
# lldb's batch mode takes the refused step's stop (an exception stop) for a
# crash and runs no more -o commands after it; the -k commands run then.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
"$top/cmake/build.sh" test

demo="$top/build/demo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -g -O0 "$top/tools/demo/demo.c" -o "$demo" -luring
"$demo" "$work" &
program=$!
timeout 20 sh -c "until [ -s '$work/pid' ]; do sleep 0.02; done"

LLDB_DEBUGSERVER_PATH="$top/build/bin/lldb-server-iothreads" \
  lldb-19 --no-lldbinit -b -p "$program" \
  -O 'settings set stop-disassembly-display never' \
  -o 'breakpoint set --name next_round' \
  -o continue \
  -o 'thread list' \
  -o 'process plugin packet send qXfer:io-uring-topology:read::0,fffff' \
  -o 'frame variable round' \
  -o next \
  -o 'thread select 2' \
  -o 'thread step-inst' \
  -k 'breakpoint delete 1' \
  -k 'process detach' < /dev/null
wait "$program"
