#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The kernel lane: runs the tests that need what this machine's kernel
lacks (i386 programs, debug-register traps) or whose behaviour depends on
the kernel (io_uring, EINTR-free stops, watchpoints, hardware breakpoints)
inside a Debian kernel booted under QEMU, with this machine's own root
filesystem (read-only over 9p) as the guest's userland.

By hand, one kernel, all of the lane's tests or some of them:
    test/vm/lane.py 6.1
    test/vm/lane.py 6.12 IoUring/step-refused.test
`ninja -C build check-lane` runs both kernels as a lit suite.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))
SHELL_ROOT = os.path.join(SOURCE_ROOT, "test", "Shell")
LIT = "/usr/lib/llvm-19/build/utils/lit/lit.py"

KERNELS = ("6.1", "6.12")
# A test belongs to the lane when it needs one of these lit features...
LANE_FEATURES = {"ia32", "hw-debug-traps"}
# ...or tests what the kernel decides: io threads, syscall restarts after a
# stop, the debug registers, and threads switching to 32-bit code.
LANE_DIRECTORIES = {"IoUring", "EINTR", "Watchpoints", "MixedMode"}

# The unit tests that need IA32 emulation or debug-register traps, or stop
# threads in system calls (EINTR), as a gtest filter.
UNIT_BINARY = "NativeProcessIOThreadsTests"
LANE_UNIT_TESTS = ("ExecutionModeTest.*:DebugRegisterSlotsTest.*:"
                   "DebugTrapDeliveryTest.*:InferiorSyscallTest.*:"
                   "*InterruptedWaitTest*")


def required_features(path):
    """The lit features a test's REQUIRES lines name."""
    features = set()
    with open(path) as test:
        for line in test:
            match = re.search(r"REQUIRES:(.*)", line)
            if match:
                features.update(re.findall(r"[\w-]+", match.group(1)))
    return features


def select_tests():
    """The Shell tests the lane runs, relative to test/Shell, sorted."""
    selected = []
    for directory, subdirectories, files in os.walk(SHELL_ROOT):
        subdirectories[:] = [d for d in subdirectories if d != "Inputs"]
        for name in files:
            if not name.endswith(".test"):
                continue
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, SHELL_ROOT)
            if (relative.split(os.sep)[0] in LANE_DIRECTORIES or
                    required_features(path) & LANE_FEATURES):
                selected.append(relative)
    return sorted(selected)


def fetch_kernel(kernel):
    """The cache directory of the kernel's image and 9p modules."""
    return subprocess.check_output(
        [os.path.join(HERE, "fetch-kernel.sh"), kernel], text=True).strip()


def module_load_order(modules, wanted=("virtio_pci", "9pnet_virtio", "9p")):
    """The modules that reach the host's root over 9p, each after those it
    depends on, as the modules' own `depends=` fields say (this machine has
    no depmod to ask)."""
    def depends(name):
        with open(os.path.join(modules, name + ".ko"), "rb") as module:
            found = re.search(rb"\0depends=([^\0]*)", module.read())
        listed = found.group(1).decode() if found else ""
        return [entry.replace("-", "_") for entry in listed.split(",") if entry]

    order = []

    def visit(name):
        if name in order:
            return
        if not os.path.exists(os.path.join(modules, name + ".ko")):
            return  # built into this kernel
        for dependency in depends(name):
            visit(dependency)
        order.append(name)

    for name in wanted:
        visit(name)
    return [name + ".ko" for name in order]


