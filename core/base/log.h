// Logging facade: levels, component tags, and messages below the level that cost nothing.
//
// There is no global logger (no mutable globals): a Logger is passed in with a component's
// configuration. It is a cheap value (a shared sink, a level and a component tag).
//
//   Logger log = Logger(sink, LogLevel::kInfo).WithComponent("http");
//   STACFS_LOG(log, kDebug) << "GET " << url;   // operands not evaluated below kDebug
//
// A default-constructed Logger is off. Sinks must be thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace stacfs {

enum class LogLevel { kTrace = 0, kDebug, kInfo, kWarning, kError, kOff };

std::string_view LogLevelName(LogLevel level);
// Accepts "trace", "debug", "info", "warning"/"warn", "error", "off"; false if unknown.
bool ParseLogLevel(std::string_view text, LogLevel* level);

class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void Write(LogLevel level, std::string_view component, std::string_view message) = 0;
};

// One line per message on stderr: "2026-11-24T10:00:00.123Z stacfs[http] warning: ...".
class StderrLogSink final : public LogSink {
 public:
  void Write(LogLevel level, std::string_view component, std::string_view message) override;

 private:
  std::mutex mutex_;  // keeps lines from different threads whole
};

// Keeps messages in memory; for tests.
class MemoryLogSink final : public LogSink {
 public:
  struct Entry {
    LogLevel level;
    std::string component;
    std::string message;
  };
  void Write(LogLevel level, std::string_view component, std::string_view message) override;
  std::vector<Entry> entries() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;  // guarded by mutex_
};

class Logger {
 public:
  Logger() = default;  // off
  Logger(std::shared_ptr<LogSink> sink, LogLevel level, std::string component = "stacfs")
      : sink_(std::move(sink)), level_(level), component_(std::move(component)) {}

  bool Enabled(LogLevel level) const { return sink_ != nullptr && level >= level_; }
  Logger WithComponent(std::string component) const { return {sink_, level_, std::move(component)}; }
  LogLevel level() const { return level_; }
  const std::string& component() const { return component_; }

  void Write(LogLevel level, std::string_view message) const {
    if (Enabled(level)) sink_->Write(level, component_, message);
  }

 private:
  std::shared_ptr<LogSink> sink_;
  LogLevel level_ = LogLevel::kOff;
  std::string component_;
};

// Collects one message and writes it when destroyed; only built when the level is enabled.
class LogMessage {
 public:
  LogMessage(const Logger& logger, LogLevel level) : logger_(logger), level_(level) {}
  ~LogMessage() { logger_.Write(level_, stream_.str()); }
  std::ostream& stream() { return stream_; }

 private:
  const Logger& logger_;
  LogLevel level_;
  std::ostringstream stream_;
};

}  // namespace stacfs

#define STACFS_LOG(logger, LEVEL)                                  \
  if (!(logger).Enabled(::stacfs::LogLevel::LEVEL)) {              \
  } else                                                           \
    ::stacfs::LogMessage((logger), ::stacfs::LogLevel::LEVEL).stream()
