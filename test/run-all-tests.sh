#!/usr/bin/env bash
# Builds the project and runs every test: the lit end-to-end suite and the
# gtest unit tests, each test bounded by lit's --timeout. Ends with a
# "N passed, N failed" line.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/cmake/build.sh" test || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
ninja -C "$top/build" check 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# lit's summary lines read "  Passed: 30 (93.75%)".
count() { sed -nE "s/^ *$1: *([0-9]+).*/\1/p" "$log" | tail -n 1; }
passed=$(count Passed)
failed=0
for outcome in Failed 'Timed Out' Unresolved; do
  failed=$((failed + $(count "$outcome" | grep . || echo 0)))
done
echo "${passed:-0} passed, ${failed} failed"
exit "$status"
