// The record-linkage engine: prepares records, finds over-common values, blocks, fits a
// Fellegi–Sunter model without labels, scores candidate pairs on several threads and
// clusters them into entities. Pure compute: records in, clusters and links out.
//
// Memory grows with the records (prepared values, blocking keys, kept links), not with
// the pairs compared: pairs are streamed twice, once into counts of comparison patterns
// (for EM) and once into the links that pass the review threshold.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "match/fellegi_sunter.h"
#include "match/role.h"

namespace rocta::match {

// A value an administrator has ruled out as evidence (a custody suite's address, a
// switchboard number): never compared, never blocked on.
struct Exclusion {
  Role role;
  std::string value;  // as written; normalised like the records
};

struct LinkageOptions {
  unsigned threads = 0;                // 0: one per core
  double link_probability = 0.8;      // joins two records
  double review_probability = 0.5;     // kept as a link for a person to review
  double min_support = 0.3;            // two groups merge when their pairs' mean probability reaches this
  double support_probability = 0.5;    // pairs from this up count as support (below review: kept only for it)
  double strong_probability = 0.99;    // second pass: a pair this likely merges its groups…
  double strong_support = 0.15;        // … when their pairs' mean probability reaches this
  std::size_t max_block = 400;         // larger blocks are over-common values: not enumerated
  std::uint64_t pairs_per_record = 4;  // per blocking key, at most this many pairs per record…
  std::uint64_t min_pairs_per_key = 200000;  // … or this many, whichever is more
  std::size_t max_cluster = 100;
  std::size_t hot_min_count = 20;      // a value held by fewer records is never over-common
  double hot_ratio = 10;               // … and must be held by this many times the median
  std::size_t u_sample_pairs = 200000;  // u: comparison patterns of random pairs
  std::uint64_t min_em_pairs = 50;      // a blocking key with fewer pairs adds nothing to m
  std::uint64_t em_pairs_per_key = 100000;  // EM samples the blocks of a key with more
  double max_tf_boost_bits = 3;
  std::uint64_t seed = 1;
  std::vector<Exclusion> exclusions;
};

struct HotValue {
  Role role;
  std::string value;  // normalised
  std::size_t records;
  bool excluded;  // from the exclusion list rather than found in the data
};

struct LinkageStats {
  std::size_t records = 0;
  std::size_t blocks = 0, capped_blocks = 0;
  std::uint64_t pairs_in_blocks = 0;  // counting a pair once per key that finds it
  std::uint64_t candidate_pairs = 0;  // distinct pairs compared and scored
  int em_iterations = 0;
  std::vector<HotValue> hot_values;
};

struct Link {
  std::uint32_t a, b;
  double weight, probability;
};

// A known record like the one looked up.
struct Candidate {
  std::uint32_t record;
  double weight, probability;
};

struct Linkage {
  std::vector<std::uint32_t> cluster;  // per record: smallest record index of its entity
  std::vector<Link> links;             // pairs at or above the review probability
  LinkageStats stats;
};

// Normalises records on `threads` workers (0: one per core), in order.
std::vector<PreparedRecord> prepare_records(std::span<const PersonRecord> records, unsigned threads = 0);

class Linker {
 public:
  // Roles compared are those with a value in at least one record.
  Linker(std::span<const PersonRecord> records, LinkageOptions options);
  // The same from records already prepared (see prepare_records): a large input can be
  // read and prepared in batches without holding every raw record at once.
  Linker(std::vector<PreparedRecord> prepared, LinkageOptions options);
  ~Linker();

  Linkage dedupe();
  // Field-by-field weights of a pair. REQUIRES: dedupe() has run (the model is fitted).
  Explanation explain(std::uint32_t a, std::uint32_t b) const;
  Explanation explain(std::uint32_t known, const PersonRecord& query) const;

  // Online lookup: index the records by their blocking keys once, then find the records
  // like a new one (a nominal being created or searched) without a pass over all records.
  // REQUIRES: dedupe() has run. Thread-safe after build_lookup_index().
  void build_lookup_index();
  // Known records at or above the review probability, most likely first, at most `limit`.
  std::vector<Candidate> lookup(const PersonRecord& query, std::size_t limit = 10) const;
  // Adds a record after build_lookup_index() (a nominal just created): found by lookups
  // from now on, its values weighed without term frequencies until the next build.
  // Returns its record index. REQUIRES: no lookup() or explain() runs at the same time.
  std::uint32_t add(const PersonRecord& record);
  std::size_t size() const;
  const FellegiSunter& model() const;

 private:
  void init();
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace rocta::match
