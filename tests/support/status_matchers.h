// ASSERT_OK / EXPECT_OK for Result<T> and Status, printing the error when they fail.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "base/result.h"

namespace hoptac::testing {

inline std::string Describe(const Error& error) {
  return std::string(ErrorCodeName(error.code)) + " " + error.key + " " + error.detail;
}

}  // namespace hoptac::testing

#define ASSERT_OK(expr)                                                                            \
  do {                                                                                             \
    const auto& assert_ok_result_ = (expr);                                                        \
    ASSERT_TRUE(assert_ok_result_.ok()) << ::hoptac::testing::Describe(assert_ok_result_.error()); \
  } while (0)
#define EXPECT_OK(expr)                                                                            \
  do {                                                                                             \
    const auto& expect_ok_result_ = (expr);                                                        \
    EXPECT_TRUE(expect_ok_result_.ok()) << ::hoptac::testing::Describe(expect_ok_result_.error()); \
  } while (0)
