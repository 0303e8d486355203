//===-- BinaryPayload.cpp - Binary data in a gdb-remote packet ------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "BinaryPayload.h"

#include <algorithm>

using namespace iothreads;

std::string iothreads::EscapeBinaryPayload(llvm::ArrayRef<uint8_t> bytes) {
  auto needs_escape = [](uint8_t byte) {
    return byte == '#' || byte == '$' || byte == '}' || byte == '*';
  };
  std::string payload;
  payload.reserve(bytes.size() + bytes.size() / 16);
  const uint8_t *next = bytes.begin();
  while (next != bytes.end()) {
    const uint8_t *special = std::find_if(next, bytes.end(), needs_escape);
    payload.append(reinterpret_cast<const char *>(next), special - next);
    if (special == bytes.end())
      break;
    payload.push_back('}');
    payload.push_back(static_cast<char>(*special ^ 0x20));
    next = special + 1;
  }
  return payload;
}
