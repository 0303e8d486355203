// Attaches to the process named on the command line through the installed
// backend's ProcessManager, says how many threads it found, and detaches.
#include "NativeProcessIOThreads/Manager.h"

#include "lldb/Host/FileSystem.h"
#include "lldb/Host/HostInfo.h"
#include "lldb/Host/MainLoop.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace lldb_private;

namespace {
class Delegate : public NativeProcessProtocol::NativeDelegate {
  void InitializeDelegate(NativeProcessProtocol *) override {}
  void ProcessStateChanged(NativeProcessProtocol *, lldb::StateType) override {}
  void DidExec(NativeProcessProtocol *) override {}
  void NewSubprocess(NativeProcessProtocol *,
                     std::unique_ptr<NativeProcessProtocol>) override {}
};
} // namespace

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  FileSystem::Initialize();
  HostInfo::Initialize();
  MainLoop loop;
  iothreads::ProcessManager manager(loop);
  Delegate delegate;
  auto process = manager.Attach(std::atoi(argv[1]), delegate);
  if (!process) {
    llvm::errs() << llvm::toString(process.takeError()) << "\n";
    return 1;
  }
  llvm::outs() << "attached to " << (*process)->GetID() << " with "
               << (*process)->UpdateThreads() << " threads\n";
  Status detached = (*process)->Detach();
  llvm::outs() << (detached.Success() ? "detached" : detached.AsCString())
               << "\n";
  return 0;
}
