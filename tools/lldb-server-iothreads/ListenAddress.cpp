//===-- ListenAddress.cpp - Where a server listens ------------------------===//

#include "ListenAddress.h"

#include "llvm/ADT/StringExtras.h"

std::string iothreads::DefaultToLoopback(llvm::StringRef address) {
  if (address.contains("://"))
    return address.str();
  if (!address.empty() && llvm::all_of(address, llvm::isDigit))
    return ("localhost:" + address).str();
  if (address.starts_with(":"))
    return ("localhost" + address).str();
  return address.str();
}
