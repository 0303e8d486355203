//===-- PlatformSession.cpp - A gdbserver started for a platform ----------===//

#include "PlatformSession.h"

#include <cstdlib>

static constexpr const char *SessionVariable =
    "LLDB_SERVER_IOTHREADS_PLATFORM_SESSION";

void iothreads::MarkPlatformSessions() { ::setenv(SessionVariable, "1", 1); }

bool iothreads::TakePlatformSessionMark() {
  bool marked = ::getenv(SessionVariable) != nullptr;
  ::unsetenv(SessionVariable);
  return marked;
}
