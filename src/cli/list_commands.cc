#include "cli/list_commands.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "api/json_codec.h"
#include "api/tasking_codec.h"
#include "app/master_list.h"
#include "app/four_p_plans.h"
#include "app/records.h"
#include "app/session.h"
#include "app/tasking.h"
#include "cli/exit_codes.h"
#include "core/csv.h"
#include "store/marked_repository.h"

namespace rocta::cli {

ListCommands::ListCommands(CLI::App& cli) {
  auto* threats_cmd = cli.add_subcommand("threats", "Threats")->require_subcommand(1);
  threats_list_ = threats_cmd->add_subcommand("list", "List the threats a user may see (the master list with --master-list)");
  threats_list_->add_option("--as", as_user_, "Username whose rules apply")->required();
  threats_list_->add_option("--agency", agency_, "Owned by this agency (with --master-list: its priorities, shared ones included)");
  threats_list_->add_option("--region", region_, "Owned within this region");
  threats_list_->add_flag("--master-list", master_list_only_, "Appendix 2's filter, in MoRiLE score order");
  threats_list_->add_option("--format", format_, "csv or json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
  threats_list_->add_option("--area", area_, "Only threats with a place in or meeting this loaded area (its id)")
      ->check(CLI::PositiveNumber);

  auto* tasks_cmd = cli.add_subcommand("tasks", "Tasks to units and partner agencies")->require_subcommand(1);
  tasks_list_ = tasks_cmd->add_subcommand("list", "The tasks a user may see, as JSON (a partner: their agency's only)");
  tasks_list_->add_option("--as", as_user_, "Username whose rules apply")->required();
  tasks_list_->add_flag("--open", open_tasks_only_, "Open or in progress only");
  auto* plans_cmd = cli.add_subcommand("plans", "4P plans")->require_subcommand(1);
  plans_coverage_ = plans_cmd->add_subcommand("coverage", "Plan coverage figures a user may see, as JSON");
  plans_coverage_->add_option("--as", as_user_, "Username whose rules apply")->required();
}

bool ListCommands::parsed() const { return threats_list_->parsed() || tasks_list_->parsed() || plans_coverage_->parsed(); }

int ListCommands::run(OpenedApp& o) {
  auto caller = operator_acting_as(*o.app, as_user_, "");
  if (!caller.is_ok()) return fail(caller.status());
  if (threats_list_->parsed()) return list_threats(*o.app, *caller);
  if (tasks_list_->parsed()) return list_tasks(*o.app, *caller);
  return plan_coverage(*o.app, *caller);
}

int ListCommands::list_threats(App& app, const Caller& caller) {
  ThreatQuery q;
  q.page.limit = 200;
  q.owning_region = region_;
  if (master_list_only_) {
    q.master_list = MasterListFilter{};
    q.relevant_to = agency_;
  } else {
    q.owning_agency = agency_;
  }
  nlohmann::json all = nlohmann::json::array();
  if (format_ == "csv")
    std::cout << "Reference,Owning agency,Name,Threat type,Type,Moderation status,SOC,Tier,Phase,Primary crime type,"
                 "County lines,MoRiLE score,Assessment date,Reassess by,Marking\n";
  for (q.page.offset = 0;; q.page.offset += q.page.limit) {
    auto page = rocta::list_threats_in_area(app, caller, q, area_);
    // An unknown area is a mistake in the command line, not a missing record.
    if (!page.is_ok() && area_ && page.status().code() == Code::kNotFound)
      return fail(invalid("--area: no area " + std::to_string(area_) + " is loaded", "area"));
    if (!page.is_ok()) return fail(page.status());
    for (const auto& t : page->items) {
      if (format_ == "json") {
        all.push_back(json_codec::to_json(t));
        continue;
      }
      const std::vector<std::string> row{t.reference, t.marking.owning_agency, t.name, std::string(to_string(t.type)),
                                         std::string(to_string(t.assessment_type)), std::string(to_string(t.moderation)),
                                         t.soc ? "SOC" : "Non-SOC", t.tier ? "Tier " + std::to_string(*t.tier) : "",
                                         t.phase, t.primary_crime_type, t.county_lines ? "Yes" : "No",
                                         t.morile_score ? std::to_string(*t.morile_score) : "", t.assessment_date,
                                         t.reassess_by, t.marking.label()};
      std::string line;
      for (const auto& f : row) line += (line.empty() ? "" : ",") + csv_field(f);
      std::cout << line << '\n';
    }
    if (q.page.offset + q.page.limit >= page->total) break;
  }
  if (format_ == "json") std::cout << all.dump(2) << '\n';
  return kExitOk;
}

int ListCommands::list_tasks(App& app, const Caller& caller) {
  TaskQuery q;
  q.open_only = open_tasks_only_;
  q.page.limit = 200;
  nlohmann::json all = nlohmann::json::array();
  for (q.page.offset = 0;; q.page.offset += q.page.limit) {
    auto page = rocta::list_tasks(app, caller, q);
    if (!page.is_ok()) return fail(page.status());
    for (const auto& t : page->items) all.push_back(json_codec::to_json(t));
    if (q.page.offset + q.page.limit >= page->total) break;
  }
  std::cout << all.dump(2) << '\n';
  return kExitOk;
}

int ListCommands::plan_coverage(App& app, const Caller& caller) {
  auto report = plan_coverage_report(app, caller);
  if (!report.is_ok()) return fail(report.status());
  std::cout << json_codec::to_json(*report).dump(2) << '\n';
  return kExitOk;
}

}  // namespace rocta::cli
