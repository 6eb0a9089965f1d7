// What every `rocta` command offers main(): it adds its subcommands to the parser, says
// whether one of them was parsed, and runs it (most on the opened database).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "app/app.h"

namespace rocta::cli {

// The database the command works on, opened once the command line is parsed.
struct OpenedApp {
  std::unique_ptr<Store> store;
  SystemClock clock;
  std::unique_ptr<App> app;
};

// Opens `db` (a SQLite file or a postgresql:// URL) and loads the reference data.
Result<std::unique_ptr<OpenedApp>> open_app(const std::string& db);

class Command {
 public:
  virtual ~Command() = default;
  // One of this command's subcommands was parsed.
  virtual bool parsed() const = 0;
  // For a command that works on files only: its exit code, without opening a database.
  virtual std::optional<int> run_without_database() { return std::nullopt; }
  // Runs the parsed subcommand on the database; returns the exit code.
  virtual int run(OpenedApp& opened) = 0;
};

}  // namespace rocta::cli
