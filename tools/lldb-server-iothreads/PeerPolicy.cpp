//===-- PeerPolicy.cpp - Which clients a listening server admits ----------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PeerPolicy.h"
#include "PeerIdentity.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"
#include "llvm/Support/WithColor.h"

#include <optional>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;

llvm::Expected<PeerPolicy>
PeerPolicy::Parse(llvm::ArrayRef<std::string> allowed, bool same_user_only) {
  PeerPolicy policy;
  policy.SameUserOnly = same_user_only;
  for (const std::string &text : allowed) {
    llvm::Expected<AddressRange> range = AddressRange::Parse(text);
    if (!range)
      return range.takeError();
    policy.Allowed.push_back(*range);
  }
  return policy;
}

llvm::Error PeerPolicy::Admit(int fd) const {
  std::optional<PeerAddress> peer = GetPeerAddress(fd);
  if (!peer)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "its address cannot be read");
  if (peer->Get().sa_family != AF_UNIX && !Allowed.empty() &&
      llvm::none_of(Allowed, [&](const AddressRange &range) {
        return range.Contains(peer->Get());
      }))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "its address is outside --allow");
  if (!SameUserOnly)
    return llvm::Error::success();
  std::optional<uid_t> uid = GetPeerUid(fd);
  if (!uid)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the user it runs as cannot be told");
  if (*uid != 0 && *uid != ::geteuid())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "it runs as uid %u, not as ours (%u) or root", *uid, ::geteuid());
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<Socket>>
iothreads::AcceptAdmitted(Socket &listener, const PeerPolicy &policy) {
  while (true) {
    Socket *accepted = nullptr;
    Status error = listener.Accept(accepted);
    if (error.Fail())
      return error.ToError();
    std::unique_ptr<Socket> client(accepted);
    llvm::Error refusal = policy.Admit(client->GetNativeSocket());
    if (!refusal)
      return client;
    std::string message = "refused a client (" +
                          DescribePeer(client->GetNativeSocket()) +
                          "): " + llvm::toString(std::move(refusal));
    llvm::WithColor::warning() << message << "\n";
    LLDB_LOG(GetLog(LLDBLog::Connection), "{0}", message);
  }
}
