#include "tests/support/run_command.h"

#include <atomic>

#include "tests/support/scoped_process.h"

namespace stacfs::test {

CommandResult RunCommand(const TempDir& dir, const std::vector<std::string>& argv,
                         std::chrono::seconds timeout) {
  static std::atomic<int> counter{0};
  std::string log = dir.Join("command-" + std::to_string(counter++) + ".log");
  CommandResult result;
  auto process = ScopedProcess::Start(argv, log);
  if (!process) {
    result.output = process.error().ToString();
    return result;
  }
  auto exit_code = process->WaitForExit(std::chrono::duration_cast<std::chrono::milliseconds>(timeout));
  result.exit_code = exit_code ? *exit_code : -1;
  result.output = ReadWholeFile(log).value_or("");
  if (!exit_code) result.output += "\n(" + exit_code.error().ToString() + ")";
  return result;  // ScopedProcess stops the child if it is still running
}

}  // namespace stacfs::test
