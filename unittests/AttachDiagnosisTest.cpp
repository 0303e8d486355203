//===-- AttachDiagnosisTest.cpp - Why an attach was refused ---------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The causes the end-to-end test cannot produce on a host without Yama, and
// which cause is named when several hold.
//
//===----------------------------------------------------------------------===//

#include "AttachDiagnosis.h"
#include "gtest/gtest.h"

using namespace iothreads;

namespace {

std::string Explain(const PtraceRefusalFacts &facts) {
  return ExplainPtraceRefusal(42, facts).value_or("(none)");
}

TEST(AttachDiagnosisTest, NothingExplainsAPlainRefusal) {
  PtraceRefusalFacts facts;
  facts.HasSysPtrace = true;
  EXPECT_EQ(Explain(facts), "(none)");
}

TEST(AttachDiagnosisTest, YamaScopes) {
  PtraceRefusalFacts facts;
  facts.YamaScope = 3;
  facts.HasSysPtrace = true;
  EXPECT_NE(Explain(facts).find("ptrace_scope is 3: this kernel lets no "
                                "process attach until it reboots"),
            std::string::npos);
  facts.YamaScope = 2;
  EXPECT_EQ(Explain(facts), "(none)");
  facts.HasSysPtrace = false;
  EXPECT_NE(Explain(facts).find("ptrace_scope is 2: only a process with "
                                "CAP_SYS_PTRACE may attach"),
            std::string::npos);
  facts.YamaScope = 1;
  EXPECT_NE(Explain(facts).find("ptrace_scope is 1: only a process's "
                                "ancestors may attach"),
            std::string::npos);
  facts.IsAncestor = true;
  EXPECT_EQ(Explain(facts), "(none)");
}

TEST(AttachDiagnosisTest, AnotherTracerComesFirst) {
  PtraceRefusalFacts facts;
  facts.TracerPid = 7;
  facts.TracerName = "gdb";
  facts.SeccompRefusesPtrace = true;
  facts.YamaScope = 3;
  EXPECT_NE(Explain(facts).find("already traced by process 7 (gdb)"),
            std::string::npos);
  facts.TracerPid = 0;
  EXPECT_NE(Explain(facts).find("seccomp"), std::string::npos);
}

TEST(AttachDiagnosisTest, PidsFromOtherNamespaces) {
  EXPECT_FALSE(ExplainMissingPid(5, {}));
  EXPECT_EQ(ExplainMissingPid(5, {{100, {100, 5}}}).value_or(""),
            "no process has that pid in this server's PID namespace; it is "
            "the pid in its own namespace of process 100 here (NSpid: 100 "
            "5): attach to 100");
  EXPECT_NE(ExplainMissingPid(5, {{100, {100, 5}}, {200, {200, 9, 5}}})
                .value_or("")
                .find("other namespaces give it to process 100 here (NSpid: "
                      "100 5), process 200 here (NSpid: 200 9 5)"),
            std::string::npos);
}

} // namespace
