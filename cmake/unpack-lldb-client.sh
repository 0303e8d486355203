#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Unpacks Debian's lldb-VERSION client (lldb, lldb-dap) and its Python module
# into DEST, and writes DEST/bin/lldb-VERSION and DEST/bin/lldb-dap-VERSION to
# run them. The test suite runs its end-to-end tests with this second client.
#
# Why unpacked and not installed: the lldb-22 package depends on
# python3-lldb-22, which conflicts with python3-lldb-19, so installing it
# removes lldb-19 and the SB API the other tests use. liblldb-VERSION, which
# the binaries load, installs beside 19 (install-packages.sh test); the
# unpacked client is pinned to its version.
#
#   unpack-lldb-client.sh VERSION DEST
set -euo pipefail

version=$1
dest=$2
here=$(cd "$(dirname "$0")" && pwd)
"$here/install-packages.sh" test

deb_version=$(dpkg-query -W -f='${Version}' "liblldb-$version")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" # apt fetches as its own user, _apt
(cd "$work" && apt-get download -q "lldb-$version=$deb_version" \
  "python3-lldb-$version=$deb_version")
rm -rf "$dest"
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$dest"
done

llvm="$dest/usr/lib/llvm-$version"
site=$(dirname "$(find "$llvm/lib" -path '*-packages/lldb/__init__.py')")
site=$(dirname "$site")
# The module's native part links to liblldb by a relative path that only
# resolves in an installed tree.
native=$(find "$site/lldb/native" -name '_lldb*.so')
ln -sfn "$(readlink -f "/usr/lib/$(gcc -print-multiarch)/liblldb-$version.so.1")" \
  "$native"

mkdir -p "$dest/bin"
for tool in lldb lldb-dap; do
  # The embedded Python must import this client's lldb module, not 19's.
  cat >"$dest/bin/$tool-$version" <<WRAPPER
#!/bin/sh
PYTHONPATH="$site\${PYTHONPATH:+:\$PYTHONPATH}" exec "$llvm/bin/$tool" "\$@"
WRAPPER
  chmod +x "$dest/bin/$tool-$version"
done
"$dest/bin/lldb-$version" --version
