//===-- FaultDescription.cpp - What a fault signal's siginfo says ---------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "FaultDescription.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdint>

using namespace iothreads;

namespace {

/// What one si_code of a fault signal means, and whether si_addr is worth
/// showing with it.
struct CodeMeaning {
  int Code;
  const char *Text;
  bool ShowsAddress;
};

// Codes from the kernel's uapi/asm-generic/siginfo.h.
const CodeMeaning SegvCodes[] = {
    {SEGV_MAPERR, "address not mapped to object", true},
    {SEGV_ACCERR, "invalid permissions for mapped object", true},
    {SEGV_BNDERR, "failed address bounds checks", true},
    {10 /* SEGV_CPERR */, "control protection fault", false},
    // x86 raises a general protection fault (a non-canonical address, a
    // privileged instruction) as SIGSEGV with SI_KERNEL and address 0.
    {SI_KERNEL, "invalid address", true},
};
const CodeMeaning BusCodes[] = {
    {BUS_ADRALN, "illegal alignment", false},
    {BUS_ADRERR, "illegal address", false},
    {BUS_OBJERR, "hardware error", false},
};
const CodeMeaning FpeCodes[] = {
    {FPE_INTDIV, "integer divide by zero", false},
    {FPE_INTOVF, "integer overflow", false},
    {FPE_FLTDIV, "floating point divide by zero", false},
    {FPE_FLTOVF, "floating point overflow", false},
    {FPE_FLTUND, "floating point underflow", false},
    {FPE_FLTRES, "floating point inexact result", false},
    {FPE_FLTINV, "invalid floating point operation", false},
    {FPE_FLTSUB, "subscript out of range", false},
};
const CodeMeaning IllCodes[] = {
    {ILL_ILLOPC, "illegal opcode", false},
    {ILL_ILLOPN, "illegal operand", false},
    {ILL_ILLADR, "illegal addressing mode", false},
    {ILL_ILLTRP, "illegal trap", false},
    {ILL_PRVOPC, "privileged opcode", false},
    {ILL_PRVREG, "privileged register", false},
    {ILL_COPROC, "coprocessor error", false},
    {ILL_BADSTK, "internal stack error", false},
};

llvm::ArrayRef<CodeMeaning> CodesOf(int signo) {
  switch (signo) {
  case SIGSEGV:
    return SegvCodes;
  case SIGBUS:
    return BusCodes;
  case SIGFPE:
    return FpeCodes;
  case SIGILL:
    return IllCodes;
  default:
    return {};
  }
}

const char *FaultName(int signo) {
  switch (signo) {
  case SIGSEGV:
    return "SIGSEGV";
  case SIGBUS:
    return "SIGBUS";
  case SIGFPE:
    return "SIGFPE";
  case SIGILL:
    return "SIGILL";
  default:
    return nullptr;
  }
}

} // namespace

bool iothreads::IsFaultSignal(int signo) { return FaultName(signo) != nullptr; }

std::string iothreads::DescribeFault(const siginfo_t &info) {
  const char *name = FaultName(info.si_signo);
  if (!name)
    return {};
  std::string text = std::string("signal ") + name;
  // Codes at or below 0 (SI_USER, SI_TKILL, ...) say a process sent it.
  for (const CodeMeaning &meaning : CodesOf(info.si_signo)) {
    if (meaning.Code != info.si_code)
      continue;
    text += ": ";
    text += meaning.Text;
    if (meaning.ShowsAddress)
      text += llvm::formatv(" (fault address: {0:x})",
                            reinterpret_cast<uintptr_t>(info.si_addr))
                  .str();
    break;
  }
  return text;
}
