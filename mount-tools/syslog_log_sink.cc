#include "mount-tools/syslog_log_sink.h"

#include <syslog.h>

#include <string>

namespace stacfs {

SyslogLogSink::SyslogLogSink() { openlog("stacfs", LOG_PID, LOG_DAEMON); }

void SyslogLogSink::Write(LogLevel level, std::string_view component, std::string_view message) {
  int priority = LOG_INFO;
  switch (level) {
    case LogLevel::kTrace:
    case LogLevel::kDebug: priority = LOG_DEBUG; break;
    case LogLevel::kInfo: priority = LOG_INFO; break;
    case LogLevel::kWarning: priority = LOG_WARNING; break;
    case LogLevel::kError:
    case LogLevel::kOff: priority = LOG_ERR; break;
  }
  std::string line = "[" + std::string(component) + "] " + std::string(message);
  syslog(priority, "%s", line.c_str());  // syslog is thread-safe
}

}  // namespace stacfs
