#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds our code (backend, server, unit tests) with AddressSanitizer and
# UndefinedBehaviorSanitizer in build-sanitized/, then runs our lit suite
# and unit tests (`check`, which includes a bounded fuzzer run) and a longer
# fuzzer run against the sanitized server. Fails on any test failure and on
# any sanitizer report, including one from a server lldb started, whose
# stderr nobody reads: every report goes to a file in
# build-sanitized/sanitizer-reports/, and any file there fails the run.
#   FUZZ_COUNT=N FUZZ_SEED=N test/run-sanitized-tests.sh
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/build-sanitized"
"$top/cmake/install-packages.sh" sanitize || exit 1
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
  -DIOTHREADS_SANITIZE=ON || exit 1
ninja -C "$build" || exit 1
for binary in bin/lldb-server-iothreads unittests/NativeProcessIOThreadsTests; do
  if ! nm "$build/$binary" | grep -w __asan_init >/dev/null; then
    echo "error: $build/$binary is not built with AddressSanitizer" >&2
    exit 1
  fi
done

reports="$build/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
# A report aborts the process that made it (the server dies, its test fails)
# and is written to $reports/KIND.PID.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:\
log_path=$reports/asan"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:\
log_path=$reports/ubsan"
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-19/bin/llvm-symbolizer

status=0
ninja -C "$build" check || status=1

seed=${FUZZ_SEED:-2}
count=${FUZZ_COUNT:-100000}
program="$build/fuzz-target"
gcc -g -O0 "$top/test/fuzz/fuzz_target.c" -o "$program" || exit 1
/usr/bin/python3 "$top/test/fuzz/packet_fuzzer.py" --seed "$seed" \
  --count "$count" "$build/bin/lldb-server-iothreads" "$program" || status=1

found=$(find "$reports" -type f | sort)
if [ -n "$found" ]; then
  for report in $found; do
    echo "=== $report"
    cat "$report"
  done
  echo "sanitizer reports: $(echo "$found" | wc -l) (in $reports)"
  status=1
else
  echo "sanitizer reports: none"
fi
exit "$status"
