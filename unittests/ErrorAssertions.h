//===-- ErrorAssertions.h - gtest assertions on llvm::Error -----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Debian ships no LLVMTestingSupport library, so the few assertions the tests
// need are here: Ok(error) and Ok(expected) pass on success and print the
// error's message otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_UNITTESTS_ERRORASSERTIONS_H
#define NATIVEPROCESSIOTHREADS_UNITTESTS_ERRORASSERTIONS_H

#include "llvm/Support/Error.h"
#include "gtest/gtest.h"

namespace iothreads {

inline ::testing::AssertionResult Ok(llvm::Error error) {
  if (!error)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << llvm::toString(std::move(error));
}

template <typename T>::testing::AssertionResult Ok(llvm::Expected<T> &value) {
  if (value)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << llvm::toString(value.takeError());
}

/// Passes when \p value failed, consuming its error.
template <typename T>
::testing::AssertionResult Failed(llvm::Expected<T> value) {
  if (value)
    return ::testing::AssertionFailure() << "unexpectedly succeeded";
  llvm::consumeError(value.takeError());
  return ::testing::AssertionSuccess();
}

} // namespace iothreads

#endif
