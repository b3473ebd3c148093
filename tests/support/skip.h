// Skipping a test, with a message, when a real component it needs is not installed.
#pragma once

#include <gtest/gtest.h>

#include "tests/support/fault_server.h"
#include "tests/support/nginx_server.h"

// Use in a TEST body or SetUp(): returns from it after marking the test skipped.
#define STACFS_SKIP_UNLESS_NGINX()                                               \
  do {                                                                           \
    if (auto stacfs_why_ = ::stacfs::test::NginxServer::MissingReason())         \
      GTEST_SKIP() << *stacfs_why_;                                              \
  } while (0)

#define STACFS_SKIP_UNLESS_FAULT_SERVER()                                        \
  do {                                                                           \
    if (auto stacfs_why_ = ::stacfs::test::FaultServer::MissingReason())         \
      GTEST_SKIP() << *stacfs_why_;                                              \
  } while (0)

#define STACFS_SKIP_UNLESS_EXECUTABLE(path)                                      \
  do {                                                                           \
    if (!::stacfs::test::IsExecutable(path)) GTEST_SKIP() << (path) << " is not installed"; \
  } while (0)
