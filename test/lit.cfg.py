# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# lit configuration: end-to-end tests in Shell/, unit tests from the gtest
# binary. Tests drive real processes through the real lldb client with our
# server underneath: lldb-19 by default, lldb 22 with `--param client=22`
# (`ninja check-client22`). SB API drivers always use LLDB 19's Python
# module.
import os
import shutil
import subprocess
import sys

# No bytecode cache in the sources.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(__file__))
from client_format import ClientTest  # noqa: E402

# The lldb and lldb-dap each client runs as.
clients = {
    "19": ("/usr/bin/lldb-19", "/usr/bin/lldb-dap-19"),
    "22": (os.path.join(config.lldb22_client, "bin", "lldb-22"),
           os.path.join(config.lldb22_client, "bin", "lldb-dap-22")),
}
client = lit_config.params.get("client", "19")
if client not in clients:
    lit_config.fatal(f"client={client}: choose one of {', '.join(clients)}")
client_lldb, client_dap = clients[client]
if not os.access(client_lldb, os.X_OK):
    lit_config.fatal(f"no lldb {client} client at {client_lldb}; "
                     f"`ninja -C build check-client{client}` unpacks it")
# A test whose expectations differ by client says so with REQUIRES or
# UNSUPPORTED on these.
config.available_features.add(f"client-lldb{client}")

config.name = "NativeProcessIOThreads" + ("" if client == "19"
                                          else f" (lldb {client})")
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.iothreads_obj_root, "test")
config.suffixes = [".test"]
config.excludes = ["Inputs"]
# bash, so a test can run a debuggee in the background and wait for it.
config.test_format = ClientTest(client)

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
lldb = f"{client_lldb} --no-lldbinit --no-use-colors"
server = config.iothreads_server
stock = "/usr/bin/lldb-server-19"
config.substitutions += [
    ("%cc64", f"{cc} -m64 {cflags}"),
    ("%cc32", f"{cc} -m32 {cflags}"),
    ("%lldb-stock", f"env LLDB_DEBUGSERVER_PATH={stock} {lldb}"),
    ("%lldb-dap", client_dap),
    # Each client by name, for a test that runs both at once.
    ("%lldb-client19", f"{clients['19'][0]} --no-lldbinit --no-use-colors"),
    ("%lldb-client22", f"{clients['22'][0]} --no-lldbinit --no-use-colors"),
    ("%lldb", f"env LLDB_DEBUGSERVER_PATH={server} {lldb}"),
    ("%server", server),
    ("%stock-server", stock),
    ("%inputs", os.path.join(config.test_source_root, "Shell", "Inputs")),
    ("%python", "/usr/bin/python3"),
    ("%builddir", config.iothreads_obj_root),
    ("%srcroot", config.iothreads_src_root),
    ("%dependency-cache", config.lldb_cache_dir),
]

# The self-contained server's package (`ninja package-static`), which a
# sanitized build does not make.
if os.path.exists(config.iothreads_static_package):
    config.available_features.add("static-server")
    config.substitutions.append(
        ("%static-package", config.iothreads_static_package))

# The Debian package test installs into the machine.
if os.geteuid() == 0:
    config.available_features.add("root")

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


# Real containers (Debian's podman, with images imported from local files)
# where the machine lets podman run one. crun refuses hosts that mount
# cgroup v1 and v2 side by side, where runc works, and podman's default
# ulimits exceed the hard limits of a machine without CAP_SYS_RESOURCE: the
# options that work here are what %podman-run uses.
def podman_run_options():
    if os.geteuid() != 0 or not shutil.which("podman"):
        return None, "podman is not installed, or the tests do not run as root"
    image = "localhost/iothreads-probe"
    limits = ["--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]
    reason = ""
    try:
        subprocess.run(f"tar -C /bin -c busybox | podman import -q - {image}",
                       shell=True, check=True, capture_output=True, timeout=60)
        for runtime in ([], ["--runtime", "runc"]):
            options = runtime + ["run"] + limits
            run = subprocess.run(["podman"] + options +
                                 ["--rm", image, "/busybox", "true"],
                                 capture_output=True, text=True, timeout=60)
            if run.returncode == 0:
                return options, ""
            reason = run.stderr.strip().splitlines()[-1:]
    except (subprocess.SubprocessError, OSError) as error:
        reason = [str(error)]
    finally:
        subprocess.run(["podman", "rmi", "-f", image], capture_output=True)
    return None, f"podman cannot run a container here: {' '.join(reason)}"


podman_options, podman_missing = podman_run_options()
if podman_options:
    config.available_features.add("podman")
    config.substitutions.append(
        ("%podman-run", " ".join(["podman"] + podman_options)))
else:
    lit_config.note(f"tests that need podman are unsupported: {podman_missing}")
