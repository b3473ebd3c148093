#include "converter/read_crash_guard.h"

#include <signal.h>
#include <unistd.h>

#include <cstring>

namespace stacfs::converter {
namespace {

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

// The one piece of state a signal handler can reach (see the header). Written only while no
// guard is installed; read only by the handler.
struct CrashReport {
  char prefix[4096];  // "stacfs: error: FILE: cannot read ... (reading it crashed with "
  size_t prefix_length = 0;
  struct sigaction previous[std::size(kSignals)];
  alignas(16) char alternate_stack[64 * 1024];  // a stack overflow still gets its message
  stack_t previous_stack;
};
CrashReport g_report;

const char* SignalName(int signal) {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    default: return "a fatal signal";
  }
}

void OnFatalSignal(int signal) {
  const char* name = SignalName(signal);
  ssize_t ignored = ::write(STDERR_FILENO, g_report.prefix, g_report.prefix_length);
  ignored = ::write(STDERR_FILENO, name, std::strlen(name));
  ignored = ::write(STDERR_FILENO, ")\n", 2);
  (void)ignored;
  ::_exit(1);
}

}  // namespace

ReadCrashGuard::ReadCrashGuard(const std::string& path) {
  std::string prefix = "stacfs: error: " + path +
                       ": cannot read this file, it is probably corrupt (reading it crashed with ";
  // Control characters in the name would break the line (see convert_command's OneLine).
  for (char& c : prefix) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  if (prefix.size() > sizeof g_report.prefix) prefix.resize(sizeof g_report.prefix);
  std::memcpy(g_report.prefix, prefix.data(), prefix.size());
  g_report.prefix_length = prefix.size();

  stack_t stack{};
  stack.ss_sp = g_report.alternate_stack;
  stack.ss_size = sizeof g_report.alternate_stack;
  ::sigaltstack(&stack, &g_report.previous_stack);
  struct sigaction action {};
  action.sa_handler = &OnFatalSignal;
  action.sa_flags = SA_ONSTACK | SA_RESETHAND;
  ::sigemptyset(&action.sa_mask);
  for (size_t i = 0; i < std::size(kSignals); ++i) {
    ::sigaction(kSignals[i], &action, &g_report.previous[i]);
  }
}

ReadCrashGuard::~ReadCrashGuard() {
  for (size_t i = 0; i < std::size(kSignals); ++i) {
    ::sigaction(kSignals[i], &g_report.previous[i], nullptr);
  }
  ::sigaltstack(&g_report.previous_stack, nullptr);
}

}  // namespace stacfs::converter
