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

count() { awk -v k="$1" '$1 == k && $2 ~ /:/ {print $3}' "$log" | tail -n 1; }
passed=$(count Passed)
failed=$(( $(count Failed || true) + 0 ))
timed_out=$(awk '$1 == "Timed" && $2 == "Out" {print $4}' "$log" | tail -n 1)
failed=$(( failed + ${timed_out:-0} ))
echo "${passed:-0} passed, ${failed} failed"
exit "$status"