def build_initramfs(kernel_dir, path):
    """A newc cpio of a static busybox, the lane's /init and the modules."""
    staging = path + ".d"
    shutil.rmtree(staging, ignore_errors=True)
    for directory in ("bin", "proc", "sys", "dev"):
        os.makedirs(os.path.join(staging, directory))
    shutil.copy("/bin/busybox", os.path.join(staging, "bin", "busybox"))
    shutil.copy(os.path.join(HERE, "guest-init.sh"),
                os.path.join(staging, "init"))
    os.makedirs(os.path.join(staging, "modules"))
    modules = os.path.join(kernel_dir, "modules")
    order = module_load_order(modules)
    for module in order:
        shutil.copy(os.path.join(modules, module),
                    os.path.join(staging, "modules"))
    with open(os.path.join(staging, "modules", "order"), "w") as listing:
        listing.write("\n".join(order) + "\n")
    names = subprocess.check_output(["find", "."], cwd=staging)
    with open(path, "wb") as archive:
        subprocess.run(["cpio", "--quiet", "-o", "-H", "newc"], cwd=staging,
                       input=names, stdout=archive, check=True)
    shutil.rmtree(staging)


def uses_kvm():
    """Whether the guests run on KVM; they are emulated (TCG) otherwise."""
    return os.access("/dev/kvm", os.R_OK | os.W_OK)


def emulator_faults():
    """{test: reason} for the tests that hang QEMU's emulated CPU, from
    emulator-faults.txt: each a test path, then `#` and the reason."""
    faults = {}
    with open(os.path.join(HERE, "emulator-faults.txt")) as listing:
        for line in listing:
            test, _, reason = line.partition("#")
            if test.strip():
                faults[test.strip()] = reason.strip()
    return faults


def qemu_command(kernel_dir, initramfs, share, keep, console, cpu):
    """QEMU with KVM where this machine offers it, TCG otherwise, with
    two faults of QEMU 7.2's TCG avoided. It reads a far return's stack
    with supervisor rights, so with SMAP a 64-bit thread switching to
    32-bit code (lretq) oopses the guest kernel: the emulated CPU has no
    SMAP. With a host thread per vCPU, one vCPU sometimes runs a kernel
    int3 that another has just patched out (text_poke_bp, as the first
    hardware breakpoint turns perf's static keys on): "Oops: int3" in
    __schedule, then a panic. One host thread runs both vCPUs instead."""
    accel = ["-accel", "kvm", "-cpu", cpu or "host"] if uses_kvm() else \
        ["-accel", "tcg,thread=single", "-cpu", cpu or "max,-smap"]
    return ["qemu-system-x86_64", *accel, "-m", "4G", "-smp", "2",
            "-nographic", "-no-reboot", "-monitor", "none",
            "-serial", f"file:{console}",
            "-kernel", os.path.join(kernel_dir, "vmlinuz"),
            "-initrd", initramfs,
            "-append", f"console=ttyS0 panic=-1 lane.share={share} "
                       f"lane.keep={','.join(keep)}",
            "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,"
                       "readonly=on,multidevs=remap",
            "-virtfs", f"local,path={share},mount_tag=lane,"
                       "security_model=none,multidevs=remap"]


class GuestFailure(Exception):
    """The guest did not run its command to the end."""


# The first line of a guest kernel's report of its own failure.
KERNEL_FAULT = re.compile(r"Oops|BUG:|WARNING:|Kernel panic|rcu: INFO")


def excerpt(path, count=30):
    """What a log the guest or QEMU wrote says, for a test's output (CI
    shows what a test prints, not the files it keeps): from the guest
    kernel's first fault report if there is one, else the end."""
    try:
        with open(path, errors="replace") as log:
            lines = log.read().splitlines()
    except OSError:
        return f"  ({path} was not written)"
    faults = [i for i, line in enumerate(lines) if KERNEL_FAULT.search(line)]
    lines = lines[faults[0]:faults[0] + count] if faults else lines[-count:]
    return "\n".join("  " + line for line in lines) or f"  ({path} is empty)"


def guest_failure(reason, console, qemu_log):
    return GuestFailure(f"{reason}; its console log is {console}\n"
                        f"QEMU said:\n{excerpt(qemu_log)}\n"
                        f"the guest's console said:\n{excerpt(console)}")


