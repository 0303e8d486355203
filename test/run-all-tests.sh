#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Builds the project and runs every test: our lit end-to-end suite and gtest
# unit tests (`check`), the end-to-end tests that drive lldb or lldb-dap once
# more with lldb 22 (`check-client22`), then LLDB 19's own Shell and
# lldb-server API tests against our server (`check-upstream`), each test
# bounded by lit's --timeout, and the kernel lane (`check-lane`: the tests
# that need i386 programs, debug-register traps or a given kernel, inside
# Debian's 6.1 and 6.12 kernels under QEMU, each guest bounded by its
# deadline). Ends with one "N passed, N failed" line over all.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/cmake/build.sh" test || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for target in check check-client22 check-upstream check-lane; do
  ninja -C "$top/build" "$target" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
# `check` and 100,000 fuzzer packets again against a server built with ASan
# and UBSan (about 11 minutes on 2 cores, build included); any sanitizer
# report fails the run.
"$top/test/run-sanitized-tests.sh" 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# lit's summary lines read "  Passed: 30 (93.75%)".
total() {
  sed -nE "s/^ *$1 *: *([0-9]+).*/\1/p" "$log" | awk '{n += $1} END {print n + 0}'
}
passed=$(total Passed)
failed=0
# A sanitizer report counts as a failure: "sanitizer reports: 2 (in DIR)".
for outcome in Failed 'Timed Out' Unresolved 'Unexpectedly Passed' \
  'sanitizer reports'; do
  failed=$((failed + $(total "$outcome")))
done
echo "${passed} passed, ${failed} failed"
exit "$status"
