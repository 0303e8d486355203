# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# lit configuration of the kernel lane (test/vm/lane.py): the tests that need
# IA32 emulation or debug-register traps, and those whose behaviour the
# kernel decides, run inside Debian's kernels under QEMU. One kernel with
# `--param kernels=6.1`.
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(__file__))
import lane  # noqa: E402
from lane_format import KernelLane  # noqa: E402

kernels = lit_config.params.get("kernels", ",".join(lane.KERNELS)).split(",")
unknown = set(kernels) - set(lane.KERNELS)
if unknown:
    lit_config.fatal(f"kernels={','.join(sorted(unknown))}: choose from "
                     f"{', '.join(lane.KERNELS)}")

config.name = "Kernel lane"
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.iothreads_obj_root, "vm")
config.test_format = KernelLane(config.iothreads_obj_root, kernels,
                                timeout=int(lit_config.params.get(
                                    "guest_test_timeout", "300")),
                                deadline=int(lit_config.params.get(
                                    "guest_deadline", "900")))
