#include "cli/capability_commands.h"

#include <cstdio>
#include <iostream>

#include "api/capability_codec.h"
#include "app/capability.h"
#include "app/session.h"
#include "cli/exit_codes.h"

namespace rocta::cli {
namespace {

std::string pounds(int64_t pence) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(pence / 100));
  return std::string("£") + buf;
}

void print_text(const CapabilityReport& r) {
  std::cout << "Capability, establishment as at " << (r.month.empty() ? "(no posts recorded)" : r.month) << "\n\n";
  std::printf("%-6s %-32s %6s %7s %6s %5s  %s\n", "agency", "role", "posts", "in post", "vacant", "%", "cover / flags");
  for (const auto& a : r.staffing.agencies)
    std::printf("%-6s %-32s %6lld %7lld %6lld %4d%%  %02d:00-%02d:00%s\n", a.agency.c_str(), std::string(to_string(a.role)).c_str(),
                static_cast<long long>(a.establishment), static_cast<long long>(a.in_post), static_cast<long long>(a.vacant),
                a.vacancy_pct, a.cover_from, a.cover_to, a.single_point_of_failure ? "  single point of failure" : "");
  std::cout << "\nUnits\n";
  for (const auto& u : r.staffing.unit_totals)
    std::printf("%-6s %-38s %6lld posts %6lld vacant\n", u.agency.c_str(), u.unit.c_str(), static_cast<long long>(u.establishment),
                static_cast<long long>(u.vacant));
  std::cout << "\nFinancial investigation demand\n";
  std::printf("%-28s %8s %12s %16s %12s\n", "threat", "suspects", "investigated", "not investigated", "no capacity");
  auto demand = [](const FiDemandRow& d) {
    std::printf("%-28s %8lld %12lld %16lld %12lld\n", d.key.c_str(), static_cast<long long>(d.suspects),
                static_cast<long long>(d.investigated), static_cast<long long>(d.not_investigated),
                static_cast<long long>(d.refused_no_capacity));
  };
  for (const auto& d : r.fi.by_threat) demand(d);
  demand(r.fi.total);
  for (const auto& c : r.fi.capacity)
    std::printf("%s: %lld items waiting or in hand, %lld investigators in post, %lld.%lld per investigator\n", c.agency.c_str(),
                static_cast<long long>(c.demand), static_cast<long long>(c.investigators),
                static_cast<long long>(c.per_investigator_tenths / 10), static_cast<long long>(c.per_investigator_tenths % 10));
  std::cout << "\nAsset recovery\n";
  for (const auto& a : r.assets.by_agency)
    std::cout << a.agency << ": identified " << a.identified << " (" << pounds(a.identified_pence) << "), restrained " << a.restrained
              << " (" << pounds(a.restrained_pence) << "), ordered " << a.ordered << " (" << pounds(a.ordered_pence) << "), realised "
              << a.realised << " (" << pounds(a.realised_pence) << "), returned under ARIS " << pounds(a.returned_pence) << "\n";
  std::cout << "\nCovert tactics\n";
  for (const auto& c : r.covert.rows)
    std::cout << c.agency << " " << to_string(c.tactic) << ": " << c.accreditations << " accredited, " << c.deployments_year
              << " deployments in the year, " << pounds(c.cost_year_pence) << " a year"
              << (c.kept_without_use ? "; KEPT WITHOUT USE (no deployment in two years)" : "")
              << (c.under_used ? "; under-used against its cost" : "") << "\n";
}

}  // namespace

CapabilityCommands::CapabilityCommands(CLI::App& cli) {
  CLI::App* report_cmd = cli.get_subcommand("report");
  report_ = report_cmd->add_subcommand("capability", "Specialist posts and vacancies, FI demand against capacity, the asset "
                                                     "pipeline and covert value for money");
  report_->add_option("--month", month_, "YYYY-MM; the latest month recorded when absent");
  report_->add_option("--as", as_user_, "Username whose rules apply (default: Rocta itself, every agency)");
  report_->add_option("--format", format_, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
}

bool CapabilityCommands::parsed() const { return report_ && report_->parsed(); }

int CapabilityCommands::run(OpenedApp& opened) {
  Caller caller = system_caller("cli");
  if (!as_user_.empty()) {
    auto acting = operator_acting_as(*opened.app, as_user_, "");
    if (!acting.is_ok()) return fail(acting.status());
    caller = *acting;
  }
  auto r = capability_report(*opened.app, caller, month_);
  if (!r.is_ok()) return fail(r.status());
  if (format_ == "json") std::cout << json_codec::capability_report_json(*r).dump(2) << '\n';
  else print_text(*r);
  return kExitOk;
}

}  // namespace rocta::cli
