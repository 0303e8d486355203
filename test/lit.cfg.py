# lit configuration: end-to-end tests in Shell/, unit tests from the gtest
# binary. Tests drive real processes through the real lldb-19 client with
# our server underneath.
import os
import shutil
import subprocess

import lit.formats

config.name = "NativeProcessIOThreads"
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.iothreads_obj_root, "test")
config.suffixes = [".test"]
config.excludes = ["Inputs"]
# bash, so a test can run a debuggee in the background and wait for it.
config.test_format = lit.formats.ShTest(execute_external=True)

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# lldb must not read the user's settings.
config.environment["HOME"] = config.test_exec_root
# The SB API drivers import a module from Inputs/; no cache in the sources.
config.environment["PYTHONDONTWRITEBYTECODE"] = "1"
for name in ("LLDB_DEBUGSERVER_PATH", "LLDB_SERVER"):
    config.environment.pop(name, None)

cc = shutil.which("gcc") or "gcc"
cflags = "-g -O0 -fno-omit-frame-pointer -pthread"
lldb = "/usr/bin/lldb-19 --no-lldbinit --no-use-colors"
server = config.iothreads_server
stock = "/usr/bin/lldb-server-19"
config.substitutions += [
    ("%cc64", f"{cc} -m64 {cflags}"),
    ("%cc32", f"{cc} -m32 {cflags}"),
    ("%lldb-stock", f"env LLDB_DEBUGSERVER_PATH={stock} {lldb}"),
    ("%lldb", f"env LLDB_DEBUGSERVER_PATH={server} {lldb}"),
    ("%server", server),
    ("%stock-server", stock),
    ("%inputs", os.path.join(config.test_source_root, "Shell", "Inputs")),
    ("%python", "/usr/bin/python3"),
    ("%builddir", config.iothreads_obj_root),
    ("%srcroot", config.iothreads_src_root),
]

# Tests of AVX and AVX-512 registers need a CPU with them.
with open("/proc/cpuinfo") as cpuinfo:
    flags = next((line for line in cpuinfo if line.startswith("flags")), "")
    for feature in ("avx", "avx512f"):
        if f" {feature} " in flags + " ":
            config.available_features.add(feature)

# What the kernel offers: i386 programs (IA32 emulation) and hardware
# watchpoint traps, which some virtual machines lack.
def probe_succeeds(probe):
    try:
        return subprocess.call([os.path.join(config.iothreads_probes, probe)]) == 0
    except OSError:  # ENOEXEC: the kernel cannot run the probe at all
        return False


for feature, probe in (("ia32", "probe-i386"),
                       ("hw-debug-traps", "probe-debug-traps")):
    if probe_succeeds(probe):
        config.available_features.add(feature)
