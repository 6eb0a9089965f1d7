// `rocta user add|passwd` and `rocta unit add`: the operator manages users and units.
#pragma once

#include <string>
#include <vector>

#include "cli/command.h"
#include "core/organisation.h"

namespace rocta::cli {

class UserCommands final : public Command {
 public:
  explicit UserCommands(CLI::App& cli);
  bool parsed() const override;
  int run(OpenedApp& opened) override;

 private:
  int add_user(App& app);
  int change_password(App& app);
  int add_unit(App& app);

  CLI::App* user_add_ = nullptr;
  CLI::App* user_passwd_ = nullptr;
  CLI::App* unit_add_ = nullptr;
  User new_user_;
  std::string unit_name_, clearance_ = "OFFICIAL", agency_code_;
  std::vector<std::string> role_names_;
  std::string passwd_user_;
  Unit new_unit_;
  std::string unit_kind_ = "other";
};

}  // namespace rocta::cli
