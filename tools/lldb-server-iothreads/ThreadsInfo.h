//===-- ThreadsInfo.h - The jThreadsInfo reply ------------------*- C++ -*-===//
//
// lldb asks for jThreadsInfo at every stop: a JSON array with, per thread,
// its id, name, stop reason and expedited registers. LLGS builds it as a
// tree of json::Value (whose array growth copies every object so far) and
// escapes it a byte at a time; this writes the same text in one pass.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_THREADSINFO_H
#define LLDB_SERVER_IOTHREADS_THREADSINFO_H

#include "lldb/Host/common/NativeProcessProtocol.h"
#include "llvm/Support/Error.h"

#include <string>

namespace iothreads {

/// The jThreadsInfo JSON for every thread of \p process. Fails when a
/// thread has no stop to describe (the process is running).
llvm::Expected<std::string>
DescribeThreads(lldb_private::NativeProcessProtocol &process);

} // namespace iothreads

#endif
