#include "cli/audit_commands.h"

#include <fstream>
#include <iostream>
#include <iterator>

#include "app/audit_log.h"
#include "app/master_list.h"
#include "cli/exit_codes.h"

namespace rocta::cli {

AuditCommand::AuditCommand(CLI::App& cli) {
  auto* audit_cmd = cli.add_subcommand("audit", "The audit trail")->require_subcommand(1);
  verify_ = audit_cmd->add_subcommand("verify", "Check the hash chain; names the first broken link");
}

bool AuditCommand::parsed() const { return verify_->parsed(); }

int AuditCommand::run(OpenedApp& o) {
  auto report = verify_audit_chain(*o.app);
  if (!report.is_ok()) return fail(report.status());
  if (report->broken) {
    std::cout << "BROKEN at event " << report->broken->seq << ": " << report->broken->why << '\n'
              << report->events << " events before it are intact.\n";
    return kExitAuditBroken;
  }
  std::cout << "Audit chain intact: " << report->events << " events.\n";
  return kExitOk;
}

MorileCommands::MorileCommands(CLI::App& cli) {
  auto* morile_cmd = cli.add_subcommand("morile", "MoRiLE models")->require_subcommand(1);
  models_ = morile_cmd->add_subcommand("models", "List the loaded models");
  load_ = morile_cmd->add_subcommand("load-model", "Load a new model version from a JSON file");
  load_->add_option("file", model_file_, "Model JSON (see data/morile-model-v1.json)")->required()->check(CLI::ExistingFile);
}

bool MorileCommands::parsed() const { return models_->parsed() || load_->parsed(); }

int MorileCommands::run(OpenedApp& o) {
  App& app = *o.app;
  if (models_->parsed()) {
    auto models = list_morile_models(app, system_caller());
    if (!models.is_ok()) return fail(models.status());
    for (const auto& m : *models) std::cout << "version " << m.version << "  " << m.name << "  loaded " << m.loaded_at << '\n';
    return kExitOk;
  }
  std::ifstream in(model_file_);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  auto stored = load_morile_model(app, system_caller(), text);
  if (!stored.is_ok()) return fail(stored.status());
  std::cout << "Loaded MoRiLE model version " << stored->version << " (" << stored->name << "); new assessments use it.\n";
  return kExitOk;
}

}  // namespace rocta::cli
