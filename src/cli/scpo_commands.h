// `rocta report scpo`: the SCPO monitoring figures for a period, by BCU, at the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/command.h"

namespace rocta::cli {

class ScpoCommands final : public Command {
 public:
  // Adds `scpo` under the `report` command (which must already exist: RecordCommands adds it).
  explicit ScpoCommands(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  CLI::App* report_ = nullptr;
  std::string from_, to_, format_ = "text";
};

}  // namespace rocta::cli
