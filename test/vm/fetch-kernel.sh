#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Fetches a Debian kernel for the kernel lane, once: the newest package of a
# series that the machine's own apt sources offer, unpacked (never installed)
# into the cache outside the clone, keyed by package and version. Keeps only
# what the lane boots: the kernel image and the modules that reach the host's
# root over 9p, decompressed. Prints the cache directory.
#   fetch-kernel.sh 6.1 | 6.12
set -euo pipefail

series=${1:?usage: fetch-kernel.sh 6.1|6.12}
case "$series" in
# Debian 12's own kernel, and the 6.12 that bookworm carries for it.
6.1) pattern='^linux-image-6\.1\.0-[0-9]+-amd64$' ;;
6.12) pattern='^linux-image-6\.12\.[0-9]+\+deb12-amd64$' ;;
*)
  echo "fetch-kernel.sh: no lane kernel '$series'; choose 6.1 or 6.12" >&2
  exit 2
  ;;
esac

newest_package() {
  apt-cache search --names-only "$pattern" | cut -d' ' -f1 | sort -V |
    tail -n 1
}
package=$(newest_package)
if [ -z "$package" ]; then
  # A machine whose package lists were never read.
  apt-get update -q >&2
  package=$(newest_package)
fi
if [ -z "$package" ]; then
  echo "fetch-kernel.sh: apt offers no package matching $pattern" >&2
  exit 1
fi
version=$(apt-cache policy "$package" | sed -n 's/^ *Candidate: //p')
cache="${XDG_CACHE_HOME:-$HOME/.cache}/NativeProcessIOThreads/kernels"
dir="$cache/${package}_${version}"
if [ -f "$dir/complete" ]; then
  echo "$dir"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q -o APT::Sandbox::User=root \
  "$package=$version" >&2)
mkdir -p "$work/root"
dpkg-deb -x "$work"/*.deb "$work/root"

rm -rf "$dir"
mkdir -p "$dir/modules"
cp "$work"/root/boot/vmlinuz-* "$dir/vmlinuz"
# Every module of the directories that hold virtio, 9p and what they need;
# the lane loads them in the order their own dependencies give.
for directory in drivers/virtio net/9p fs/9p fs/netfs fs/fscache; do
  find "$work/root/lib/modules" -path "*/kernel/$directory/*" \
    \( -name '*.ko' -o -name '*.ko.xz' \) | while read -r module; do
    case "$module" in
    *.xz) xz -dc "$module" >"$dir/modules/$(basename "$module" .xz)" ;;
    *) cp "$module" "$dir/modules/" ;;
    esac
  done
done
echo "$package $version" >"$dir/complete"
echo "$dir"
