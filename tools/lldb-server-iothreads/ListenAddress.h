//===-- ListenAddress.h - Where a server listens ----------------*- C++ -*-===//

#ifndef LLDB_SERVER_IOTHREADS_LISTENADDRESS_H
#define LLDB_SERVER_IOTHREADS_LISTENADDRESS_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace iothreads {

/// Turns "PORT", ":PORT" and "HOST:PORT" into "HOST:PORT", with HOST the
/// loopback name unless the user gave one: a debug server reachable from
/// the network must be asked for. URLs ("scheme://...") are left as given.
std::string DefaultToLoopback(llvm::StringRef address);

} // namespace iothreads

#endif
