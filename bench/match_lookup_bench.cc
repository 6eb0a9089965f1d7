// Online lookup latency: of N + Q synthetic records, Q spread through them are held back
// and the other N deduplicated (the model is fitted) and indexed; then each held-back
// record is looked up as a nominal being created would be. Prints the latency
// percentiles and, for held-back records whose person has other records indexed, how
// often the top candidate is that person.
// Usage: match_lookup_bench [N=1000000] [Q=2000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unordered_set>

#include "match/linker.h"
#include "match/synthetic_people.h"

int main(int argc, char** argv) {
  using namespace rocta::match;
  using Clock = std::chrono::steady_clock;
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::size_t q = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2000;
  const auto people = synthetic_people(n + q, 1);
  const std::size_t stride = (n + q) / q;
  std::vector<PersonRecord> known;
  std::vector<std::size_t> known_at, queries;  // indexes into people
  for (std::size_t i = 0; i < n + q; ++i) {
    if (i % stride == stride / 2 && queries.size() < q) {
      queries.push_back(i);
      continue;
    }
    known.push_back(people[i].record);
    known_at.push_back(i);
  }

  auto t0 = Clock::now();
  Linker linker(known, {});
  known = {};
  const auto linkage = linker.dedupe();
  auto t1 = Clock::now();
  linker.build_lookup_index();
  auto t2 = Clock::now();

  std::unordered_set<std::uint32_t> indexed_people;
  for (auto i : known_at) indexed_people.insert(people[i].person);
  std::vector<double> ms;
  std::size_t with_person = 0, top_right = 0, returned = 0;
  for (auto i : queries) {
    const auto start = Clock::now();
    const auto found = linker.lookup(people[i].record);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    returned += found.size();
    if (!indexed_people.contains(people[i].person)) continue;
    ++with_person;
    top_right += !found.empty() && people[known_at[found.front().record]].person == people[i].person;
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))]; };
  std::printf("records %zu: dedupe %.1f s (%zu links), index %.2f s\n", known_at.size(),
              std::chrono::duration<double>(t1 - t0).count(), linkage.links.size(),
              std::chrono::duration<double>(t2 - t1).count());
  std::printf("lookups %zu: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms; %.1f candidates each\n", queries.size(), pct(0.50),
              pct(0.95), pct(0.99), ms.back(), static_cast<double>(returned) / queries.size());
  std::printf("queries whose person is indexed: %zu; top candidate is that person: %.1f%%\n", with_person,
              with_person ? 100.0 * top_right / with_person : 0.0);
}
