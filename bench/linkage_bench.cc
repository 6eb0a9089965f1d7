// Linkage through app/ at scale: N synthetic people (with the errors real records carry)
// stored as nominals of many agencies under a realistic mix of markings, one match run
// over all of them (timed: read, fit, score, store), then Q held-back people looked up
// one at a time by an MPS analyst as a nominal being recorded would be
// (find_matching_nominals: engine lookup, then the policy filter, reads of the shown
// nominals and the signals). Prints the run's figures and the lookup percentiles.
//
//   build/release/bench/linkage_bench --db /tmp/linkage.db [--people 1000000] [--lookups 2000]
//   build/release/bench/linkage_bench --db postgresql://…   (scripts/pg-test-cluster.sh)
//
// The database is reused when it already holds the people (the run is then repeated:
// decisions and earlier matches are in place, as in production).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "app/admin.h"
#include "app/linkage.h"
#include "app/records.h"
#include "bench_support.h"
#include "match/normalise.h"
#include "match/synthetic_people.h"
#include "store/marked_repository.h"
#include "store/repository_transaction.h"

namespace rocta {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A nominal as an agency would record the synthetic person; the date in ISO form.
Nominal nominal_of(const match::PersonRecord& p) {
  using match::Role;
  Nominal n;
  n.given_names = p[Role::kGivenName].substr(0, 200);
  n.surname = p[Role::kSurname].empty() ? "UNKNOWN" : p[Role::kSurname].substr(0, 100);
  if (const auto d = match::parse_date(p[Role::kDob]); d != 0) {
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
    n.date_of_birth = iso;
  }
  const auto& sex = p[Role::kSex];
  n.sex = sex.empty() ? "" : (sex[0] == 'f' || sex[0] == 'F') ? "F" : (sex[0] == 'm' || sex[0] == 'M') ? "M" : "";
  n.address = p[Role::kAddress].substr(0, 500);
  n.postcode = p[Role::kPostcode].substr(0, 10);
  return n;
}

// Owners across the forces (a third London's) and the national agencies; scopes and
// classifications in the proportions of search_bench.
Marking marking_of(std::mt19937& rng, const std::vector<std::string>& owners) {
  auto pct = [&] { return static_cast<int>(rng() % 100); };
  Marking m;
  const int who = pct();
  m.owning_agency = who < 20 ? "MPS" : who < 27 ? "BTP" : who < 33 ? "COLP" : who < 38 ? "NCA" : owners[rng() % owners.size()];
  const int scope = pct();
  m.scope = scope < 30 ? SharingScope::kOwnerOnly : scope < 80 ? SharingScope::kRegion : SharingScope::kNational;
  const int c = pct();
  m.classification = c < 85 ? Classification::kOfficial : Classification::kSecret;
  return m;
}

Status fill(App& app, const std::vector<match::SyntheticRecord>& people, const std::vector<size_t>& stored,
            const std::vector<std::string>& owners) {
  {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kRead));
    ROCTA_ASSIGN_OR_RETURN(auto any, tx->nominals().scan(0, 1));
    if (!any.empty()) return Status::ok();
  }
  std::mt19937 rng(5);
  const auto start = Clock::now();
  constexpr size_t kBatch = 20000;
  for (size_t done = 0; done < stored.size();) {
    ROCTA_ASSIGN_OR_RETURN(auto tx, app.store.begin(TxMode::kWrite));
    for (size_t i = 0; i < kBatch && done < stored.size(); ++i, ++done) {
      Nominal n = nominal_of(people[stored[done]].record);
      n.marking = marking_of(rng, owners);
      n.reference = n.marking.owning_agency + "-NOM-" + std::to_string(done + 1);
      n.version = 1;
      n.created_at = n.updated_at = "2026-01-01T09:00:00Z";
      ROCTA_ASSIGN_OR_RETURN(n.id, tx->nominals().insert(n));
    }
    ROCTA_RETURN_IF_ERROR(tx->commit());
    std::fprintf(stderr, "\r%zu nominals, %.0f s", done, seconds_since(start));
  }
  std::fprintf(stderr, "\n");
  return Status::ok();
}

int fail(const Status& s) {
  std::fprintf(stderr, "%s\n", s.message().c_str());
  return 1;
}

int run(int argc, char** argv) {
  std::string db = "/tmp/rocta-linkage-bench.db";
  size_t people_n = 1000000, lookups = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
    else if (!std::strcmp(argv[i], "--people")) people_n = std::stoull(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--lookups")) lookups = std::stoull(argv[i + 1]);
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

  // Of N + Q records, Q spread through them are held back for the lookups.
  const auto people = match::synthetic_people(people_n + lookups, 1);
  const size_t stride = (people_n + lookups) / lookups;
  std::vector<size_t> stored, held;
  for (size_t i = 0; i < people.size(); ++i) (i % stride == stride / 2 && held.size() < lookups ? held : stored).push_back(i);
  if (Status s = fill(app, people, stored, owners); !s.is_ok()) return fail(s);

  auto t0 = Clock::now();
  auto ran = run_matching(app, system_caller("bench"));
  if (!ran.is_ok()) return fail(ran.status());
  const double run_s = seconds_since(t0);
  std::printf("%s: match run over %lld nominals in %.1f s (%lld pairs scored; %lld joined, %lld for review, %lld kept, %lld withdrawn)\n",
              app.store.describe().c_str(), static_cast<long long>(ran->nominals), run_s,
              static_cast<long long>(ran->candidate_pairs), static_cast<long long>(ran->linked), static_cast<long long>(ran->review),
              static_cast<long long>(ran->kept_decisions), static_cast<long long>(ran->withdrawn));

  auto who = bench::analyst(app, "MPS", "bench.analyst");
  if (!who.is_ok()) return fail(who.status());
  Caller caller;
  caller.user = *who;
  caller.origin = "bench";
  std::vector<double> ms;
  size_t shown = 0, signalled = 0;
  for (size_t i : held) {
    const Nominal person = nominal_of(people[i].record);
    const auto start = Clock::now();
    auto found = find_matching_nominals(app, caller, person);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!found.is_ok()) {
      if (found.status().code() == Code::kInvalidArgument) continue;  // a copy with no name or date
      return fail(found.status());
    }
    shown += found->shown.size();
    signalled += found->signalled.size();
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())))]; };
  std::printf("lookups as an MPS analyst: %zu, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %.2f shown and %.2f signalled each\n",
              ms.size(), at(0.50), at(0.95), at(0.99), ms.back(), static_cast<double>(shown) / ms.size(),
              static_cast<double>(signalled) / ms.size());
  std::printf("reproduce: build/release/bench/linkage_bench --db %s --people %zu --lookups %zu\n", db.c_str(), people_n, lookups);
  return 0;
}

}  // namespace
}  // namespace rocta

int main(int argc, char** argv) { return rocta::run(argc, argv); }
