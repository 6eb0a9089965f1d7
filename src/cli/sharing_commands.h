// `rocta sharing agreements|create|change`: an agency's sharing agreements at the command
// line, through the same app/ functions as the API (administrators of the giving agency make
// and change them; without --as, Rocta itself acts, audited as such).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/command.h"

namespace rocta::cli {

class SharingCommands final : public Command {
 public:
  explicit SharingCommands(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  int list(App& app, const Caller& caller);
  int create(App& app, const Caller& caller);
  int change(App& app, const Caller& caller);

  CLI::App* list_ = nullptr;
  CLI::App* create_ = nullptr;
  CLI::App* change_ = nullptr;
  std::string as_user_, giver_, receiver_, purpose_, max_classification_ = "OFFICIAL", min_scope_ = "region";
  // Set only when given (CLI::App::count says which): a change leaves the rest as they are.
  std::string subjects_, capability_of_, starts_on_, ends_on_, active_, signals_;
  int64_t id_ = 0, version_ = 0;
};

}  // namespace rocta::cli
