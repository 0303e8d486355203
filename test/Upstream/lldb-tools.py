# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Shared by both upstream site configurations: which server is under test and
# the directory of tools the upstream configurations look their programs up
# in. Loaded with exec() so it sees lit's `config` and `lit_config`.
import os

# --param server=PATH runs the same tests against another server, e.g.
# /usr/bin/lldb-server-19, to see what stock does.
config.iothreads_server = os.path.abspath(
    lit_config.params.get("server", config.iothreads_server))


def _tools_dir():
    """bin/SERVER-NAME/ beside the exec root: lldb-19 as `lldb`, the server
    under test as `lldb-server`, lit-cpuid built from LLDB's own source. One
    directory per server, so runs against two servers can share the tree."""
    tools = os.path.join(config.lldb_obj_root, "bin",
                         os.path.basename(config.iothreads_server))
    os.makedirs(tools, exist_ok=True)
    links = {
        "lldb": config.lldb_client,
        "lldb-server": config.iothreads_server,
        "lit-cpuid": config.lit_cpuid,
    }
    for name, target in links.items():
        link = os.path.join(tools, name)
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(target, link)
    return tools


config.lldb_tools_dir = _tools_dir()
