// `rocta import apmis`, `rocta export apmis` and `rocta report soc`: the national extract
// and the SOC figures at the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "app/app.h"

namespace rocta::cli {

class ExtractCommands {
 public:
  // Adds `apmis` under the given import and export commands, and `report soc` to the app.
  void add(CLI::App& cli, CLI::App& import_cmd, CLI::App& export_cmd);
  bool parsed() const;
  // Runs whichever was parsed; returns the exit code.
  int run(App& app);

 private:
  int run_import(App& app);
  int run_export(App& app);
  int run_report(App& app);

  CLI::App* import_ = nullptr;
  CLI::App* export_ = nullptr;
  CLI::App* report_ = nullptr;
  std::string threats_file_, disruptions_file_, out_dir_;
  std::string year_ending_, region_, as_of_, format_ = "json", out_file_;
  std::vector<std::string> no_filter_;
};

}  // namespace rocta::cli
