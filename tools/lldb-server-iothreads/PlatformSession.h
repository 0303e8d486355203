//===-- PlatformSession.h - A gdbserver started for a platform --*- C++ -*-===//
//
// A platform starts a gdbserver for each debug session. The gdbserver's
// client then sits on another machine (or acts as if it did): the paths it
// names are its own, and it fetches files the server writes (a saved core)
// through the platform. The platform marks its environment so that the
// gdbserver it starts knows; the mark is taken out again before the
// gdbserver starts any program.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_PLATFORMSESSION_H
#define LLDB_SERVER_IOTHREADS_PLATFORMSESSION_H

namespace iothreads {

/// Called by the platform before it serves: its gdbservers inherit the mark.
void MarkPlatformSessions();

/// Whether this gdbserver was started by our platform; removes the mark.
bool TakePlatformSessionMark();

} // namespace iothreads

#endif
