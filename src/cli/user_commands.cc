#include "cli/user_commands.h"

#include <unistd.h>

#include <iostream>

#include "app/admin.h"
#include "app/session.h"
#include "cli/exit_codes.h"

namespace rocta::cli {

namespace {

Result<std::string> read_password_from_stdin() {
  std::string line;
  if (isatty(STDIN_FILENO)) std::cerr << "password: " << std::flush;
  if (!std::getline(std::cin, line)) return invalid("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

UserCommands::UserCommands(CLI::App& cli) {
  auto* user_cmd = cli.add_subcommand("user", "Manage users")->require_subcommand(1);
  user_add_ = user_cmd->add_subcommand("add", "Add a user; the password is read from standard input");
  user_add_->add_option("username", new_user_.username, "Username (a-z, 0-9, . _ -)")->required();
  user_add_->add_option("--name", new_user_.display_name, "Display name")->required();
  user_add_->add_option("--agency", agency_code_, "Agency code, e.g. MPS")->required();
  user_add_->add_option("--unit", unit_name_, "Unit name within the agency")->required();
  user_add_->add_option("--role", role_names_, "Role (repeat for several)")->required();
  user_add_->add_option("--clearance", clearance_, "OFFICIAL, SECRET or TOP SECRET")->capture_default_str();
  user_add_->add_option("--compartment", new_user_.compartments, "Compartment held (repeat for several)");
  user_passwd_ = user_cmd->add_subcommand("passwd", "Set a user's password, read from standard input");
  user_passwd_->add_option("username", passwd_user_, "Username")->required();

  auto* unit_cmd = cli.add_subcommand("unit", "Manage units")->require_subcommand(1);
  unit_add_ = unit_cmd->add_subcommand("add", "Add a unit to an agency");
  unit_add_->add_option("--agency", new_unit_.agency, "Agency code, e.g. MPS")->required();
  unit_add_->add_option("--name", new_unit_.name, "Unit name")->required();
  unit_add_->add_option("--kind", unit_kind_, "bcu, scc, siu, rocta, intelligence, economic crime, morile, scpo monitoring, partner team, headquarters, other")
      ->capture_default_str();
  unit_add_->add_option("--serves", new_unit_.serves, "Other agencies a collaborative unit serves (repeat)");
}

bool UserCommands::parsed() const { return user_add_->parsed() || user_passwd_->parsed() || unit_add_->parsed(); }

int UserCommands::run(OpenedApp& o) {
  if (user_add_->parsed()) return add_user(*o.app);
  if (unit_add_->parsed()) return add_unit(*o.app);
  return change_password(*o.app);
}

int UserCommands::add_user(App& app) {
  auto c = parse_classification(clearance_);
  if (!c) return fail(invalid("clearance must be OFFICIAL, SECRET or TOP SECRET"));
  new_user_.clearance = *c;
  for (const auto& r : role_names_) {
    auto role = parse_role(r);
    if (!role) return fail(invalid("unknown role '" + r + "'"));
    new_user_.roles.push_back(*role);
  }
  auto units = list_units(app, system_caller(), agency_code_);
  if (!units.is_ok()) return fail(units.status());
  for (const auto& u : *units)
    if (u.name == unit_name_) new_user_.unit_id = u.id;
  if (!new_user_.unit_id) return fail(not_found("agency " + agency_code_ + " has no unit named '" + unit_name_ + "'"));
  auto password = read_password_from_stdin();
  if (!password.is_ok()) return fail(password.status());
  auto created = create_user(app, system_caller(), {new_user_, *password});
  if (!created.is_ok()) return fail(created.status());
  std::cout << "Added user " << created->username << " (id " << created->id << ")\n";
  return kExitOk;
}

int UserCommands::add_unit(App& app) {
  auto kind = parse_unit_kind(unit_kind_);
  if (!kind) return fail(invalid("unknown unit kind '" + unit_kind_ + "'"));
  new_unit_.kind = *kind;
  auto created = create_unit(app, system_caller(), new_unit_);
  if (!created.is_ok()) return fail(created.status());
  std::cout << "Added unit " << created->name << " (id " << created->id << ") to " << created->agency << '\n';
  return kExitOk;
}

int UserCommands::change_password(App& app) {
  auto caller = operator_acting_as(app, passwd_user_, "");
  if (!caller.is_ok()) return fail(caller.status());
  auto password = read_password_from_stdin();
  if (!password.is_ok()) return fail(password.status());
  if (auto s = rocta::set_password(app, system_caller(), caller->user.id, *password, std::nullopt); !s.is_ok()) return fail(s);
  std::cout << "Password set for " << passwd_user_ << "; their sessions have ended.\n";
  return kExitOk;
}

}  // namespace rocta::cli
