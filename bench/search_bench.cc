// Policy-filtered full-text search at scale: N intelligence reports (2 million by
// default) owned by every agency with a realistic mix of markings, searched by an MPS
// analyst through app/ (store query, can() on every hit, audit) for 1-3 words of varied
// frequency. Prints p50/p90/p99 latency of the first page. See docs/performance.md.
//
//   build/release/bench/search_bench --db /tmp/search.db [--reports 2000000] [--queries 300]
//                                    [--plan full] [--check 1]
//   build/release/bench/search_bench --db postgresql://… (a private cluster: scripts/pg-test-cluster.sh)
//
// The text: a vocabulary of 30,000 made-up words drawn with Zipf's law (s = 1), as words
// are in real text, so a query word of rank r is in roughly 40/(r·10.9) of the reports
// (a few per cent at rank 100, a few in a million at rank 30,000). The database is reused
// when it already holds the reports.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "app/admin.h"
#include "app/search.h"
#include "bench_support.h"
#include "store/marked_repository.h"
#include "store/page.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

constexpr int kVocabulary = 30000;

std::vector<std::string> make_vocabulary(std::mt19937& rng) {
  static const char* kOnsets[] = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
                                  "br", "ch", "cr", "dr", "fl", "gr", "kl", "pr", "sh", "st", "th", "tr"};
  static const char* kVowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou"};
  std::vector<std::string> words;
  std::vector<std::string> seen;
  while (static_cast<int>(words.size()) < kVocabulary) {
    std::string w;
    const int syllables = 2 + static_cast<int>(rng() % 3);
    for (int s = 0; s < syllables; ++s) w += std::string(kOnsets[rng() % 30]) + kVowels[rng() % 8];
    w += kOnsets[rng() % 18];
    words.push_back(w);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::shuffle(words.begin(), words.end(), rng);  // rank order independent of spelling
  return words;
}

struct Zipf {
  std::vector<double> cdf;
  explicit Zipf(int n) {
    double sum = 0;
    for (int r = 1; r <= n; ++r) cdf.push_back(sum += 1.0 / r);
    for (auto& c : cdf) c /= sum;
  }
  int draw(std::mt19937& rng) const {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<int>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
  }
};

Marking random_marking(std::mt19937& rng, const std::vector<Agency>& forces) {
  auto pct = [&] { return static_cast<int>(rng() % 100); };
  Marking m;
  // A third of the material is the London forces', the rest spread over every force.
  const int who = pct();
  m.owning_agency = who < 20 ? "MPS" : who < 27 ? "BTP" : who < 33 ? "COLP" : forces[rng() % forces.size()].code;
  const int scope = pct();
  m.scope = scope < 30 ? SharingScope::kOwnerOnly : scope < 40 ? SharingScope::kNamed : scope < 80 ? SharingScope::kRegion
                                                                                                  : SharingScope::kNational;
  if (m.scope == SharingScope::kNamed) {
    std::string other = forces[rng() % forces.size()].code;
    if (other == m.owning_agency) other = m.owning_agency == "MPS" ? "BTP" : "MPS";
    m.shared_with.push_back(other);
  }
  const int c = pct();
  m.classification = c < 85 ? Classification::kOfficial : c < 98 ? Classification::kSecret : Classification::kTopSecret;
  m.sensitive = m.classification == Classification::kOfficial && pct() < 20;
  if (pct() < 5) m.compartment = m.owning_agency + "-SIU";
  return m;
}

std::string words(std::mt19937& rng, const Zipf& zipf, const std::vector<std::string>& vocab, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += (i ? " " : "") + vocab[static_cast<size_t>(zipf.draw(rng))];
  return s;
}

Status fill(App& app, int64_t reports, const std::vector<std::string>& vocab, const std::vector<Agency>& forces) {
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(auto last, tx->intelligence().scan(reports - 1, 1));
    if (!last.empty()) return Status::ok();
    ROCTA_ASSIGN_OR_RETURN(auto any, tx->intelligence().scan(0, 1));
    if (!any.empty()) return Status(Code::kFailedPrecondition, "the database holds fewer reports than asked for: use a new one");
  }
  std::mt19937 rng(7);
  Zipf zipf(static_cast<int>(vocab.size()));
  const auto start = std::chrono::steady_clock::now();
  constexpr int64_t kBatch = 20000;
  for (int64_t done = 0; done < reports;) {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
    for (int64_t i = 0; i < kBatch && done < reports; ++i, ++done) {
      IntelligenceReport r;
      r.marking = random_marking(rng, forces);
      r.reference = r.marking.owning_agency + "-INT-" + std::to_string(done + 1);
      r.title = words(rng, zipf, vocab, 4 + static_cast<int>(rng() % 5));
      r.body = words(rng, zipf, vocab, 30 + static_cast<int>(rng() % 31));
      r.received_date = "2025-" + std::string(rng() % 12 < 9 ? "0" : "1") + std::to_string(1 + rng() % 9) + "-1" +
                        std::to_string(rng() % 10);
      r.originating_agency = r.marking.owning_agency;
      r.version = 1;
      r.created_at = r.updated_at = r.received_date + "T09:00:00Z";
      ROCTA_ASSIGN_OR_RETURN(r.id, tx->intelligence().insert(r));
    }
    ROCTA_RETURN_IF_ERROR(tx->commit());
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\r%lld reports, %.0f s", static_cast<long long>(done), s);
  }
  std::fprintf(stderr, "\n");
  return Status::ok();
}

