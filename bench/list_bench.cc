// Kernel benchmark: the threat list as an analyst, through app/ and the SQLite store,
// without HTTP, over the demo region. Compare with bench/http.sh for the whole server.
//   build/release/bench/list_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>

#include "app/records.h"
#include "demo/demo_region.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"
#include "store/user_repository.h"

namespace rocta {
namespace {

struct Fixture {
  std::filesystem::path db = std::filesystem::temp_directory_path() / "rocta-list-bench.db";
  SystemClock clock;
  std::unique_ptr<Store> store;
  std::unique_ptr<App> app;
  Caller analyst;

  Fixture() {
    std::filesystem::remove(db);
    store = std::move(open_store(db.string())).value();
    app = std::make_unique<App>(*store, clock);
    app->password_cost = PasswordCost::minimal();
    if (!demo::load_demo_region(*app).is_ok()) std::abort();
    auto tx = std::move(store->begin(TxMode::kRead)).value();
    analyst.user = tx->users().find_by_username("btp.analyst").value().user;
    analyst.origin = "bench";
  }
  ~Fixture() {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_ThreatListFirstPage(benchmark::State& state) {
  auto& f = fixture();
  ThreatQuery q;
  for (auto _ : state) {
    auto page = list_threats(*f.app, f.analyst, q);
    if (!page.is_ok()) state.SkipWithError(page.status().message().c_str());
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_ThreatListFirstPage)->Unit(benchmark::kMicrosecond);

void BM_ThreatSearch(benchmark::State& state) {
  auto& f = fixture();
  ThreatQuery q;
  q.text = "kestrel";
  for (auto _ : state) {
    auto page = list_threats(*f.app, f.analyst, q);
    if (!page.is_ok()) state.SkipWithError(page.status().message().c_str());
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_ThreatSearch)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace rocta

BENCHMARK_MAIN();
