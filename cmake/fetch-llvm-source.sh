#!/usr/bin/env bash
# Fetches and unpacks Debian's llvm-toolchain-19 source into DEST (which must
# not exist yet), through a private apt configuration that adds bookworm's
# deb-src entry without touching the machine's own sources.
#
#   fetch-llvm-source.sh WORK_DIR DEST
set -euo pipefail

work_dir=$1
dest=$2

apt_dir="$work_dir/apt"
mkdir -p "$apt_dir/sources" "$apt_dir/lists/partial" "$apt_dir/fetch"
echo 'deb-src http://deb.debian.org/debian bookworm main' \
  >"$apt_dir/sources/bookworm-src.list"
apt_opts=(-o Dir::Etc::SourceList=/dev/null
  -o "Dir::Etc::SourceParts=$apt_dir/sources"
  -o "Dir::State::Lists=$apt_dir/lists")
apt-get "${apt_opts[@]}" update
(cd "$apt_dir/fetch" &&
  apt-get "${apt_opts[@]}" source --only-source llvm-toolchain-19)
extracted=$(find "$apt_dir/fetch" -mindepth 1 -maxdepth 1 -type d \
  -name 'llvm-toolchain-19*' | head -n 1)
if [ -z "$extracted" ] || [ ! -d "$extracted/lldb" ]; then
  echo "error: the llvm-toolchain-19 source did not unpack an lldb directory" >&2
  exit 1
fi
mv "$extracted" "$dest"
rm -rf "$apt_dir/fetch"
