//===-- ControlledPlatform.h - The platform with access rules ---*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_CONTROLLEDPLATFORM_H
#define LLDB_SERVER_IOTHREADS_CONTROLLEDPLATFORM_H

#include "AccessControls.h"
#include "PacketGuards.h"

#include "Plugins/Process/gdb-remote/GDBRemoteCommunicationServerPlatform.h"

namespace iothreads {

/// LLDB's platform server, serving its debug sessions over TCP, with the
/// packets AccessControls forbids refused, and packets LLDB could not
/// decode (see PacketFraming.h) answered with an error.
class ControlledPlatform
    : public PacketGuards<lldb_private::process_gdb_remote::
                              GDBRemoteCommunicationServerPlatform> {
public:
  explicit ControlledPlatform(const AccessControls &controls);
};

} // namespace iothreads

#endif
