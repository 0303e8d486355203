#!/bin/sh
# Makes a container's root filesystem in ROOT: busybox, /app/greet and its
# own libgreet.so (which the host lacks), with the host's C library.
# Usage: make_root.sh ROOT CC [FLAGS...]
set -e
root=$1
shift
inputs=$(dirname "$0")
rm -rf "$root"
mkdir -p "$root/app" "$root/bin" "$root/lib64" "$root/lib/x86_64-linux-gnu"
"$@" -shared -fPIC -Wl,-soname,libgreet.so "$inputs/greet_container.c" \
  -o "$root/lib/x86_64-linux-gnu/libgreet.so"
"$@" "$inputs/greet_main.c" "$root/lib/x86_64-linux-gnu/libgreet.so" \
  -o "$root/app/greet"
cp /lib/x86_64-linux-gnu/libc.so.6 "$root/lib/x86_64-linux-gnu/"
cp /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
cp /bin/busybox "$root/bin/"
