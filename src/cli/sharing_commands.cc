#include "cli/sharing_commands.h"

#include <iostream>
#include <sstream>
#include <vector>

#include "api/sharing_codec.h"
#include "app/session.h"
#include "app/sharing.h"
#include "cli/exit_codes.h"

namespace rocta::cli {
namespace {

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

Result<bool> yes_no(const std::string& text, const char* field) {
  if (text == "true" || text == "yes") return true;
  if (text == "false" || text == "no") return false;
  return invalid(std::string("--") + field + " is true or false", field);
}

// The options every agreement command may set (those given on `cmd`): subjects, whose
// capability, dates, state.
struct Terms {
  const CLI::App* cmd;
  const std::string &subjects, &capability_of, &starts_on, &ends_on, &active, &signals;
  bool given(const char* option) const {  // an option `cmd` lacks (--active on create) was not given
    const CLI::Option* o = cmd->get_option_no_throw(option);
    return o != nullptr && o->count() > 0;
  }
};

Status apply_terms(SharingAgreement& a, const Terms& t) {
  if (t.given("--subjects")) {
    a.subjects.clear();
    for (const auto& name : comma_list(t.subjects)) {
      auto s = parse_agreement_subject(name);
      if (!s) return invalid("--subjects takes records and capability, comma-separated, not '" + name + "'", "subjects");
      a.subjects.push_back(*s);
    }
  }
  if (t.given("--capability-of")) a.capability_of = comma_list(t.capability_of);
  if (t.given("--starts-on")) a.starts_on = t.starts_on;
  if (t.given("--ends-on")) a.ends_on = t.ends_on;
  if (t.given("--active")) {
    ROCTA_ASSIGN_OR_RETURN(a.active, yes_no(t.active, "active"));
  }
  if (t.given("--signals")) {
    ROCTA_ASSIGN_OR_RETURN(a.signals, yes_no(t.signals, "signals"));
  }
  return Status::ok();
}

int print(const SharingAgreement& a) {
  std::cout << json_codec::to_json(a).dump(2) << '\n';
  return kExitOk;
}

}  // namespace

SharingCommands::SharingCommands(CLI::App& cli) {
  auto* cmd = cli.add_subcommand("sharing", "Sharing agreements between agencies")->require_subcommand(1);
  list_ = cmd->add_subcommand("agreements", "The agreements a user's agency gives or receives (all: an agencies administrator), as JSON");
  create_ = cmd->add_subcommand("create", "Make an agreement from the giving agency to another; prints it as JSON");
  change_ = cmd->add_subcommand("change", "Change an agreement (subjects, dates, active, signals); prints it as JSON");
  for (auto* c : {list_, create_, change_}) c->add_option("--as", as_user_, "Username acting (an administrator of the giver); default: Rocta itself");
  create_->add_option("--giver", giver_, "Agency code giving")->required();
  create_->add_option("--receiver", receiver_, "Agency code receiving")->required();
  create_->add_option("--purpose", purpose_, "What it is for (5 to 500 characters)")->required();
  create_->add_option("--max-classification", max_classification_, "OFFICIAL, SECRET or TOP SECRET")->capture_default_str();
  create_->add_option("--min-scope", min_scope_, "named, region or national")->capture_default_str();
  change_->add_option("id", id_, "Agreement id")->required();
  change_->add_option("--version", version_, "The version you are changing (409-like exit 5 when stale)")->required();
  for (auto* c : {create_, change_}) {
    c->add_option("--subjects", subjects_, "What it covers: records, capability or records,capability (create: records)");
    c->add_option("--capability-of", capability_of_, "Whose capability it opens: the giving agency's own code");
    c->add_option("--starts-on", starts_on_, "YYYY-MM-DD it comes into force ('' for none)");
    c->add_option("--ends-on", ends_on_, "YYYY-MM-DD it ends, inclusive ('' for none)");
    c->add_option("--signals", signals_, "true or false: the receiver may be told what the giver holds beyond it");
  }
  change_->add_option("--active", active_, "true or false (false ends the agreement)");
}

bool SharingCommands::parsed() const { return list_->parsed() || create_->parsed() || change_->parsed(); }

int SharingCommands::run(OpenedApp& o) {
  Caller caller = system_caller("cli");
  if (!as_user_.empty()) {
    auto acting = operator_acting_as(*o.app, as_user_, "");
    if (!acting.is_ok()) return fail(acting.status());
    caller = *acting;
  }
  if (list_->parsed()) return list(*o.app, caller);
  if (create_->parsed()) return create(*o.app, caller);
  return change(*o.app, caller);
}

int SharingCommands::list(App& app, const Caller& caller) {
  auto all = list_agreements(app, caller);
  if (!all.is_ok()) return fail(all.status());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : *all) out.push_back(json_codec::to_json(a));
  std::cout << out.dump(2) << '\n';
  return kExitOk;
}

int SharingCommands::create(App& app, const Caller& caller) {
  SharingAgreement a;
  a.giver = giver_, a.receiver = receiver_, a.purpose = purpose_;
  auto cls = parse_classification(max_classification_);
  if (!cls) return fail(invalid("--max-classification is OFFICIAL, SECRET or TOP SECRET", "max_classification"));
  auto scope = parse_sharing_scope(min_scope_);
  if (!scope) return fail(invalid("--min-scope is named, region or national", "min_scope"));
  a.max_classification = *cls, a.min_scope = *scope;
  const Terms terms{create_, subjects_, capability_of_, starts_on_, ends_on_, active_, signals_};
  if (Status s = apply_terms(a, terms); !s.is_ok()) return fail(s);
  auto made = make_agreement(app, caller, std::move(a));
  return made.is_ok() ? print(*made) : fail(made.status());
}

int SharingCommands::change(App& app, const Caller& caller) {
  const Terms terms{change_, subjects_, capability_of_, starts_on_, ends_on_, active_, signals_};
  auto changed = change_agreement(app, caller, id_, version_, [&](SharingAgreement& a) { return apply_terms(a, terms); });
  return changed.is_ok() ? print(*changed) : fail(changed.status());
}

}  // namespace rocta::cli
