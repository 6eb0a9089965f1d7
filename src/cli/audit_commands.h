// `rocta audit verify` and `rocta morile models|load-model`: the operator's checks of the
// audit trail and of the MoRiLE models.
#pragma once

#include <string>

#include "cli/command.h"

namespace rocta::cli {

class AuditCommand final : public Command {
 public:
  explicit AuditCommand(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  CLI::App* verify_ = nullptr;
};

class MorileCommands final : public Command {
 public:
  explicit MorileCommands(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  CLI::App* models_ = nullptr;
  CLI::App* load_ = nullptr;
  std::string model_file_;
};

}  // namespace rocta::cli
