#include "match/blocking.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace rocta::match {
namespace {

constexpr std::uint32_t bit(Role r) { return 1U << static_cast<unsigned>(r); }
constexpr std::uint32_t kGiven = bit(Role::kGivenName), kSurname = bit(Role::kSurname), kDob = bit(Role::kDob);

struct KeySpec {
  std::string_view name;
  std::uint32_t roles;  // what the pairs it finds agree on by construction
};

// In the order a pair is attributed to them: the first key that finds a pair produces it.
constexpr std::array<KeySpec, kBlockingKeyCount> kKeys = {{
    {"date of birth (either way round)", kDob},
    {"surname sound + initial + birth year", kGiven | kSurname | kDob},
    {"given name sound + surname initial + birth day and month", kGiven | kSurname | kDob},
    {"surname sound + birth day and month", kSurname | kDob},
    {"postcode + initial", bit(Role::kPostcode) | kGiven},
    {"phone", bit(Role::kPhone)},
    {"email", bit(Role::kEmail)},
    {"identifier", bit(Role::kIdNumber)},
    {"address", bit(Role::kAddress)},
    {"sounds of both names, either order", kGiven | kSurname},
    {"surname sound + initial", kGiven | kSurname},
    // Reaching records whose names are missing, changed or abbreviated, or whose date is out:
    {"email name before the @", bit(Role::kEmail)},
    {"given name sound + birth year and month", kGiven | kDob},
    {"surname sound + birth year", kSurname | kDob},
    {"initials (either order) + date of birth", kGiven | kSurname | kDob},
    {"address + surname sound", bit(Role::kAddress) | kSurname},
    {"address + given name sound", bit(Role::kAddress) | kGiven},
    {"occupation or birthplace + surname sound", bit(Role::kOccupation) | bit(Role::kBirthplace) | kSurname},
}};

std::uint64_t key_of(std::size_t key, const std::string& text) {
  if (text.empty()) return 0;
  const std::uint64_t h = std::hash<std::string>{}(text) ^ (0x9E3779B97F4A7C15ULL * (key + 1));
  return h == 0 ? 1 : h;
}

}  // namespace

std::string_view blocking_key_name(std::size_t key) { return kKeys[key].name; }

std::uint32_t blocking_key_roles(std::size_t key) { return kKeys[key].roles; }

BlockingKeys blocking_keys(const PreparedRecord& r) {
  BlockingKeys k{};
  const bool dob = r.has(Role::kDob);
  const int year = r.dob / 10000, md = r.dob % 10000, m = md / 100, d = md % 100;
  const std::string day_month = dob ? std::to_string(std::min(m, d) * 100 + std::max(m, d)) : std::string{};
  const std::string year_s = dob ? std::to_string(year) : std::string{};
  const std::string year_month = dob ? std::to_string(r.dob / 100) : std::string{};
  const std::string given = std::string(r.given_formal.empty() ? std::string_view(r[Role::kGivenName]) : r.given_formal);
  const std::string initial = given.empty() ? std::string{} : given.substr(0, 1);
  const std::string given_sound = given.empty() ? std::string{} : soundex(given);
  const std::string surname_sound = std::string(r.surname_soundex());
  auto both = [](const std::string& a, const std::string& b) { return a.empty() || b.empty() ? std::string{} : a + '|' + b; };
  if (dob) k[0] = key_of(0, year_s + '|' + day_month);
  const std::string surname_initial = std::string(r[Role::kSurname].substr(0, 1));
  k[1] = key_of(1, both(both(surname_sound, initial), year_s));
  k[2] = key_of(2, both(both(given_sound, surname_initial), day_month));
  k[3] = key_of(3, both(surname_sound, day_month));
  if (r.has(Role::kPostcode)) k[4] = key_of(4, both(std::string(r[Role::kPostcode]), initial));
  if (r.has(Role::kPhone)) k[5] = key_of(5, std::string(r[Role::kPhone]));
  if (r.has(Role::kEmail)) k[6] = key_of(6, std::string(r[Role::kEmail]));
  if (r.has(Role::kIdNumber)) k[7] = key_of(7, std::string(r[Role::kIdNumber]));
  const std::string address = r.has(Role::kAddress) ? std::string(r[Role::kAddress]) : std::string{};
  k[8] = key_of(8, address);
  // Either order: records that swap given name and surname still meet.
  const std::string& s1 = std::min(given_sound, surname_sound);
  const std::string& s2 = std::max(given_sound, surname_sound);
  k[9] = key_of(9, both(s1, s2));
  k[10] = key_of(10, both(surname_sound, initial));
  if (r.has(Role::kEmail)) {
    const auto& email = r[Role::kEmail];
    const auto at = email.find('@');
    // A short name before the @ ("jb88", "info") is shared by strangers at other domains.
    if (at >= 4 && at != std::string_view::npos) k[11] = key_of(11, std::string(email.substr(0, at)));
  }
  k[12] = key_of(12, both(given_sound, year_month));
  k[13] = key_of(13, both(surname_sound, year_s));
  if (dob && !initial.empty() && !surname_initial.empty())
    k[14] = key_of(14, std::min(initial, surname_initial) + std::max(initial, surname_initial) + '|' + std::to_string(r.dob));
  k[15] = key_of(15, both(address, surname_sound));
  k[16] = key_of(16, both(address, given_sound));
  std::string place;
  for (Role role : {Role::kOccupation, Role::kBirthplace})
    if (r.has(role)) place += std::string(r[role]) + '|';
  k[17] = key_of(17, both(place, surname_sound));
  return k;
}

