// rocta: the command line. Every command calls the same app/ functions as the HTTP API; each
// lives in its own file (cli/*_commands.cc) behind the Command interface (cli/command.h).
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <memory>
#include <vector>

#include "cli/audit_commands.h"
#include "cli/capability_commands.h"
#include "cli/command.h"
#include "cli/exit_codes.h"
#include "cli/list_commands.h"
#include "cli/match_command.h"
#include "cli/record_commands.h"
#include "cli/network_commands.h"
#include "cli/place_commands.h"
#include "cli/scpo_commands.h"
#include "cli/server_commands.h"
#include "cli/sharing_commands.h"
#include "cli/user_commands.h"

int main(int argc, char** argv) {
  using namespace rocta::cli;
  CLI::App cli{"Rocta: one picture of serious and organised crime for a region's forces and partners."};
  cli.footer(
      "Exit codes: 0 ok, 2 bad usage or input, 3 not found, 4 not allowed, 5 conflict or duplicate, "
      "6 precondition (e.g. purpose needed), 7 unavailable, 8 audit chain broken, 70 internal error.");
  cli.require_subcommand(1);
  const char* env_db = std::getenv("ROCTA_DB");
  std::string db = env_db ? env_db : "";
  cli.add_option("--db", db, "Database: a SQLite file (created if missing) or a postgresql:// URL. Default: $ROCTA_DB");

  // In the order `rocta --help` lists them.
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<ServerCommands>(cli));
  commands.push_back(std::make_unique<UserCommands>(cli));
  commands.push_back(std::make_unique<RecordCommands>(cli));
  commands.push_back(std::make_unique<ScpoCommands>(cli));  // under RecordCommands' `report`
  commands.push_back(std::make_unique<CapabilityCommands>(cli));  // likewise
  commands.push_back(std::make_unique<AuditCommand>(cli));
  commands.push_back(std::make_unique<ListCommands>(cli));
  commands.push_back(std::make_unique<MorileCommands>(cli));
  commands.push_back(std::make_unique<BackupCommand>(cli));
  commands.push_back(std::make_unique<MatchCommand>(cli));
  commands.push_back(std::make_unique<NetworkCommands>(cli));
  commands.push_back(std::make_unique<PlaceCommands>(cli));
  commands.push_back(std::make_unique<SharingCommands>(cli));

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = cli.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }

  for (const auto& command : commands) {
    if (!command->parsed()) continue;
    if (auto rc = command->run_without_database()) return *rc;
    auto opened = open_app(db);
    if (!opened.is_ok()) return fail(opened.status());
    return command->run(**opened);
  }
  return kExitUsage;
}
