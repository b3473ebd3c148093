// Log lines to syslog (the daemon, once detached, has no terminal).
#pragma once

#include "core/base/log.h"

namespace stacfs {

class SyslogLogSink final : public LogSink {
 public:
  SyslogLogSink();  // openlog("stacfs", LOG_PID, LOG_DAEMON)
  void Write(LogLevel level, std::string_view component, std::string_view message) override;
};

}  // namespace stacfs