namespace {
// Runs task(i) for i in [0, tasks) on `threads` workers.
template <typename Task>
void on_threads(std::size_t tasks, unsigned threads, Task&& task) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < tasks;) task(i);
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
}
}  // namespace

Blocks::Blocks(const std::vector<PreparedRecord>& records, const BlockingLimits& limits) {
  const unsigned threads = std::max(1U, limits.threads);
  keys_.resize(records.size());
  constexpr std::size_t kChunk = 4096;
  on_threads((records.size() + kChunk - 1) / kChunk, threads, [&](std::size_t c) {
    for (std::size_t i = c * kChunk; i < std::min(records.size(), (c + 1) * kChunk); ++i) keys_[i] = blocking_keys(records[i]);
  });
  const std::uint64_t budget = std::max<std::uint64_t>(limits.min_pairs_per_key, limits.pairs_per_record * records.size());
  std::array<std::vector<Run>, kBlockingKeyCount> runs_of;
  std::array<std::size_t, kBlockingKeyCount> capped{};
  // Keys are independent: each writes only its own column of keys_ and its own order.
  on_threads(kBlockingKeyCount, threads, [&](std::size_t k) {
    const auto key = static_cast<std::uint32_t>(k);
    std::vector<std::pair<std::uint64_t, std::uint32_t>> sorted;  // (key value, record)
    for (std::uint32_t i = 0; i < keys_.size(); ++i)
      if (keys_[i][key] != 0) sorted.push_back({keys_[i][key], i});
    std::sort(sorted.begin(), sorted.end());
    std::vector<Run> runs;
    for (std::uint32_t begin = 0; begin < sorted.size();) {
      std::uint32_t end = begin + 1;
      while (end < sorted.size() && sorted[end].first == sorted[begin].first) ++end;
      runs.push_back({key, begin, end});
      begin = end;
    }
    // The cap: at most max_block, and lower when this key's blocks would cost more pairs
    // than the budget (a key that barely separates the records at this size).
    std::vector<std::uint64_t> sizes;
    for (const auto& r : runs) sizes.push_back(r.end - r.begin);
    std::sort(sizes.begin(), sizes.end());
    std::uint64_t cap = 1, total = 0;
    for (std::uint64_t size : sizes) {
      if (size > limits.max_block || total + size * (size - 1) / 2 > budget) break;
      total += size * (size - 1) / 2;
      cap = size;
    }
    // Only records in enumerated blocks are kept in the order (singletons cost memory).
    auto& order = order_[key];
    for (const auto& r : runs) {
      const std::uint64_t size = r.end - r.begin;
      if (size > cap) {
        ++capped[key];
        for (std::uint32_t i = r.begin; i < r.end; ++i) keys_[sorted[i].second][key] = 0;  // never enumerated
      } else if (size >= 2) {
        const auto begin = static_cast<std::uint32_t>(order.size());
        for (std::uint32_t i = r.begin; i < r.end; ++i) order.push_back(sorted[i].second);
        runs_of[key].push_back({key, begin, static_cast<std::uint32_t>(order.size())});
      }
    }
    order.shrink_to_fit();
  });
  for (std::size_t key = 0; key < kBlockingKeyCount; ++key) {
    capped_ += capped[key];
    for (const auto& r : runs_of[key]) {
      const std::uint64_t size = r.end - r.begin;
      pair_upper_bound_ += size * (size - 1) / 2;
      runs_.push_back(r);
    }
  }
  // Largest blocks first, so that threads finish together.
  std::stable_sort(runs_.begin(), runs_.end(), [](const Run& a, const Run& b) { return a.end - a.begin > b.end - b.begin; });
}

}  // namespace rocta::match
