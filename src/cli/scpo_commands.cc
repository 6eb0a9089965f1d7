#include "cli/scpo_commands.h"

#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/scpo.h"
#include "cli/exit_codes.h"

namespace rocta::cli {
namespace {

nlohmann::json row_json(const ScpoFigureRow& r) {
  return {{"bcu", r.bcu},           {"orders_monitored", r.orders_monitored}, {"checks_done", r.checks_done},
          {"checks_overdue", r.checks_overdue}, {"breaches", r.breaches},     {"arrests", r.arrests}};
}

void print_row(const ScpoFigureRow& r) {
  std::printf("%-28s %8lld %8lld %8lld %8lld %8lld\n", r.bcu.c_str(), static_cast<long long>(r.orders_monitored),
              static_cast<long long>(r.checks_done), static_cast<long long>(r.checks_overdue), static_cast<long long>(r.breaches),
              static_cast<long long>(r.arrests));
}

}  // namespace

ScpoCommands::ScpoCommands(CLI::App& cli) {
  CLI::App* report_cmd = cli.get_subcommand("report");
  report_ = report_cmd->add_subcommand("scpo", "SCPO monitoring figures for a period by BCU: orders, checks done and overdue, "
                                               "breaches, arrests");
  report_->add_option("--from", from_, "First day of the period, YYYY-MM-DD")->required();
  report_->add_option("--to", to_, "Last day of the period, YYYY-MM-DD")->required();
  report_->add_option("--format", format_, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
}

bool ScpoCommands::parsed() const { return report_ && report_->parsed(); }

int ScpoCommands::run(OpenedApp& opened) {
  App& app = *opened.app;
  auto f = scpo_report(app, system_caller(), from_, to_);
  if (!f.is_ok()) return fail(f.status());
  if (format_ == "json") {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : f->rows) rows.push_back(row_json(r));
    std::cout << nlohmann::json{{"from", f->from}, {"to", f->to}, {"rows", rows}, {"total", row_json(f->total)}}.dump(2) << '\n';
    return kExitOk;
  }
  std::cout << "SCPO monitoring, " << f->from << " to " << f->to << "\n\n";
  std::printf("%-28s %8s %8s %8s %8s %8s\n", "BCU", "orders", "checks", "overdue", "breaches", "arrests");
  for (const auto& r : f->rows) print_row(r);
  print_row(f->total);
  std::cout << "\norders: monitored (in force on a day of the period); checks: done in the period; overdue: due in the\n"
               "period and not done by their due day; breaches and arrests: breaches that occurred in the period.\n";
  return kExitOk;
}

}  // namespace rocta::cli
