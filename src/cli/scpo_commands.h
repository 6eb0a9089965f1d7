// `rocta report scpo`: the SCPO monitoring figures for a period, by BCU, at the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "app/app.h"

namespace rocta::cli {

class ScpoCommands {
 public:
  // Adds `scpo` under the `report` command (which must already exist).
  void add(CLI::App& cli);
  bool parsed() const;
  // Runs the report; returns the exit code.
  int run(App& app);

 private:
  CLI::App* report_ = nullptr;
  std::string from_, to_, format_ = "text";
};

}  // namespace rocta::cli
