#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs what the build needs, configures build/ and builds everything.
# The LLDB dependency comes from the cache outside the clone when present.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/cmake/install-packages.sh" "${1:-build}"
cmake -S "$top" -B "$top/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
ninja -C "$top/build"
