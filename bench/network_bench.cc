// Network analysis through app/ at national size: N nominals under a realistic mix of
// markings and M links between them (groups of 50 with most links inside a group, as OCGs
// are), then, as an MPS analyst:
//   - the store's policy-filtered load of every link the analyst may see (both ends
//     admitted inside the query);
//   - igraph alone on the visible graph (build, PageRank, Louvain communities);
//   - Q shortest-path queries between two visible nominals (paths_between), p50/p99;
//   - the whole app call network() over everything visible (load, measures, signals),
//     right after igraph alone, in each of --rounds rounds.
// Writes the visible graph (and the path pairs) for bench/network_compare.py, which runs
// python3-igraph and python3-networkx on exactly the same graph (bench/network.sh).
//
//   build/release/bench/network_bench --db /tmp/rocta-network.db [--nodes 1000000]
//       [--edges 5000000] [--paths 200] [--out /tmp/rocta-network] [--rounds 1] [--fill-only]
// --fill-only fills the store (if empty) and stops: the 1M store takes ~20 min, once.
// --rounds N measures igraph alone and then network() N times, each round's overhead
// computed within the round (the two CPU times side by side), and prints the medians:
// on a shared machine one round's CPU times vary by a quarter.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/admin.h"
#include "app/network.h"
#include "bench_support.h"
#include "graph/graph.h"
#include "store/link_repository.h"
#include "store/marked_repository.h"
#include "store/network_repository.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

// Wall time, and the CPU time of this process (SQLite and igraph run on this thread): on a
// machine shared with others the CPU time is the steadier figure, and both are printed.
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

Marking marking_of(std::mt19937& rng, const std::vector<std::string>& owners) {
  auto pct = [&] { return static_cast<int>(rng() % 100); };
  Marking m;
  const int who = pct();
  m.owning_agency = who < 20 ? "MPS" : who < 27 ? "BTP" : who < 33 ? "COLP" : who < 38 ? "NCA" : owners[rng() % owners.size()];
  const int scope = pct();
  m.scope = scope < 15 ? SharingScope::kOwnerOnly : scope < 45 ? SharingScope::kRegion : SharingScope::kNational;
  m.classification = pct() < 90 ? Classification::kOfficial : Classification::kSecret;
  return m;
}

Status fill(App& app, int64_t nodes, int64_t edges, const std::vector<std::string>& owners) {
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(auto any, tx->nominals().scan(0, 1));
    if (!any.empty()) return Status::ok();
  }
  std::mt19937 rng(17);
  const auto start = Clock::now();
  constexpr int64_t kBatch = 20000;
  int64_t first_id = 0;
  for (int64_t done = 0; done < nodes;) {
    std::vector<Nominal> batch;
    for (int64_t i = 0; i < kBatch && done < nodes; ++i, ++done) {
      Nominal n;
      n.given_names = "Person";
      n.surname = "N" + std::to_string(done + 1);
      n.marking = marking_of(rng, owners);
      n.reference = n.marking.owning_agency + "-NOM-" + std::to_string(done + 1);
      n.version = 1;
      n.created_at = n.updated_at = "2026-01-01T09:00:00Z";
      batch.push_back(std::move(n));
    }
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
    ROCTA_ASSIGN_OR_RETURN(auto ids, tx->nominals().insert_many(batch));
    if (first_id == 0) first_id = ids.front();
    ROCTA_RETURN_IF_ERROR(tx->commit());
    std::fprintf(stderr, "\r%lld nominals, %.0f s", static_cast<long long>(done), seconds_since(start));
  }
  std::fprintf(stderr, "\n");
  // Groups of 50: four links in five inside the group, the rest anywhere.
  constexpr int64_t kGroup = 50;
  static const char* kRelations[] = {"associate", "associate", "member", "uses phone"};
  int64_t made = 0;
  while (made < edges) {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
    for (int64_t i = 0; i < 100000 && made < edges; ++i) {
      const int64_t a = static_cast<int64_t>(rng() % nodes);
      const int64_t b = rng() % 5 < 4 ? a / kGroup * kGroup + static_cast<int64_t>(rng() % kGroup) : static_cast<int64_t>(rng() % nodes);
      if (a == b || b >= nodes) continue;
      Link l;
      l.from = {RecordKind::kNominal, first_id + a};
      l.to = {RecordKind::kNominal, first_id + b};
      l.relation = kRelations[rng() % 4];
      l.source = "bench";
      l.date = "2025-0" + std::to_string(1 + rng() % 9) + "-15";
      l.created_at = "2026-01-01T09:00:00Z";
      auto id = tx->links().insert(l);
      if (!id.is_ok() && id.status().code() == Code::kAlreadyExists) continue;
      if (!id.is_ok()) return id.status();
      ++made;
    }
    ROCTA_RETURN_IF_ERROR(tx->commit());
    std::fprintf(stderr, "\r%lld links, %.0f s", static_cast<long long>(made), seconds_since(start));
  }
  std::fprintf(stderr, "\n");
  return app.store.analyze();
}