int run(int argc, char** argv) {
  std::string db = "/tmp/rocta-search-bench.db";
  int64_t reports = 2000000;
  int queries = 300;
  bool exact_plan = false;  // --plan full: every match ranked and counted, as before the bounds
  bool check = false;       // --check 1: each page compared with the full plan's
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
    else if (!std::strcmp(argv[i], "--plan")) exact_plan = !std::strcmp(argv[i + 1], "full");
    else if (!std::strcmp(argv[i], "--check")) check = !std::strcmp(argv[i + 1], "1");
    else if (!std::strcmp(argv[i], "--reports")) reports = std::stoll(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--queries")) queries = std::stoi(argv[i + 1]);
  }
  auto store = open_store(db);
  if (!store.is_ok()) return std::fprintf(stderr, "%s\n", store.status().message().c_str()), 1;
  SystemClock clock;
  App app(**store, clock);
  app.password_cost = PasswordCost::minimal();
  const Caller sys = system_caller("bench");
  if (Status s = ensure_reference_data(app); !s.is_ok()) return std::fprintf(stderr, "%s\n", s.message().c_str()), 1;
  std::vector<Agency> forces;
  for (const auto& a : list_agencies(app, sys).value())
    if (a.kind == AgencyKind::kTerritorialForce || a.kind == AgencyKind::kSpecialForce) forces.push_back(a);
  std::mt19937 vocab_rng(11);
  const auto vocab = make_vocabulary(vocab_rng);
  if (Status s = fill(app, reports, vocab, forces); !s.is_ok()) return std::fprintf(stderr, "%s\n", s.message().c_str()), 1;

  // The reader: an MPS intelligence analyst, SECRET, no compartment.
  auto analyst = bench::analyst(app, "MPS", "bench.analyst");
  if (!analyst.is_ok()) return std::fprintf(stderr, "%s\n", analyst.status().message().c_str()), 1;
  Caller caller;
  caller.user = *analyst;
  caller.origin = "bench";

  // Queries: 1-3 words, each of a rank drawn log-uniformly from 10 to 30,000, so some
  // match a few per cent of the reports and some a handful.
  std::mt19937 qrng(13);
  std::vector<std::string> texts;
  for (int i = 0; i < queries; ++i) {
    const int n = 1 + static_cast<int>(qrng() % 3);
    std::string t;
    for (int w = 0; w < n; ++w) {
      const double lr = std::uniform_real_distribution<double>(std::log(10.0), std::log(double(vocab.size())))(qrng);
      t += (w ? " " : "") + vocab[static_cast<size_t>(std::exp(lr)) - 1];
    }
    texts.push_back(t);
  }
  auto query = [&](const std::string& text, bool full) {
    SearchQuery q;
    q.text = text;
    q.page = {20, 0};
    if (full) q.bounds = SearchBounds{0, 0, int64_t{1} << 40};  // ranks and counts every match
    return q;
  };
  for (int i = 0; i < std::min(queries, 20); ++i) (void)search(app, caller, query(texts[i], exact_plan));
  std::vector<double> ms;
  std::vector<std::pair<double, std::string>> slowest;
  int64_t hits = 0, empty = 0, capped = 0, differ = 0;
  for (const auto& t : texts) {
    const auto start = std::chrono::steady_clock::now();
    auto page = search(app, caller, query(t, exact_plan));
    const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!page.is_ok()) return std::fprintf(stderr, "%s: %s\n", t.c_str(), page.status().message().c_str()), 1;
    ms.push_back(took);
    hits += page->total;
    empty += page->total == 0;
    capped += !page->total_exact;
    slowest.push_back({took, t + " (" + (page->total_exact ? "" : "more than ") + std::to_string(page->total) + " hits)"});
    if (check) {
      auto full = search(app, caller, query(t, true));
      if (!full.is_ok()) return std::fprintf(stderr, "%s: %s\n", t.c_str(), full.status().message().c_str()), 1;
      bool same = full->items.size() == page->items.size();
      for (size_t i = 0; same && i < full->items.size(); ++i)
        same = full->items[i].kind == page->items[i].kind && full->items[i].id == page->items[i].id &&
               full->items[i].score == page->items[i].score;
      if (!same) ++differ, std::printf("  DIFFERS from the full plan: %s\n", t.c_str());
    }
  }
  std::sort(ms.begin(), ms.end());
  std::sort(slowest.rbegin(), slowest.rend());
  auto at = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())))]; };
  std::printf("%s: %lld reports, %d queries of 1-3 words, first page of 20\n", app.store.describe().c_str(),
              static_cast<long long>(reports), queries);
  std::printf("%s plan: p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  (mean %lld hits a query as counted, %lld with none, %lld "
              "past the count's cap)\n",
              exact_plan ? "full" : "bounded", at(0.50), at(0.90), at(0.99), ms.back(), static_cast<long long>(hits / queries),
              static_cast<long long>(empty), static_cast<long long>(capped));
  if (check) std::printf("checked every page against the full plan: %lld differ\n", static_cast<long long>(differ));
  for (int i = 0; i < 5 && i < static_cast<int>(slowest.size()); ++i) std::printf("  slow: %.1f ms  %s\n", slowest[i].first, slowest[i].second.c_str());
  return 0;
}

}  // namespace
}  // namespace rocta

int main(int argc, char** argv) { return rocta::run(argc, argv); }
