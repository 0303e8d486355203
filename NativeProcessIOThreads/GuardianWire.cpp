//===-- GuardianWire.cpp - What the server and its guardian share ---------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "GuardianWire.h"

#include <sys/ptrace.h>

using namespace iothreads;

guardian::Shape guardian::ShapeOf(int op) {
  switch (op) {
  case PTRACE_SEIZE:
  case PTRACE_INTERRUPT:
  case PTRACE_CONT:
  case PTRACE_SINGLESTEP:
  case PTRACE_LISTEN:
  case PTRACE_DETACH:
  case PTRACE_PEEKUSER:
  case PTRACE_POKEUSER:
    return Shape::Values;
  case PTRACE_GETEVENTMSG:
  case PTRACE_GETSIGINFO:
  case PTRACE_GETREGS:
  case PTRACE_GETFPREGS:
    return Shape::DataOut;
  case PTRACE_SETREGS:
  case PTRACE_SETFPREGS:
    return Shape::DataIn;
  case PTRACE_GETREGSET:
  case PTRACE_SETREGSET:
    return Shape::DataIovec;
  case PTRACE_PEEKSIGINFO:
    return Shape::AddrInDataOut;
  default:
    return Shape::Refused;
  }
}
