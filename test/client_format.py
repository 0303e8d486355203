# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The lit test format of the end-to-end suite: a shell test, except that in
a pass with a client other than lldb 19 only the tests that drive a client
(%lldb, %lldb-stock, %lldb-dap) run; the others would repeat the first pass
exactly and report UNSUPPORTED. A module of its own so lit's worker
processes can unpickle it."""
import lit.formats
import lit.Test


class ClientTest(lit.formats.ShTest):
    def __init__(self, client):
        super().__init__(execute_external=True)
        self.client = client

    def execute(self, test, lit_config):
        if self.client != "19":
            with open(test.getSourcePath()) as source:
                if "%lldb" not in source.read():
                    return lit.Test.Result(lit.Test.UNSUPPORTED,
                                           "drives no lldb client")
        return super().execute(test, lit_config)
