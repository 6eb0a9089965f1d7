#include "match/linker.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>
#include <thread>
#include <unordered_map>

#include "match/blocking.h"
#include "match/clustering.h"

namespace rocta::match {
namespace {

// Runs task(i, worker) for i in [0, tasks) on `threads` workers taking tasks in order.
template <typename Task>
void parallel_for(std::size_t tasks, unsigned threads, Task&& task) {
  std::atomic<std::size_t> next{0};
  auto work = [&](unsigned worker) {
    for (std::size_t i; (i = next.fetch_add(1)) < tasks;) task(i, worker);
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
}

double weight_of(double probability) { return std::log2(probability / (1 - probability)); }

// In pattern order, so that EM adds in the same order whatever the thread count.
PatternCounts sorted_counts(const std::unordered_map<Pattern, double>& counts) {
  PatternCounts out(counts.begin(), counts.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

struct Linker::State {
  LinkageOptions options;
  unsigned threads;
  std::vector<PreparedRecord> records;
  std::vector<HotValue> hot_values;
  std::unique_ptr<FellegiSunter> model;
  // Per blocking key: (key value, record), sorted; over-common values left out.
  std::array<std::vector<std::pair<std::uint64_t, std::uint32_t>>, kBlockingKeyCount> index;
  // Records added after the index was built, by key value: small, so a hash map.
  std::array<std::unordered_multimap<std::uint64_t, std::uint32_t>, kBlockingKeyCount> added;

  // A query prepared as the records were: its over-common values ignored too.
  PreparedRecord prepare_query(const PersonRecord& query) const {
    PreparedRecord p = prepare(query);
    for (const auto& h : hot_values)
      if (p[h.role] == h.value) p.ignored |= 1U << static_cast<unsigned>(h.role);
    return p;
  }
};

namespace {
unsigned thread_count(unsigned asked) { return asked ? asked : std::max(1U, std::thread::hardware_concurrency()); }
}  // namespace

std::vector<PreparedRecord> prepare_records(std::span<const PersonRecord> raw, unsigned threads) {
  std::vector<PreparedRecord> out(raw.size());
  constexpr std::size_t kChunk = 1024;
  parallel_for((raw.size() + kChunk - 1) / kChunk, thread_count(threads), [&](std::size_t c, unsigned) {
    for (std::size_t i = c * kChunk; i < std::min(raw.size(), (c + 1) * kChunk); ++i) out[i] = prepare(raw[i]);
  });
  return out;
}

Linker::Linker(std::span<const PersonRecord> raw, LinkageOptions options) : s_(std::make_unique<State>()) {
  s_->options = std::move(options);
  s_->threads = thread_count(s_->options.threads);
  s_->records = prepare_records(raw, s_->threads);
  init();
}

Linker::Linker(std::vector<PreparedRecord> prepared, LinkageOptions options) : s_(std::make_unique<State>()) {
  s_->options = std::move(options);
  s_->threads = thread_count(s_->options.threads);
  s_->records = std::move(prepared);
  init();
}

void Linker::init() {

  // Which roles are present, then per role: term frequencies and over-common values.
  std::vector<Role> roles;
  for (std::size_t r = 0; r < kRoleCount; ++r) {
    const Role role = static_cast<Role>(r);
    if (role == Role::kFullName) continue;
    if (std::any_of(s_->records.begin(), s_->records.end(), [&](const PreparedRecord& p) { return !p[role].empty(); }))
      roles.push_back(role);
  }
  std::vector<std::vector<HotValue>> hot(roles.size());
  parallel_for(roles.size(), s_->threads, [&](std::size_t i, unsigned) {
    const Role role = roles[i];
    const auto& spec = field_spec(role);
    std::unordered_map<std::string_view, std::uint32_t> count;
    count.reserve(s_->records.size());  // as many values as records at most: no rehashing
    std::size_t present = 0;
    for (const auto& p : s_->records)
      if (!p[role].empty()) ++count[p[role]], ++present;
    std::unordered_map<std::string_view, bool> ignored;  // value -> excluded by the list
    for (const auto& ex : s_->options.exclusions)
      if (ex.role == role) {
        const std::string v = normalised_value(role, ex.value);
        if (auto it = count.find(v); it != count.end()) ignored[it->first] = true;
      }
    if (spec.hot_check && !count.empty()) {
      // Typical: how many records share the value of the median record. (The median of
      // the distinct values would be dragged down by one-off typos.)
      std::vector<std::uint32_t> sizes;
      sizes.reserve(count.size());
      for (const auto& [v, n] : count) sizes.push_back(n);
      std::sort(sizes.begin(), sizes.end());
      std::uint64_t seen = 0, typical = 1;
      for (auto size : sizes)
        if ((seen += size) * 2 >= present) {
          typical = size;
          break;
        }
      const double threshold = std::max<double>(s_->options.hot_min_count, s_->options.hot_ratio * typical);
      for (const auto& [v, n] : count)
        if (n >= threshold) ignored.try_emplace(v, false);
    }
    for (const auto& [v, excluded] : ignored) hot[i].push_back({role, std::string(v), count[v], excluded});
    const auto bit = 1U << static_cast<unsigned>(role);
    for (auto& p : s_->records) {
      if (p[role].empty()) continue;
      // Distinct roles write distinct bits and slots, but `ignored` is one word: atomic.
      if (ignored.contains(p[role])) std::atomic_ref<std::uint32_t>(p.ignored).fetch_or(bit);
      if (spec.term_frequency) p.frequency[static_cast<std::size_t>(role)] = static_cast<float>(count[p[role]]) / present;
    }
  });
  for (auto& h : hot)
    for (auto& v : h) s_->hot_values.push_back(std::move(v));
  std::sort(s_->hot_values.begin(), s_->hot_values.end(), [](const HotValue& a, const HotValue& b) {
    return a.records != b.records ? a.records > b.records : a.value < b.value;
  });
  s_->model = std::make_unique<FellegiSunter>(roles, s_->options.max_tf_boost_bits);
}

Linker::~Linker() = default;

const FellegiSunter& Linker::model() const { return *s_->model; }

Explanation Linker::explain(std::uint32_t a, std::uint32_t b) const {
  return s_->model->explain(s_->records.at(a), s_->records.at(b));
}

Explanation Linker::explain(std::uint32_t known, const PersonRecord& query) const {
  return s_->model->explain(s_->records.at(known), s_->prepare_query(query));
}

std::size_t Linker::size() const { return s_->records.size(); }

std::uint32_t Linker::add(const PersonRecord& record) {
  const auto i = static_cast<std::uint32_t>(s_->records.size());
  s_->records.push_back(s_->prepare_query(record));
  const BlockingKeys keys = blocking_keys(s_->records.back());
  for (std::size_t k = 0; k < kBlockingKeyCount; ++k)
    if (keys[k] != 0) s_->added[k].emplace(keys[k], i);
  return i;
}

void Linker::build_lookup_index() {
  for (std::size_t k = 0; k < kBlockingKeyCount; ++k) s_->index[k].clear(), s_->added[k].clear();
  for (std::uint32_t i = 0; i < s_->records.size(); ++i) {
    const BlockingKeys keys = blocking_keys(s_->records[i]);
    for (std::size_t k = 0; k < kBlockingKeyCount; ++k)
      if (keys[k] != 0) s_->index[k].push_back({keys[k], i});
  }
  parallel_for(kBlockingKeyCount, s_->threads, [&](std::size_t k, unsigned) {
    auto& entries = s_->index[k];
    std::sort(entries.begin(), entries.end());
    // Over-common key values are no evidence and would make a lookup slow: dropped.
    std::size_t out = 0;
    for (std::size_t begin = 0; begin < entries.size();) {
      std::size_t end = begin + 1;
      while (end < entries.size() && entries[end].first == entries[begin].first) ++end;
      if (end - begin <= s_->options.max_block)
        for (std::size_t i = begin; i < end; ++i) entries[out++] = entries[i];
      begin = end;
    }
    entries.resize(out);
    entries.shrink_to_fit();
  });
}

std::vector<Candidate> Linker::lookup(const PersonRecord& query, std::size_t limit) const {
  const PreparedRecord q = s_->prepare_query(query);
  const BlockingKeys keys = blocking_keys(q);
  std::vector<std::uint32_t> seen;
  for (std::size_t k = 0; k < kBlockingKeyCount; ++k) {
    if (keys[k] == 0) continue;
    const auto& entries = s_->index[k];
    auto it = std::lower_bound(entries.begin(), entries.end(), std::pair<std::uint64_t, std::uint32_t>{keys[k], 0});
    for (; it != entries.end() && it->first == keys[k]; ++it) seen.push_back(it->second);
    auto [lo, hi] = s_->added[k].equal_range(keys[k]);
    for (auto a = lo; a != hi; ++a) seen.push_back(a->second);
  }
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  const double review_weight = weight_of(s_->options.review_probability);
  std::vector<Candidate> found;
  for (std::uint32_t r : seen) {
    const double w = s_->model->weight_if_at_least(s_->records[r], q, review_weight);
    if (w >= review_weight) found.push_back({r, w, FellegiSunter::probability(w)});
  }
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.record < b.record;
  });
  if (found.size() > limit) found.resize(limit);
  return found;
}

Linkage Linker::dedupe() {
  const auto& records = s_->records;
  auto& model = *s_->model;
  const unsigned threads = s_->threads;
  Linkage out;
  out.stats.records = records.size();
  out.stats.hot_values = s_->hot_values;
  if (records.size() < 2) {
    out.cluster.resize(records.size());
    for (std::uint32_t i = 0; i < records.size(); ++i) out.cluster[i] = i;
    return out;
  }

  // u: comparison patterns of random pairs, which are almost all strangers.
  const std::uint64_t n = records.size();
  const std::uint64_t samples = std::min<std::uint64_t>(s_->options.u_sample_pairs, n * (n - 1) / 2);
  std::vector<std::unordered_map<Pattern, double>> counts(threads);
  parallel_for(threads, threads, [&](std::size_t t, unsigned worker) {
    std::mt19937_64 rng(s_->options.seed * 7919 + t);
    std::uniform_int_distribution<std::uint64_t> pick(0, n - 1);
    for (std::uint64_t k = t; k < samples; k += threads) {
      std::uint64_t a = pick(rng), b = pick(rng);
      while (b == a) b = pick(rng);
      ++counts[worker][model.pattern(records[a], records[b])];
    }
  });
  auto merged = [&] {
    std::unordered_map<Pattern, double> all;
    for (auto& c : counts) {
      for (const auto& [p, k] : c) all[p] += k;
      c.clear();
    }
    return sorted_counts(all);
  };
  model.estimate_u(merged());

  // m: EM over the patterns of the pairs of each blocking key in turn, leaving out the
  // fields that key blocked on; the estimates of the keys are averaged. Then the prior
  // over all candidate pairs.
  const Blocks blocks(records, {s_->options.max_block, s_->options.pairs_per_record, s_->options.min_pairs_per_key, threads});
  out.stats.blocks = blocks.count();
  out.stats.capped_blocks = blocks.capped();
  out.stats.pairs_in_blocks = blocks.pair_upper_bound();
  // Each key's session sees all of its pairs, also those an earlier key found: a session
  // of only the pairs the earlier keys missed would learn that matches rarely agree on them.
  // EM needs a sample, not every pair: a key with more pairs than em_pairs_per_key is
  // sampled block by block (by block number, so the result does not depend on threads),
  // and its candidates count 1/rate times toward the prior.
  std::array<std::uint64_t, kBlockingKeyCount> key_pairs{};
  for (std::size_t b = 0; b < blocks.count(); ++b) key_pairs[blocks.key_of(b)] += blocks.pairs_in(b);
  std::array<double, kBlockingKeyCount> rate{};
  for (std::size_t k = 0; k < kBlockingKeyCount; ++k)
    rate[k] = key_pairs[k] == 0 ? 1.0 : std::min(1.0, static_cast<double>(s_->options.em_pairs_per_key) / key_pairs[k]);
  auto sampled = [&](std::size_t b) {
    const std::uint64_t h = (b + 1) * 0x9E3779B97F4A7C15ULL;
    return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53) < rate[blocks.key_of(b)];
  };
  std::vector<std::array<std::unordered_map<Pattern, double>, kBlockingKeyCount>> by_key(threads);
  std::vector<std::unordered_map<Pattern, double>> candidates(threads);
  std::vector<std::uint64_t> pairs(threads, 0);
  parallel_for(blocks.count(), threads, [&](std::size_t b, unsigned worker) {
    if (!sampled(b)) {
      blocks.for_each_pair(b, [&](std::uint32_t, std::uint32_t, bool first) { pairs[worker] += first; });
      return;
    }
    auto& c = by_key[worker][blocks.key_of(b)];
    const double scale = 1.0 / rate[blocks.key_of(b)];
    blocks.for_each_pair(b, [&](std::uint32_t x, std::uint32_t y, bool first) {
      const Pattern p = model.pattern(records[x], records[y]);
      ++c[p];
      if (!first) return;
      candidates[worker][p] += scale;
      ++pairs[worker];
    });
  });
  for (auto p : pairs) out.stats.candidate_pairs += p;
  const FellegiSunter start = model;
  std::vector<std::vector<double>> m_sum(model.fields().size());
  std::vector<int> sessions(model.fields().size(), 0);
  for (std::size_t key = 0; key < kBlockingKeyCount; ++key) {
    std::unordered_map<Pattern, double> merged_key;
    double total = 0;
    for (auto& per_thread : by_key) {
      for (const auto& [p, k] : per_thread[key]) merged_key[p] += k, total += k;
      per_thread[key].clear();
    }
    if (total < s_->options.min_em_pairs) continue;
    std::uint32_t skip = 0;
    for (std::size_t f = 0; f < model.fields().size(); ++f)
      if ((blocking_key_roles(key) >> static_cast<unsigned>(model.fields()[f].role)) & 1U) skip |= 1U << f;
    FellegiSunter session = start;
    out.stats.em_iterations = std::max(out.stats.em_iterations, session.estimate_m(sorted_counts(merged_key), skip));
    for (std::size_t f = 0; f < model.fields().size(); ++f) {
      if ((skip >> f) & 1U) continue;
      const auto& m = session.fields()[f].m;
      if (m_sum[f].empty()) m_sum[f].assign(m.size(), 0.0);
      for (std::size_t l = 0; l < m.size(); ++l) m_sum[f][l] += m[l];
      ++sessions[f];
    }
  }
  for (std::size_t f = 0; f < model.fields().size(); ++f) {
    if (sessions[f] == 0) continue;
    for (auto& v : m_sum[f]) v /= sessions[f];
    model.set_m(f, m_sum[f]);
  }
  // The prior of the scores is that of two records picked at random, not of two records
  // that share a block: the candidates' expected matches over all pairs.
  counts = std::move(candidates);
  model.estimate_lambda(merged());
  const double all_pairs = static_cast<double>(n) * static_cast<double>(n - 1) / 2;
  const double expected_matches = model.lambda() * static_cast<double>(out.stats.candidate_pairs);  // a ratio: sampling does not bias it
  model.set_lambda(std::clamp(expected_matches / all_pairs, 1e-12, 0.5));

  // Score every candidate pair again; keep only those worth a person's look.
  // Pairs below review still count as support for a merge (a weak pair is not no pair).
  const double review_weight = weight_of(s_->options.review_probability);
  const double keep_weight = std::min(review_weight, weight_of(s_->options.support_probability));
  std::vector<std::vector<ScoredPair>> kept(threads);
  parallel_for(blocks.count(), threads, [&](std::size_t b, unsigned worker) {
    // Ask for the block's records, then their values, before comparing: the loads overlap.
    const auto members = blocks.members(b);
    for (std::uint32_t r : members) __builtin_prefetch(&records[r]);
    for (std::uint32_t r : members) __builtin_prefetch(records[r].text.data());
    blocks.for_each_pair(b, [&](std::uint32_t x, std::uint32_t y, bool first) {
      if (!first) return;
      const double w = model.weight_if_at_least(records[x], records[y], keep_weight);
      if (w >= keep_weight) kept[worker].push_back({x, y, w});
    });
  });
  std::vector<ScoredPair> scored;
  for (auto& k : kept) scored.insert(scored.end(), k.begin(), k.end());
  kept.clear();
  std::sort(scored.begin(), scored.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  out.cluster = cluster_records(records.size(), scored,
                                {weight_of(s_->options.link_probability), s_->options.min_support, s_->options.max_cluster,
                                 weight_of(s_->options.strong_probability), s_->options.strong_support});
  for (const auto& p : scored)
    if (p.weight >= review_weight) out.links.push_back({p.a, p.b, p.weight, FellegiSunter::probability(p.weight)});
  return out;
}

}  // namespace rocta::match
