// Kernel benchmark: the capability report's figures (core/capability.h) over national-size
// records, generated: 43 forces, each with 1,500 specialist posts a month for 12 months
// (774,000 posts), 200,000 financial-investigation items, 50,000 asset cases, 2,000 covert
// accreditations and 20,000 deployments. The store's reads are measured apart (the scoped
// list, bench/national.sh); this is what app/ computes once it holds the records.
//   cmake --preset release -DROCTA_BENCH=ON && cmake --build --preset release --target capability_bench
//   build/release/bench/capability_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#include "core/capability.h"

namespace rocta {
namespace {

constexpr int kForces = 43, kMonths = 12, kPostsPerMonth = 1500;

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

struct National {
  std::vector<StaffingPost> posts;
  std::vector<FiItem> items;
  std::vector<AssetCase> cases;
  std::vector<CovertAccreditation> held;
  std::vector<CovertDeployment> deployed;
  std::map<int64_t, std::string> units;

  National() {
    const auto& roles = all_specialist_roles();
    for (int f = 0; f < kForces; ++f) {
      const std::string agency = "F" + two(f);
      for (int u = 0; u < 10; ++u) units[f * 100 + u] = agency + " unit " + std::to_string(u);
      for (int m = 1; m <= kMonths; ++m)
        for (int p = 0; p < kPostsPerMonth; ++p) {
          StaffingPost s;
          s.agency = agency, s.unit_id = f * 100 + p % 10, s.unit = units[s.unit_id];
          s.role = roles[static_cast<size_t>(p) % roles.size()], s.month = "2025-" + two(m);
          s.filled = (p * 7 + m) % 100 >= 15, s.cover_to = 18 + p % 6;
          posts.push_back(s);
        }
      for (int i = 0; i < 200'000 / kForces; ++i) {
        FiItem x;
        x.agency = agency, x.threat_id = f * 1000 + i % 90, x.threat_reference = agency + "-T-" + std::to_string(i % 90);
        x.team_unit_id = f * 100 + i % 10, x.bcu_unit_id = f * 100 + (i + 3) % 10;
        x.state = static_cast<FiState>(i % 4), x.reason = static_cast<FiDeclineReason>(i % 4);
        items.push_back(x);
      }
      for (int i = 0; i < 50'000 / kForces; ++i) {
        AssetCase c;
        c.agency = agency, c.threat_id = f * 1000 + i % 90, c.route = static_cast<AssetRoute>(i % 2);
        c.stage = static_cast<AssetStage>(i % 5), c.identified_pence = 1'000'000 + i, c.ordered_pence = 500'000;
        c.realised_pence = c.stage == AssetStage::kRealised ? 400'000 : 0, c.restrained_on = i % 3 ? "2025-02-01" : "";
        cases.push_back(c);
      }
      for (int i = 0; i < 2'000 / kForces; ++i)
        held.push_back({0, agency, static_cast<CovertTactic>(i % 3), "officer", "2022-01-01", "2027-01-01", 3'000'000, {}});
      for (int i = 0; i < 20'000 / kForces; ++i)
        deployed.push_back({0, agency, static_cast<CovertTactic>(i % 3), 0, "2024-" + two(1 + i % 12) + "-15", 500'000, {}});
    }
  }
};

const National& national() {
  static const National kNational;
  return kNational;
}

void BM_CapabilityReport(benchmark::State& state) {
  const National& n = national();
  for (auto _ : state) {
    StaffingFigures staffing = staffing_figures(n.posts, "");
    FiFigures fi = fi_figures(n.items, n.units, staffing);
    AssetFigures assets = asset_figures(n.cases);
    CovertFigures covert = covert_figures(n.held, n.deployed, "2025-12-31");
    auto gaps = capacity_gaps(staffing);
    benchmark::DoNotOptimize(fi.total.suspects + assets.by_agency.size() + covert.rows.size() + gaps.size());
  }
  state.counters["posts"] = static_cast<double>(n.posts.size());
  state.counters["fi_items"] = static_cast<double>(n.items.size());
}
BENCHMARK(BM_CapabilityReport)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rocta

BENCHMARK_MAIN();
