// What every subcommand shares: global options, and how a command reports failure.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "core/base/log.h"
#include "core/base/result.h"

namespace stacfs {

struct GlobalOptions {
  std::string log_level = "warning";
  Logger MakeLogger() const;
};

// Prints "stacfs: error: <context: message>" to stderr and returns the exit code for it.
int ReportError(const Error& error);

// Each subcommand registers itself on the app and sets `*run` to its action when chosen.
using CommandAction = std::function<int()>;
void RegisterConvertCommand(CLI::App& app, const GlobalOptions& globals, CommandAction* run);
void RegisterInspectCommand(CLI::App& app, const GlobalOptions& globals, CommandAction* run);
void RegisterCollectionsCommand(CLI::App& app, const GlobalOptions& globals, CommandAction* run);
void RegisterSearchCommand(CLI::App& app, const GlobalOptions& globals, CommandAction* run);
void RegisterMountCommand(CLI::App& app, const GlobalOptions& globals, CommandAction* run);

}  // namespace stacfs