def boot(kernel, share, command, deadline, keep=(), cpu=None):
    """Runs a shell command inside the kernel's guest; returns its status.
    The share is writable by both sides and holds the console log. The
    guest has fresh temporary directories; the trees in keep stay visible
    even where they lie in one of them."""
    kernel_dir = fetch_kernel(kernel)
    initramfs = os.path.join(share, "initramfs.cpio")
    build_initramfs(kernel_dir, initramfs)
    with open(os.path.join(share, "guest-command"), "w") as script:
        script.write(command)
    status_path = os.path.join(share, "exit-status")
    console = os.path.join(share, "console.log")
    qemu_log = os.path.join(share, "qemu.log")
    for stale in (status_path, console):
        if os.path.exists(stale):
            os.remove(stale)
    with open(qemu_log, "w") as qemu_output:
        qemu = subprocess.Popen(qemu_command(kernel_dir, initramfs, share,
                                             keep, console, cpu),
                                stdin=subprocess.DEVNULL, stdout=qemu_output,
                                stderr=subprocess.STDOUT)
        try:
            qemu.wait(timeout=deadline)
        except subprocess.TimeoutExpired:
            qemu.kill()
            qemu.wait()
            raise guest_failure(f"the {kernel} guest did not finish within "
                                f"{deadline} s", console, qemu_log)
    if not os.path.exists(status_path):
        raise guest_failure(f"the {kernel} guest stopped before its command "
                            f"ended (QEMU's exit status {qemu.returncode})",
                            console, qemu_log)
    with open(status_path) as status:
        return int(status.read().strip() or 1)


def list_unit_tests(build):
    """The lane's unit tests, as gtest names them."""
    listing = subprocess.check_output(
        [os.path.join(build, "unittests", UNIT_BINARY),
         "--gtest_list_tests", f"--gtest_filter={LANE_UNIT_TESTS}"], text=True)
    names, suite = [], ""
    for line in listing.splitlines():
        entry = line.split("#", 1)[0].rstrip()
        if not entry.startswith(" "):
            suite = entry.strip()
        elif entry.strip():
            names.append(suite + entry.strip())
    return names


def unit_results(report):
    """gtest's JSON report as {name: (lit result code, output)}."""
    results = {}
    for suite in report.get("testsuites", []):
        for case in suite.get("testsuite", []):
            failures = [f["failure"] for f in case.get("failures", [])]
            if failures:
                code = "FAIL"
            elif case.get("result") == "SKIPPED":
                code = "UNSUPPORTED"
            else:
                code = "PASS"
            results[f"{suite['name']}.{case['name']}"] = (code,
                                                          "\n".join(failures))
    return results


def client22_tests(tests):
    """The lane's tests that run with lldb 22 too: hardware breakpoints, which
    only the lane can trap, and the cores of i386 and mixed-mode programs,
    which only the lane can run (the other tests that drive lldb 22 run on
    the host)."""
    return [test for test in tests
            if os.path.basename(test).startswith("hardware-breakpoint")
            or test.startswith("CoreFiles/")]


def lit_command(build, share, client, tests, timeout):
    """The guest's shell lines that run Shell tests with one lldb client."""
    lit_filter = "|".join(re.escape(test) + "$" for test in tests)
    return f"""python3 '{LIT}' -sv --timeout={timeout} -j2 --param client={client} \\
  -o '{share}/results-lldb{client}.json' --filter '{lit_filter}' \\
  '{build}/test' >'{share}/lit-lldb{client}.log' 2>&1 || failed=1
"""


