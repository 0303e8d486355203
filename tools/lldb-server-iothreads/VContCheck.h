//===-- VContCheck.h - Refuse a vCont that resumes no thread ----*- C++ -*-===//
//
// LLGS 19 hands a vCont's actions to the process as they are and then, in
// all-stop mode, sends nothing until the process stops. When no action
// applies to a thread the process traces (`vCont;c:fffffffff`, a thread id
// that does not exist, or `vCont;t`), nothing runs, nothing ever stops, and
// the client waits forever. Such a vCont is answered with an error instead.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_VCONTCHECK_H
#define LLDB_SERVER_IOTHREADS_VCONTCHECK_H

#include "lldb/Host/common/NativeProcessProtocol.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace iothreads {

/// Why the vCont \p packet (with its "vCont") would resume no thread of the
/// stopped \p process; success when it resumes one, or when LLGS itself
/// answers it (a malformed action, another process).
llvm::Error
CheckVContResumesAThread(llvm::StringRef packet,
                         lldb_private::NativeProcessProtocol &process);

} // namespace iothreads

#endif
