#include "core/base/log.h"

#include <sys/time.h>

#include <cstdio>
#include <ctime>

namespace stacfs {

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace: return "trace";
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
    case LogLevel::kOff: return "off";
  }
  return "?";
}

bool ParseLogLevel(std::string_view text, LogLevel* level) {
  struct Name {
    std::string_view name;
    LogLevel level;
  };
  static constexpr Name kNames[] = {
      {"trace", LogLevel::kTrace}, {"debug", LogLevel::kDebug},     {"info", LogLevel::kInfo},
      {"warning", LogLevel::kWarning}, {"warn", LogLevel::kWarning}, {"error", LogLevel::kError},
      {"off", LogLevel::kOff},
  };
  for (const Name& n : kNames) {
    if (n.name == text) {
      *level = n.level;
      return true;
    }
  }
  return false;
}

void StderrLogSink::Write(LogLevel level, std::string_view component, std::string_view message) {
  timeval now{};
  gettimeofday(&now, nullptr);
  tm utc{};
  gmtime_r(&now.tv_sec, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
  std::lock_guard lock(mutex_);
  std::fprintf(stderr, "%s.%03ldZ stacfs[%.*s] %.*s: %.*s\n", stamp,
               static_cast<long>(now.tv_usec / 1000), static_cast<int>(component.size()),
               component.data(), static_cast<int>(LogLevelName(level).size()),
               LogLevelName(level).data(), static_cast<int>(message.size()), message.data());
}

void MemoryLogSink::Write(LogLevel level, std::string_view component, std::string_view message) {
  std::lock_guard lock(mutex_);
  entries_.push_back({level, std::string(component), std::string(message)});
}

std::vector<MemoryLogSink::Entry> MemoryLogSink::entries() const {
  std::lock_guard lock(mutex_);
  return entries_;
}

}  // namespace stacfs
