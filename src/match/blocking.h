// Blocking: which pairs are worth comparing. Records sharing the value of any of several
// keys (date of birth read either way round, sound of the surname with the first
// initial, …) form a block; every pair in a block is a candidate. Blocks larger than a cap
// are over-common values (a placeholder date, a hostel) and are not enumerated, and so
// are a key's largest blocks when together they would cost more than its pair budget. A pair
// that several keys bring together is produced once, by the first of them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "match/field_comparison.h"

namespace rocta::match {

inline constexpr std::size_t kBlockingKeyCount = 18;
using BlockingKeys = std::array<std::uint64_t, kBlockingKeyCount>;  // 0: record has no such key

BlockingKeys blocking_keys(const PreparedRecord& r);
std::string_view blocking_key_name(std::size_t key);
// The roles a key is made from, as bits (1 << role): pairs it finds agree on them by design.
std::uint32_t blocking_key_roles(std::size_t key);

struct BlockingLimits {
  std::size_t max_block;               // no block larger than this is enumerated
  std::uint64_t pairs_per_record;      // per key: its largest blocks are dropped past
  std::uint64_t min_pairs_per_key;     //   max(min_pairs_per_key, pairs_per_record * records) pairs
  unsigned threads = 1;                // workers computing and sorting the keys
};

class Blocks {
 public:
  Blocks(const std::vector<PreparedRecord>& records, const BlockingLimits& limits);

  std::size_t count() const { return runs_.size(); }
  std::size_t key_of(std::size_t block) const { return runs_[block].key; }
  std::uint64_t pairs_in(std::size_t block) const {
    const std::uint64_t size = runs_[block].end - runs_[block].begin;
    return size * (size - 1) / 2;
  }
  std::size_t capped() const { return capped_; }
  // Candidate pairs before removing those several keys share (for the statistics).
  std::uint64_t pair_upper_bound() const { return pair_upper_bound_; }

  // Calls visit(a, b, first) for each pair of block `block`; `first` is false when an
  // earlier key also produces the pair (so each candidate pair is once first).
  // The records of block `block`.
  std::span<const std::uint32_t> members(std::size_t block) const {
    const Run& run = runs_[block];
    return std::span<const std::uint32_t>(order_[run.key]).subspan(run.begin, run.end - run.begin);
  }

  template <typename Visit>
  void for_each_pair(std::size_t block, Visit&& visit) const {
    const Run& run = runs_[block];
    const auto& order = order_[run.key];
    // The members are scattered over a million records: ask for all their keys at once
    // rather than wait for each in turn.
    if (run.key > 0)
      for (std::uint32_t i = run.begin; i < run.end; ++i) __builtin_prefetch(keys_[order[i]].data());
    for (std::uint32_t i = run.begin; i < run.end; ++i)
      for (std::uint32_t j = i + 1; j < run.end; ++j) visit(order[i], order[j], !produced_earlier(order[i], order[j], run.key));
  }

 private:
  struct Run {
    std::uint32_t key, begin, end;
  };
  bool produced_earlier(std::uint32_t a, std::uint32_t b, std::uint32_t key) const {
    for (std::uint32_t k = 0; k < key; ++k)
      if (keys_[a][k] != 0 && keys_[a][k] == keys_[b][k]) return true;
    return false;
  }

  std::vector<BlockingKeys> keys_;  // zeroed where the block was capped
  std::array<std::vector<std::uint32_t>, kBlockingKeyCount> order_;
  std::vector<Run> runs_;
  std::size_t capped_ = 0;
  std::uint64_t pair_upper_bound_ = 0;
};

}  // namespace rocta::match
