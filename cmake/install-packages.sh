#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Installs the Debian packages a step needs, only when some are missing.
#   install-packages.sh build   what building the LLDB dependency and ours needs
#   install-packages.sh test    what the test suite (the kernel lane's QEMU
#                               among it) and demo need on top
#   install-packages.sh sanitize  and the sanitizer runtimes on top of that
set -euo pipefail

build_packages=(cmake ninja-build g++ dpkg-dev python3 llvm-19-dev libclang-19-dev
  clang-19 llvm-19-tools libcurl4-openssl-dev libzstd-dev libxml2-dev
  zlib1g-dev libedit-dev libncurses-dev liblzma-dev libgtest-dev gcc-multilib)
test_packages=(lldb-19 python3-lldb-19 liblldb-19-dev liblldb-22 gcc-multilib liburing-dev python3
  python3-psutil python3-packaging make strace procps gdb binutils
  qemu-system-x86 busybox-static cpio xz-utils reuse podman runc)
sanitize_packages=(libclang-rt-19-dev)

case "${1:-}" in
build) wanted=("${build_packages[@]}") ;;
test) wanted=("${build_packages[@]}" "${test_packages[@]}") ;;
sanitize)
  wanted=("${build_packages[@]}" "${test_packages[@]}" "${sanitize_packages[@]}")
  ;;
*)
  echo "usage: $0 build|test|sanitize" >&2
  exit 1
  ;;
esac

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
    grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing Debian packages: ${missing[*]}; run as root or install them" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
