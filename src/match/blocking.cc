#include "match/blocking.h"

#include <algorithm>
#include <functional>
#include <string>

namespace rocta::match {
namespace {

constexpr std::array<std::string_view, kBlockingKeyCount> kNames = {
    "date of birth (either way round)", "surname sound + initial + birth year",
    "given name sound + surname initial + birth day and month", "surname sound + birth day and month", "postcode + initial", "phone", "email", "identifier",
    "address"};

std::uint64_t key_of(std::size_t key, const std::string& text) {
  if (text.empty()) return 0;
  const std::uint64_t h = std::hash<std::string>{}(text) ^ (0x9E3779B97F4A7C15ULL * (key + 1));
  return h == 0 ? 1 : h;
}

}  // namespace

std::string_view blocking_key_name(std::size_t key) { return kNames[key]; }

std::uint32_t blocking_key_roles(std::size_t key) {
  auto bit = [](Role r) { return 1U << static_cast<unsigned>(r); };
  const std::uint32_t given = bit(Role::kGivenName), surname = bit(Role::kSurname), dob = bit(Role::kDob);
  constexpr std::array<Role, 5> kSingle = {Role::kPostcode, Role::kPhone, Role::kEmail, Role::kIdNumber, Role::kAddress};
  switch (key) {
    case 0: return dob;
    case 1:
    case 2: return given | surname | dob;
    case 3: return surname | dob;
    case 4: return bit(kSingle[0]) | given;
    case 5:
    case 6:
    case 7:
    case 8: return bit(kSingle[key - 4]);
    default: return given | surname;
  }
}

BlockingKeys blocking_keys(const PreparedRecord& r) {
  BlockingKeys k{};
  const bool dob = r.has(Role::kDob);
  const int year = r.dob / 10000, md = r.dob % 10000, m = md / 100, d = md % 100;
  const std::string day_month = dob ? std::to_string(std::min(m, d) * 100 + std::max(m, d)) : std::string{};
  const std::string year_s = dob ? std::to_string(year) : std::string{};
  const std::string given = std::string(r.given_formal.empty() ? std::string_view(r[Role::kGivenName]) : r.given_formal);
  const std::string initial = given.empty() ? std::string{} : given.substr(0, 1);
  const std::string given_sound = given.empty() ? std::string{} : soundex(given);
  auto both = [](const std::string& a, const std::string& b) { return a.empty() || b.empty() ? std::string{} : a + '|' + b; };
  if (dob) k[0] = key_of(0, year_s + '|' + day_month);
  const std::string surname_initial = r[Role::kSurname].substr(0, 1);
  k[1] = key_of(1, both(both(r.surname_soundex, initial), year_s));
  k[2] = key_of(2, both(both(given_sound, surname_initial), day_month));
  k[3] = key_of(3, both(r.surname_soundex, day_month));
  if (r.has(Role::kPostcode)) k[4] = key_of(4, both(r[Role::kPostcode], initial));
  if (r.has(Role::kPhone)) k[5] = key_of(5, r[Role::kPhone]);
  if (r.has(Role::kEmail)) k[6] = key_of(6, r[Role::kEmail]);
  if (r.has(Role::kIdNumber)) k[7] = key_of(7, r[Role::kIdNumber]);
  if (r.has(Role::kAddress)) k[8] = key_of(8, r[Role::kAddress]);
  // Either order: records that swap given name and surname still meet.
  const std::string& s1 = std::min(given_sound, r.surname_soundex);
  const std::string& s2 = std::max(given_sound, r.surname_soundex);
  k[9] = key_of(9, both(s1, s2));
  k[10] = key_of(10, both(r.surname_soundex, initial));
  return k;
}

Blocks::Blocks(const std::vector<PreparedRecord>& records, const BlockingLimits& limits) {
  keys_.reserve(records.size());
  for (const auto& r : records) keys_.push_back(blocking_keys(r));
  const std::uint64_t budget = std::max<std::uint64_t>(limits.min_pairs_per_key, limits.pairs_per_record * records.size());
  for (std::uint32_t key = 0; key < kBlockingKeyCount; ++key) {
    auto& order = order_[key];
    for (std::uint32_t i = 0; i < keys_.size(); ++i)
      if (keys_[i][key] != 0) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return keys_[a][key] != keys_[b][key] ? keys_[a][key] < keys_[b][key] : a < b;
    });
    std::vector<Run> runs;
    for (std::uint32_t begin = 0; begin < order.size();) {
      std::uint32_t end = begin + 1;
      while (end < order.size() && keys_[order[end]][key] == keys_[order[begin]][key]) ++end;
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
    for (const auto& r : runs) {
      const std::uint64_t size = r.end - r.begin;
      if (size > cap) {
        ++capped_;
        for (std::uint32_t i = r.begin; i < r.end; ++i) keys_[order[i]][key] = 0;  // never enumerated
      } else if (size >= 2) {
        runs_.push_back(r);
        pair_upper_bound_ += size * (size - 1) / 2;
      }
    }
  }
  // Largest blocks first, so that threads finish together.
  std::sort(runs_.begin(), runs_.end(), [](const Run& a, const Run& b) { return a.end - a.begin > b.end - b.begin; });
}

}  // namespace rocta::match