def run_tests(kernel, build, shell_tests, unit_tests, timeout, deadline,
              cpu=None):
    """Runs Shell tests (relative to test/Shell) with lit, with lldb 19 and
    (client22_tests) lldb 22, and unit tests (gtest names) in the kernel's
    guest. Returns {"Shell/PATH", "lldb22/Shell/PATH" or "unit/NAME": (lit
    result code, output)}; GuestFailure when the guest hung or died."""
    share = os.path.join(build, "vm", kernel)
    shutil.rmtree(share, ignore_errors=True)
    os.makedirs(share)
    outcome = {}
    if not uses_kvm():
        faults = emulator_faults()
        for test in [test for test in shell_tests if test in faults]:
            for prefix in ("Shell/", "lldb22/Shell/"):
                outcome[prefix + test] = (
                    "UNSUPPORTED", "not run on an emulated CPU (no /dev/kvm): "
                    f"{faults[test]} (test/vm/emulator-faults.txt)")
        shell_tests = [test for test in shell_tests if test not in faults]
    unit_report = os.path.join(share, "unit.json")
    runs = [("19", shell_tests), ("22", client22_tests(shell_tests))]
    lit_runs = "".join(lit_command(build, share, client, tests, timeout)
                       for client, tests in runs if tests)
    unit_run = f"""cd /tmp
timeout {timeout} '{build}/unittests/{UNIT_BINARY}' \\
  --gtest_filter='{":".join(unit_tests)}' --gtest_output='json:{unit_report}' \\
  >'{share}/unit.log' 2>&1
""" if unit_tests else ""
    # The tests write beside our lit suite's lit.site.cfg.py: a tmpfs over
    # build/test takes their files (FIFOs among them, which 9p cannot serve),
    # and a failed run's files are copied back to the share.
    command = f"""cp '{build}/test/lit.site.cfg.py' /tmp/lit.site.cfg.py
mount -t tmpfs tmpfs '{build}/test'
cp /tmp/lit.site.cfg.py '{build}/test/'
cd '{SOURCE_ROOT}'
failed=0
{lit_runs}[ $failed = 0 ] || cp -a '{build}/test' '{share}/test'
{unit_run}"""
    boot(kernel, share, command, deadline, (SOURCE_ROOT, build), cpu)
    for client, tests in runs:
        if not tests:
            continue
        results = os.path.join(share, f"results-lldb{client}.json")
        if not os.path.exists(results):
            raise GuestFailure(f"lit wrote no results in the {kernel} guest; "
                               f"see {share}/lit-lldb{client}.log and "
                               f"{share}/console.log")
        prefix = "" if client == "19" else f"lldb{client}/"
        with open(results) as report:
            for test in json.load(report)["tests"]:
                path = test["name"].split(" :: ", 1)[1]
                outcome[prefix + path] = (test["code"],
                                          test.get("output", ""))
    if unit_tests:
        if not os.path.exists(unit_report):
            raise GuestFailure(f"the unit tests wrote no report in the "
                               f"{kernel} guest; see {share}/unit.log")
        with open(unit_report) as report:
            for name, result in unit_results(json.load(report)).items():
                outcome["unit/" + name] = result
    return outcome


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("kernel", choices=KERNELS)
    parser.add_argument("tests", nargs="*",
                        help="Shell tests relative to test/Shell (default: "
                             "all of the lane's, and its unit tests)")
    parser.add_argument("--build", default=os.path.join(SOURCE_ROOT, "build"))
    parser.add_argument("--timeout", type=int, default=300,
                        help="seconds one test may take in the guest")
    parser.add_argument("--deadline", type=int, default=900,
                        help="seconds the whole guest may run")
    parser.add_argument("--cpu", help="QEMU's -cpu model")
    args = parser.parse_intermixed_args()
    build = os.path.abspath(args.build)
    shell_tests = args.tests or select_tests()
    unit_tests = [] if args.tests else list_unit_tests(build)
    started = time.monotonic()
    try:
        outcome = run_tests(args.kernel, build, shell_tests, unit_tests,
                            args.timeout, args.deadline, args.cpu)
    except GuestFailure as failure:
        print(f"lane: {failure}", file=sys.stderr)
        return 1
    expected = ["Shell/" + test for test in shell_tests]
    expected += ["lldb22/Shell/" + test
                 for test in client22_tests(shell_tests)]
    expected += ["unit/" + test for test in unit_tests]
    failed = 0
    for name in expected:
        code = outcome.get(name, ("MISSING",))[0]
        failed += code not in ("PASS", "UNSUPPORTED", "XFAIL")
        print(f"{code}: {args.kernel}/{name}")
    print(f"lane: {args.kernel} took {time.monotonic() - started:.0f} s; "
          f"the guest's logs are in {build}/vm/{args.kernel}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