int fail(const Status& s) {
  std::fprintf(stderr, "%s\n", s.message().c_str());
  return 1;
}

uint64_t key_of(const RecordRef& r) { return (static_cast<uint64_t>(r.kind) << 56) | static_cast<uint64_t>(r.id); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

int run(int argc, char** argv) {
  std::string db = "/tmp/rocta-network.db", out = "/tmp/rocta-network";
  int64_t nodes = 1000000, edges = 5000000, path_queries = 200, rounds = 1;
  bool fill_only = false;
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--fill-only")) fill_only = true;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--fill-only")) {
      --i;
      continue;
    }
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
    else if (!std::strcmp(argv[i], "--rounds")) rounds = std::max<int64_t>(1, std::stoll(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--nodes")) nodes = std::stoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--edges")) edges = std::stoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--paths")) path_queries = std::stoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--out")) out = argv[i + 1];
  }
  auto store = open_store(db);
  if (!store.is_ok()) return fail(store.status());
  SystemClock clock;
  App app(**store, clock);
  app.password_cost = PasswordCost::minimal();
  if (Status s = ensure_reference_data(app); !s.is_ok()) return fail(s);
  std::vector<std::string> owners;
  for (const auto& a : list_agencies(app, system_caller("bench")).value())
    if (a.kind != AgencyKind::kPartnerAgency) owners.push_back(a.code);
  if (Status s = fill(app, nodes, edges, owners); !s.is_ok()) return fail(s);
  if (fill_only) {
    std::printf("%s: filled (%lld nominals, %lld links asked for)\n", app.store.describe().c_str(),
                static_cast<long long>(nodes), static_cast<long long>(edges));
    return 0;
  }

  auto who = bench::analyst(app, "MPS", "bench.analyst");
  if (!who.is_ok()) return fail(who.status());
  Caller caller;
  caller.user = *who;
  caller.origin = "bench";
  const ReadScope scope = read_scope(caller.user);

  // 1. The store's policy-filtered load: every record the analyst may read, then every
  // link whose two ends the policy admits (the policy inside both queries).
  std::vector<Link> visible;
  int64_t readable = 0;
  auto t = Clock::now();
  double c = cpu_now();
  {
    auto tx = app.store.begin(TxMode::kRead);
    if (!tx.is_ok()) return fail(tx.status());
    Status s = (*tx)->network().each_visible_node(scope, {}, [&](const NetworkNode&) { ++readable; });
    if (!s.is_ok()) return fail(s);
    s = (*tx)->network().each_visible_link(scope, {}, [&](const Link& l) { visible.push_back(l); });
    if (!s.is_ok()) return fail(s);
  }
  const double load_policy_s = seconds_since(t), load_policy_cpu = cpu_now() - c;
  std::fprintf(stderr, "store load: %lld readable records, %zu visible links: %.2f s (CPU %.2f s)\n",
               static_cast<long long>(readable), visible.size(), load_policy_s, load_policy_cpu);

  // 2. igraph alone on the visible graph.
  std::unordered_map<uint64_t, int64_t> index;
  std::vector<graph::Edge> ends;
  ends.reserve(visible.size());
  for (const auto& l : visible) {
    const int64_t f = index.emplace(key_of(l.from), static_cast<int64_t>(index.size())).first->second;
    const int64_t to = index.emplace(key_of(l.to), static_cast<int64_t>(index.size())).first->second;
    ends.push_back({f, to});
  }
  // The path queries' pairs, and the same graph and pairs for python3-igraph and
  // python3-networkx, written before the rounds so that bench/network_compare.py may start.
  std::vector<std::pair<RecordRef, RecordRef>> queries;
  {
    std::vector<int64_t> ids;
    ids.reserve(index.size());
    for (const auto& [k, i] : index) ids.push_back(static_cast<int64_t>(k & ((1ULL << 56) - 1)));
    std::sort(ids.begin(), ids.end());
    std::mt19937 rng(99);
    for (int64_t q = 0; q < path_queries; ++q) {
      const RecordRef a{RecordKind::kNominal, ids[rng() % ids.size()]};
      const RecordRef b{RecordKind::kNominal, ids[rng() % ids.size()]};
      queries.push_back({a, b});
    }
    std::ofstream e(out + ".edges");
    e << index.size() << "\n";
    for (const auto& x : ends) e << x.from << ' ' << x.to << '\n';
    std::ofstream p(out + ".pairs");
    for (const auto& [a, b] : queries) p << index.at(key_of(a)) << ' ' << index.at(key_of(b)) << '\n';
  }
  std::fprintf(stderr, "wrote %s.edges and %s.pairs\n", out.c_str(), out.c_str());

  // 3. Paths between two visible nominals through the app (the pairs drawn above), before
  // the rounds: their figure is printed at once (stderr), whatever the rounds then take.
  std::vector<double> ms, cpu_ms;
  int64_t found = 0, total_length = 0;
  for (const auto& [from, to] : queries) {
    PathQuery pq;
    pq.from = from;
    pq.to = to;
    pq.limit = 1;
    const auto start = Clock::now();
    const double cpu_start = cpu_now();
    auto p = paths_between(app, caller, pq);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    cpu_ms.push_back(1000 * (cpu_now() - cpu_start));
    if (!p.is_ok()) return fail(p.status());
    if (!p->paths.empty()) ++found, total_length += p->length;
  }
  std::fprintf(stderr, "paths_between, %zu queries: CPU p50 %.1f ms, p99 %.1f ms; wall p50 %.1f ms, p99 %.1f ms; %lld found\n",
               queries.size(), percentile(cpu_ms, 0.5), percentile(cpu_ms, 0.99), percentile(ms, 0.5), percentile(ms, 0.99),
               static_cast<long long>(found));

  // Each round: igraph alone, then the whole app call, so that the two CPU times compared
  // are taken a few seconds apart under the same load.
  struct Round {
    double build_s, pagerank_s, louvain_s, betweenness_s, cuts_s, igraph_s, igraph_cpu, app_s, app_cpu;
  };
  std::vector<Round> measured;
  graph::Graph::Communities groups;
  std::vector<int64_t> cuts, bridges;
  for (int64_t round = 0; round < rounds; ++round) {
    t = Clock::now();
    c = cpu_now();
    const double igraph_cpu_start = c;
    auto g = graph::Graph::make(static_cast<int64_t>(index.size()), ends);
    if (!g.is_ok()) return fail(g.status());
    const double build_s = seconds_since(t);
    t = Clock::now();
    const auto pr = g->pagerank();
    const double pagerank_s = seconds_since(t);
    t = Clock::now();
    groups = g->communities();
    const double louvain_s = seconds_since(t);
    t = Clock::now();
    const auto between = g->betweenness(2);
    const double betweenness_s = seconds_since(t);
    t = Clock::now();
    cuts = g->articulation_points();
    bridges = g->bridges();
    const double cuts_s = seconds_since(t);
    const double igraph_s = build_s + pagerank_s + louvain_s + betweenness_s + cuts_s;
    const double igraph_cpu = cpu_now() - igraph_cpu_start;
    (void)pr;
    (void)between;

    // 4. The whole app call.
    t = Clock::now();
    c = cpu_now();
    double app_s = 0, app_cpu = 0;
    {
      auto net = network(app, caller, NetworkQuery{});
      if (!net.is_ok()) return fail(net.status());
      app_s = seconds_since(t), app_cpu = cpu_now() - c;  // the answer's destruction is not timed, as before
    }
    measured.push_back({build_s, pagerank_s, louvain_s, betweenness_s, cuts_s, igraph_s, igraph_cpu, app_s, app_cpu});
    std::fprintf(stderr, "round %lld: igraph's own CPU %.2f s, network() CPU %.2f s (+%.0f%%); wall %.2f s, %.2f s\n",
                 static_cast<long long>(round + 1), igraph_cpu, app_cpu, 100.0 * (app_cpu - igraph_cpu) / igraph_cpu,
                 igraph_s, app_s);
  }
  // The round of median overhead: its figures are printed together, as one run.
  std::sort(measured.begin(), measured.end(), [](const Round& a, const Round& b) {
    return a.app_cpu / a.igraph_cpu < b.app_cpu / b.igraph_cpu;
  });
  const Round& med = measured[measured.size() / 2];
  const double build_s = med.build_s, pagerank_s = med.pagerank_s, louvain_s = med.louvain_s,
               betweenness_s = med.betweenness_s, cuts_s = med.cuts_s, igraph_s = med.igraph_s,
               igraph_cpu = med.igraph_cpu, app_s = med.app_s, app_cpu = med.app_cpu;

  std::printf("%s: %lld nominals, %lld links generated; the MPS analyst sees %zu links between %zu nominals\n",
              app.store.describe().c_str(), static_cast<long long>(nodes), static_cast<long long>(edges), visible.size(),
              index.size());
  std::printf("store load, policy-filtered in the queries (%lld readable records, then the links both of whose ends are readable): %.2f s (CPU %.2f s)\n",
              static_cast<long long>(readable), load_policy_s, load_policy_cpu);
  std::printf("igraph on the visible graph: build %.2f s, PageRank %.2f s, Louvain %.2f s (%lld groups, modularity %.3f), "
              "betweenness within 2 links %.2f s, cut points and bridges %.2f s (%zu, %zu): igraph's own time %.2f s (CPU %.2f s)\n",
              build_s, pagerank_s, louvain_s, static_cast<long long>(groups.count), groups.modularity, betweenness_s, cuts_s,
              cuts.size(), bridges.size(), igraph_s, igraph_cpu);
  if (rounds > 1) {
    std::vector<double> ig, ap;
    for (const auto& r : measured) ig.push_back(r.igraph_cpu), ap.push_back(r.app_cpu);
    std::printf("%lld rounds: igraph's own CPU median %.2f s, network() CPU median %.2f s; the round of median overhead follows\n",
                static_cast<long long>(rounds), percentile(ig, 0.5), percentile(ap, 0.5));
  }
  std::printf("app network() over everything visible (load, degree, PageRank, Louvain, betweenness, bridges, cut points, signals, audit): "
              "%.2f s (CPU %.2f s = igraph's own CPU time + %.0f%%)\n",
              app_s, app_cpu, 100.0 * (app_cpu - igraph_cpu) / igraph_cpu);
  std::printf("app paths_between, %lld queries: p50 %.1f ms, p99 %.1f ms, max %.1f ms (CPU p50 %.1f, p99 %.1f ms); %lld found, mean length %.2f\n",
              static_cast<long long>(path_queries), percentile(ms, 0.5), percentile(ms, 0.99), percentile(ms, 1.0),
              percentile(cpu_ms, 0.5), percentile(cpu_ms, 0.99),
              static_cast<long long>(found), found ? static_cast<double>(total_length) / found : 0.0);
  std::fflush(stdout);

  return 0;
}

}  // namespace
}  // namespace rocta

int main(int argc, char** argv) { return rocta::run(argc, argv); }
