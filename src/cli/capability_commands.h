// `rocta report capability`: specialist posts and vacancies, FI demand against capacity, the
// asset pipeline and covert value for money, at the command line (Rocta itself: every agency;
// with --as, what that user may read, partners by their agreements).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/command.h"

namespace rocta::cli {

class CapabilityCommands final : public Command {
 public:
  // Adds `capability` under the `report` command (which must already exist: RecordCommands adds it).
  explicit CapabilityCommands(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  CLI::App* report_ = nullptr;
  std::string month_, format_ = "text", as_user_;
};

}  // namespace rocta::cli
