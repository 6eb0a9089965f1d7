// `rocta threats list`, `rocta tasks list` and `rocta plans coverage`: what a named user may
// see, as CSV or JSON.
#pragma once

#include <cstdint>
#include <string>

#include "cli/command.h"

namespace rocta::cli {

class ListCommands final : public Command {
 public:
  explicit ListCommands(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  int list_threats(App& app, const Caller& caller);
  int list_tasks(App& app, const Caller& caller);
  int plan_coverage(App& app, const Caller& caller);

  CLI::App* threats_list_ = nullptr;
  CLI::App* tasks_list_ = nullptr;
  CLI::App* plans_coverage_ = nullptr;
  std::string as_user_, agency_, region_, format_ = "csv";
  bool master_list_only_ = false, open_tasks_only_ = false;
  int64_t area_ = 0;
};

}  // namespace rocta::cli
